package io.lime.internal.type;

/**
 * Redis's index arithmetic over the positions {@code 0..size-1} of an ordered value, where a
 * negative index counts from the end: a list's indexes (LRANGE, LTRIM, LINDEX, LSET) and a
 * sorted set's ranks (ZRANGE and ZREMRANGEBYRANK). Redis writes the range arithmetic in
 * addListRangeReply and ltrimCommand, and again in genericZrangebyrankCommand and
 * zremrangeGenericCommand (LINDEX and LSET leave a negative index to the quicklist); here it
 * is written once. Allocation-free; no state.
 */
final class Ranks {
  private Ranks() {}

  /**
   * The first position of the range {@code [start, end]}: {@code start} counted from the end
   * when negative, at least 0. Meaningful when {@link #count} is not 0.
   */
  static long first(long size, long start) {
    long s = start < 0 ? size + start : start;
    return s < 0 ? 0 : s;
  }

  /**
   * How many positions the range {@code [start, end]} (inclusive, negative from the end)
   * selects of {@code size}: 0 when it starts after it ends or past the last position; an end
   * past the last position stops there.
   */
  static long count(long size, long start, long end) {
    long s = first(size, start);
    long e = end < 0 ? size + end : end;
    if (s > e || s >= size) {
      return 0;
    }
    return Math.min(e, size - 1) - s + 1;
  }

  /** The position of {@code index} (negative from the end), or -1 when out of range. */
  static long index(long size, long index) {
    long i = index < 0 ? size + index : index;
    return i < 0 || i >= size ? -1 : i;
  }
}
