package io.lime.internal.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's {@code string.format} (lstrlib.c str_format, over C's printf): flags {@code -+ #0},
 * width, precision and the conversions {@code c d i o u x X e E f g G q s %}. LuaJ's own
 * ignores widths and precisions of floats and formats {@code %g} as Java does.
 */
final class LuaFormat extends VarArgFunction {
  @Override
  public Varargs invoke(Varargs a) {
    LuaString fmt = a.checkstring(1);
    byte[] f = new byte[fmt.m_length];
    fmt.copyInto(0, f, 0, f.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + 16);
    int arg = 1;
    for (int i = 0; i < f.length; i++) {
      byte ch = f[i];
      if (ch != '%') {
        out.write(ch);
        continue;
      }
      if (++i < f.length && f[i] == '%') {
        out.write('%');
        continue;
      }
      if (++arg > a.narg()) {
        throw new LuaError("bad argument #" + arg + ": no value"); // named by LuaArgErrors
      }
      int start = i;
      while (i < f.length && "-+ #0".indexOf(f[i]) >= 0) {
        i++;
      }
      if (i - start >= 6) {
        throw new LuaError("invalid format (repeated flags)");
      }
      i = digits(f, i);
      if (i < f.length && f[i] == '.') {
        i = digits(f, i + 1);
      }
      if (i < f.length && Character.isDigit(f[i])) {
        throw new LuaError("invalid format (width or precision too long)");
      }
      String spec = new String(f, start, i - start, StandardCharsets.ISO_8859_1);
      char conv = i < f.length ? (char) f[i] : '\0';
      out.writeBytes(one(conv, spec, a, arg));
    }
    return LuaString.valueOf(out.toByteArray());
  }

  /** luaL_checknumber of argument {@code arg}, numbered for LuaArgErrors. */
  private static double number(Varargs a, int arg) {
    LuaValue v = a.arg(arg);
    LuaValue n = v.tonumber();
    if (n.isnil()) {
      throw new LuaError("bad argument #" + arg + ": number expected, got " + v.typename());
    }
    return n.todouble();
  }

  /** Lua 5.1's scanformat: at most two digits of width or precision from {@code i}. */
  private static int digits(byte[] f, int i) {
    for (int n = 0; n < 2 && i < f.length && Character.isDigit(f[i]); n++) {
      i++;
    }
    return i;
  }

  private static byte[] one(char conv, String spec, Varargs a, int arg) {
    switch (conv) {
      case 'c' -> {
        return padBytes(new byte[] {(byte) LuaNumbers.toLong(number(a, arg))}, spec);
      }
      case 'd', 'i' -> {
        return ascii(integer(LuaNumbers.toLong(number(a, arg)), spec, 'd'));
      }
      case 'u', 'o', 'x', 'X' -> {
        return ascii(integer(LuaNumbers.toUnsigned(number(a, arg)), spec, conv));
      }
      case 'e', 'E', 'f' -> {
        double d = number(a, arg);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return ascii(pad(LuaNumbers.format(d), spec));
        }
        return ascii(exact(d, spec, conv));
      }
      case 'g', 'G' -> {
        return ascii(pad(g(number(a, arg), spec, conv == 'G'), spec));
      }
      case 'q' -> {
        if (!a.arg(arg).isstring()) {
          throw new LuaError("bad argument #" + arg + ": string expected, got "
              + a.arg(arg).typename());
        }
        LuaValue q = a.arg(arg);
        return quoted(q.type() == LuaValue.TNUMBER
            ? LuaValue.valueOf(LuaNumbers.format(q.todouble())) : q.checkstring());
      }
      case 's' -> {
        LuaValue v = a.arg(arg);
        if (!v.isstring()) {
          throw new LuaError("bad argument #" + arg + ": string expected, got " + v.typename());
        }
        byte[] s = v.type() == LuaValue.TNUMBER
            ? ascii(LuaNumbers.format(v.todouble())) : LuaReplies.bytes(v);
        int dot = spec.indexOf('.');
        if (dot < 0 && s.length >= 100) {
          return s; // Lua 5.1 keeps a long string as it is
        }
        for (int z = 0; z < s.length; z++) {
          if (s[z] == 0) { // C's sprintf stops at the first NUL
            s = java.util.Arrays.copyOf(s, z);
            break;
          }
        }
        if (dot >= 0) {
          int p = dot + 1 < spec.length() ? Integer.parseInt(spec.substring(dot + 1)) : 0;
          if (p < s.length) {
            s = java.util.Arrays.copyOf(s, p);
          }
          spec = spec.substring(0, dot);
        }
        return padBytes(s, spec);
      }
      default -> throw new LuaError("invalid option '%" + (conv == 0 ? "" : String.valueOf(conv))
          + "' to 'format'");
    }
  }

  /**
   * C's {@code %e} and {@code %f} of a finite {@code d}: the exact binary value rounded half
   * to even (Java's Formatter rounds its shortest decimal form, half up).
   */
  private static String exact(double d, String spec, char conv) {
    int dot = spec.indexOf('.');
    int p = dot < 0 ? 6 : dot + 1 < spec.length() ? Integer.parseInt(spec.substring(dot + 1)) : 0;
    BigDecimal v = new BigDecimal(d);
    BigDecimal r = conv == 'f' ? v.setScale(p, RoundingMode.HALF_EVEN)
        : d == 0 ? v : v.round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
    String out = String.format(Locale.ROOT, "%" + spec + conv, r);
    boolean negative = (Double.doubleToRawLongBits(d) < 0) && r.signum() == 0;
    if (negative) { // C keeps the sign of -0 and of what rounds to it
      int at = 0;
      while (at < out.length() && !Character.isDigit(out.charAt(at))) {
        at++;
      }
      out = out.substring(0, at) + "-" + out.substring(at);
      out = out.startsWith(" ") ? out.substring(1) : out.replaceFirst("^([+ ]?)0(?=\\d)", "$1")
          .replaceFirst("^[+ ]-", "-");
    }
    return out;
  }

  /**
   * C's {@code %d} of {@code v} (signed) and {@code %u %o %x %X} (unsigned), with flags,
   * width and precision (the least number of digits).
   */
  private static String integer(long v, String spec, char conv) {
    int f = 0;
    while (f < spec.length() && "-+ #0".indexOf(spec.charAt(f)) >= 0) {
      f++;
    }
    String flags = spec.substring(0, f);
    int dot = spec.indexOf('.');
    String w = dot < 0 ? spec.substring(f) : spec.substring(f, dot);
    int width = w.isEmpty() ? 0 : Integer.parseInt(w);
    int precision = dot < 0 ? -1 : dot + 1 < spec.length()
        ? Integer.parseInt(spec.substring(dot + 1)) : 0;
    String sign = "";
    String digits;
    switch (conv) {
      case 'd' -> {
        digits = v < 0 ? Long.toUnsignedString(-v) : Long.toString(v);
        sign = v < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
      }
      case 'o' -> digits = Long.toOctalString(v);
      case 'x' -> digits = Long.toHexString(v);
      case 'X' -> digits = Long.toHexString(v).toUpperCase(Locale.ROOT);
      default -> digits = Long.toUnsignedString(v);
    }
    if (precision == 0 && v == 0) {
      digits = "";
    }
    StringBuilder d = new StringBuilder();
    for (int i = digits.length(); i < precision; i++) {
      d.append('0');
    }
    d.append(digits);
    String prefix = sign;
    if (flags.indexOf('#') >= 0) {
      if (conv == 'o' && (d.length() == 0 || d.charAt(0) != '0')) {
        d.insert(0, '0');
      } else if ((conv == 'x' || conv == 'X') && v != 0) {
        prefix = conv == 'x' ? "0x" : "0X";
      }
    }
    int fill = width - prefix.length() - d.length();
    if (fill <= 0) {
      return prefix + d;
    }
    if (flags.indexOf('-') >= 0) {
      return prefix + d + " ".repeat(fill);
    }
    if (flags.indexOf('0') >= 0 && precision < 0) {
      return prefix + "0".repeat(fill) + d;
    }
    return " ".repeat(fill) + prefix + d;
  }

  /** C's %g: %e or %f by the exponent, trailing zeros removed unless '#'. */
  private static String g(double d, String spec, boolean upper) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return LuaNumbers.format(d);
    }
    int dot = spec.indexOf('.');
    int p = dot < 0 ? 6 : dot + 1 < spec.length() ? Integer.parseInt(spec.substring(dot + 1)) : 0;
    if (p == 0) {
      p = 1;
    }
    String sign = spec.indexOf('+') >= 0 && d >= 0 ? "+" : spec.indexOf(' ') >= 0 && d >= 0
        ? " " : "";
    if (d == 0) {
      return sign + (1 / d < 0 ? "-0" : "0");
    }
    if (spec.indexOf('#') < 0) {
      String r = sign + LuaNumbers.g(d, p);
      return upper ? r.toUpperCase(Locale.ROOT) : r;
    }
    String e = exact(d, "." + (p - 1), 'e');
    int x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
    String r;
    if (x < -4 || x >= p) {
      String m = e.substring(0, e.indexOf('e'));
      if (spec.indexOf('#') < 0 && m.indexOf('.') >= 0) {
        m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      String exp = e.substring(e.indexOf('e') + 1);
      int ev = Integer.parseInt(exp);
      r = m + "e" + (ev < 0 ? "-" : "+") + (Math.abs(ev) < 10 ? "0" : "") + Math.abs(ev);
    } else {
      r = exact(d, "." + Math.max(0, p - 1 - x), 'f');
      if (spec.indexOf('#') < 0 && r.indexOf('.') >= 0) {
        r = r.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
    }
    r = sign + r;
    return upper ? r.toUpperCase(Locale.ROOT) : r;
  }

  private static String pad(String s, String spec) {
    return new String(padBytes(ascii(s), spec), StandardCharsets.ISO_8859_1);
  }

  private static byte[] padBytes(byte[] s, String spec) {
    String w = spec.replaceAll("^[-+ #0]+", "");
    int dot = w.indexOf('.');
    if (dot >= 0) {
      w = w.substring(0, dot);
    }
    int width = w.isEmpty() ? 0 : Integer.parseInt(w);
    if (s.length >= width) {
      return s;
    }
    byte[] out = new byte[width];
    boolean left = spec.indexOf('-') >= 0;
    java.util.Arrays.fill(out, (byte) ' ');
    System.arraycopy(s, 0, out, left ? 0 : width - s.length, s.length);
    return out;
  }

  private static byte[] quoted(LuaString s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.m_length + 2);
    out.write('"');
    for (int i = 0; i < s.m_length; i++) {
      int c = s.luaByte(i);
      switch (c) {
        case '"', '\\', '\n' -> {
          out.write('\\');
          out.write(c);
        }
        case '\r' -> out.writeBytes(ascii("\\r"));
        case 0 -> out.writeBytes(ascii("\\000"));
        default -> out.write(c);
      }
    }
    out.write('"');
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
