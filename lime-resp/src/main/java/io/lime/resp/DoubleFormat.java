package io.lime.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as C's {@code printf("%.17g")} in glibc, the text Redis 7.0 replies
 * for scores and other doubles ({@code addReplyDouble}).
 *
 * <p>C's {@code %g} is not Java's: the value is rounded to 17 significant digits (glibc rounds
 * the exact binary value, ties to even); with {@code X} the decimal exponent after rounding,
 * fixed notation is used when {@code -4 <= X < 17}, otherwise {@code d.ddde±XX} with at least
 * two exponent digits; trailing zeros and a bare decimal point are removed. NaN prints as
 * {@code nan} ({@code -nan} when its sign bit is set), infinities as {@code inf}/{@code -inf},
 * negative zero as {@code -0}.
 *
 * <p>Thread-safe (stateless).
 */
public final class DoubleFormat {
  private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);
  private static final double FIXED_INTEGER_LIMIT = 1e17;

  private DoubleFormat() {}

  /** {@code printf("%.17g", d)} as glibc prints it. */
  public static String g17(double d) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
    }
    if (isSmallInteger(d)) {
      return Long.toString((long) d);
    }
    BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN);
    String digits = rounded.unscaledValue().abs().toString();
    int exponent = digits.length() - rounded.scale() - 1;
    int significant = digits.length();
    while (significant > 1 && digits.charAt(significant - 1) == '0') {
      significant--;
    }
    StringBuilder sb = new StringBuilder(32);
    if (d < 0) {
      sb.append('-');
    }
    if (exponent < -4 || exponent >= 17) {
      sb.append(digits.charAt(0));
      if (significant > 1) {
        sb.append('.').append(digits, 1, significant);
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else if (exponent >= 0) {
      int intDigits = exponent + 1;
      if (significant <= intDigits) {
        sb.append(digits, 0, significant);
        for (int i = significant; i < intDigits; i++) {
          sb.append('0');
        }
      } else {
        sb.append(digits, 0, intDigits).append('.').append(digits, intDigits, significant);
      }
    } else {
      sb.append("0.");
      for (int i = -1; i > exponent; i--) {
        sb.append('0');
      }
      sb.append(digits, 0, significant);
    }
    return sb.toString();
  }

  /** Whether {@code d} is an integer printed in full by {@code %.17g} (|d| below 1e17). */
  static boolean isSmallInteger(double d) {
    return d == Math.rint(d) && Math.abs(d) < FIXED_INTEGER_LIMIT && d != 0;
  }
}
