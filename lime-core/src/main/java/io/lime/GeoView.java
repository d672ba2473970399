package io.lime;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The geospatial index at one key: a sorted set whose scores are 52-bit geohashes, as Redis's
 * GEO commands keep it (the key is an ordinary sorted set to every other command). Obtained
 * from {@link KeyValueStore#geo}; a view holds no data, only the key.
 *
 * <p>Behaviour is Redis 7.0's: positions are stored at the precision of the geohash (about
 * 0.6 m), so a position read back is the centre of its cell, not the given coordinates;
 * distances use Redis's haversine formula on a sphere of radius 6372797.560856 m; searches
 * return what GEOSEARCH returns for the same data, in the same order.
 *
 * <p>Thread-safety: every method is atomic with respect to other threads and RESP clients
 * (it locks the key's shard; {@link #searchStore} locks both keys' shards). Nullness: no
 * argument may be null ({@link NullPointerException}); results are null only where stated.
 */
public interface GeoView {
  /** A distance unit, with its length in meters (Redis's m, km, ft, mi). */
  enum Unit {
    METERS(1), KILOMETERS(1000), FEET(0.3048), MILES(1609.34);

    private final double meters;

    Unit(double meters) {
      this.meters = meters;
    }

    /** The unit's length in meters. */
    public double meters() {
      return meters;
    }
  }

  /** A position: longitude in [-180, 180], latitude in [-85.05112878, 85.05112878]. */
  record Position(double longitude, double latitude) {}

  /** GEOADD's condition: always, only new members (NX), only existing members (XX). */
  enum Condition { ALWAYS, NX, XX }

  /**
   * A search: an area (a circle of {@code radius}, or a box of {@code width} by {@code
   * height}, in {@code unit}) around a position or a member, results nearest first ({@code
   * order} 1), farthest first (-1) or in index order (0), at most {@code count} (0: all),
   * and with {@code any} stopping at the first {@code count} found (GEOSEARCH's COUNT ANY).
   * Build with {@link #around}, {@link #aroundMember}, then the {@code with*} methods.
   */
  record Search(@Nullable Position center, byte @Nullable [] member, boolean box, double radius,
      double width, double height, Unit unit, int order, long count, boolean any) {

    /** A search by radius around a position (GEOSEARCH FROMLONLAT ... BYRADIUS). */
    public static Search around(Position center, double radius, Unit unit) {
      return new Search(Objects.requireNonNull(center, "center"), null, false, radius, 0, 0,
          Objects.requireNonNull(unit, "unit"), 0, 0, false);
    }

    /** A search by radius around a member's position (GEOSEARCH FROMMEMBER ... BYRADIUS). */
    public static Search aroundMember(byte[] member, double radius, Unit unit) {
      return new Search(null, Objects.requireNonNull(member, "member").clone(), false, radius,
          0, 0, Objects.requireNonNull(unit, "unit"), 0, 0, false);
    }

    /** The same centre with a box of {@code width} by {@code height} instead (BYBOX). */
    public Search withBox(double boxWidth, double boxHeight) {
      return new Search(center, member, true, 0, boxWidth, boxHeight, unit, order, count, any);
    }

    /** Ordered: 1 nearest first (ASC), -1 farthest first (DESC), 0 index order. */
    public Search withOrder(int newOrder) {
      return new Search(center, member, box, radius, width, height, unit,
          Integer.signum(newOrder), count, any);
    }

    /** At most {@code max} results (COUNT; {@code stopEarly}: ANY). */
    public Search withCount(long max, boolean stopEarly) {
      return new Search(center, member, box, radius, width, height, unit, order, max,
          stopEarly);
    }
  }

  /**
   * A search result: the member, its distance from the centre (in the search's unit), its
   * position and its 52-bit geohash score.
   */
  record Match(byte[] member, double distance, Position position, long hash) {}

  /**
   * GEOADD: adds or moves {@code member} to the position under {@code condition}.
   *
   * <p>Complexity: O(log(N)).
   *
   * @param changed count members whose position changed too (CH)
   * @return 1 if the member was added (with {@code changed}: added or moved), else 0
   * @throws IllegalArgumentException if the position is outside the limits (Redis's "invalid
   *     longitude,latitude pair")
   * @throws WrongTypeException if the key holds another type
   */
  long add(byte[] member, Position position, Condition condition, boolean changed);

  /** {@link #add} of a UTF-8 member, always, counting additions. */
  default boolean add(String member, double longitude, double latitude) {
    return add(Utf8.bytes(member), new Position(longitude, latitude), Condition.ALWAYS, false)
        == 1;
  }

  /**
   * GEOPOS: the stored position of a member (its geohash cell's centre), or null when the
   * member or the key is missing. O(log(N)).
   *
   * @throws WrongTypeException if the key holds another type
   */
  @Nullable Position position(byte[] member);

  /**
   * GEODIST: the distance between two members in {@code unit}, or null when either is
   * missing. O(log(N)).
   *
   * @throws WrongTypeException if the key holds another type
   */
  @Nullable Double distance(byte[] member1, byte[] member2, Unit unit);

  /**
   * GEOHASH: the member's 11-character standard geohash, or null when missing. O(log(N)).
   *
   * @throws WrongTypeException if the key holds another type
   */
  @Nullable String hash(byte[] member);

  /**
   * GEOSEARCH: the members inside the area, as Redis orders and limits them.
   *
   * <p>Complexity: O(N+log(M)), N the elements in the covering boxes, M the index size.
   *
   * @throws IllegalArgumentException for a negative radius or box side, a count below 0, a
   *     centre outside the limits, or a centre member that is not in the index
   * @throws WrongTypeException if the key holds another type
   */
  List<Match> search(Search search);

  /**
   * GEOSEARCHSTORE: stores the members {@link #search} finds as a sorted set at {@code
   * destination} (replacing it; deleting it when none), scored by geohash or, with {@code
   * storeDistance}, by distance. Returns how many were stored.
   *
   * @throws IllegalArgumentException as {@link #search}
   * @throws WrongTypeException if this key holds another type
   */
  long searchStore(byte[] destination, Search search, boolean storeDistance);
}
