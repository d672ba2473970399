package io.lime.internal.type;

import org.jspecify.annotations.Nullable;

/**
 * A parsed range request of the ZRANGE family (Redis's zrange_result_handler inputs): by rank
 * when {@code range} is null ({@code start..end}, normalized as ZRANGE), else by score or lex
 * with {@code LIMIT offset limit} ({@code limit} negative: all). Built by the RESP door from
 * ZRANGE's arguments and by the typed door's range methods; run by both and by ZRANGESTORE.
 */
public record SortedSetQuery(@Nullable SortedSetRange range, long start, long end, boolean reverse,
    long offset, long limit) {

  /** Ranks {@code start..end} (negative: from the end). */
  public static SortedSetQuery byRank(long start, long end, boolean reverse) {
    return new SortedSetQuery(null, start, end, reverse, 0, -1);
  }

  /** Members in {@code range} after {@code offset}, at most {@code limit} (negative: all). */
  public static SortedSetQuery byRange(SortedSetRange range, boolean reverse, long offset,
      long limit) {
    return new SortedSetQuery(range, 0, 0, reverse, offset, limit);
  }

  /**
   * Visits the selected members of {@code z} (null: a missing key, nothing) in order, or only
   * counts them when {@code v} is null; returns how many.
   */
  public int run(@Nullable SortedSetValue z, SortedSetEncoding.@Nullable Visitor v) {
    if (z == null) {
      return 0;
    }
    return range == null ? SortedSetType.selectByRank(z, start, end, reverse, v)
        : SortedSetType.select(z, range, reverse, offset, limit, v);
  }
}
