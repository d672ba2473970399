package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.GeoShape;
import io.lime.internal.type.GeoType;
import io.lime.internal.type.SortedSetParse;
import io.lime.internal.type.SortedSetValue;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of GEORADIUS, GEORADIUSBYMEMBER (and their {@code _RO} forms), GEOSEARCH and
 * GEOSEARCHSTORE, parsed as Redis's georadiusGeneric does: after the source key was looked up
 * (a FROMMEMBER or BYMEMBER centre is the member's position, read while parsing), each
 * option in turn, then the conflict checks, each error thrown with Redis's text in Redis's
 * order.
 */
final class GeoSearchArgs {
  /** Search around coordinates (GEORADIUS). */ static final int RADIUS_COORDS = 1;
  /** Search around a member (GEORADIUSBYMEMBER). */ static final int RADIUS_MEMBER = 2;
  /** No STORE / STOREDIST (the _RO forms). */ static final int NOSTORE = 4;
  /** GEOSEARCH's arguments. */ static final int GEOSEARCH = 8;
  /** GEOSEARCHSTORE: GEOSEARCH's arguments after a destination, and STOREDIST. */ static final int GEOSEARCHSTORE = 16;

  /** The destination argument (0: reply to the client). */
  int storeKey;
  boolean storeDist;
  boolean withDist;
  boolean withHash;
  boolean withCoord;
  int sort = GeoType.SORT_NONE;
  long count;
  boolean any;
  private double lon;
  private double lat;
  private boolean box;
  private double radius;
  private double width;
  private double height;
  private double conversion;

  private GeoSearchArgs() {}

  /** The query the arguments describe (after a successful {@link #parse}). */
  GeoType.Query query() {
    GeoShape shape = box ? GeoShape.box(lon, lat, width, height, conversion)
        : GeoShape.circle(lon, lat, radius, conversion);
    return new GeoType.Query(shape, sort, count, any);
  }

  /**
   * Where the destination key is, found without parsing values (to lock it with the source):
   * GEOSEARCHSTORE's argument 1, a STORE / STOREDIST option, or 0.
   */
  static int storeIndex(Argv a, int flags) {
    if ((flags & GEOSEARCHSTORE) != 0) {
      return 1;
    }
    if ((flags & (NOSTORE | GEOSEARCH)) != 0) {
      return 0;
    }
    int base = (flags & RADIUS_COORDS) != 0 ? 6 : 5;
    int found = 0;
    for (int i = base; i < a.size(); i++) {
      boolean more = i + 1 < a.size();
      if ((a.is(i, "COUNT")) && more) {
        i++;
      } else if ((a.is(i, "STORE") || a.is(i, "STOREDIST")) && more) {
        found = ++i;
      }
    }
    return found;
  }

  /**
   * Parses the arguments of a command of {@code flags} whose source sorted set is {@code z}
   * (null: missing).
   *
   * @throws LimeException with Redis's text for the first invalid argument or conflict
   */
  static GeoSearchArgs parse(Argv a, int flags, @Nullable SortedSetValue z) {
    GeoSearchArgs g = new GeoSearchArgs();
    int base;
    if ((flags & RADIUS_COORDS) != 0) {
      base = 6;
      g.center(a, 2);
      g.distance(a, 4);
    } else if ((flags & RADIUS_MEMBER) != 0) {
      base = 5;
      if (z != null) {
        g.member(a, 2, z);
        g.distance(a, 3);
      }
    } else {
      base = 2;
      if ((flags & GEOSEARCHSTORE) != 0) {
        base = 3;
        g.storeKey = 1;
      }
    }
    boolean fromMember = false;
    boolean fromLoc = false;
    boolean byRadius = false;
    boolean byBox = false;
    boolean search = (flags & GEOSEARCH) != 0;
    boolean storable = (flags & (NOSTORE | GEOSEARCH)) == 0;
    int remaining = a.size() - base;
    for (int i = 0; i < remaining; i++) {
      int j = base + i;
      if (a.is(j, "WITHDIST")) {
        g.withDist = true;
      } else if (a.is(j, "WITHHASH")) {
        g.withHash = true;
      } else if (a.is(j, "WITHCOORD")) {
        g.withCoord = true;
      } else if (a.is(j, "ANY")) {
        g.any = true;
      } else if (a.is(j, "ASC")) {
        g.sort = GeoType.SORT_ASC;
      } else if (a.is(j, "DESC")) {
        g.sort = GeoType.SORT_DESC;
      } else if (a.is(j, "COUNT") && i + 1 < remaining) {
        if (!Numbers.isLong(a.array(), a.offset(j + 1), a.length(j + 1))) {
          throw new LimeException(Errors.NOT_INTEGER);
        }
        g.count = Numbers.parseLong(a.array(), a.offset(j + 1), a.length(j + 1));
        if (g.count <= 0) {
          throw new LimeException(Errors.GEO_COUNT_NOT_POSITIVE);
        }
        i++;
      } else if (a.is(j, "STORE") && i + 1 < remaining && storable) {
        g.storeKey = j + 1;
        g.storeDist = false;
        i++;
      } else if (a.is(j, "STOREDIST") && i + 1 < remaining && storable) {
        g.storeKey = j + 1;
        g.storeDist = true;
        i++;
      } else if (a.is(j, "STOREDIST") && search && (flags & GEOSEARCHSTORE) != 0) {
        g.storeDist = true;
      } else if (a.is(j, "FROMMEMBER") && i + 1 < remaining && search && !fromLoc) {
        if (z != null) {
          g.member(a, j + 1, z);
        }
        fromMember = true;
        i++;
      } else if (a.is(j, "FROMLONLAT") && i + 2 < remaining && search && !fromMember) {
        g.center(a, j + 1);
        fromLoc = true;
        i += 2;
      } else if (a.is(j, "BYRADIUS") && i + 2 < remaining && search && !byBox) {
        g.distance(a, j + 1);
        g.box = false;
        byRadius = true;
        i += 2;
      } else if (a.is(j, "BYBOX") && i + 3 < remaining && search && !byRadius) {
        g.boxSize(a, j + 1);
        g.box = true;
        byBox = true;
        i += 3;
      } else {
        throw new LimeException(Errors.SYNTAX);
      }
    }
    if (g.storeKey != 0 && (g.withDist || g.withHash || g.withCoord)) {
      throw new LimeException((flags & GEOSEARCHSTORE) != 0 ? Errors.GEOSEARCHSTORE_WITH
          : Errors.GEO_STORE_WITH);
    }
    if (search && !(fromMember || fromLoc)) {
      throw new LimeException(Errors.geoFrom(a.string(0)));
    }
    if (search && !(byRadius || byBox)) {
      throw new LimeException(Errors.geoBy(a.string(0)));
    }
    if (g.any && g.count == 0) {
      throw new LimeException(Errors.GEO_ANY_NEEDS_COUNT);
    }
    return g;
  }

  /** extractLongLatOrReply at arguments {@code i, i+1}. */
  private void center(Argv a, int i) {
    double x = number(a, i, null);
    double y = number(a, i + 1, null);
    GeoType.checkPair(x, y);
    lon = x;
    lat = y;
  }

  /** The centre at a member's position. */
  private void member(Argv a, int i, SortedSetValue z) {
    double[] xy = GeoType.position(z, a.array(), a.offset(i), a.length(i));
    if (xy == null) {
      throw new LimeException(Errors.GEO_MEMBER);
    }
    lon = xy[0];
    lat = xy[1];
  }

  /** extractDistanceOrReply at arguments {@code i, i+1}: radius and unit. */
  private void distance(Argv a, int i) {
    double r = number(a, i, Errors.GEO_NEED_RADIUS);
    if (r < 0) {
      throw new LimeException(Errors.GEO_RADIUS_NEGATIVE);
    }
    radius = r;
    conversion = unit(a, i + 1);
  }

  /** extractBoxOrReply at arguments {@code i .. i+2}: width, height and unit. */
  private void boxSize(Argv a, int i) {
    double w = number(a, i, Errors.GEO_NEED_WIDTH);
    double h = number(a, i + 1, Errors.GEO_NEED_HEIGHT);
    if (h < 0 || w < 0) {
      throw new LimeException(Errors.GEO_BOX_NEGATIVE);
    }
    width = w;
    height = h;
    conversion = unit(a, i + 2);
  }

  /** getDoubleFromObjectOrReply: the float at argument {@code i}, or the error. */
  static double number(Argv a, int i, @Nullable String error) {
    double v = SortedSetParse.parseScore(a.array(), a.offset(i), a.length(i));
    if (Double.isNaN(v)) {
      throw error == null ? new NotFloatException() : new LimeException(error);
    }
    return v;
  }

  /**
   * extractUnitOrReply: the meters of a unit (m, km, ft, mi in any case).
   *
   * @throws LimeException for another unit
   */
  static double unit(Argv a, int i) {
    if (a.is(i, "M")) {
      return 1;
    } else if (a.is(i, "KM")) {
      return 1000;
    } else if (a.is(i, "FT")) {
      return 0.3048;
    } else if (a.is(i, "MI")) {
      return 1609.34;
    }
    throw new LimeException(Errors.GEO_UNIT);
  }
}
