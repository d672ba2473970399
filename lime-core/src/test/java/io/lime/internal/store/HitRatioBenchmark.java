package io.lime.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lime.Codec;
import io.lime.EvictionPolicy;
import io.lime.LimeCache;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Hit ratios of LIME's cache policies against Redis (through the protocol, at the same
 * maxmemory) and Caffeine (W-TinyLFU, at the same number of entries), on two traces at three
 * cache sizes. A documented main, not a test (not run in CI); the table it prints is in
 * docs/benchmarks.md. Run from the worktree root:
 * <pre>
 * ./mvnw -o -q -pl lime-core -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp lime-core/target/classes:lime-core/target/test-classes:lime-resp/target/classes:$(cat lime-core/cp.txt) \
 *     io.lime.internal.store.HitRatioBenchmark [requests, default 500000]
 * </pre>
 * (or from an IDE with the lime-core test class path). Each request is cache-aside: a get,
 * then a put of the key on a miss. Traces (seeded, so every cache sees the same requests):
 * <ul>
 *   <li><b>zipf</b>: {@value #KEYS} keys, popularity Zipf with exponent {@value #ZIPF_S};
 *   <li><b>scan</b>: the same Zipf requests, with a scan of {@value #SCAN_KEYS} keys never seen
 *       again inserted after every {@value #SCAN_EVERY} requests (a batch job polluting the
 *       cache with one-time keys).
 * </ul>
 * Sizes are 1%, 5% and 10% of the key universe. For Redis, maxmemory is its used_memory
 * when empty plus that many entries' worth of the trace's shape, so it holds about as many.
 */
public final class HitRatioBenchmark {
  static final int KEYS = 100_000;
  static final double ZIPF_S = 0.9;
  static final int SCAN_KEYS = 2_000;
  static final int SCAN_EVERY = 5_000;
  static final byte[] VALUE = "v".repeat(20).getBytes(StandardCharsets.US_ASCII);

  private HitRatioBenchmark() {}

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    System.out.println("| trace | size | LIME allkeys-lru | LIME allkeys-lfu | LIME allkeys-random"
        + " | Redis allkeys-lru | Redis allkeys-lfu | Caffeine |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String trace : new String[] {"zipf", "scan"}) {
      String[] keys = trace(trace, requests);
      for (int size : new int[] {KEYS / 100, KEYS / 20, KEYS / 10}) {
        StringBuilder row = new StringBuilder("| " + trace + " | " + size);
        for (EvictionPolicy p : new EvictionPolicy[] {EvictionPolicy.ALLKEYS_LRU,
            EvictionPolicy.ALLKEYS_LFU, EvictionPolicy.ALLKEYS_RANDOM}) {
          row.append(" | ").append(pct(lime(keys, size, p)));
        }
        for (String p : new String[] {"allkeys-lru", "allkeys-lfu"}) {
          row.append(" | ").append(pct(redis(keys, size, p)));
        }
        row.append(" | ").append(pct(caffeine(keys, size))).append(" |");
        System.out.println(row);
      }
    }
  }

  private static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
  }

  /** The requests of a trace, precomputed (the caches then do nothing else). */
  static String[] trace(String kind, int requests) {
    double[] cdf = new double[KEYS];
    double sum = 0;
    for (int i = 0; i < KEYS; i++) {
      sum += 1 / Math.pow(i + 1, ZIPF_S);
      cdf[i] = sum;
    }
    Random rnd = new Random(18);
    String[] out = new String[requests];
    int scanned = 0;
    for (int i = 0; i < requests; i++) {
      if (kind.equals("scan") && i % SCAN_EVERY >= SCAN_EVERY - SCAN_KEYS) {
        out[i] = "scan:" + scanned++;
        continue;
      }
      int k = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
      out[i] = "key:" + (k < 0 ? -k - 1 : k);
    }
    return out;
  }

  static double lime(String[] keys, int size, EvictionPolicy policy) {
    try (LimeCache<String, byte[]> c = LimeCache.builder(Codec.string(), Codec.bytes())
        .maximumSize(size).evictionPolicy(policy).executor(Runnable::run).build()) {
      for (String k : keys) {
        if (c.getIfPresent(k) == null) {
          c.put(k, VALUE);
        }
      }
      return c.stats().hitRate();
    }
  }

  static double caffeine(String[] keys, int size) {
    Cache<String, byte[]> c = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run)
        .recordStats().build();
    for (String k : keys) {
      if (c.getIfPresent(k) == null) {
        c.put(k, VALUE);
      }
    }
    return c.stats().hitRate();
  }

  static double redis(String[] keys, int size, String policy) {
    try (RealRedis r = RealRedis.start("--maxmemory-policy", policy);
        RealRedis.RawConnection conn = r.connect()) {
      long empty = usedMemory(conn);
      for (int i = 0; i < size; i++) {
        conn.call("SET".getBytes(), ("key:" + (KEYS - 1 - i)).getBytes(), VALUE);
      }
      long perKey = (usedMemory(conn) - empty) / size;
      conn.call("FLUSHALL");
      // the baseline after the flush plus `size` keys' worth (the baseline moves by tens of
      // kilobytes, as much as 1,000 keys take)
      conn.call("CONFIG", "SET", "maxmemory", Long.toString(usedMemory(conn) + perKey * size));
      long hits = 0;
      for (String k : keys) {
        byte[] reply = conn.call("GET".getBytes(), k.getBytes());
        if (reply[0] == '$' && reply[1] != '-') {
          hits++;
        } else {
          conn.call("SET".getBytes(), k.getBytes(), VALUE);
        }
      }
      return (double) hits / keys.length;
    }
  }

  private static long usedMemory(RealRedis.RawConnection conn) {
    String info = new String(conn.call("INFO", "memory"), StandardCharsets.US_ASCII);
    int i = info.indexOf("used_memory:") + "used_memory:".length();
    return Long.parseLong(info.substring(i, info.indexOf('\r', i)));
  }
}
