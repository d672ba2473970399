package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.GeoHash;
import io.lime.internal.type.GeoType;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The geo commands (Redis's src/geo.c command half): handlers parse, lock, call the
 * {@link GeoType} operations (the ones the typed {@code GeoView} calls) and reply with
 * Redis's number formats: distances as {@code %.4f} bulk strings, coordinates as
 * addReplyHumanLongDouble ({@code %.17Lf} without trailing zeros; a bulk string in RESP2, a
 * double in RESP3).
 */
final class GeoCommands implements CommandGroup {
  private GeoCommands() {}

  /** GEOADD key [NX | XX] [CH] longitude latitude member [...] — O(log(N)) per member. */
  static void geoadd(Call c) {
    Argv a = c.argv();
    boolean nx = false;
    boolean xx = false;
    int flags = 0;
    int first = 2;
    for (; first < a.size(); first++) {
      if (a.is(first, "NX")) {
        nx = true;
      } else if (a.is(first, "XX")) {
        xx = true;
      } else if (!a.is(first, "CH")) {
        break;
      }
      flags |= a.is(first, "NX") ? SortedSetType.IN_NX
          : a.is(first, "XX") ? SortedSetType.IN_XX : SortedSetType.IN_CH;
    }
    int left = a.size() - first;
    if (left % 3 != 0 || (xx && nx) || left == 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(GeoType.add(k, flags, c.args(first, -1)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** GEODIST key member1 member2 [M | KM | FT | MI] — O(log(N)). */
  static void geodist(Call c) {
    Argv a = c.argv();
    double toMeters = 1;
    try {
      if (a.size() == 5) {
        toMeters = GeoSearchArgs.unit(a, 4);
      } else if (a.size() > 5) {
        throw new LimeException(Errors.SYNTAX);
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
      return;
    }
    double units = toMeters;
    SortedSetCommands.read(c, (call, z) -> {
      if (z == null) {
        call.out().nullBulk();
        return;
      }
      double d = GeoType.distance(z, call.args(2, 4), units);
      if (Double.isNaN(d)) {
        call.out().nullBulk();
      } else {
        call.out().bulk(GeoHash.formatDistance(d));
      }
    });
  }

  /** GEOHASH key [member [member ...]] — O(log(N)) per member. */
  static void geohash(Call c) {
    SortedSetCommands.read(c, (call, z) -> {
      Argv a = call.argv();
      call.out().arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        byte[] h = GeoType.hash(z, a.array(), a.offset(i), a.length(i));
        Replies.bulkOrNull(call.out(), h);
      }
    });
  }

  /** GEOPOS key [member [member ...]] — O(N). */
  static void geopos(Call c) {
    SortedSetCommands.read(c, (call, z) -> {
      Argv a = call.argv();
      ReplySink out = call.out();
      out.arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        double[] xy = GeoType.position(z, a.array(), a.offset(i), a.length(i));
        if (xy == null) {
          out.nullArray();
        } else {
          out.arrayHeader(2);
          coordinate(out, xy[0]);
          coordinate(out, xy[1]);
        }
      }
    });
  }

  /** Redis's addReplyHumanLongDouble. */
  private static void coordinate(ReplySink out, double v) {
    String text = LongDouble.of(v).toHumanString();
    if (out.protocol() == 2) {
      out.bulk(text);
    } else {
      out.raw(("," + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** GEORADIUS key lon lat radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC] [STORE|STOREDIST key]. */
  static void georadius(Call c) {
    search(c, 1, GeoSearchArgs.RADIUS_COORDS);
  }

  /** GEORADIUS_RO key lon lat radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC]. */
  static void georadiusRo(Call c) {
    search(c, 1, GeoSearchArgs.RADIUS_COORDS | GeoSearchArgs.NOSTORE);
  }

  /** GEORADIUSBYMEMBER key member radius unit [options]. */
  static void georadiusbymember(Call c) {
    search(c, 1, GeoSearchArgs.RADIUS_MEMBER);
  }

  /** GEORADIUSBYMEMBER_RO key member radius unit [options]. */
  static void georadiusbymemberRo(Call c) {
    search(c, 1, GeoSearchArgs.RADIUS_MEMBER | GeoSearchArgs.NOSTORE);
  }

  /** GEOSEARCH key FROMMEMBER m | FROMLONLAT lon lat BYRADIUS r unit | BYBOX w h unit [options]. */
  static void geosearch(Call c) {
    search(c, 1, GeoSearchArgs.GEOSEARCH);
  }

  /** GEOSEARCHSTORE dst src FROMMEMBER ... | FROMLONLAT ... BYRADIUS ... | BYBOX ... [STOREDIST]. */
  static void geosearchstore(Call c) {
    search(c, 2, GeoSearchArgs.GEOSEARCH | GeoSearchArgs.GEOSEARCHSTORE);
  }

  /** Redis's georadiusGeneric: look up the source, parse, search, reply or store. */
  @SuppressWarnings("try") // the locks are held, not referenced
  private static void search(Call c, int src, int flags) {
    Argv a = c.argv();
    int dst = GeoSearchArgs.storeIndex(a, flags);
    try {
      if (dst == 0) {
        try (LockedKey k = c.lockKey(src)) {
          run(c, k, 0, flags);
        }
      } else {
        try (KeyLocks locks = KeyLocks.of(c.db(), a.copy(src), a.copy(dst))) {
          run(c, c.keyWithin(src), dst, flags);
        }
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** The search under the locks of the source {@code k} and the destination argument {@code dst}. */
  private static void run(Call c, LockedKey k, int dst, int flags) {
    SortedSetValue z = SortedSetCommands.read(c, k);
    GeoSearchArgs g = GeoSearchArgs.parse(c.argv(), flags, z);
    if (g.storeKey != dst) {
      throw new IllegalStateException("destination not locked"); // storeIndex mirrors parse
    }
    ReplySink out = c.out();
    if (g.storeKey == 0) {
      if (z == null) {
        out.arrayHeader(0);
        return;
      }
      reply(out, GeoType.search(z, g.query()), g);
      return;
    }
    LockedKey target = c.keyWithin(g.storeKey);
    List<GeoType.Point> points = z == null ? List.of() : GeoType.search(z, g.query());
    out.integer(GeoType.store(target, points, g.storeDist,
        (flags & GeoSearchArgs.GEOSEARCH) != 0 ? "geosearchstore" : "georadiusstore"));
  }

  private static void reply(ReplySink out, List<GeoType.Point> points, GeoSearchArgs g) {
    int options = (g.withDist ? 1 : 0) + (g.withCoord ? 1 : 0) + (g.withHash ? 1 : 0);
    out.arrayHeader(points.size());
    for (GeoType.Point p : points) {
      if (options > 0) {
        out.arrayHeader(options + 1);
      }
      out.bulk(p.member());
      if (g.withDist) {
        out.bulk(GeoHash.formatDistance(p.dist()));
      }
      if (g.withHash) {
        out.integer((long) p.score());
      }
      if (g.withCoord) {
        out.arrayHeader(2);
        coordinate(out, p.lon());
        coordinate(out, p.lat());
      }
    }
  }
}
