package io.lime.internal.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** LuaBitOp's {@code bit} library as Redis embeds it: 32-bit operations on numbers. */
final class LuaBitLib {
  private LuaBitLib() {}

  private interface Op {
    int apply(Varargs a);
  }

  static LuaTable table() {
    LuaTable t = new LuaTable();
    put(t, "tobit", a -> bit(a, 1));
    put(t, "bnot", a -> ~bit(a, 1));
    put(t, "band", a -> fold(a, 0));
    put(t, "bor", a -> fold(a, 1));
    put(t, "bxor", a -> fold(a, 2));
    put(t, "lshift", a -> bit(a, 1) << (bit(a, 2) & 31));
    put(t, "rshift", a -> bit(a, 1) >>> (bit(a, 2) & 31));
    put(t, "arshift", a -> bit(a, 1) >> (bit(a, 2) & 31));
    put(t, "rol", a -> Integer.rotateLeft(bit(a, 1), bit(a, 2) & 31));
    put(t, "ror", a -> Integer.rotateRight(bit(a, 1), bit(a, 2) & 31));
    put(t, "bswap", a -> Integer.reverseBytes(bit(a, 1)));
    t.rawset("tohex", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        int x = bit(a, 1);
        int n = a.isnoneornil(2) ? 8 : bit(a, 2);
        boolean upper = n < 0;
        n = Math.min(8, Math.abs(n));
        String hex = String.format(upper ? "%08X" : "%08x", x);
        return LuaValue.valueOf(hex.substring(8 - n));
      }
    });
    return t;
  }

  private static void put(LuaTable t, String name, Op op) {
    t.rawset(name, new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        return LuaValue.valueOf(op.apply(a));
      }
    });
  }

  private static int fold(Varargs a, int kind) {
    int r = bit(a, 1);
    for (int i = 2; i <= a.narg(); i++) {
      int b = bit(a, i);
      r = kind == 0 ? r & b : kind == 1 ? r | b : r ^ b;
    }
    return r;
  }

  /** LuaBitOp's barg: the number modulo 2^32 as a signed 32-bit integer. */
  static int bit(Varargs a, int i) {
    double d = a.checkdouble(i);
    return (int) (long) Math.rint(d % 4294967296.0);
  }
}
