package io.lime.internal.config;

/**
 * Redis's {@code memtoull} and {@code string2ll}: memory values such as {@code 1gb},
 * {@code 10k}, {@code 512mb} (units case-insensitive: k=1000, kb=1024, m, mb, g, gb, b), and
 * strict integers (no sign but {@code -}, no spaces, no leading zeros).
 */
public final class MemoryUnits {
  private MemoryUnits() {}

  /** Sentinel: the text is not a memory value. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid() {
      super(null, null, false, false);
    }
  }

  /**
   * Parses a memory value as Redis does; the result is unsigned 64-bit (digits beyond
   * 2^64-1 saturate, the unit multiplication wraps, both as in C).
   *
   * @throws Invalid when the text is not a memory value
   */
  static long parse(String s) throws Invalid {
    if (!s.isEmpty() && s.charAt(0) == '-') {
      throw new Invalid();
    }
    int u = 0;
    while (u < s.length() && s.charAt(u) >= '0' && s.charAt(u) <= '9') {
      u++;
    }
    String unit = s.substring(u);
    long mul = switch (unit.toLowerCase(java.util.Locale.ROOT)) {
      case "", "b" -> 1L;
      case "k" -> 1000L;
      case "kb" -> 1024L;
      case "m" -> 1000L * 1000;
      case "mb" -> 1024L * 1024;
      case "g" -> 1000L * 1000 * 1000;
      case "gb" -> 1024L * 1024 * 1024;
      default -> throw new Invalid();
    };
    if (u >= 128) {
      throw new Invalid();
    }
    long val = 0;
    boolean saturated = false;
    for (int i = 0; i < u; i++) {
      int d = s.charAt(i) - '0';
      if (Long.compareUnsigned(val, Long.divideUnsigned(-1L - d, 10)) > 0) {
        saturated = true;
        break;
      }
      val = val * 10 + d;
    }
    if (saturated) {
      val = -1L;
    }
    return val * mul;
  }

  /** Redis's {@code string2ll}: a strict signed 64-bit integer, or null. */
  static @org.jspecify.annotations.Nullable Long parseStrictLong(String s) {
    int n = s.length();
    if (n == 0 || n > 20) {
      return null;
    }
    if (n == 1 && s.charAt(0) == '0') {
      return 0L;
    }
    int i = 0;
    boolean neg = false;
    if (s.charAt(0) == '-') {
      neg = true;
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    if (s.charAt(i) < '1' || s.charAt(i) > '9') {
      return null;
    }
    long v = 0;
    try {
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        v = Math.subtractExact(Math.multiplyExact(v, 10L), c - '0');
      }
    } catch (ArithmeticException overflow) {
      return null;
    }
    if (!neg) {
      if (v == Long.MIN_VALUE) {
        return null;
      }
      v = -v;
    }
    return v;
  }

  /** Formats bytes for CONFIG REWRITE as Redis does: gb, mb or kb when exact. */
  static String rewrite(long bytes) {
    long gb = 1024L * 1024 * 1024;
    long mb = 1024L * 1024;
    if (bytes != 0 && bytes % gb == 0) {
      return Long.toUnsignedString(bytes / gb) + "gb";
    } else if (bytes != 0 && bytes % mb == 0) {
      return Long.toUnsignedString(bytes / mb) + "mb";
    } else if (bytes != 0 && bytes % 1024 == 0) {
      return Long.toUnsignedString(bytes / 1024) + "kb";
    }
    return Long.toUnsignedString(bytes);
  }
}
