package io.lime.internal.type;

/**
 * Redis's hllCount: the register histogram of an HLL (dense, sparse, or raw 8-bit registers
 * for a multi-key PFCOUNT) and Ertl's estimator over it ("New cardinality estimation
 * algorithms for HyperLogLog sketches", arXiv:1702.01284) with Redis's operation order, in
 * IEEE doubles as on x86-64, so estimates equal Redis's. See {@link HyperLogLog}.
 */
final class HyperLogLogCount {
  private static final int REGISTERS = HyperLogLog.REGISTERS;
  private static final int Q = HyperLogLog.Q;
  private static final int DENSE = HyperLogLog.DENSE;
  private static final double ALPHA_INF = 0.721347520444481703680;

  private HyperLogLogCount() {}

  /** {@link #count} of a corrupted sparse form (never an estimate). */
  static final long CORRUPTED = -1;

  /**
   * Redis's hllCount over a valid HLL value; {@link #CORRUPTED} when its sparse form is
   * corrupted.
   */
  static long count(Object value) {
    byte[] a = StringType.array(value);
    int[] histo = new int[64];
    if ((a[4] & 0xff) == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        histo[HyperLogLog.denseGet(a, i)]++;
      }
    } else {
      int covered = HyperLogLog.walk(a, StringType.length(value), (first, val, length, op) -> {
        histo[val] += length;
        return true;
      });
      if (covered != REGISTERS) {
        return CORRUPTED;
      }
    }
    return estimate(histo);
  }

  /** hllCount over raw 8-bit registers (PFCOUNT of several keys). */
  static long countRaw(byte[] registers) {
    int[] histo = new int[64];
    for (int i = 0; i < REGISTERS; i++) {
      histo[registers[i]]++;
    }
    return estimate(histo);
  }

  private static long estimate(int[] histo) {
    double m = REGISTERS;
    double z = m * tau((m - histo[Q + 1]) / m);
    for (int j = Q; j >= 1; --j) {
      z += histo[j];
      z *= 0.5;
    }
    z += m * sigma(histo[0] / m);
    double e = ALPHA_INF * m * m / z;
    // llroundl out of range (or of NaN) is LONG_MIN on x86-64, which Redis then replies and
    // caches as is (all registers above Q+1 give z = 0)
    return e < 0x1p63 ? Math.round(e) : Long.MIN_VALUE;
  }

  private static double sigma(double x) {
    if (x == 1.) {
      return Double.POSITIVE_INFINITY;
    }
    double zPrime;
    double y = 1;
    double z = x;
    do {
      x *= x;
      zPrime = z;
      z += x * y;
      y += y;
    } while (zPrime != z);
    return z;
  }

  private static double tau(double x) {
    if (x == 0. || x == 1.) {
      return 0.;
    }
    double zPrime;
    double y = 1.0;
    double z = 1 - x;
    do {
      x = Math.sqrt(x);
      zPrime = z;
      y *= 0.5;
      double d = 1 - x;
      z -= d * d * y;
    } while (zPrime != z);
    return z / 3;
  }
}
