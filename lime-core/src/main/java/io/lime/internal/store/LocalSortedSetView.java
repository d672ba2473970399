package io.lime.internal.store;

import io.lime.SortedSetView;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.SortedSetQuery;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetRange;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link SortedSetView} over one key of one database, on the key-level operations the sorted
 * set commands run ({@link SortedSetWrites}, the {@link SortedSetType} reads; the shape is
 * {@link LocalDoor}'s).
 */
public final class LocalSortedSetView extends LocalKeyView implements SortedSetView {
  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalSortedSetView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "SortedSetView");
  }

  // ------------------------------------------------------------------ writes

  @Override public boolean add(byte[] member, double score) { return add(member, score, AddOptions.NONE) == 1; }

  @Override
  public long add(byte[] member, double score, AddOptions options) {
    int flags = SortedSetWrites.flags(options);
    double[] scores = scores(member, score);
    return write(key, k -> SortedSetWrites.add(k, flags, ByteArgs.of(member), scores));
  }

  @Override
  public @Nullable Double incrBy(byte[] member, double delta, AddOptions options) {
    return incr(SortedSetWrites.flags(options), member, delta);
  }

  @Override
  public double incrBy(String member, double delta) {
    Double d = incr(SortedSetWrites.ZINCRBY, utf8(member), delta);
    return d == null ? Double.NaN : d;
  }

  /** ZINCRBY / ZADD INCR; a NaN result is the view's IllegalArgumentException. */
  private @Nullable Double incr(int flags, byte[] member, double delta) {
    double[] scores = scores(member, delta);
    double d = argumentErrors(() -> write(key, k -> SortedSetWrites.incr(k, flags,
        ByteArgs.of(member), scores)), Errors.ZSET_NAN::equals);
    return Double.isNaN(d) ? null : d;
  }

  /** The score of a member, checked: the view's IllegalArgumentException for NaN. */
  private static double[] scores(byte[] member, double score) {
    Objects.requireNonNull(member, "member");
    requireArgument(!Double.isNaN(score), Errors.NOT_FLOAT);
    return new double[] {score};
  }

  @Override
  public long remove(byte[]... members) {
    return writeMembers(members, SortedSetWrites::remove);
  }

  @Override public List<Entry> popMin(long count) { return pop(false, count); }
  @Override public List<Entry> popMax(long count) { return pop(true, count); }

  private List<Entry> pop(boolean max, long count) {
    requireArgument(count >= 0, Errors.SET_COUNT_NOT_POSITIVE);
    List<Entry> out = new ArrayList<>();
    write(key, k -> SortedSetWrites.pop(k, max, count, collect(out)));
    return out;
  }

  @Override
  public long removeRangeByRank(long start, long stop) {
    return write(key, k -> SortedSetWrites.removeRange(k, null, start, stop));
  }

  @Override public long removeRangeByScore(ScoreRange r) { return removeRange(SortedSetRange.of(r)); }
  @Override public long removeRangeByLex(LexRange r) { return removeRange(SortedSetRange.of(r)); }

  /** ZREMRANGEBYSCORE and ZREMRANGEBYLEX. */
  private long removeRange(SortedSetRange r) {
    return write(key, k -> SortedSetWrites.removeRange(k, r, 0, 0));
  }

  // ------------------------------------------------------------------ reads

  private <T> T read(Function<@Nullable SortedSetValue, T> f) {
    return onKey(k -> f.apply(SortedSetType.read(k)));
  }

  @Override
  public @Nullable Double score(byte[] member) {
    Objects.requireNonNull(member, "member");
    double d = read(z -> SortedSetType.score(z, member, 0, member.length));
    return Double.isNaN(d) ? null : d;
  }

  @Override public @Nullable Long rank(byte[] member) { return rank(member, false); }
  @Override public @Nullable Long revRank(byte[] member) { return rank(member, true); }

  private @Nullable Long rank(byte[] member, boolean reverse) {
    Objects.requireNonNull(member, "member");
    long r = read(z -> SortedSetType.rank(z, member, 0, member.length, reverse));
    return r < 0 ? null : r;
  }

  @Override public long size() { return read(z -> (long) SortedSetType.size(z)); }

  @Override public long count(ScoreRange range) { return count(SortedSetRange.of(range)); }
  @Override public long lexCount(LexRange range) { return count(SortedSetRange.of(range)); }

  /** ZCOUNT and ZLEXCOUNT. */
  private long count(SortedSetRange r) { return read(z -> SortedSetType.count(z, r)); }

  @Override
  public List<Entry> range(long start, long stop, boolean reverse) {
    return select(SortedSetQuery.byRank(start, stop, reverse));
  }

  @Override
  public List<Entry> rangeByScore(ScoreRange range, boolean reverse, long offset, long count) {
    return select(SortedSetQuery.byRange(SortedSetRange.of(range), reverse, offset, count));
  }

  @Override
  public List<Entry> rangeByLex(LexRange range, boolean reverse, long offset, long count) {
    return select(SortedSetQuery.byRange(SortedSetRange.of(range), reverse, offset, count));
  }

  private List<Entry> select(SortedSetQuery q) {
    List<Entry> out = new ArrayList<>();
    read(z -> q.run(z, collect(out)));
    return out;
  }

  /** Collects visited members as entries (copies). */
  private static SortedSetWrites.Popped collect(List<Entry> out) {
    return (b, off, len, score) -> out.add(new Entry(Arrays.copyOfRange(b, off, off + len), score));
  }
}
