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
 * The {@code cmsgpack} library Redis embeds (lua_cmsgpack): {@code pack(...)} concatenates
 * the MessagePack encoding of each argument (integral numbers in the smallest integer
 * format, others as float32 when exact, else float64; tables whose keys are 1..n as arrays,
 * others as maps), {@code unpack(s)} returns every value encoded in {@code s}, {@code
 * unpack_one(s [, offset])} and {@code unpack_limit(s, n [, offset])} return the offset after
 * the values first (-1 at the end). Maps are written in LuaJ's iteration order, which may
 * differ from Lua 5.1's.
 */
final class LuaMsgpack {
  private static final int MAX_NESTING = 16; // lua_cmsgpack's LUACMSGPACK_MAX_NESTING

  private LuaMsgpack() {}

  static LuaTable table() {
    return LuaTables.of("pack", LuaTables.fn(LuaMsgpack::pack),
        "unpack", LuaTables.fn(a -> unpack(a, 0, 0, false)),
        "unpack_one", LuaTables.fn(a -> unpack(a, 1, 2, true)),
        "unpack_limit", LuaTables.fn(a -> unpack(a, a.checkint(2), 3, true)));
  }

  private static Varargs pack(Varargs a) {
    if (a.narg() == 0) {
      throw new LuaError("MessagePack pack needs input.");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= a.narg(); i++) {
      encode(a.arg(i), out, 0);
    }
    return LuaString.valueOf(out.toByteArray());
  }

  private static void encode(LuaValue v, ByteArrayOutputStream out, int depth) {
    switch (v.type()) {
      case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
      case LuaValue.TNUMBER -> number(v.todouble(), out);
      case LuaValue.TSTRING -> {
        byte[] s = LuaReplies.bytes(v);
        header(s.length, 0xa0, 32, 0xd9, 0xda, 0xdb, out);
        out.writeBytes(s);
      }
      case LuaValue.TTABLE -> {
        LuaTable t = (LuaTable) v;
        if (depth >= MAX_NESTING) {
          out.write(0xc0);
          return;
        }
        int n = arrayLength(t);
        if (n >= 0) {
          header(n, 0x90, 16, -1, 0xdc, 0xdd, out);
          for (int i = 1; i <= n; i++) {
            encode(t.rawget(i), out, depth + 1);
          }
          return;
        }
        int count = 0;
        LuaValue k = LuaValue.NIL;
        while (!(k = t.next(k).arg1()).isnil()) {
          count++;
        }
        header(count, 0x80, 16, -1, 0xde, 0xdf, out);
        k = LuaValue.NIL;
        while (true) {
          Varargs e = t.next(k);
          if ((k = e.arg1()).isnil()) {
            break;
          }
          encode(k, out, depth + 1);
          encode(e.arg(2), out, depth + 1);
        }
      }
      default -> out.write(0xc0);
    }
  }

  /** lua_cmsgpack's table_is_an_array: keys exactly 1..n (n may be 0: an empty array). */
  private static int arrayLength(LuaTable t) {
    int count = 0;
    double max = 0;
    LuaValue k = LuaValue.NIL;
    while (!(k = t.next(k).arg1()).isnil()) {
      if (k.type() != LuaValue.TNUMBER || k.todouble() < 1 || k.todouble() != Math.floor(
          k.todouble())) {
        return -1;
      }
      max = Math.max(max, k.todouble());
      count++;
    }
    return max == count ? count : -1;
  }

  private static void header(int n, int fix, int fixLimit, int op8, int op16, int op32,
      ByteArrayOutputStream out) {
    if (n < fixLimit) {
      out.write(fix | n);
    } else if (op8 >= 0 && n <= 0xff) {
      out.write(op8);
      out.write(n);
    } else if (n <= 0xffff) {
      out.write(op16);
      be(n, 2, out);
    } else {
      out.write(op32);
      be(n, 4, out);
    }
  }

  private static void number(double d, ByteArrayOutputStream out) {
    long n = (long) d;
    if (n != d || Double.isInfinite(d)) {
      if ((float) d == d) {
        out.write(0xca);
        be(Float.floatToRawIntBits((float) d), 4, out);
      } else {
        out.write(0xcb);
        be(Double.doubleToRawLongBits(d), 8, out);
      }
    } else if (n >= 0) {
      if (n <= 127) {
        out.write((int) n);
      } else if (n <= 0xff) {
        out.write(0xcc);
        out.write((int) n);
      } else if (n <= 0xffff) {
        out.write(0xcd);
        be(n, 2, out);
      } else if (n <= 0xffffffffL) {
        out.write(0xce);
        be(n, 4, out);
      } else {
        out.write(0xcf);
        be(n, 8, out);
      }
    } else if (n >= -32) {
      out.write((int) (n & 0xff));
    } else if (n >= -128) {
      out.write(0xd0);
      out.write((int) (n & 0xff));
    } else if (n >= -32768) {
      out.write(0xd1);
      be(n, 2, out);
    } else if (n >= Integer.MIN_VALUE) {
      out.write(0xd2);
      be(n, 4, out);
    } else {
      out.write(0xd3);
      be(n, 8, out);
    }
  }

  private static void be(long v, int n, ByteArrayOutputStream out) {
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  /** {@code limit} 0: all values; with {@code offsetFirst}, the next offset comes first. */
  private static Varargs unpack(Varargs a, int limit, int offsetArg, boolean offsetFirst) {
    byte[] s = LuaReplies.bytes(a.checkstring(1));
    int offset = offsetArg > 0 ? a.optint(offsetArg, 0) : 0;
    if (offset < 0 || limit < 0) {
      throw new LuaError("Invalid request to unpack with offset of " + offset + " and limit of "
          + limit + ".");
    }
    int[] pos = {offset};
    List<LuaValue> values = new ArrayList<>();
    while (pos[0] < s.length && (limit == 0 || values.size() < limit)) {
      values.add(decode(s, pos));
    }
    if (!offsetFirst) {
      return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }
    values.add(0, LuaValue.valueOf(pos[0] >= s.length ? -1 : pos[0]));
    return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
  }

  private static long read(byte[] s, int[] pos, int n) {
    if (pos[0] + n > s.length) {
      throw new LuaError("Missing bytes in input.");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (s[pos[0]++] & 0xff);
    }
    return v;
  }

  private static LuaValue decode(byte[] s, int[] pos) {
    int c = (int) read(s, pos, 1);
    if (c <= 0x7f) {
      return LuaValue.valueOf(c);
    } else if (c >= 0xe0) {
      return LuaValue.valueOf(c - 256);
    } else if ((c & 0xe0) == 0xa0) {
      return str(s, pos, c & 0x1f);
    } else if ((c & 0xf0) == 0x90) {
      return array(s, pos, c & 0x0f);
    } else if ((c & 0xf0) == 0x80) {
      return map(s, pos, c & 0x0f);
    }
    return switch (c) {
      case 0xc0 -> LuaValue.NIL;
      case 0xc2 -> LuaValue.FALSE;
      case 0xc3 -> LuaValue.TRUE;
      case 0xca -> LuaValue.valueOf(Float.intBitsToFloat((int) read(s, pos, 4)));
      case 0xcb -> LuaValue.valueOf(Double.longBitsToDouble(read(s, pos, 8)));
      case 0xcc -> LuaValue.valueOf(read(s, pos, 1));
      case 0xcd -> LuaValue.valueOf(read(s, pos, 2));
      case 0xce -> LuaValue.valueOf(read(s, pos, 4));
      case 0xcf -> {
        long v = read(s, pos, 8);
        yield LuaValue.valueOf(v < 0 ? (double) (v >>> 1) * 2.0 + (v & 1) : v);
      }
      case 0xd0 -> LuaValue.valueOf((byte) read(s, pos, 1));
      case 0xd1 -> LuaValue.valueOf((short) read(s, pos, 2));
      case 0xd2 -> LuaValue.valueOf((int) read(s, pos, 4));
      case 0xd3 -> LuaValue.valueOf((double) read(s, pos, 8));
      case 0xc4, 0xd9 -> str(s, pos, (int) read(s, pos, 1));
      case 0xc5, 0xda -> str(s, pos, (int) read(s, pos, 2));
      case 0xc6, 0xdb -> str(s, pos, (int) read(s, pos, 4));
      case 0xdc -> array(s, pos, (int) read(s, pos, 2));
      case 0xdd -> array(s, pos, (int) read(s, pos, 4));
      case 0xde -> map(s, pos, (int) read(s, pos, 2));
      case 0xdf -> map(s, pos, (int) read(s, pos, 4));
      default -> throw new LuaError("Bad data format in input.");
    };
  }

  private static LuaValue str(byte[] s, int[] pos, int n) {
    if (n < 0 || pos[0] + n > s.length) {
      throw new LuaError("Missing bytes in input.");
    }
    LuaString v = LuaString.valueOf(java.util.Arrays.copyOfRange(s, pos[0], pos[0] + n));
    pos[0] += n;
    return v;
  }

  private static LuaValue array(byte[] s, int[] pos, int n) {
    LuaTable t = new Lua51Table();
    for (int i = 1; i <= n; i++) {
      t.rawset(i, decode(s, pos));
    }
    return t;
  }

  private static LuaValue map(byte[] s, int[] pos, int n) {
    LuaTable t = new Lua51Table();
    for (int i = 0; i < n; i++) {
      LuaValue k = decode(s, pos);
      LuaValue v = decode(s, pos);
      if (!k.isnil()) {
        t.rawset(k, v);
      }
    }
    return t;
  }
}
