package io.lime.server.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The normal clients' output limit counts soft-limit time in whole seconds, as Redis. */
class OutputLimitSecondsTest {
  @Test
  void hardLimit_reached_overAtOnce() {
    assertTrue(new OutputLimit().over(new long[] {100, 0, 0}, 100, 5_000));
    assertFalse(new OutputLimit().over(new long[] {100, 0, 0}, 99, 5_000));
  }

  @Test
  void softLimitOfZeroSeconds_waitsForTheNextWholeSecond() {
    OutputLimit l = new OutputLimit();
    long[] limits = {0, 100, 0};
    assertFalse(l.over(limits, 150, 10_100)); // the soft limit's clock starts
    assertFalse(l.over(limits, 150, 10_900)); // same second: elapsed 0, not > 0
    assertTrue(l.over(limits, 150, 11_000));
  }

  @Test
  void softLimit_overOnlyAfterMoreThanItsSeconds_andResetBelowIt() {
    OutputLimit l = new OutputLimit();
    long[] limits = {0, 100, 2};
    assertFalse(l.over(limits, 150, 10_000));
    assertFalse(l.over(limits, 150, 12_999)); // elapsed 2, not > 2
    assertFalse(l.over(limits, 50, 13_000)); // below the soft limit: the clock resets
    assertFalse(l.over(limits, 150, 13_100));
    assertFalse(l.over(limits, 150, 15_900));
    assertTrue(l.over(limits, 150, 16_000));
  }
}
