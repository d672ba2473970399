package io.lime.internal.command;

import io.lime.internal.util.DaemonThreads;
import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * INFO's instantaneous rates (Redis's trackInstantaneousMetric): every
 * {@value #PERIOD_MILLIS} ms each tracked counter is sampled as a rate per second, and a rate
 * is the mean of the last {@value #SAMPLES} samples (about 1.6 s), as Redis does from
 * serverCron.
 *
 * <p>One daemon thread samples every live server of the JVM; a server is held weakly, so one
 * that is dropped without being closed stops being sampled. Reads are racy but each sample is
 * a plain long written by the sampler, so a reader sees a recent mean.
 */
final class InstantaneousMetrics {
  static final int SAMPLES = 16;
  static final long PERIOD_MILLIS = 100;
  private static final CopyOnWriteArrayList<WeakReference<InstantaneousMetrics>> LIVE =
      new CopyOnWriteArrayList<>();
  private static final ScheduledThreadPoolExecutor SAMPLER = newSampler();

  /** One counter's samples. */
  static final class Track {
    private final LongSupplier counter;
    private final long[] samples = new long[SAMPLES];
    private int index;
    private long lastValue;
    private long lastNanos;

    Track(LongSupplier counter) {
      this(counter, System.nanoTime());
    }

    Track(LongSupplier counter, long nowNanos) {
      this.counter = counter;
      this.lastValue = counter.getAsLong();
      this.lastNanos = nowNanos;
    }

    void sample(long nowNanos) {
      long v = counter.getAsLong();
      long elapsedMillis = Math.max(1, (nowNanos - lastNanos) / 1_000_000);
      long delta = Math.max(0, v - lastValue); // a CONFIG RESETSTAT in between counts 0
      samples[index] = delta * 1000 / elapsedMillis;
      index = (index + 1) % SAMPLES;
      lastValue = v;
      lastNanos = nowNanos;
    }

    /** The mean rate per second over the samples (getInstantaneousMetric). */
    long perSecond() {
      long sum = 0;
      for (long s : samples) {
        sum += s;
      }
      return sum / SAMPLES;
    }
  }

  final Track ops;
  final Track netInput;
  final Track netOutput;

  InstantaneousMetrics(LongSupplier commands, LongSupplier inputBytes, LongSupplier outputBytes) {
    ops = new Track(commands);
    netInput = new Track(inputBytes);
    netOutput = new Track(outputBytes);
    LIVE.add(new WeakReference<>(this));
  }

  private static ScheduledThreadPoolExecutor newSampler() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(1, new DaemonThreads("lime-instantaneous-metrics"));
    s.scheduleAtFixedRate(InstantaneousMetrics::sampleAll, PERIOD_MILLIS, PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    return s;
  }

  private static void sampleAll() {
    long now = System.nanoTime();
    for (WeakReference<InstantaneousMetrics> ref : LIVE) {
      InstantaneousMetrics m = ref.get();
      if (m == null) {
        LIVE.remove(ref);
        continue;
      }
      m.ops.sample(now);
      m.netInput.sample(now);
      m.netOutput.sample(now);
    }
  }

  /** A rate in bytes per second as Redis prints kbps: {@code %.2f} of KiB per second. */
  static String kbps(Track t) {
    return String.format(java.util.Locale.ROOT, "%.2f", t.perSecond() / 1024.0);
  }
}
