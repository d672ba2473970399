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

  @Test
  void cachedClock_systemTickerWithCron_isTheLastRunsTime_untilClosed() {
    Engine e = new Engine(1, 1, Ticker.system(), 10);
    assertEquals(-1, e.cachedLruClock()); // no cron yet: readers read the ticker
    long before = System.currentTimeMillis();
    e.start();
    long cached = e.cachedNow();
    assertTrue(cached >= before && cached <= System.currentTimeMillis(), before + " " + cached);
    assertEquals(Engine.lruClock(cached), e.cachedLruClock());
    e.close();
    assertEquals(-1, e.cachedLruClock());
  }

  @Test
  void cachedClock_otherTicker_isNeverKept_soReadsFollowTheTicker() {
    AtomicLong t = new AtomicLong(1_700_000_000_000L);
    Engine e = new Engine(1, 1, t::get, 10);
    e.start();
    try {
      assertEquals(-1, e.cachedLruClock());
      t.addAndGet(7_000);
      assertEquals(1_700_000_007_000L, e.cachedNow());
      assertEquals(Engine.lruClock(1_700_000_007_000L), e.eviction().readClock(0));
    } finally {
      e.close();
    }
  }

  @Test
  void readClock_millisecondLruClock_readsTheTicker() {
    Engine e = new Engine(1, 1, Ticker.system(), 10);
    e.start();
    try {
      e.eviction().lruResolutionMillis(1);
      long before = System.currentTimeMillis();
      int clock = e.eviction().readClock(0);
      long after = System.currentTimeMillis();
      // the millisecond clock of the cache API is read, not the cron's cached second
      assertTrue(clock >= (int) (before & 0xFFFFFF) && clock <= (int) (after & 0xFFFFFF)
          || (after & 0xFFFFFF) < (before & 0xFFFFFF), before + " " + clock + " " + after);
    } finally {
      e.close();
    }
  }
}
