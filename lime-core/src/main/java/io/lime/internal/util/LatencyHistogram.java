package io.lime.internal.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A per-command latency histogram in nanoseconds with the bucket layout of Redis 7.0's
 * HdrHistogram ({@code hdr_init(1, 1000000000, 2)}: 2 significant digits from 1 ns to 1 s),
 * so that INFO latencystats percentiles and LATENCY HISTOGRAM buckets land on the same
 * values as Redis's. Values outside [1 ns, 1 s] are clamped as Redis's
 * updateCommandLatencyHistogram does.
 *
 * <p>Recording is striped as {@link StatCounter}: a {@link StatThread} writes its own counts
 * array with plain (opaque) stores, other threads a shared array under the monitor. Reads
 * ({@link #snapshot}) add the stripes; they are not an atomic snapshot under concurrent
 * recording. Thread-safe.
 */
public final class LatencyHistogram {
  /** Redis's LATENCY_HISTOGRAM_MIN_VALUE, as clamped by updateCommandLatencyHistogram. */
  static final long MIN = 1;
  static final long MAX = 1_000_000_000L;
  static final int SUB_BUCKET_HALF_MAGNITUDE = 7; // ceil(log2(2 * 10^2)) - 1
  static final int SUB_BUCKET_COUNT = 256;
  static final int SUB_BUCKET_HALF = 128;
  static final long SUB_BUCKET_MASK = SUB_BUCKET_COUNT - 1; // unit magnitude 0
  static final int COUNTS_LEN = countsLen();

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long[][] NO_CELLS = new long[0][];

  private volatile long[][] cells = NO_CELLS;
  private final long[] shared = new long[COUNTS_LEN];

  private static int countsLen() {
    long smallestUntrackable = SUB_BUCKET_COUNT;
    int buckets = 1;
    while (smallestUntrackable <= MAX) {
      smallestUntrackable <<= 1;
      buckets++;
    }
    return (buckets + 1) * SUB_BUCKET_HALF;
  }

  /** Records one latency in nanoseconds (clamped to [1, 10^9]). */
  public void record(long nanos) {
    int idx = countsIndex(Math.max(MIN, Math.min(MAX, nanos)));
    if (Thread.currentThread() instanceof StatThread t && t.stripe >= 0) {
      long[][] cs = cells;
      long[] c = t.stripe < cs.length ? cs[t.stripe] : null;
      if (c == null) {
        c = cell(t.stripe);
      }
      LONGS.setOpaque(c, idx, c[idx] + 1);
      return;
    }
    synchronized (shared) {
      shared[idx]++;
    }
  }

  private synchronized long[] cell(int stripe) {
    long[][] cs = StatCounter.withCell(cells, stripe, COUNTS_LEN);
    cells = cs;
    return cs[stripe];
  }

  /** The counts added over every stripe. */
  public Snapshot snapshot() {
    long[] sum;
    synchronized (shared) {
      sum = shared.clone();
    }
    for (long[] c : cells) {
      if (c != null) {
        for (int i = 0; i < COUNTS_LEN; i++) {
          sum[i] += (long) LONGS.getOpaque(c, i);
        }
      }
    }
    return new Snapshot(sum);
  }

  /**
   * A percentile as Redis prints it in INFO and CONFIG GET: C's {@code %f} with trailing
   * zeros and a trailing point removed (trimDoubleString): 50, 99.9.
   */
  public static String percentileName(double v) {
    String s = String.format(java.util.Locale.ROOT, "%f", v);
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  static int bucketIndex(long value) {
    int pow2ceiling = 64 - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
    return pow2ceiling - (SUB_BUCKET_HALF_MAGNITUDE + 1);
  }

  static int countsIndex(long value) {
    int bucket = bucketIndex(value);
    int sub = (int) (value >>> bucket);
    return ((bucket + 1) << SUB_BUCKET_HALF_MAGNITUDE) + sub - SUB_BUCKET_HALF;
  }

  /** hdr_value_at_index. */
  static long valueAtIndex(int index) {
    int bucket = (index >> SUB_BUCKET_HALF_MAGNITUDE) - 1;
    int sub = (index & (SUB_BUCKET_HALF - 1)) + SUB_BUCKET_HALF;
    if (bucket < 0) {
      sub -= SUB_BUCKET_HALF;
      bucket = 0;
    }
    return (long) sub << bucket;
  }

  static long lowestEquivalent(long value) {
    int bucket = bucketIndex(value);
    return (value >>> bucket) << bucket;
  }

  static long rangeSize(long value) {
    int bucket = bucketIndex(value);
    long sub = value >>> bucket;
    return 1L << (sub >= SUB_BUCKET_COUNT ? bucket + 1 : bucket);
  }

  static long highestEquivalent(long value) {
    return lowestEquivalent(value) + rangeSize(value) - 1;
  }

  /** Summed counts, read by INFO latencystats and LATENCY HISTOGRAM. */
  public static final class Snapshot {
    private final long[] counts;
    private final long total;

    Snapshot(long[] counts) {
      this.counts = counts;
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      this.total = t;
    }

    /** How many latencies were recorded. */
    public long total() {
      return total;
    }

    /** hdr_value_at_percentile, in nanoseconds. */
    public long valueAtPercentile(double percentile) {
      double p = Math.min(percentile, 100.0);
      long countAt = Math.max(1, (long) ((p / 100) * total + 0.5));
      long seen = 0;
      long value = 0;
      for (int i = 0; i < COUNTS_LEN; i++) {
        seen += counts[i];
        if (seen >= countAt) {
          value = valueAtIndex(i);
          break;
        }
      }
      return percentile == 0.0 ? lowestEquivalent(value) : highestEquivalent(value);
    }

    /**
     * Redis's fillCommandCDF buckets: a logarithmic iteration (first bucket 1024 ns, base 2)
     * as hdr_iter_log_init; each step that added counts gives (highest equivalent value of the
     * index reached / 1000 = microseconds, cumulative count). Returned as pairs in one array.
     */
    public long[] cumulativeMicros() {
      long[] out = new long[64];
      int n = 0;
      int index = -1;
      long cumulative = 0;
      long value = 0;
      long highest = 0;
      long level = 1024;
      long levelLowest = lowestEquivalent(level);
      long previous = 0;
      while (true) {
        boolean hasNext = cumulative < total;
        boolean peekAbove = index + 1 < COUNTS_LEN && valueAtIndex(index + 1) > levelLowest;
        if (!hasNext && !peekAbove) {
          break;
        }
        boolean reported = false;
        while (true) {
          if (value >= levelLowest) {
            level *= 2;
            levelLowest = lowestEquivalent(level);
            reported = true;
            break;
          }
          index++;
          if (index >= COUNTS_LEN) {
            break;
          }
          cumulative += counts[index];
          value = valueAtIndex(index);
          highest = highestEquivalent(value);
        }
        if (!reported) {
          break;
        }
        if (cumulative > previous) {
          if (n + 2 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          out[n++] = highest / 1000;
          out[n++] = cumulative;
        }
        previous = cumulative;
      }
      return Arrays.copyOf(out, n);
    }
  }
}
