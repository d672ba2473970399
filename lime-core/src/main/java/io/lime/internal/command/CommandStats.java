package io.lime.internal.command;

import io.lime.internal.util.LatencyHistogram;
import io.lime.internal.util.StatCounter;
import org.jspecify.annotations.Nullable;

/** Per-command counters for INFO commandstats. */
public final class CommandStats {
  public final StatCounter calls = new StatCounter();
  public final StatCounter micros = new StatCounter();
  public final StatCounter rejected = new StatCounter();
  public final StatCounter failed = new StatCounter();
  /** latency-tracking: created on the first sample, dropped by RESETSTAT (as Redis). */
  private volatile @Nullable LatencyHistogram histogram;

  /** Records a latency (latency-tracking). */
  public void recordLatency(long nanos) {
    LatencyHistogram h = histogram;
    if (h == null) {
      h = histogram();
    }
    h.record(nanos);
  }

  private synchronized LatencyHistogram histogram() {
    LatencyHistogram h = histogram;
    if (h == null) {
      h = new LatencyHistogram();
      histogram = h;
    }
    return h;
  }

  /** The latency histogram, or null when none was recorded. */
  public @Nullable LatencyHistogram latencyHistogram() {
    return histogram;
  }

  void reset() {
    calls.reset();
    micros.reset();
    rejected.reset();
    failed.reset();
    histogram = null;
  }
}
