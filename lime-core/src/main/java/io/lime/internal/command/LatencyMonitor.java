package io.lime.internal.command;

import io.lime.internal.config.ConfigRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The latency monitor (Redis's latency.c): with {@code latency-monitor-threshold} above 0,
 * each command that ran at least that many milliseconds adds a sample to its event
 * ({@code command}, or {@code fast-command} for commands flagged fast). An event keeps the
 * last {@value #SAMPLES} samples, one per second (a second sample in the same second keeps the
 * larger latency), and its all-time maximum.
 *
 * <p>Thread-safety: synchronized; the hot path reads the threshold from a volatile field.
 */
final class LatencyMonitor implements ConfigRegistry.NamedListener {
  /** LATENCY_TS_LEN. */
  static final int SAMPLES = 160;

  /** One sample: Unix seconds and milliseconds. */
  record Sample(long timeSeconds, long millis) {}

  /** An event's circular series (latencyTimeSeries). */
  static final class Series {
    final Sample[] samples = new Sample[SAMPLES];
    int idx;
    long max;

    /** The samples from the oldest on. */
    List<Sample> history() {
      List<Sample> out = new ArrayList<>();
      for (int j = 0; j < SAMPLES; j++) {
        Sample s = samples[(idx + j) % SAMPLES];
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }

    Sample latest() {
      return samples[(idx + SAMPLES - 1) % SAMPLES];
    }
  }

  private final Map<String, Series> events = new LinkedHashMap<>();
  private volatile long thresholdMillis;
  private volatile boolean tracking;
  private volatile double[] percentiles;

  LatencyMonitor(ConfigRegistry config) {
    thresholdMillis = config.getLong("latency-monitor-threshold");
    tracking = "yes".equals(config.get("latency-tracking"));
    percentiles = parsePercentiles(config.get("latency-tracking-info-percentiles"));
    config.onChange(this, "latency-monitor-threshold", "latency-tracking",
        "latency-tracking-info-percentiles");
  }

  /** CONFIG SET of this monitor's directives (the monitor is its own listener: no lambda). */
  @Override
  public void changed(String name, String v) {
    switch (name) {
      case "latency-monitor-threshold" -> thresholdMillis = Long.parseLong(v);
      case "latency-tracking" -> tracking = "yes".equals(v);
      default -> percentiles = parsePercentiles(v); // latency-tracking-info-percentiles
    }
  }

  /**
   * The space-separated numbers of {@code v}. Split on one space, which String.split does
   * without a regex (a Pattern costs start-up), skipping the empty words of repeated spaces.
   */
  private static double[] parsePercentiles(@Nullable String v) {
    if (v == null || v.isBlank()) {
      return new double[0];
    }
    String[] words = v.trim().split(" ");
    double[] out = new double[words.length];
    int n = 0;
    for (String w : words) {
      if (!w.isEmpty()) {
        out[n++] = Double.parseDouble(w);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** latency-tracking: whether commands record their latency in per-command histograms. */
  boolean tracking() { return tracking; }

  /** latency-tracking-info-percentiles, in order. */
  double[] percentiles() { return percentiles; }

  /** latency-monitor-threshold in milliseconds. */
  long thresholdMillis() { return thresholdMillis; }

  /** latencyAddSampleIfNeeded: records {@code millis} for {@code event} when over the threshold. */
  void sampleIfNeeded(String event, long millis, long nowMillis) {
    long t = thresholdMillis;
    if (t > 0 && millis >= t) {
      add(event, millis, nowMillis / 1000);
    }
  }

  synchronized void add(String event, long millis, long nowSeconds) {
    Series ts = events.computeIfAbsent(event, e -> new Series());
    ts.max = Math.max(ts.max, millis);
    Sample prev = ts.latest();
    if (prev != null && prev.timeSeconds() == nowSeconds) {
      if (millis > prev.millis()) {
        ts.samples[(ts.idx + SAMPLES - 1) % SAMPLES] = new Sample(nowSeconds, millis);
      }
      return;
    }
    ts.samples[ts.idx] = new Sample(nowSeconds, millis);
    ts.idx = (ts.idx + 1) % SAMPLES;
  }

  /** LATENCY LATEST: event → (latest sample, max). */
  synchronized Map<String, long[]> latest() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Series> e : events.entrySet()) {
      Sample s = e.getValue().latest();
      out.put(e.getKey(), new long[] {s.timeSeconds(), s.millis(), e.getValue().max});
    }
    return out;
  }

  /** LATENCY HISTORY event: the samples from the oldest on (empty for an unknown event). */
  synchronized List<Sample> history(String event) {
    Series s = events.get(event);
    return s == null ? List.of() : s.history();
  }

  /** Every event's samples from the oldest on (LATENCY DOCTOR). */
  synchronized Map<String, List<Sample>> allHistories() {
    Map<String, List<Sample>> out = new LinkedHashMap<>();
    events.forEach((name, s) -> out.put(name, s.history()));
    return out;
  }

  /** An event's all-time maximum, or -1 when it has no samples. */
  synchronized long max(String event) {
    Series s = events.get(event);
    return s == null ? -1 : s.max;
  }

  /** LATENCY RESET: forgets the given events (all when none); returns how many existed. */
  synchronized int reset(List<String> names) {
    if (names.isEmpty()) {
      int n = events.size();
      events.clear();
      return n;
    }
    int n = 0;
    for (String name : names) {
      if (events.remove(name) != null) {
        n++;
      }
    }
    return n;
  }
}
