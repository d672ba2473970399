package io.lime.internal.command;

import io.lime.internal.util.LatencyHistogram;
import io.lime.resp.ReplySink;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The texts of LATENCY DOCTOR and GRAPH (Redis 7.0's createLatencyReport and
 * latencyCommandGenSparkeline with sparkline.c), LATENCY HISTOGRAM's maps (fillCommandCDF)
 * and INFO latencystats (fillPercentileDistributionLatencies). Commands appear in name order
 * (Redis: its command table's hash order).
 */
final class LatencyReport {
  private static final int GRAPH_COLS = 80;
  private static final String CHARSET_FILL = "_o#";

  private LatencyReport() {}

  /** The {@code # Latencystats} section body: one line per command with a histogram. */
  static void info(StringBuilder sb, ServerState server) {
    if (!server.latency().tracking()) {
      return;
    }
    double[] pcts = server.latency().percentiles();
    for (Map.Entry<String, LatencyHistogram.Snapshot> e : histograms(server, null).entrySet()) {
      sb.append("latency_percentiles_usec_").append(e.getKey().replace(':', '_')).append(':');
      for (int j = 0; j < pcts.length; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append('p').append(LatencyHistogram.percentileName(pcts[j])).append('=')
            .append(String.format(Locale.ROOT, "%.3f",
                e.getValue().valueAtPercentile(pcts[j]) / 1000.0));
      }
      sb.append("\r\n");
    }
  }

  /**
   * Snapshots of the commands' histograms by full name: all of them, or those of the given
   * command names (a container brings its subcommands).
   */
  static Map<String, LatencyHistogram.Snapshot> histograms(ServerState server,
      @org.jspecify.annotations.Nullable List<String> names) {
    Map<String, LatencyHistogram.Snapshot> out = new java.util.LinkedHashMap<>();
    TreeMap<String, CommandStats> all = new TreeMap<>(server.allStats());
    if (names == null) {
      all.forEach((name, st) -> add(out, name, st));
      return out;
    }
    for (String raw : names) {
      String n = raw.toLowerCase(Locale.ROOT);
      all.forEach((name, st) -> {
        if (name.equals(n) || name.startsWith(n + "|") && n.indexOf('|') < 0) {
          add(out, name, st);
        }
      });
    }
    return out;
  }

  private static void add(Map<String, LatencyHistogram.Snapshot> out, String name,
      CommandStats st) {
    LatencyHistogram h = st.latencyHistogram();
    if (h != null) {
      LatencyHistogram.Snapshot s = h.snapshot();
      if (s.total() > 0) {
        out.put(name, s);
      }
    }
  }

  /** LATENCY HISTOGRAM's reply. */
  static void histogramReply(ReplySink out, Map<String, LatencyHistogram.Snapshot> hs) {
    out.mapHeader(hs.size());
    for (Map.Entry<String, LatencyHistogram.Snapshot> e : hs.entrySet()) {
      out.bulk(e.getKey());
      out.mapHeader(2);
      out.bulk("calls");
      out.integer(e.getValue().total());
      out.bulk("histogram_usec");
      long[] cdf = e.getValue().cumulativeMicros();
      out.mapHeader(cdf.length / 2);
      for (long v : cdf) {
        out.integer(v);
      }
    }
  }

  /** LATENCY DOCTOR's report (the events LIME samples: command, fast-command). */
  static String doctor(LatencyMonitor lm, long slowlogThreshold, long nowSeconds) {
    Map<String, List<LatencyMonitor.Sample>> events = lm.allHistories();
    StringBuilder r = new StringBuilder();
    if (events.isEmpty() && lm.thresholdMillis() == 0) {
      return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis "
          + "instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in "
          + "order to enable it. If we weren't in a deep space mission I'd suggest to take a "
          + "look at https://redis.io/topics/latency-monitor.\n";
    }
    int eventnum = 0;
    int advices = 0;
    boolean slowlogEnabled = false;
    boolean slowlogTuning = false;
    boolean slowlogInspect = false;
    boolean scheduler = false;
    boolean largeObjects = false;
    Map<String, long[]> latest = lm.latest();
    for (Map.Entry<String, List<LatencyMonitor.Sample>> e : events.entrySet()) {
      String event = e.getKey();
      eventnum++;
      if (eventnum == 1) {
        r.append("Dave, I have observed latency spikes in this Redis instance. You don't mind "
            + "talking about it, do you Dave?\n\n");
      }
      List<LatencyMonitor.Sample> samples = e.getValue();
      long sum = 0;
      long oldest = 0;
      for (LatencyMonitor.Sample s : samples) {
        sum += s.millis();
        if (oldest == 0 || s.timeSeconds() < oldest) {
          oldest = s.timeSeconds();
        }
      }
      int n = samples.size();
      long avg = n == 0 ? 0 : sum / n;
      long period = n == 0 ? 0 : Math.max(1, nowSeconds - oldest);
      long mad = 0;
      for (LatencyMonitor.Sample s : samples) {
        mad += Math.abs(avg - s.millis());
      }
      mad = n == 0 ? 0 : mad / n;
      long max = latest.containsKey(event) ? latest.get(event)[2] : 0;
      r.append(String.format(Locale.ROOT, "%d. %s: %d latency spikes (average %dms, mean "
          + "deviation %dms, period %.2f sec). Worst all time event %dms.", eventnum, event, n,
          avg, mad, (double) period / n, max));
      if (event.equalsIgnoreCase("command")) {
        if (slowlogThreshold < 0) {
          slowlogEnabled = true;
          advices++;
        } else if (slowlogThreshold / 1000 > lm.thresholdMillis()) {
          slowlogTuning = true;
          advices++;
        }
        slowlogInspect = true;
        largeObjects = true;
        advices += 2;
      }
      if (event.equalsIgnoreCase("fast-command")) {
        scheduler = true;
        advices++;
      }
      r.append('\n');
    }
    if (eventnum == 0 && advices == 0) {
      r.append("Dave, no latency spike was observed during the lifetime of this Redis instance, "
          + "not in the slightest bit. I honestly think you ought to sit down calmly, take a "
          + "stress pill, and think things over.\n");
    } else if (eventnum > 0 && advices == 0) {
      r.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. "
          + "Please use the Redis community to get some help, providing this report in your "
          + "help request.\n");
    } else {
      r.append("\nI have a few advices for you:\n\n");
      long suggested = lm.thresholdMillis() * 1000;
      if (slowlogEnabled) {
        r.append("- There are latency issues with potentially slow commands you are using. Try "
            + "to enable the Slow Log Redis feature using the command 'CONFIG SET "
            + "slowlog-log-slower-than ").append(suggested).append("'. If the Slow log is "
            + "disabled Redis is not able to log slow commands execution for you.\n");
      }
      if (slowlogTuning) {
        r.append("- Your current Slow Log configuration only logs events that are slower than "
            + "your configured latency monitor threshold. Please use 'CONFIG SET "
            + "slowlog-log-slower-than ").append(suggested).append("'.\n");
      }
      if (slowlogInspect) {
        r.append("- Check your Slow Log to understand what are the commands you are running "
            + "which are too slow to execute. Please check https://redis.io/commands/slowlog "
            + "for more information.\n");
      }
      if (scheduler) {
        r.append("- The system is slow to execute Redis code paths not containing system "
            + "calls. This usually means the system does not provide Redis CPU time to run for "
            + "long periods. You should try to:\n"
            + "  1) Lower the system load.\n"
            + "  2) Use a computer / VM just for Redis if you are running other software in "
            + "the same system.\n"
            + "  3) Check if you have a \"noisy neighbour\" problem.\n"
            + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic "
            + "latency in your system.\n"
            + "  5) Check if the problem is allocator-related by recompiling Redis with "
            + "MALLOC=libc, if you are using Jemalloc. However this may create fragmentation "
            + "problems.\n");
      }
      if (largeObjects) {
        r.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects "
            + "is a blocking operation. If you have very large objects that are often deleted, "
            + "expired, or evicted, try to fragment those objects into multiple smaller "
            + "objects.\n");
      }
    }
    return r.toString();
  }

  /** LATENCY GRAPH's text for an event with samples (latencyCommandGenSparkeline). */
  static String graph(String event, List<LatencyMonitor.Sample> samples, long allTimeMax,
      long nowSeconds) {
    long min = 0;
    long max = 0;
    int n = samples.size();
    String[] labels = new String[n];
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      LatencyMonitor.Sample s = samples.get(j);
      if (j == 0) {
        min = max = s.millis();
      } else {
        max = Math.max(max, s.millis());
        min = Math.min(min, s.millis());
      }
      long elapsed = nowSeconds - s.timeSeconds();
      labels[j] = elapsed < 60 ? elapsed + "s" : elapsed < 3600 ? elapsed / 60 + "m"
          : elapsed < 86400 ? elapsed / 3600 + "h" : elapsed / 86400 + "d";
      values[j] = s.millis();
    }
    StringBuilder g = new StringBuilder();
    g.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
        .append(" ms (all time high ").append(allTimeMax).append(" ms)\n");
    g.append("-".repeat(GRAPH_COLS)).append('\n');
    for (int j = 0; j < n; j += GRAPH_COLS) {
      if (j != 0) {
        g.append('\n');
      }
      renderRange(g, values, labels, min, max, 4, j, Math.min(GRAPH_COLS, n - j));
    }
    return g.toString();
  }

  /** sparklineRenderRange with SPARKLINE_FILL (every sample has a label). */
  private static void renderRange(StringBuilder out, double[] values, String[] labels,
      double seqMin, double seqMax, int rows, int offset, int len) {
    double relmax = seqMax - seqMin;
    int steps = CHARSET_FILL.length() * rows;
    if (relmax == 0) {
      relmax = 1;
    }
    char[] chars = new char[len];
    boolean loop = true;
    int row = 0;
    while (loop) {
      loop = false;
      java.util.Arrays.fill(chars, ' ');
      for (int j = 0; j < len; j++) {
        double relval = values[j + offset] - seqMin;
        int step = (int) ((int) (relval * steps) / relmax);
        step = Math.max(0, Math.min(steps - 1, step));
        if (row < rows) {
          int charidx = step - ((rows - row - 1) * CHARSET_FILL.length());
          loop = true;
          if (charidx >= 0 && charidx < CHARSET_FILL.length()) {
            chars[j] = CHARSET_FILL.charAt(charidx);
          } else if (charidx >= CHARSET_FILL.length()) {
            chars[j] = '|';
          }
        } else {
          if (labels.length > 0 && row - rows < 1) {
            loop = true;
            break;
          }
          String label = labels[j + offset];
          int labelChar = row - rows - 1;
          if (label.length() > labelChar) {
            loop = true;
            chars[j] = label.charAt(labelChar);
          }
        }
      }
      if (loop) {
        row++;
        out.append(chars).append('\n');
      }
    }
  }
}
