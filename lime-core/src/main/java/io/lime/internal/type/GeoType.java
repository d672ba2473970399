package io.lime.internal.type;

import io.lime.GeoView;
import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.util.PartialSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The geo operations (Redis's src/geo.c after parsing), on sorted sets whose scores are 52-bit
 * geohashes ({@link GeoHash}): GEOADD as a ZADD of the encoded points, the position and
 * distance reads, and the area search of GEORADIUS / GEOSEARCH with its STORE form. Both
 * doors call them: {@code GeoCommands} and the typed {@code LocalGeoView}.
 *
 * <p>The search visits the centre box and its eight neighbours in Redis's order, each as a
 * score range {@code [min, max)} of the sorted set in score order, so the unsorted result
 * order, COUNT ... ANY's early stop and the order by distance (glibc's stable qsort, or
 * Redis's partial quicksort for COUNT: {@link PartialSort}) match Redis's, ties included.
 *
 * <p>Concurrency: the caller holds the shards of the keys ({@link LockedKey}).
 */
public final class GeoType {
  /** No ordering (the order the boxes were visited in). */
  public static final int SORT_NONE = 0;
  /** Nearest first. */
  public static final int SORT_ASC = 1;
  /** Farthest first. */
  public static final int SORT_DESC = 2;

  private GeoType() {}

  /** A point found by a search: its member, position, distance (in the query's unit), score. */
  public record Point(byte[] member, double lon, double lat, double dist, double score) {}

  /**
   * A search: the area, the order ({@code SORT_*}), at most {@code count} results (0: all), and
   * {@code any}: stop collecting once {@code count} points are found.
   */
  public record Query(GeoShape shape, int sort, long count, boolean any) {}

  // ------------------------------------------------------------------ GEOADD

  /**
   * GEOADD with {@code SortedSetType.IN_NX | IN_XX | IN_CH} flags over the longitude, latitude,
   * member triples of {@code args}: checks every coordinate first (nothing is added when one is
   * invalid), then adds as ZADD (the "zadd" event), and propagates as Redis does: {@code ZADD key
   * [options] score member ...}. Returns ZADD's count.
   *
   * @throws LimeException "value is not a valid float", "invalid longitude,latitude pair", or
   *     WRONGTYPE
   */
  public static long add(LockedKey k, int flags, ByteArgs args) {
    int n = args.size() / 3;
    double[] scores = new double[n];
    byte[][] members = new byte[n][];
    for (int i = 0; i < n; i++) {
      double lon = coordinate(args, 3 * i);
      double lat = coordinate(args, 3 * i + 1);
      checkPair(lon, lat);
      scores[i] = GeoHash.score(lon, lat);
      members[i] = args.copy(3 * i + 2);
    }
    return addScored(k, flags, members, scores);
  }

  /**
   * GEOADD of one member at a position (the typed door): as {@link #add}.
   *
   * @throws LimeException "invalid longitude,latitude pair", or WRONGTYPE
   */
  public static long add(LockedKey k, int flags, byte[] member, double lon, double lat) {
    checkPair(lon, lat);
    return addScored(k, flags, new byte[][] {member}, new double[] {GeoHash.score(lon, lat)});
  }

  private static long addScored(LockedKey k, int flags, byte[][] members, double[] scores) {
    long r = SortedSetWrites.add(k, flags, ByteArgs.of(members), scores);
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(addForm(k.keyCopy(), flags, scores, members));
    }
    return r;
  }

  /** The ZADD that GEOADD propagates as (scores as integers, as Redis writes them). */
  public static byte[][] addForm(byte[] key, int flags, double[] scores, byte[][] members) {
    List<Object> argv = new ArrayList<>(4 + 2 * scores.length);
    argv.add("zadd");
    argv.add(key);
    if ((flags & SortedSetType.IN_NX) != 0) {
      argv.add("NX");
    }
    if ((flags & SortedSetType.IN_XX) != 0) {
      argv.add("XX");
    }
    if ((flags & SortedSetType.IN_CH) != 0) {
      argv.add("CH");
    }
    for (int i = 0; i < scores.length; i++) {
      argv.add((long) scores[i]);
      argv.add(members[i]);
    }
    return Argvs.of(argv.toArray());
  }

  /** A longitude or latitude argument (getDoubleFromObject). */
  private static double coordinate(ByteArgs args, int i) {
    double v = SortedSetParse.parseScore(args.array(i), args.offset(i), args.length(i));
    if (Double.isNaN(v)) {
      throw new NotFloatException();
    }
    return v;
  }

  /**
   * extractLongLatOrReply's range check.
   *
   * @throws LimeException "invalid longitude,latitude pair" outside the limits
   */
  public static void checkPair(double lon, double lat) {
    if (!GeoHash.valid(lon, lat)) {
      throw new LimeException(Errors.geoPair(GeoHash.fixed(lon, 6), GeoHash.fixed(lat, 6)));
    }
  }

  // ------------------------------------------------------------------ reads

  /** The position {@code {lon, lat}} of a member, null when it (or the key: null) is missing. */
  public static double @Nullable [] position(@Nullable SortedSetValue z, byte[] b, int off,
      int len) {
    double score = SortedSetType.score(z, b, off, len);
    return Double.isNaN(score) ? null : GeoHash.decode(score);
  }

  /** GEOHASH's 11-character hash of a member, null when missing. */
  public static byte @Nullable [] hash(@Nullable SortedSetValue z, byte[] b, int off, int len) {
    double score = SortedSetType.score(z, b, off, len);
    return Double.isNaN(score) ? null : GeoHash.standardHash(score);
  }

  /**
   * GEODIST: the distance between two members in the unit of {@code toMeters}, NaN when
   * either is missing.
   */
  public static double distance(@Nullable SortedSetValue z, ByteArgs members, double toMeters) {
    double[] a = position(z, members.array(0), members.offset(0), members.length(0));
    double[] b = position(z, members.array(1), members.offset(1), members.length(1));
    if (a == null || b == null) {
      return Double.NaN;
    }
    return GeoHash.distance(a[0], a[1], b[0], b[1]) / toMeters;
  }

  // ------------------------------------------------------------------ search

  /**
   * The points of {@code z} inside the query's area, ordered and limited as the query says,
   * distances in the query's unit (Redis's georadiusGeneric after parsing).
   */
  public static List<Point> search(SortedSetValue z, Query q) {
    GeoShape shape = q.shape();
    long count = q.count();
    int sort = q.sort();
    if (count != 0 && sort == SORT_NONE && !q.any()) {
      sort = SORT_ASC;
    }
    List<Point> found = collect(z, shape, q.any() ? count : 0);
    int returned = count == 0 || found.size() < count ? found.size() : (int) count;
    if (sort != SORT_NONE) {
      boolean desc = sort == SORT_DESC;
      java.util.Comparator<Point> byDistance = (a, b) -> {
        int c = a.dist() > b.dist() ? 1 : a.dist() == b.dist() ? 0 : -1;
        return desc ? -c : c;
      };
      if (returned == found.size()) {
        found.sort(byDistance); // glibc's qsort: a stable merge sort
      } else {
        Point[] all = found.toArray(new Point[0]);
        PartialSort.sort(all, all.length, byDistance, 0, returned - 1); // Redis's pqsort
        found = Arrays.asList(all);
      }
    }
    List<Point> out = new ArrayList<>(returned);
    for (int i = 0; i < returned; i++) {
      Point p = found.get(i);
      out.add(new Point(p.member(), p.lon(), p.lat(), p.dist() / shape.conversion(), p.score()));
    }
    return out;
  }

  /** membersOfAllNeighbors: the points in the nine boxes, stopping at {@code limit} (0: none). */
  private static List<Point> collect(SortedSetValue z, GeoShape shape, long limit) {
    long[] boxes = GeoHash.areas(shape);
    List<Point> found = new ArrayList<>();
    int last = 0;
    for (int i = 0; i < 9; i++) {
      long bits = boxes[2 * i];
      long step = boxes[2 * i + 1];
      if (bits == 0 && step == 0) {
        continue;
      }
      if (last != 0 && bits == boxes[2 * last] && step == boxes[2 * last + 1]) {
        continue;
      }
      if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
        break;
      }
      int shift = (int) (52 - step * 2);
      SortedSetRange.Score range =
          new SortedSetRange.Score((double) (bits << shift), false, (double) ((bits + 1) << shift), true);
      int first = z.rep().firstInRange(range);
      if (first >= 0) {
        z.rep().walk(first, false, (b, off, len, score) -> {
          if (!range.lteMax(b, off, len, score)) {
            return false;
          }
          double[] xy = GeoHash.decode(score);
          double d = shape.distanceIfWithin(xy[0], xy[1]);
          if (!Double.isNaN(d)) {
            found.add(new Point(Arrays.copyOfRange(b, off, off + len), xy[0], xy[1], d, score));
          }
          return found.isEmpty() || limit == 0 || found.size() < limit;
        });
      }
      last = i;
    }
    return found;
  }

  /**
   * GEORADIUS ... STORE / STOREDIST and GEOSEARCHSTORE: stores the points under {@code dst}
   * scored by their geohash (or, with {@code storeDist}, their distance), replacing any value,
   * or deletes {@code dst} when there are none; {@code event} is "georadiusstore" or
   * "geosearchstore". Returns how many were stored.
   */
  public static long store(LockedKey dst, List<Point> points, boolean storeDist, String event) {
    SortedSetValue result = SortedSetValue.skiplist();
    for (Point p : points) {
      result.rep().insert(p.member(), storeDist ? p.dist() : p.score());
    }
    return SortedSetWrites.storeEach(dst, result, event);
  }

  // ------------------------------------------------------------------ the typed door's search

  /**
   * The query of a typed search {@code s} over {@code z}, whose centre member's position is
   * read from {@code z}.
   *
   * @throws IllegalArgumentException with {@link Errors#GEO_MEMBER} if the centre member is
   *     not in {@code z}
   */
  public static Query query(SortedSetValue z, GeoView.Search s) {
    double lon;
    double lat;
    if (s.member() != null) {
      double[] xy = position(z, s.member(), 0, s.member().length);
      if (xy == null) {
        throw new IllegalArgumentException(Errors.GEO_MEMBER);
      }
      lon = xy[0];
      lat = xy[1];
    } else {
      lon = s.center().longitude();
      lat = s.center().latitude();
    }
    double meters = s.unit().meters();
    GeoShape shape = s.box() ? GeoShape.box(lon, lat, s.width(), s.height(), meters)
        : GeoShape.circle(lon, lat, s.radius(), meters);
    int sort = s.order() > 0 ? SORT_ASC : s.order() < 0 ? SORT_DESC : SORT_NONE;
    return new Query(shape, sort, s.count(), s.any());
  }

  /**
   * The typed GEOSEARCHSTORE: stores what {@code s} finds in {@code src} under {@code dst}
   * ({@link #store}), propagated as
   * {@code GEOSEARCHSTORE dst src FROM... BY... [ASC|DESC] [COUNT n [ANY]] [STOREDIST]}.
   */
  public static long searchStore(LockedKey src, LockedKey dst, GeoView.Search s,
      boolean storeDist) {
    SortedSetValue z = SortedSetType.read(src);
    List<Point> points = z == null ? List.of() : search(z, query(z, s));
    Propagation p = src.asGiven();
    if (p != null) {
      p.rewrite(searchStoreForm(src, dst, s, storeDist));
    }
    return store(dst, points, storeDist, "geosearchstore");
  }

  private static byte[][] searchStoreForm(LockedKey src, LockedKey dst, GeoView.Search s,
      boolean storeDist) {
    List<Object> argv = new ArrayList<>(List.of("GEOSEARCHSTORE", dst, src));
    if (s.member() != null) {
      argv.addAll(List.of("FROMMEMBER", s.member()));
    } else {
      argv.addAll(List.of("FROMLONLAT", s.center().longitude(), s.center().latitude()));
    }
    if (s.box()) {
      argv.addAll(List.of("BYBOX", s.width(), s.height()));
    } else {
      argv.addAll(List.of("BYRADIUS", s.radius()));
    }
    argv.add(UNITS[s.unit().ordinal()]);
    if (s.order() != 0) {
      argv.add(s.order() > 0 ? "ASC" : "DESC");
    }
    if (s.count() > 0) {
      argv.addAll(List.of("COUNT", s.count()));
      if (s.any()) {
        argv.add("ANY");
      }
    }
    if (storeDist) {
      argv.add("STOREDIST");
    }
    return Argvs.of(argv);
  }

  private static final String[] UNITS = {"m", "km", "ft", "mi"};
}
