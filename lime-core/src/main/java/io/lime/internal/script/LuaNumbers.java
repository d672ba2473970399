package io.lime.internal.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Lua 5.1's number to string conversion ({@code LUA_NUMBER_FMT "%.14g"}), which Redis's
 * embedded Lua uses for {@code tostring}, concatenation and the arguments of {@code
 * redis.call}: {@code 1e+15}, {@code 0.1}, {@code 9.007199254741e+15}, {@code inf}, {@code
 * -nan}. LuaJ prints integral doubles in full and infinity as Java does, so scripts that
 * observe it go through here.
 */
final class LuaNumbers {
  private LuaNumbers() {}

  /** C's {@code printf("%.14g", d)}: Lua 5.1's {@code tostring} of a number. */
  static String format(double d) {
    return g(d, 14);
  }

  /**
   * C's {@code printf("%.17g", d)}: how Redis 7.0 turns a number argument of {@code
   * redis.call} into a string ({@code 0.1} is sent as {@code 0.10000000000000001}).
   */
  static byte[] argument(double d) {
    return g(d, 17).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * C's {@code printf("%.<precision>g", d)} on x86 glibc. A NaN prints as {@code -nan}: the
   * NaN x86 makes ({@code 0/0}, {@code inf-inf}, {@code sqrt(-1)}) has its sign bit set,
   * while LuaJ's division by zero yields Java's positive NaN where Redis's Lua yields that
   * one, so the sign of a NaN here cannot tell which Redis would print; only a negated NaN
   * (Redis: {@code nan}) differs.
   */
  static String g(double d, int precision) {
    if (Double.isNaN(d)) {
      return "-nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e14) {
      return Long.toString((long) d);
    }
    BigDecimal r = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1; // decimal exponent of the rounded value
    if (exp < -4 || exp >= precision) {
      BigDecimal mantissa = r.movePointLeft(exp).stripTrailingZeros();
      String m = mantissa.toPlainString();
      String e = Integer.toString(Math.abs(exp));
      return m + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }
    return r.stripTrailingZeros().toPlainString();
  }
}
