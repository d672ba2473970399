package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Figures read from redis-server 7.0.15's INFO latencystats and LATENCY HISTOGRAM. */
class LatencyHistogramTest {
  @Test
  void percentiles_landOnRedisHdrValues() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(3000); // SET in 3 us: p0=2.992,p50.5=3.007,p100=3.007
    LatencyHistogram.Snapshot s = h.snapshot();
    assertEquals(2992, s.valueAtPercentile(0));
    assertEquals(3007, s.valueAtPercentile(50.5));
    assertEquals(3007, s.valueAtPercentile(100));
    assertArrayEquals(new long[] {4, 1}, s.cumulativeMicros()); // histogram_usec {4: 1}
    LatencyHistogram g = new LatencyHistogram();
    g.record(2000);
    g.record(17000); // CONFIG GET: p0=2.000,p50.5=2.007,p100=17.023
    s = g.snapshot();
    assertEquals(2, s.total());
    assertEquals(2000, s.valueAtPercentile(0));
    assertEquals(2007, s.valueAtPercentile(50.5));
    assertEquals(17023, s.valueAtPercentile(100));
  }

  @Test
  void record_clampsToRedisRange_andCumulativeEndsAtTheTotal() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(0); // a command under a microsecond: Redis's p0=0.001
    h.record(5_000_000_000L);
    h.record(70_000);
    LatencyHistogram.Snapshot s = h.snapshot();
    assertEquals(1, s.valueAtPercentile(0));
    assertEquals(LatencyHistogram.highestEquivalent(1_000_000_000L), s.valueAtPercentile(100));
    assertEquals(3, s.total());
    long[] cdf = s.cumulativeMicros();
    // Redis's log iteration stops before the 1 s bucket: "+Inf" samples count only in calls
    assertEquals(2, cdf[cdf.length - 1]);
    for (int i = 2; i < cdf.length; i += 2) {
      assertEquals(true, cdf[i] > cdf[i - 2] && cdf[i + 1] > cdf[i - 1], "increasing");
    }
  }

  @Test
  void percentileName_trimsAsRedis() {
    assertEquals("50", LatencyHistogram.percentileName(50));
    assertEquals("99.9", LatencyHistogram.percentileName(99.9));
    assertEquals("0", LatencyHistogram.percentileName(0));
  }
}
