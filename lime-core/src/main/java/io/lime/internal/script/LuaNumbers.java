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
  private static final MathContext G14 = new MathContext(14, RoundingMode.HALF_EVEN);

  private LuaNumbers() {}

  /** C's {@code printf("%.14g", d)}. */
  static String format(double d) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan"; // glibc prints the sign bit
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
    BigDecimal r = new BigDecimal(d).round(G14);
    int exp = r.precision() - r.scale() - 1; // decimal exponent of the rounded value
    if (exp < -4 || exp >= 14) {
      BigDecimal mantissa = r.movePointLeft(exp).stripTrailingZeros();
      String m = mantissa.toPlainString();
      String e = Integer.toString(Math.abs(exp));
      return m + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }
    String plain = r.stripTrailingZeros().toPlainString();
    return plain;
  }
}
