package io.lime.internal.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * Closes the gaps between LuaJ (Lua 5.2 semantics) and the Lua 5.1 that Redis embeds, where a
 * script can observe them: {@code unpack}, {@code loadstring}, {@code gcinfo}, {@code
 * table.getn/setn/maxn/foreach/foreachi} (and no {@code table.pack/unpack}), {@code math.mod},
 * {@code math.log10}, {@code string.gfind}, {@code tostring} of numbers as {@code "%.14g"},
 * {@code pcall} messages as {@code "user_script:1: msg"}, and the globals Redis removes
 * ({@code print}, {@code dofile}, {@code loadfile}, {@code rawlen}, {@code bit32}...).
 */
final class LuaCompat {
  private LuaCompat() {}

  static void install(Globals g) {
    LuaValue table = g.get("table");
    LuaValue unpack = table.get("unpack");
    g.rawset("unpack", unpack);
    table.set("unpack", LuaValue.NIL);
    table.set("pack", LuaValue.NIL);
    table.set("getn", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue t) {
        return LuaValue.valueOf(t.checktable().length());
      }
    });
    table.set("setn", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue t, LuaValue n) {
        throw new LuaError("'setn' is obsolete");
      }
    });
    table.set("maxn", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue t) {
        double max = 0;
        LuaValue k = LuaValue.NIL;
        LuaTable tt = t.checktable();
        while (!(k = tt.next(k).arg1()).isnil()) {
          if (k.type() == LuaValue.TNUMBER && k.todouble() > max) {
            max = k.todouble();
          }
        }
        return LuaValue.valueOf(max);
      }
    });
    table.set("foreach", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue t, LuaValue f) {
        LuaTable tt = t.checktable();
        f.checkfunction();
        LuaValue k = LuaValue.NIL;
        while (true) {
          Varargs n = tt.next(k);
          if ((k = n.arg1()).isnil()) {
            return LuaValue.NIL;
          }
          LuaValue r = f.call(k, n.arg(2));
          if (!r.isnil()) {
            return r;
          }
        }
      }
    });
    table.set("foreachi", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue t, LuaValue f) {
        LuaTable tt = t.checktable();
        f.checkfunction();
        int n = tt.length();
        for (int i = 1; i <= n; i++) {
          LuaValue r = f.call(LuaValue.valueOf(i), tt.get(i));
          if (!r.isnil()) {
            return r;
          }
        }
        return LuaValue.NIL;
      }
    });
    LuaValue math = g.get("math");
    math.set("mod", math.get("fmod"));
    math.set("log10", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue x) {
        return LuaValue.valueOf(Math.log10(x.checkdouble()));
      }
    });
    LuaValue string = g.get("string");
    string.set("gfind", string.get("gmatch"));
    string.set("format", new LuaFormat());
    LuaValue load = g.get("load");
    g.rawset("loadstring", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        a.checkstring(1);
        return load.invoke(a);
      }
    });
    g.rawset("gcinfo", new ZeroArgFunction() {
      @Override
      public LuaValue call() {
        Runtime r = Runtime.getRuntime();
        return LuaValue.valueOf((int) ((r.totalMemory() - r.freeMemory()) >> 10));
      }
    });
    LuaValue tostring = g.get("tostring");
    g.rawset("tostring", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
          return LuaValue.valueOf(LuaNumbers.format(v.todouble()));
        }
        return tostring.call(v);
      }
    });
    g.rawset("pcall", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaValue f = a.checkvalue(1);
        try {
          return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(a.subargs(2)));
        } catch (LuaError e) {
          LuaErrors.rethrowIfUncatchable(e);
          return LuaValue.varargsOf(LuaValue.FALSE, LuaErrors.messageObject(e));
        } catch (StackOverflowError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
        }
      }
    });
    g.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
    for (String name : new String[] {"print", "dofile", "loadfile", "rawlen", "bit32", "require",
        "package", "module", "os", "io", "debug", "luajava"}) {
      g.rawset(name, LuaValue.NIL);
    }
  }
}
