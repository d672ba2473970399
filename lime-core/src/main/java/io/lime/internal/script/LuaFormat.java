package io.lime.internal.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
      if (++i >= f.length) {
        throw new LuaError("invalid option '%' to 'format'");
      }
      if (f[i] == '%') {
        out.write('%');
        continue;
      }
      int start = i;
      while (i < f.length && "-+ #0".indexOf(f[i]) >= 0) {
        i++;
      }
      while (i < f.length && Character.isDigit(f[i])) {
        i++;
      }
      if (i < f.length && f[i] == '.') {
        i++;
        while (i < f.length && Character.isDigit(f[i])) {
          i++;
        }
      }
      if (i >= f.length || i - start > 5) {
        throw new LuaError("invalid format (repeated flags)");
      }
      String spec = new String(f, start, i - start, StandardCharsets.ISO_8859_1);
      char conv = (char) f[i];
      arg++;
      if (arg > a.narg() && conv != '%') {
        throw new LuaError("bad argument #" + arg + " to 'format' (no value)");
      }
      out.writeBytes(one(conv, spec, a, arg));
    }
    return LuaString.valueOf(out.toByteArray());
  }

  private static byte[] one(char conv, String spec, Varargs a, int arg) {
    switch (conv) {
      case 'c' -> {
        return new byte[] {(byte) a.checkdouble(arg)};
      }
      case 'd', 'i' -> {
        return ascii(String.format(Locale.ROOT, "%" + javaInt(spec) + "d",
            (long) a.checkdouble(arg)));
      }
      case 'u' -> {
        return ascii(String.format(Locale.ROOT, "%" + javaInt(spec) + "d",
            (long) a.checkdouble(arg)));
      }
      case 'o', 'x', 'X' -> {
        return ascii(String.format(Locale.ROOT, "%" + spec + conv, (long) a.checkdouble(arg)));
      }
      case 'e', 'E', 'f' -> {
        double d = a.checkdouble(arg);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return ascii(pad(LuaNumbers.format(d), spec));
        }
        return ascii(String.format(Locale.ROOT, "%" + spec + conv, d));
      }
      case 'g', 'G' -> {
        return ascii(pad(g(a.checkdouble(arg), spec, conv == 'G'), spec));
      }
      case 'q' -> {
        return quoted(a.checkstring(arg));
      }
      case 's' -> {
        LuaValue v = a.arg(arg);
        byte[] s = v.type() == LuaValue.TNUMBER
            ? ascii(LuaNumbers.format(v.todouble()))
            : v.isstring() ? LuaReplies.bytes(v) : ascii(v.tojstring());
        int dot = spec.indexOf('.');
        if (dot >= 0) {
          int p = dot + 1 < spec.length() ? Integer.parseInt(spec.substring(dot + 1)) : 0;
          if (p < s.length) {
            s = java.util.Arrays.copyOf(s, p);
          }
          spec = spec.substring(0, dot);
        }
        return padBytes(s, spec);
      }
      default -> throw new LuaError("invalid option '%" + conv + "' to 'format'");
    }
  }

  /** Java's %d takes no precision: C's "%.3d" pads with zeros, as width with '0' here. */
  private static String javaInt(String spec) {
    int dot = spec.indexOf('.');
    return dot < 0 ? spec : spec.substring(0, dot);
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
    String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", d);
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
      r = String.format(Locale.ROOT, "%." + Math.max(0, p - 1 - x) + "f", d);
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
    String w = spec.replaceAll("[-+ #0]", "");
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
