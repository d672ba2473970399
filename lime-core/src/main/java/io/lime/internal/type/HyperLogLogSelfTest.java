package io.lime.internal.type;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * PFSELFTEST (Redis's pfselftestCommand): checks the dense register accessors against a plain
 * array, then adds elements to a sparse and a dense HLL side by side, checking that both
 * encodings estimate the same and that the error stays within bounds.
 */
public final class HyperLogLogSelfTest {
  /** The sparse HLL's limit: Redis's default {@code hll-sparse-max-bytes}. */
  private static final long SPARSE_MAX_BYTES = 3000;

  private HyperLogLogSelfTest() {}

  /** Runs the test; null when it passed, else Redis's TESTFAILED error text. */
  public static @Nullable String run() {
    SplittableRandom rnd = new SplittableRandom();
    byte[] dense = new byte[HyperLogLog.DENSE_SIZE + 1];
    int[] plain = new int[HyperLogLog.REGISTERS];
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < plain.length; i++) {
        plain[i] = rnd.nextInt(HyperLogLog.REGISTER_MAX + 1);
        HyperLogLog.denseSetRegister(dense, i, plain[i]);
      }
      for (int i = 0; i < plain.length; i++) {
        int got = HyperLogLog.denseGet(dense, i);
        if (got != plain[i]) {
          return "TESTFAILED Register error at index " + i + ": " + got + " instead of "
              + plain[i];
        }
      }
    }
    StringValue sparse = HyperLogLog.create();
    StringValue full = HyperLogLog.create();
    if (!HyperLogLog.toDense(full)) {
      return "TESTFAILED Can't convert an empty HLL to dense";
    }
    double relerr = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
    long checkpoint = 1;
    long seed = rnd.nextLong();
    for (long j = 1; j <= 100_000; j++) {
      byte[] ele = Long.toString(seed + j).getBytes(StandardCharsets.US_ASCII);
      HyperLogLog.add(sparse, ele, 0, ele.length, SPARSE_MAX_BYTES);
      HyperLogLog.add(full, ele, 0, ele.length, Long.MAX_VALUE);
      if (j != checkpoint) {
        continue;
      }
      checkpoint *= 10;
      long a = HyperLogLogCount.count(sparse);
      long b = HyperLogLogCount.count(full);
      if (a != b) {
        return "TESTFAILED sparse and dense cardinality mismatch " + a + " vs " + b;
      }
      double abserr = Math.abs((double) b - j);
      double maxerr = Math.max(1, Math.ceil(relerr * 6 * j));
      if (abserr > maxerr) {
        return "TESTFAILED Too big error. card:" + b + " abserr:" + abserr;
      }
    }
    return null;
  }
}
