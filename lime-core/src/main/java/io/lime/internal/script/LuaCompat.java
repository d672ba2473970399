package io.lime.internal.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
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
 * {@code pcall} messages as {@code "user_script:1: msg"}, numbers converted to strings by
 * {@code table.concat} and the string functions as {@code "%.14g"} ({@link LuaNumbers}; for
 * {@code ..} see {@link LuaHook}), and the globals Redis removes
 * ({@code print}, {@code dofile}, {@code loadfile}, {@code rawlen}, {@code bit32}...).
 */
final class LuaCompat {
  private LuaCompat() {}

  static void install(Globals g, LuaHook hook) {
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
    numbersAsStrings(string);
    table.set("concat", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        return tableConcat(a);
      }
    });
    LuaValue load = g.get("load");
    g.rawset("loadstring", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        a.checkstring(1);
        return load.invoke(a);
      }
    });
    LuaCoreLib.install(g);
    g.rawset("gcinfo", new ZeroArgFunction() {
      @Override
      public LuaValue call() {
        Runtime r = Runtime.getRuntime();
        return LuaValue.valueOf((int) ((r.totalMemory() - r.freeMemory()) >> 10));
      }
    });
    LuaValue tostring = g.get("tostring");
    g.rawset("tostring", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaValue v = a.arg1();
        if (a.narg() == 0) {
          throw new LuaError("bad argument #1: value"); // named by LuaArgErrors
        }
        if (v.type() == LuaValue.TNUMBER) {
          return LuaValue.valueOf(LuaNumbers.format(v.todouble()));
        }
        return tostring.call(v);
      }
    });
    LuaValue error = g.get("error");
    g.rawset("error", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) { // Lua 5.1's luaB_error; a table goes as LuaJ's
        LuaValue m = a.arg1();
        if (m.istable()) {
          return error.invoke(a);
        }
        int level = a.optint(2, 1);
        if (m.isstring() && level > 0) {
          byte[] where = hook.where(level).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          byte[] text = text(m);
          byte[] both = java.util.Arrays.copyOf(where, where.length + text.length);
          System.arraycopy(text, 0, both, where.length, text.length);
          m = LuaString.valueOf(both);
        }
        throw new LuaErrors.Raised(m);
      }
    });
    g.rawset("pcall", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaValue f = a.checkvalue(1);
        hook.onCall(this); // a level of its own for error(msg, level)
        try {
          return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(a.subargs(2)));
        } catch (LuaError e) {
          LuaErrors.rethrowIfUncatchable(e);
          return LuaValue.varargsOf(LuaValue.FALSE, LuaErrors.messageObject(e));
        } catch (StackOverflowError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
        } finally {
          hook.onReturn();
        }
      }
    });
    g.rawset("xpcall", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) { // Lua 5.1's: f gets no arguments
        if (a.narg() < 2) {
          throw new LuaError(LuaArgErrors.argError(LuaHook.calledName(), 2, "value expected"));
        }
        LuaValue f = a.arg1();
        LuaValue handler = a.arg(2);
        hook.onCall(this);
        try {
          return LuaValue.varargsOf(LuaValue.TRUE, f.invoke());
        } catch (LuaError e) {
          LuaErrors.rethrowIfUncatchable(e);
          return LuaValue.varargsOf(LuaValue.FALSE, handle(hook, handler, LuaErrors.rawObject(e)));
        } catch (StackOverflowError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, handle(hook, handler, LuaValue.valueOf(
              "stack overflow")));
        } finally {
          hook.onReturn();
        }
      }
    });
    g.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
    for (String name : new String[] {"print", "dofile", "loadfile", "rawlen", "bit32", "require",
        "package", "module", "os", "io", "debug", "luajava"}) {
      g.rawset(name, LuaValue.NIL);
    }
  }

  /**
   * Calls xpcall's handler. Lua 5.1 calls it where the error was raised, one C level deeper
   * (past LUAI_MAXCCALLS after a C stack overflow, which only fails at the limit itself); here
   * it runs after the unwinding, at xpcall's own level.
   */
  private static LuaValue handle(LuaHook hook, LuaValue handler, LuaValue error) {
    hook.enterHandler();
    try {
      return handler.call(error);
    } catch (LuaError e) {
      LuaErrors.rethrowIfUncatchable(e);
      return LuaValue.valueOf("error in error handling");
    } finally {
      hook.onReturn();
    }
  }

  /** The arguments of each string function that Lua 5.1 converts from a number to a string. */
  private static final String[][] STRING_ARGS = {{"byte", "1"}, {"find", "12"}, {"gmatch", "12"},
      {"gfind", "12"}, {"gsub", "123"}, {"len", "1"}, {"lower", "1"}, {"match", "12"},
      {"rep", "1"}, {"reverse", "1"}, {"sub", "1"}, {"upper", "1"}};

  /**
   * Wraps the string functions so that their number arguments that are not small integers
   * (LuaJ would print {@code 1e15} in full and {@code 1/3} as a float) become strings first.
   */
  private static void numbersAsStrings(LuaValue string) {
    for (String[] fa : STRING_ARGS) {
      LuaValue f = string.get(fa[0]);
      String positions = fa[1];
      string.set(fa[0], new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs a) {
          LuaValue[] args = null;
          for (int k = 0; k < positions.length(); k++) {
            int i = positions.charAt(k) - '0';
            LuaValue v = a.arg(i);
            if (v.type() == LuaValue.TNUMBER && !(v instanceof LuaInteger)) {
              if (args == null) {
                args = new LuaValue[a.narg()];
                for (int j = 0; j < args.length; j++) {
                  args[j] = a.arg(j + 1);
                }
              }
              args[i - 1] = LuaValue.valueOf(LuaNumbers.format(v.todouble()));
            }
          }
          return f.invoke(args == null ? a : LuaValue.varargsOf(args));
        }
      });
    }
  }

  /** Lua 5.1's {@code table.concat(t [, sep [, i [, j]]])}. */
  private static Varargs tableConcat(Varargs a) {
    LuaTable t = a.checktable(1);
    LuaValue s = a.arg(2);
    if (!s.isnil() && s.type() != LuaValue.TSTRING && s.type() != LuaValue.TNUMBER) {
      throw new LuaError("bad argument #2: string expected, got " + s.typename());
    }
    byte[] sep = s.isnil() ? new byte[0] : text(s);
    int i = a.optint(3, 1);
    int last = a.isnoneornil(4) ? t.length() : a.checkint(4);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (; i <= last; i++) {
      LuaValue v = t.rawget(i);
      if (v.type() != LuaValue.TSTRING && v.type() != LuaValue.TNUMBER) {
        throw new LuaError("invalid value (" + v.typename() + ") at index " + i
            + " in table for 'concat'");
      }
      out.writeBytes(text(v));
      if (i != last) {
        out.writeBytes(sep);
      }
    }
    return LuaString.valueOf(out.toByteArray());
  }

  private static byte[] text(LuaValue v) {
    if (v.type() == LuaValue.TNUMBER) {
      return LuaNumbers.format(v.todouble()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    return LuaReplies.bytes(v.checkstring());
  }
}
