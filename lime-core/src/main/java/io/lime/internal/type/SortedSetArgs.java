package io.lime.internal.type;

import org.jspecify.annotations.Nullable;

/**
 * The members (and, for ZADD, the scores) a sorted set operation reads, in place: a slice of
 * the RESP door's argv, not copied (see {@code ZSetArgs}), or the typed door's arrays
 * ({@link #of}, {@link #pair}). Member {@code i} is {@code length(i)} bytes of
 * {@code array(i)} from {@code offset(i)}; it must not change while the operation runs.
 */
public interface SortedSetArgs {
  /** How many members (ZADD: score-member pairs). */
  int size();

  /** The array holding member {@code i}. */
  byte[] array(int i);

  /** Where member {@code i} starts in {@link #array}. */
  int offset(int i);

  /** The length of member {@code i}. */
  int length(int i);

  /**
   * The score of pair {@code i} (ZADD, ZINCRBY), or NaN when the door's text is not a valid
   * float (Redis's getDoubleFromObject).
   */
  double score(int i);

  /** Whole-array members (the typed door); they have no scores. */
  static SortedSetArgs of(byte[]... members) {
    return new ArrayArgs(members, null);
  }

  /** One score-member pair (the typed door's ZADD). */
  static SortedSetArgs pair(byte[] member, double score) {
    return new ArrayArgs(new byte[][] {member}, new double[] {score});
  }

  /** Members as whole arrays, with optional scores. */
  record ArrayArgs(byte[][] members, double @Nullable [] scores)
      implements SortedSetArgs {
    @Override
    public int size() {
      return members.length;
    }

    @Override
    public byte[] array(int i) {
      return members[i];
    }

    @Override
    public int offset(int i) {
      return 0;
    }

    @Override
    public int length(int i) {
      return members[i].length;
    }

    @Override
    public double score(int i) {
      return scores == null ? Double.NaN : scores[i];
    }
  }
}
