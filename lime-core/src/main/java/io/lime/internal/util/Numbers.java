package io.lime.internal.util;

import org.jspecify.annotations.Nullable;

/**
 * Integer text conversions with Redis's exact acceptance rules (src/util.c), over byte slices
 * and without allocation: {@code string2ll}, {@code ll2string}, {@code sdigits10}.
 *
 * <p>Parsing is split into a check ({@link #isLong}) and a conversion ({@link #parseLong})
 * so that neither allocates nor throws on the hot path; the strings involved are at most 20
 * bytes long, so checking then converting costs nothing measurable.
 */
public final class Numbers {
  /**
   * Redis's {@code LONG_STR_SIZE}: a string of this many bytes or more is never an integer
   * for {@code string2ll} (the longest valid one, {@code -9223372036854775808}, has 20).
   */
  public static final int LONG_STR_SIZE = 21;

  private Numbers() {}

  /**
   * Whether {@code len} bytes of {@code b} from {@code off} are a 64-bit integer as Redis's
   * string2ll accepts it: an optional {@code '-'}, then {@code 0} alone or a non-zero digit
   * followed by digits, with no overflow. Rejects the empty string, {@code '+'}, spaces,
   * leading zeros ({@code "01"}) and {@code "-0"}.
   */
  public static boolean isLong(byte[] b, int off, int len) {
    if (len == 0 || len >= LONG_STR_SIZE) {
      return false;
    }
    if (len == 1 && b[off] == '0') {
      return true;
    }
    int p = off;
    int end = off + len;
    boolean negative = false;
    if (b[p] == '-') {
      negative = true;
      p++;
      if (p == end) {
        return false;
      }
    }
    if (b[p] < '1' || b[p] > '9') {
      return false;
    }
    long v = 0; // accumulated negatively so that Long.MIN_VALUE is reachable
    for (; p < end; p++) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      v = v * 10 - d;
    }
    return negative || v != Long.MIN_VALUE;
  }

  /** Whether a whole array is an integer for {@link #isLong(byte[], int, int)}. */
  public static boolean isLong(byte[] b) {
    return isLong(b, 0, b.length);
  }

  /**
   * The value of a slice for which {@link #isLong(byte[], int, int)} holds; unspecified
   * otherwise.
   */
  public static long parseLong(byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    long v = 0;
    for (; p < end; p++) {
      v = v * 10 - (b[p] - '0');
    }
    return negative ? v : -v;
  }

  /** Number of bytes of the decimal text of {@code v} (Redis's sdigits10). */
  public static int length(long v) {
    if (v < 0) {
      return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
    }
    return digits(v);
  }

  private static int digits(long v) {
    int n = 1;
    long limit = 10;
    while (n < 19 && v >= limit) {
      n++;
      limit *= 10;
    }
    return n;
  }

  /**
   * Writes the decimal text of {@code v} into {@code dst} at {@code off} (room for
   * {@link #length(long)} bytes needed) and returns the number of bytes written.
   */
  public static int write(long v, byte[] dst, int off) {
    int n = length(v);
    int p = off + n;
    long x = v;
    if (x < 0) {
      dst[off] = '-';
    } else {
      x = -x;
    }
    // x <= 0 here: work on negatives so Long.MIN_VALUE needs no special case
    do {
      dst[--p] = (byte) ('0' - (x % 10));
      x /= 10;
    } while (x != 0);
    return n;
  }

  /** The decimal text of {@code v} as a new array. */
  public static byte[] toBytes(long v) {
    byte[] b = new byte[length(v)];
    write(v, b, 0);
    return b;
  }

  /**
   * Whether {@code b[from..to)} is one or more decimal digits whose value fits in 64 unsigned
   * bits (the digits of C's strtoull, which both SCAN cursors and stream IDs accept); the
   * value, when valid and {@code out} is not null, goes to {@code out[0]}.
   */
  public static boolean unsignedDecimal(byte[] b, int from, int to, long @Nullable [] out) {
    if (from == to) {
      return false;
    }
    long v = 0;
    for (int p = from; p < to; p++) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      // v * 10 + d must stay below 2^64
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
        return false;
      }
      long t = v * 10;
      long r = t + d;
      if (Long.compareUnsigned(r, t) < 0) {
        return false;
      }
      v = r;
    }
    if (out != null) {
      out[0] = v;
    }
    return true;
  }
}
