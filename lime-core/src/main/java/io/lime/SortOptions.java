package io.lime;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link KeyOperations#sort} (SORT's arguments): order by a BY pattern
 * ({@code weight_*}, {@code obj_*->field}, or one without {@code *} not to sort), a window
 * ({@code LIMIT offset count}; a negative count: to the end), GET patterns ({@code #}: the
 * element), DESC and ALPHA. Immutable; build from {@link #DEFAULT} with the {@code with*}
 * methods.
 *
 * @param by the BY pattern, or null to sort by the elements themselves
 * @param offset LIMIT's offset (negative: 0)
 * @param count LIMIT's count (negative: all)
 * @param gets the GET patterns, in order (empty: the elements themselves)
 * @param descending DESC
 * @param alpha ALPHA: compare as byte strings instead of numbers
 */
public record SortOptions(byte @Nullable [] by, long offset, long count, List<byte[]> gets,
    boolean descending, boolean alpha) {
  /** SORT key: ascending, numeric, all elements. */
  public static final SortOptions DEFAULT = new SortOptions(null, 0, -1, List.of(), false, false);

  /** Copies {@code gets}. */
  public SortOptions {
    List<byte[]> copy = new ArrayList<>(gets.size());
    for (byte[] g : gets) {
      copy.add(g.clone());
    }
    gets = List.copyOf(copy);
    by = by == null ? null : by.clone();
  }

  /** With BY {@code pattern} (UTF-8). */
  public SortOptions withBy(String pattern) {
    return new SortOptions(Utf8.bytes(pattern), offset, count, gets, descending, alpha);
  }

  /** With LIMIT {@code newOffset newCount}. */
  public SortOptions withLimit(long newOffset, long newCount) {
    return new SortOptions(by, newOffset, newCount, gets, descending, alpha);
  }

  /** With one more GET {@code pattern} (UTF-8). */
  public SortOptions withGet(String pattern) {
    List<byte[]> more = new ArrayList<>(gets);
    more.add(Utf8.bytes(pattern));
    return new SortOptions(by, offset, count, more, descending, alpha);
  }

  /** Descending (DESC) or ascending. */
  public SortOptions withDescending(boolean desc) {
    return new SortOptions(by, offset, count, gets, desc, alpha);
  }

  /** Lexicographic (ALPHA) or numeric. */
  public SortOptions withAlpha(boolean lexicographic) {
    return new SortOptions(by, offset, count, gets, descending, lexicographic);
  }
}
