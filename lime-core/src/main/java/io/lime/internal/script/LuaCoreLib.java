package io.lime.internal.script;

import java.util.Set;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's base, table, string and coroutine functions where LuaJ's differ in what a script
 * sees: {@code tonumber} (strtod's syntax: hexadecimal, {@code inf}, {@code nan}),
 * {@code setmetatable} (read-only tables stay protected), {@code assert}, {@code
 * collectgarbage}'s options, {@code unpack}'s stack limit, {@code table.insert}'s argument
 * count, {@code table.sort} ({@link LuaSort}), {@code string.rep} of a negative count, the
 * coroutine functions' messages, {@code math.modf} of an infinity, and Redis's {@code math.random} ({@link LuaRandom}).
 */
final class LuaCoreLib {
  /** LUAI_MAXCSTACK: what lua_checkstack allows a C function to push. */
  private static final int MAX_C_STACK = 8000;
  private static final Set<String> GC_OPTIONS = Set.of("stop", "restart", "collect", "count",
      "step", "setpause", "setstepmul");

  private LuaCoreLib() {}

  private abstract static class Fn extends VarArgFunction {
    @Override
    public abstract Varargs invoke(Varargs a);
  }

  static void install(Globals g) {
    g.rawset("tonumber", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        return LuaCoreLib.tonumber(a);
      }
    });
    LuaValue setmetatable = g.get("setmetatable");
    g.rawset("setmetatable", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaValue m = a.arg(2);
        if (m.type() != LuaValue.TNIL && m.type() != LuaValue.TTABLE) {
          throw new LuaError("bad argument #2: nil or table expected");
        }
        if (a.arg1() instanceof LuaTables.Locked l && l.locked) {
          throw new LuaErrors.Bare(LuaTables.READONLY);
        }
        return setmetatable.invoke(a);
      }
    });
    g.rawset("assert", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        if (a.narg() == 0) {
          throw new LuaError(LuaArgErrors.argError(LuaHook.calledName(), 1, "value expected"));
        }
        if (a.arg1().toboolean()) {
          return a;
        }
        LuaValue m = a.arg(2);
        if (m.isnil()) {
          throw new LuaError("assertion failed!");
        }
        if (!m.isstring()) {
          throw new LuaError(LuaArgErrors.argError(LuaHook.calledName(), 2,
              "string expected, got " + m.typename()));
        }
        throw new LuaError(m.tojstring());
      }
    });
    LuaValue collectgarbage = g.get("collectgarbage");
    g.rawset("collectgarbage", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        String opt = a.optjstring(1, "collect");
        if (!GC_OPTIONS.contains(opt)) {
          throw new LuaError("bad argument #1: invalid option '" + opt + "'");
        }
        return collectgarbage.invoke(a);
      }
    });
    LuaValue unpack = g.get("unpack");
    g.rawset("unpack", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaTable t = a.checktable(1);
        long i = a.optint(2, 1);
        long e = a.isnoneornil(3) ? t.length() : a.checkint(3);
        if (i > e) {
          return NONE;
        }
        if (e - i + 1 + a.narg() > MAX_C_STACK) {
          throw new LuaError("too many results to unpack");
        }
        return unpack.invoke(a);
      }
    });
    table(g.get("table"));
    coroutine(g.get("coroutine"));
    LuaValue string = g.get("string");
    LuaValue rep = string.get("rep");
    string.set("rep", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        a.checkstring(1);
        return a.checkint(2) <= 0 ? EMPTYSTRING : rep.invoke(a);
      }
    });
    LuaPatterns.install(string);
    LuaValue math = g.get("math");
    math.set("modf", new Fn() {
      @Override
      public Varargs invoke(Varargs a) { // C's modf: the fraction of an infinity is 0
        double x = a.checkdouble(1);
        double ip = x >= 0 ? Math.floor(x) : Math.ceil(x);
        return varargsOf(valueOf(ip), valueOf(Double.isInfinite(x) ? 0 : x - ip));
      }
    });
    LuaRandom.install((LuaTable) math);
  }

  private static void table(LuaValue table) {
    table.set("insert", new Fn() {
      @Override
      public Varargs invoke(Varargs a) { // Lua 5.1's tinsert
        LuaTable t = a.checktable(1);
        int e = t.length() + 1;
        int pos;
        switch (a.narg()) {
          case 2 -> pos = e;
          case 3 -> {
            pos = a.checkint(2);
            if (pos > e) {
              e = pos;
            }
            for (int i = e; i > pos; i--) {
              t.rawset(i, t.rawget(i - 1));
            }
          }
          default -> throw new LuaError("wrong number of arguments to 'insert'");
        }
        t.rawset(pos, a.arg(a.narg()));
        return NONE;
      }
    });
    table.set("sort", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaTable t = a.checktable(1);
        LuaValue comp = a.arg(2);
        if (!comp.isnil()) {
          a.checkfunction(2);
        }
        LuaSort.sort(t, comp, t.length());
        return NONE;
      }
    });
  }

  private static void coroutine(LuaValue co) {
    // LuaJ keeps only the text of the error that ended a coroutine: its body records the error
    // object here when it is a table, and the resume that started it (coroutines run nested)
    // returns it as Lua 5.1's does.
    LuaValue[] died = new LuaValue[1];
    LuaValue create = co.get("create");
    co.set("create", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        if (!(a.arg1() instanceof LuaClosure body)) {
          throw new LuaError("bad argument #1: Lua function expected");
        }
        return create.invoke(new Fn() {
          @Override
          public Varargs invoke(Varargs args) {
            try {
              return body.invoke(args);
            } catch (LuaError e) {
              LuaValue o = LuaErrors.rawObject(e);
              died[0] = o.istable() && !(e instanceof LuaErrors.Uncatchable) ? o : null;
              throw e;
            }
          }
        });
      }
    });
    LuaValue resume = co.get("resume");
    co.set("resume", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        died[0] = null;
        Varargs r = resume.invoke(a);
        if (r.arg1().toboolean()) {
          return r;
        }
        LuaValue table = died[0];
        died[0] = null;
        return varargsOf(FALSE, table != null ? table : LuaErrors.resumeMessage(r.arg(2)));
      }
    });
    LuaValue running = co.get("running");
    co.set("running", new Fn() {
      @Override
      public Varargs invoke(Varargs a) { // Lua 5.1: nil in the main thread
        Varargs r = running.invoke(a);
        return r.arg(2).toboolean() ? NIL : r.arg1();
      }
    });
    LuaValue yield = co.get("yield");
    co.set("yield", new Fn() {
      @Override
      public Varargs invoke(Varargs a) {
        if (running.invoke(NONE).arg(2).toboolean()) {
          throw new LuaErrors.Bare("attempt to yield across metamethod/C-call boundary");
        }
        return yield.invoke(a);
      }
    });
  }

  /** Lua 5.1's luaB_tonumber. */
  private static Varargs tonumber(Varargs a) {
    LuaValue v = a.checkvalue(1);
    int base = a.optint(2, 10);
    if (base == 10) {
      if (v.type() == LuaValue.TNUMBER) {
        return v;
      }
      if (v.type() == LuaValue.TSTRING) {
        return LuaNumbers.parse(v.checkstring());
      }
      return LuaValue.NIL;
    }
    String s = a.checkjstring(1);
    if (base < 2 || base > 36) {
      throw new LuaError("bad argument #2: base out of range");
    }
    return LuaNumbers.parseUnsigned(s, base);
  }
}
