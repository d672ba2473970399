package io.lime.internal.persistence.rdb;

import io.lime.resp.DoubleFormat;
import java.nio.charset.StandardCharsets;

/**
 * Scores as text, as Redis's d2string writes them into a sorted set's listpack (integral
 * values within +-2^62 as integers, its double2ll's range, so the listpack stores them
 * integer-encoded; others as {@code %.17g}) and as the old RDB_TYPE_ZSET reads them.
 */
final class ScoreText {
  /** Redis's double2ll bound, {@code (double) (LLONG_MAX / 2)}: 2^62. */
  private static final double LONG_HALF = (double) (Long.MAX_VALUE / 2);

  private ScoreText() {}

  static byte[] format(double d) {
    String s;
    if (Double.isNaN(d)) {
      s = "nan";
    } else if (Double.isInfinite(d)) {
      s = d > 0 ? "inf" : "-inf";
    } else if (d == 0) {
      s = 1.0 / d < 0 ? "-0" : "0";
    } else if (d >= -LONG_HALF && d <= LONG_HALF && d == (long) d) {
      s = Long.toString((long) d);
    } else {
      s = DoubleFormat.g17(d);
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses a score read from a listpack or an old-style RDB score (strtod: also {@code inf},
   * {@code -inf}, {@code nan}).
   *
   * @throws NumberFormatException if not a number
   */
  static double parse(byte[] b) {
    String s = new String(b, StandardCharsets.US_ASCII).trim();
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
