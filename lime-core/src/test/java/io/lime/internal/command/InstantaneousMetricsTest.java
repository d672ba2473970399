package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstantaneousMetricsTest {
  private static final long PERIOD = 100_000_000L; // 100 ms in nanos

  @Test
  void perSecond_isTheMeanOfTheLastSixteenSamples() {
    AtomicLong counter = new AtomicLong();
    InstantaneousMetrics.Track t = new InstantaneousMetrics.Track(counter::get, 0);
    for (int i = 1; i <= 16; i++) {
      counter.addAndGet(50); // 50 per 100 ms = 500/s
      t.sample(i * PERIOD);
    }
    assertEquals(500, t.perSecond());
    for (int i = 17; i <= 24; i++) {
      counter.addAndGet(150); // half the window at 1500/s
      t.sample(i * PERIOD);
    }
    assertEquals(1000, t.perSecond());
    assertEquals("0.98", InstantaneousMetrics.kbps(t));
  }

  @Test
  void sample_afterCounterReset_countsZeroNotNegative() {
    AtomicLong counter = new AtomicLong(1000);
    InstantaneousMetrics.Track t = new InstantaneousMetrics.Track(counter::get, 0);
    counter.set(0); // CONFIG RESETSTAT
    t.sample(PERIOD);
    assertEquals(0, t.perSecond());
  }
}
