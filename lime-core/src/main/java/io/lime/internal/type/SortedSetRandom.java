package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ZRANDMEMBER (Redis's zrandmemberWithCountCommand): its four cases, so the reply sizes and
 * the uniqueness rules match; the order of the members is random as in Redis. A reply is
 * {@link #count} members long, then {@link #visit} produces them.
 */
public final class SortedSetRandom {
  /** zrandmember's ZRANDMEMBER_SUB_STRATEGY_MUL. */
  private static final int SUB_STRATEGY_MUL = 3;
  /** Largest reply LIME builds for ZRANDMEMBER with a negative count. */
  private static final long MAX_REPLY_ELEMENTS = Integer.MAX_VALUE / 2;

  private SortedSetRandom() {}

  /** A member of a non-empty set picked uniformly (ZRANDMEMBER key). */
  public static void one(SortedSetValue z, SortedSetEncoding.Visitor v) {
    SortedSetType.visitAt(z, SortedSetType.randomRank(z), v);
  }

  /**
   * How many members ZRANDMEMBER key {@code l} returns from the non-empty {@code z}: {@code |l|}
   * with repetitions when {@code l} is negative, else at most the set's size.
   *
   * @throws LimeException {@link Errors#ZSET_VALUE_OUT_OF_RANGE} for a reply too large to
   *     build (Redis would try)
   */
  public static int count(SortedSetValue z, long l) {
    long count = l >= 0 ? l : -l;
    if (l < 0 || count == 1) {
      if (count > MAX_REPLY_ELEMENTS) {
        throw new LimeException(Errors.ZSET_VALUE_OUT_OF_RANGE);
      }
      return (int) count;
    }
    return (int) Math.min(count, z.size());
  }

  /** Visits the {@link #count} members of ZRANDMEMBER key {@code l}. */
  public static void visit(SortedSetValue z, long l, SortedSetEncoding.Visitor v) {
    long count = l >= 0 ? l : -l;
    int size = z.size();
    if (count == 0) {
      return;
    }
    if (l < 0 || count == 1) {
      // case 1: with repetitions (or a single pick), every pick independent
      for (long i = 0; i < count; i++) {
        one(z, v);
      }
    } else if (count >= size) {
      // case 2: the whole set
      SortedSetType.forEachReverse(z, v);
    } else if (count * SUB_STRATEGY_MUL > size) {
      // case 3: drop random ranks from the whole set
      int[] ranks = new int[size];
      for (int i = 0; i < size; i++) {
        ranks[i] = i;
      }
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      for (int i = size - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = ranks[i];
        ranks[i] = ranks[j];
        ranks[j] = t;
      }
      for (int i = 0; i < count; i++) {
        SortedSetType.visitAt(z, ranks[i], v);
      }
    } else {
      // case 4: random picks until enough distinct members
      Set<ByteBuffer> seen = new HashSet<>();
      while (seen.size() < count) {
        one(z, (b, o, n, score) ->
            !seen.add(ByteBuffer.wrap(Arrays.copyOfRange(b, o, o + n))) || v.visit(b, o, n, score));
      }
    }
  }
}
