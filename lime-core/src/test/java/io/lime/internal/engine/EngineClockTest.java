package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.Ticker;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EngineClockTest {

  @Test
  void systemTicker_isOneInstance_soNowAtCanDerive() {
    assertSame(Ticker.system(), Ticker.system());
  }

  @Test
  void nowAt_systemTicker_staysBetweenWallClockReadsAround() {
    Engine e = new Engine(1, 1, Ticker.system(), 0);
    for (int i = 0; i < 200_000; i++) {
      long before = System.currentTimeMillis();
      long now = e.nowAt(System.nanoTime());
      long after = System.currentTimeMillis();
      // within the millisecond tolerance of two clocks read a few nanoseconds apart
      assertTrue(now >= before - 1 && now <= after + 1, before + " " + now + " " + after);
    }
  }

  @Test
  void nowAt_otherTicker_readsTheTicker() {
    AtomicLong t = new AtomicLong(1_700_000_000_000L);
    Engine e = new Engine(1, 1, t::get, 0);
    assertEquals(1_700_000_000_000L, e.nowAt(System.nanoTime()));
    t.addAndGet(5);
    assertEquals(1_700_000_000_005L, e.nowAt(System.nanoTime()));
  }

  @Test
  void lruClock_ofTime_isSecondsIn24Bits() {
    assertEquals((int) ((1_700_000_000_999L / 1000) & 0xFFFFFF), Engine.lruClock(1_700_000_000_999L));
  }
}
