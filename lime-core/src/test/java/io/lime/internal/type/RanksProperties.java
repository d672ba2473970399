package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Ranks} against Redis's definition read literally: a range selects the positions
 * {@code i} of {@code 0..size-1} with {@code S <= i <= E}, where {@code S} and {@code E} are
 * {@code start} and {@code end} counted from the end when negative; an index names position
 * {@code size + index} when negative, and nothing outside {@code 0..size-1}.
 */
class RanksProperties {

  @Property(tries = 2000)
  void rangeSelectsThePositionsBetweenItsEnds(@ForAll @IntRange(min = 0, max = 40) int size,
      @ForAll @LongRange(min = -50, max = 50) long start,
      @ForAll @LongRange(min = -50, max = 50) long end) {
    long s = start < 0 ? size + start : start;
    long e = end < 0 ? size + end : end;
    long count = 0;
    long first = -1;
    for (long i = 0; i < size; i++) {
      if (s <= i && i <= e) {
        count++;
        first = first < 0 ? i : first;
      }
    }
    assertEquals(count, Ranks.count(size, start, end));
    if (count > 0) {
      assertEquals(first, Ranks.first(size, start));
    }
  }

  @Property(tries = 500)
  void extremeEndsDoNotOverflow(@ForAll @IntRange(min = 0, max = 40) int size,
      @ForAll long start, @ForAll long end) {
    long count = Ranks.count(size, start, end);
    assertEquals(true, count >= 0 && count <= size);
    if (count > 0) {
      long first = Ranks.first(size, start);
      assertEquals(true, first >= 0 && first + count <= size);
    }
  }

  @Property(tries = 1000)
  void indexNamesOnePositionOrNone(@ForAll @IntRange(min = 0, max = 40) int size,
      @ForAll @LongRange(min = -50, max = 50) long index) {
    long p = index < 0 ? size + index : index;
    assertEquals(p >= 0 && p < size ? p : -1, Ranks.index(size, index));
  }
}
