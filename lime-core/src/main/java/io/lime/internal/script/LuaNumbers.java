package io.lime.internal.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.1's number to string conversion ({@code LUA_NUMBER_FMT "%.14g"}), which Redis's
 * embedded Lua uses for {@code tostring}, concatenation and the arguments of {@code
 * redis.call}: {@code 1e+15}, {@code 0.1}, {@code 9.007199254741e+15}, {@code inf}, {@code
 * -nan}. LuaJ prints integral doubles in full and infinity as Java does, so scripts that
 * observe it go through here.
 */
final class LuaNumbers {
  private LuaNumbers() {}

  private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
      1e11, 1e12, 1e13, 1e14, 1e15};

  /**
   * C's (x86) conversion of a double to a 64-bit integer ({@code (long long) d}): a NaN and a
   * value out of range give {@code -9223372036854775808} (Java's cast saturates and gives 0
   * for a NaN).
   */
  static long toLong(double d) {
    return d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 ? (long) d
        : Long.MIN_VALUE;
  }

  /**
   * C's (x86-64, gcc) conversion of a double to an unsigned 64-bit integer, as Lua 5.1's
   * {@code %x} does it: {@code 2^64} gives 0, a NaN {@code 2^63}.
   */
  static long toUnsigned(double d) {
    return !(d >= 9.223372036854775808e18) ? toLong(d) // a NaN compares unordered: below
        : toLong(d - 9.223372036854775808e18) ^ Long.MIN_VALUE;
  }

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
   * The NaN x86 makes ({@code 0/0}, {@code inf-inf}, {@code sqrt(-1)}): its sign bit is set,
   * and C prints it {@code -nan}; negated, it prints {@code nan}. LuaJ's {@code 0/0} and
   * {@code x%0} give Java's positive NaN instead, which {@link LuaHook} replaces with this one.
   */
  static final double X86_NAN = Double.longBitsToDouble(0xfff8000000000000L);

  /** LuaJ's NaN of {@code 0/0}: Java's {@code Double.NaN}. */
  static boolean isJavaNan(double d) {
    return Double.doubleToRawLongBits(d) == 0x7ff8000000000000L;
  }

  /**
   * C's {@code printf("%.<precision>g", d)} on x86 glibc: a NaN prints {@code -nan} when its
   * sign bit is set, {@code nan} otherwise.
   */
  static String g(double d, int precision) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < POWERS[Math.min(precision, 15)]) {
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

  private static boolean space(int c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }

  private static boolean digit(int c, int radix) {
    return Character.digit(c, radix) >= 0;
  }

  /**
   * Lua 5.1's luaO_str2d (strtod's syntax, as {@code tonumber} reads a string): optional
   * spaces and sign, a decimal or hexadecimal number ({@code 0x1p4}), {@code inf},
   * {@code infinity} or {@code nan} in any case, optional spaces; nil for anything else. C
   * reads the string up to its first NUL.
   */
  static LuaValue parse(LuaString str) {
    byte[] b = str.m_bytes;
    int end = str.m_offset + str.m_length;
    for (int z = str.m_offset; z < end; z++) {
      if (b[z] == 0) {
        end = z;
        break;
      }
    }
    int i = str.m_offset;
    while (i < end && space(b[i])) {
      i++;
    }
    int start = i;
    boolean negative = i < end && b[i] == '-';
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    double d;
    String rest = new String(b, i, Math.min(end - i, 8), StandardCharsets.ISO_8859_1)
        .toLowerCase(java.util.Locale.ROOT);
    if (rest.startsWith("0x") && i + 2 < end && (digit(b[i + 2], 16)
        || b[i + 2] == '.' && i + 3 < end && digit(b[i + 3], 16))) {
      int from = i + 2;
      i = from;
      StringBuilder h = new StringBuilder("0x");
      while (i < end && digit(b[i], 16)) {
        h.append((char) b[i++]);
      }
      h.append('.');
      if (i < end && b[i] == '.') {
        i++;
        while (i < end && digit(b[i], 16)) {
          h.append((char) b[i++]);
        }
      }
      long exp = 0;
      if (i + 1 < end && (b[i] == 'p' || b[i] == 'P')) {
        int j = i + 1;
        boolean neg = b[j] == '-';
        if (b[j] == '-' || b[j] == '+') {
          j++;
        }
        if (j < end && digit(b[j], 10)) {
          while (j < end && digit(b[j], 10)) {
            exp = Math.min(exp * 10 + (b[j++] - '0'), 100_000);
          }
          exp = neg ? -exp : exp;
          i = j;
        }
      }
      if (h.length() == 3) {
        h.insert(2, '0');
      }
      d = Double.parseDouble(h.append('p').append(exp).toString());
    } else if (rest.startsWith("inf")) {
      i += rest.startsWith("infinity") ? 8 : 3;
      d = Double.POSITIVE_INFINITY;
    } else if (rest.startsWith("nan")) {
      i += 3;
      d = Double.NaN;
    } else {
      int digits = i;
      while (i < end && digit(b[i], 10)) {
        i++;
      }
      int n = i - digits;
      if (i < end && b[i] == '.') {
        i++;
        while (i < end && digit(b[i], 10)) {
          i++;
          n++;
        }
      }
      if (n == 0) {
        return LuaValue.NIL;
      }
      if (i + 1 < end && (b[i] == 'e' || b[i] == 'E')) {
        int j = i + 1;
        if (b[j] == '-' || b[j] == '+') {
          j++;
        }
        if (j < end && digit(b[j], 10)) {
          while (j < end && digit(b[j], 10)) {
            j++;
          }
          i = j;
        }
      }
      d = Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
      negative = false;
    }
    while (i < end && space(b[i])) {
      i++;
    }
    if (i != end) {
      return LuaValue.NIL;
    }
    return LuaValue.valueOf(negative ? -d : d);
  }

  /** Lua 5.1's {@code tonumber(s, base)} for a base other than 10: C's strtoul. */
  static LuaValue parseUnsigned(String s, int base) {
    int i = 0;
    int end = s.indexOf('\0') < 0 ? s.length() : s.indexOf('\0');
    while (i < end && space(s.charAt(i))) {
      i++;
    }
    boolean negative = i < end && s.charAt(i) == '-';
    if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    if (base == 16 && i + 2 < end && s.charAt(i) == '0'
        && (s.charAt(i + 1) | 0x20) == 'x' && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
    }
    int from = i;
    java.math.BigInteger n = java.math.BigInteger.ZERO;
    java.math.BigInteger radix = java.math.BigInteger.valueOf(base);
    while (i < end && Character.digit(s.charAt(i), base) >= 0) {
      n = n.multiply(radix).add(java.math.BigInteger.valueOf(Character.digit(s.charAt(i), base)));
      i++;
    }
    if (i == from) {
      return LuaValue.NIL;
    }
    while (i < end && space(s.charAt(i))) {
      i++;
    }
    if (i != end) {
      return LuaValue.NIL;
    }
    java.math.BigInteger max = java.math.BigInteger.ONE.shiftLeft(64);
    if (n.compareTo(max) >= 0) {
      n = max.subtract(java.math.BigInteger.ONE);
    } else if (negative) {
      n = max.subtract(n).mod(max);
    }
    return LuaValue.valueOf(n.doubleValue());
  }
}
