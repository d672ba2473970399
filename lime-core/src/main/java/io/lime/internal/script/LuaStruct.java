package io.lime.internal.script;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code struct} library Redis embeds (Roberto Ierusalimschy's lua_struct 0.2): {@code
 * pack}, {@code unpack} and {@code size} over formats of {@code < > = !} (byte order, alignment),
 * {@code b B h H l L T i I[n] f d} (numbers), {@code s} (zero-terminated string), {@code c[n]}
 * (fixed string; {@code c0} takes its length from the previous value) and {@code x} (padding).
 */
final class LuaStruct {
  private LuaStruct() {}

  static LuaTable table() {
    return LuaTables.of("pack", LuaTables.fn(LuaStruct::pack),
        "unpack", LuaTables.fn(LuaStruct::unpack),
        "size", LuaTables.fn(a -> LuaValue.valueOf(size(LuaReplies.bytes(a.checkstring(1))))));
  }

  /** The parse state of a format: byte order and alignment. */
  private static final class Format {
    final byte[] f;
    int i;
    boolean little = true;
    int align = 1;

    Format(byte[] f) {
      this.f = f;
    }

    int number(int dflt) {
      if (i >= f.length || !Character.isDigit(f[i])) {
        return dflt;
      }
      int n = 0;
      while (i < f.length && Character.isDigit(f[i])) {
        n = n * 10 + (f[i++] - '0');
      }
      return n;
    }

    /** Size of option {@code opt} (0 for strings, alignment options). */
    int size(char opt) {
      return switch (opt) {
        case 'B', 'b', 'x' -> 1;
        case 'H', 'h' -> 2;
        case 'L', 'l', 'T', 'd' -> 8;
        case 'f' -> 4;
        case 'c' -> number(1);
        case 'i', 'I' -> {
          int n = number(4);
          if (n > 8) {
            throw new LuaError("integral size " + n + " is larger than limit of 8");
          }
          yield n;
        }
        default -> 0;
      };
    }

    /** Handles the control options; returns true when {@code opt} was one. */
    boolean control(char opt) {
      switch (opt) {
        case ' ' -> { }
        case '>' -> little = false;
        case '<', '=' -> little = true;
        case '!' -> align = number(8);
        default -> {
          return false;
        }
      }
      return true;
    }

    int gap(int pos, int size, char opt) {
      if (size <= 1 || opt == 'c' || align <= 1) {
        return 0;
      }
      int a = Math.min(size, align);
      return (a - (pos & (a - 1))) & (a - 1);
    }
  }

  private static int size(byte[] fmt) {
    Format f = new Format(fmt);
    int total = 0;
    while (f.i < fmt.length) {
      char opt = (char) fmt[f.i++];
      if (f.control(opt)) {
        continue;
      }
      if (opt == 's') {
        throw new LuaError("options 's' has no fixed size");
      }
      int size = f.size(opt);
      if (opt == 'c' && size == 0) {
        throw new LuaError("options 'c0' has no fixed size");
      }
      total += f.gap(total, size, opt) + size;
    }
    return total;
  }

  private static Varargs pack(Varargs a) {
    Format f = new Format(LuaReplies.bytes(a.checkstring(1)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int arg = 2;
    while (f.i < f.f.length) {
      char opt = (char) f.f[f.i++];
      if (f.control(opt)) {
        continue;
      }
      int size = f.size(opt);
      for (int g = f.gap(out.size(), size, opt); g > 0; g--) {
        out.write(0);
      }
      switch (opt) {
        case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
          double d = a.checkdouble(arg++);
          writeInt(out, LuaNumbers.toLong(d), size, f.little);
        }
        case 'x' -> out.write(0);
        case 'f' -> writeInt(out, Float.floatToRawIntBits((float) a.checkdouble(arg++)), 4, f.little);
        case 'd' -> writeInt(out, Double.doubleToRawLongBits(a.checkdouble(arg++)), 8, f.little);
        case 'c', 's' -> {
          byte[] s = LuaReplies.bytes(a.checkstring(arg++));
          int n = opt == 'c' && size > 0 ? size : s.length;
          if (opt == 'c' && size > s.length) {
            throw new LuaError("bad argument #" + (arg - 1) + ": string too short");
          }
          out.write(s, 0, n);
          if (opt == 's') {
            out.write(0);
          }
        }
        default -> throw new LuaError("invalid format option '" + opt + "'");
      }
    }
    return LuaString.valueOf(out.toByteArray());
  }

  private static void writeInt(ByteArrayOutputStream out, long v, int size, boolean little) {
    for (int k = 0; k < size; k++) {
      int shift = 8 * (little ? k : size - 1 - k);
      out.write(shift < 64 ? (int) (v >>> shift) & 0xff : v < 0 ? 0xff : 0);
    }
  }

  private static Varargs unpack(Varargs a) {
    Format f = new Format(LuaReplies.bytes(a.checkstring(1)));
    byte[] data = LuaReplies.bytes(a.checkstring(2));
    int pos = a.optint(3, 1) - 1;
    if (pos < 0 || pos > data.length) {
      throw new LuaError("bad argument #3: offset must be 1 or greater");
    }
    List<LuaValue> results = new ArrayList<>();
    while (f.i < f.f.length) {
      char opt = (char) f.f[f.i++];
      if (f.control(opt)) {
        continue;
      }
      int size = f.size(opt);
      pos += f.gap(pos, size, opt);
      if (opt != 's' && !(opt == 'c' && size == 0) && pos + size > data.length) {
        throw new LuaError("bad argument #2: data string too short");
      }
      switch (opt) {
        case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
          long v = 0;
          for (int k = 0; k < size; k++) {
            int b = data[pos + (f.little ? size - 1 - k : k)] & 0xff;
            v = (v << 8) | b;
          }
          boolean signed = Character.isLowerCase(opt);
          if (signed && size < 8 && (v & (1L << (8 * size - 1))) != 0) {
            v -= 1L << (8 * size);
          }
          double d = !signed && size == 8 && v < 0 ? (double) (v >>> 1) * 2.0 + (v & 1) : v;
          results.add(LuaValue.valueOf(d));
        }
        case 'x' -> { }
        case 'f' -> results.add(LuaValue.valueOf(Float.intBitsToFloat((int) readLong(data, pos, 4,
            f.little))));
        case 'd' -> results.add(LuaValue.valueOf(Double.longBitsToDouble(readLong(data, pos, 8,
            f.little))));
        case 'c' -> {
          if (size == 0) {
            if (results.isEmpty() || !results.get(results.size() - 1).isnumber()) {
              throw new LuaError("format 'c0' needs a previous size");
            }
            size = (int) results.remove(results.size() - 1).todouble();
            if (pos + size > data.length) {
              throw new LuaError("bad argument #2: data string too short");
            }
          }
          results.add(LuaString.valueOf(java.util.Arrays.copyOfRange(data, pos, pos + size)));
        }
        case 's' -> {
          int end = pos;
          while (end < data.length && data[end] != 0) {
            end++;
          }
          if (end >= data.length) {
            throw new LuaError("unfinished string in data");
          }
          results.add(LuaString.valueOf(java.util.Arrays.copyOfRange(data, pos, end)));
          size = end - pos + 1;
        }
        default -> throw new LuaError("invalid format option '" + opt + "'");
      }
      pos += size;
    }
    results.add(LuaValue.valueOf(pos + 1));
    return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
  }

  private static long readLong(byte[] data, int pos, int size, boolean little) {
    long v = 0;
    for (int k = 0; k < size; k++) {
      v = (v << 8) | (data[pos + (little ? size - 1 - k : k)] & 0xff);
    }
    return v;
  }
}
