package io.lime.internal.store;

import io.lime.GeoView;
import io.lime.LimeException;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.GeoType;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link GeoView} over one key of one database: each method checks its Java arguments, locks
 * the key(s) and runs the {@link GeoType} operation the GEO commands run; writes run in a
 * write unit (GEOADD propagates as ZADD, as Redis does; the typed GEOSEARCHSTORE as the
 * command a client would send).
 */
public final class LocalGeoView extends LocalKeyView implements GeoView {
  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalGeoView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "GeoView");
  }

  @Override
  public long add(byte[] member, Position position, Condition condition, boolean changed) {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(condition, "condition");
    double lon = position.longitude();
    double lat = position.latitude();
    checkPosition(lon, lat);
    int flags = (condition == Condition.NX ? SortedSetType.IN_NX : 0)
        | (condition == Condition.XX ? SortedSetType.IN_XX : 0)
        | (changed ? SortedSetType.IN_CH : 0);
    return write(key, k -> GeoType.add(k, flags, member, lon, lat));
  }

  @Override
  public @Nullable Position position(byte[] member) {
    Objects.requireNonNull(member, "member");
    double[] xy = onKey(k -> GeoType.position(SortedSetType.read(k), member, 0, member.length));
    return xy == null ? null : new Position(xy[0], xy[1]);
  }

  @Override
  public @Nullable Double distance(byte[] member1, byte[] member2, Unit unit) {
    Objects.requireNonNull(member1, "member1");
    Objects.requireNonNull(member2, "member2");
    double d = onKey(k -> GeoType.distance(SortedSetType.read(k),
        io.lime.internal.type.ByteArgs.of(member1, member2), unit.meters()));
    return Double.isNaN(d) ? null : d;
  }

  @Override
  public @Nullable String hash(byte[] member) {
    Objects.requireNonNull(member, "member");
    byte[] h = onKey(k -> GeoType.hash(SortedSetType.read(k), member, 0, member.length));
    return h == null ? null : new String(h, StandardCharsets.US_ASCII);
  }

  @Override
  public List<Match> search(Search search) {
    check(search);
    return onKey(k -> matches(SortedSetType.read(k), search));
  }

  @Override
  public long searchStore(byte[] destination, Search search, boolean storeDistance) {
    Objects.requireNonNull(destination, "destination");
    check(search);
    return write(() -> onKeys(new byte[][] {key, destination}, (locks, now) ->
        GeoType.searchStore(locks.key(key, now), locks.key(destination, now), search,
            storeDistance)));
  }

  private static List<Match> matches(@Nullable SortedSetValue z, Search s) {
    if (z == null) {
      return List.of();
    }
    List<Match> out = new ArrayList<>();
    for (GeoType.Point p : GeoType.search(z, GeoType.query(z, s))) {
      out.add(new Match(p.member(), p.dist(), new Position(p.lon(), p.lat()), (long) p.score()));
    }
    return out;
  }

  /** The argument checks GEOSEARCH's parser makes, as IllegalArgumentExceptions. */
  private static void check(Search s) {
    Objects.requireNonNull(s, "search");
    if (s.center() != null) {
      checkPosition(s.center().longitude(), s.center().latitude());
    }
    if (s.box() ? Double.isNaN(s.width()) || Double.isNaN(s.height()) : Double.isNaN(s.radius())) {
      throw new IllegalArgumentException(Errors.NOT_FLOAT);
    }
    if (!s.box() && s.radius() < 0) {
      throw new IllegalArgumentException(Errors.GEO_RADIUS_NEGATIVE);
    }
    if (s.box() && (s.width() < 0 || s.height() < 0)) {
      throw new IllegalArgumentException(Errors.GEO_BOX_NEGATIVE);
    }
    if (s.count() < 0) {
      throw new IllegalArgumentException(Errors.GEO_COUNT_NOT_POSITIVE);
    }
    if (s.any() && s.count() == 0) {
      throw new IllegalArgumentException(Errors.GEO_ANY_NEEDS_COUNT);
    }
  }

  private static void checkPosition(double lon, double lat) {
    if (Double.isNaN(lon) || Double.isNaN(lat)) {
      throw new IllegalArgumentException(Errors.NOT_FLOAT);
    }
    try {
      GeoType.checkPair(lon, lat);
    } catch (LimeException ex) {
      throw new IllegalArgumentException(ex.getMessage(), ex);
    }
  }
}
