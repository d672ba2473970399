package io.lime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sorted set stored at one key, as typed Java calls with the behaviour of Redis 7.0's
 * sorted set commands (ZADD, ZINCRBY, ZREM, ZSCORE, ZRANK, ZRANGE, ZCOUNT, ZPOPMIN, ...), with
 * no protocol in between. Obtained from {@link KeyValueStore#sortedSet(String)} or
 * {@link KeyValueStore#sortedSet(byte[])}; a view is a key name, not a snapshot: each call
 * reads the key's current value.
 *
 * <p><b>Semantics.</b> Members are distinct byte strings, each with a score (a double, never
 * NaN), ordered by score then by member bytes (unsigned, a prefix first). A missing key reads
 * as an empty sorted set; removing the last member deletes the key; adding to a missing key
 * creates it. Ranks are 0-based from the lowest score ({@code rev*}: from the highest);
 * negative rank arguments count from the end, as in ZRANGE. Small sorted sets use Redis's
 * {@code listpack} encoding, larger ones a skiplist, at the same thresholds as Redis.
 *
 * <p><b>Members and keys</b> are byte arrays; the {@code String} overloads encode UTF-8.
 * Arrays passed in are copied; arrays returned are fresh copies owned by the caller.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; each call is atomic.
 *
 * <p><b>Nullness:</b> no parameter may be null ({@link NullPointerException}), except the
 * bounds of a {@link LexRange} (null: unbounded).
 *
 * <p><b>Errors:</b> {@link WrongTypeException} when the key holds a value of another type
 * (nothing is changed); {@link IllegalArgumentException} for a NaN score, or an increment
 * whose result would be NaN (Redis's "resulting score is not a number").
 *
 * <p><b>Complexity:</b> as the Redis commands: O(log N) per member for adds, removals and rank
 * lookups on a skiplist (O(N) on a listpack, N at most {@code zset-max-listpack-entries},
 * 128 by default), O(1) for a score on a skiplist, O(log N + M) for ranges of M elements.
 */
public interface SortedSetView {

  /** A member with its score. Equality compares member bytes and score bits. */
  record Entry(byte[] member, double score) {
    /** The member decoded as UTF-8. */
    public String memberString() {
      return new String(member, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && Arrays.equals(member, e.member)
          && Double.compare(score, e.score) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(member) * 31 + Double.hashCode(score);
    }

    @Override
    public String toString() {
      return memberString() + "=" + score;
    }
  }

  /**
   * A score interval, as ZRANGEBYSCORE's {@code min max} ({@code (} marks an exclusive bound;
   * infinities allowed).
   */
  record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    /**
     * Validates the bounds.
     *
     * @throws IllegalArgumentException if a bound is NaN
     */
    public ScoreRange {
      if (Double.isNaN(min) || Double.isNaN(max)) {
        throw new IllegalArgumentException("min or max is not a float");
      }
    }

    /** {@code [min, max]}. */
    public static ScoreRange closed(double min, double max) {
      return new ScoreRange(min, false, max, false);
    }

    /** Every score: {@code [-inf, +inf]}. */
    public static ScoreRange all() {
      return closed(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
  }

  /**
   * A member interval, as ZRANGEBYLEX's {@code [a (b - +}: a null bound is unbounded
   * ({@code -} or {@code +}). Meaningful when all scores are equal, as in Redis.
   */
  record LexRange(byte @Nullable [] min, boolean minExclusive, byte @Nullable [] max,
      boolean maxExclusive) {
    /** {@code [min, max]} of UTF-8 members; null for unbounded. */
    public static LexRange closed(@Nullable String min, @Nullable String max) {
      return new LexRange(min == null ? null : min.getBytes(StandardCharsets.UTF_8), false,
          max == null ? null : max.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Every member: {@code - +}. */
    public static LexRange all() {
      return new LexRange(null, true, null, true);
    }
  }

  /**
   * ZADD's conditions: {@code NX} (only add new members), {@code XX} (only update existing),
   * {@code GT}/{@code LT} (only update when the new score is greater / less; new members
   * are still added unless XX), {@code CH} (count changed scores in the result too).
   */
  record AddOptions(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch) {
    /** No condition. */
    public static final AddOptions NONE = new AddOptions(false, false, false, false, false);

    /**
     * Validates the combination.
     *
     * @throws IllegalArgumentException for combinations Redis rejects (NX with XX, GT or LT;
     *     GT with LT)
     */
    public AddOptions {
      if (nx && xx) {
        throw new IllegalArgumentException(
            "XX and NX options at the same time are not compatible");
      }
      if ((gt && nx) || (lt && nx) || (gt && lt)) {
        throw new IllegalArgumentException(
            "GT, LT, and/or NX options at the same time are not compatible");
      }
    }
  }

  /** The key of this view (a copy). */
  byte[] key();

  /** ZADD key score member: true when the member was added (false: its score was set). */
  boolean add(byte[] member, double score);

  /** {@link #add(byte[], double)} with a UTF-8 member. */
  default boolean add(String member, double score) { return add(Utf8.bytes(member), score); }

  /**
   * ZADD with conditions: returns 1 when added, with {@code ch} also 1 when the score
   * changed, else 0.
   */
  long add(byte[] member, double score, AddOptions options);

  /**
   * ZINCRBY / ZADD INCR: adds {@code delta} to the member's score (a missing member starts at
   * 0) under the conditions; returns the new score, or null when a condition prevented it.
   *
   * @throws IllegalArgumentException if {@code delta} or the result is NaN
   */
  @Nullable Double incrBy(byte[] member, double delta, AddOptions options);

  /** ZINCRBY with a UTF-8 member and no condition; returns the new score. */
  double incrBy(String member, double delta);

  /** ZREM: removes the members; returns how many were present. */
  long remove(byte[]... members);

  /** ZREM with UTF-8 members. */
  default long remove(String... members) { return remove(Utf8.bytes(members)); }

  /** ZSCORE: the member's score, or null when absent. */
  @Nullable Double score(byte[] member);

  /** ZSCORE with a UTF-8 member. */
  default @Nullable Double score(String member) { return score(Utf8.bytes(member)); }

  /** ZRANK: the member's 0-based rank from the lowest score, or null when absent. */
  @Nullable Long rank(byte[] member);

  /** ZREVRANK: the member's 0-based rank from the highest score, or null when absent. */
  @Nullable Long revRank(byte[] member);

  /** ZCARD: the number of members, 0 when the key is missing. */
  long size();

  /** ZCOUNT: the number of members with a score in the range. */
  long count(ScoreRange range);

  /** ZLEXCOUNT: the number of members in the lex range. */
  long lexCount(LexRange range);

  /** ZRANGE start stop WITHSCORES (REV when {@code reverse}): by rank, inclusive. */
  List<Entry> range(long start, long stop, boolean reverse);

  /**
   * ZRANGE min max BYSCORE [REV] LIMIT offset count WITHSCORES ({@code count} negative: no
   * limit). Reversed, the elements come from the highest score down.
   */
  List<Entry> rangeByScore(ScoreRange range, boolean reverse, long offset, long count);

  /** ZRANGE min max BYLEX [REV] LIMIT offset count, with the scores. */
  List<Entry> rangeByLex(LexRange range, boolean reverse, long offset, long count);

  /** ZPOPMIN count: removes and returns up to {@code count} lowest members. */
  List<Entry> popMin(long count);

  /** ZPOPMAX count: removes and returns up to {@code count} highest members. */
  List<Entry> popMax(long count);

  /** ZREMRANGEBYRANK: removes the members of ranks {@code [start, stop]}; returns how many. */
  long removeRangeByRank(long start, long stop);

  /** ZREMRANGEBYSCORE: removes the members in the range; returns how many. */
  long removeRangeByScore(ScoreRange range);

  /** ZREMRANGEBYLEX: removes the members in the range; returns how many. */
  long removeRangeByLex(LexRange range);
}
