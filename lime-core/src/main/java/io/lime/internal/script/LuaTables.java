package io.lime.internal.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis 7.0's read-only tables: the globals and every library table refuse any write, even
 * {@code rawset}, with {@code Attempt to modify a readonly table} (Redis's
 * lua_enablereadonlytable); reading an undeclared global fails with {@code Script attempted
 * to access nonexistent global variable 'x'} (Redis's globals protection metatable).
 */
final class LuaTables {
  static final String READONLY = "Attempt to modify a readonly table";

  private LuaTables() {}

  /**
   * A lockable table: the globals (unlocked only to set KEYS and ARGV), the library tables, a
   * library's environment. A Globals, because LuaJ runs its instruction hook (SCRIPT KILL)
   * only in functions whose environment is one; for the others it is just a table.
   */
  static final class Locked extends Globals {
    boolean locked;

    @Override
    public void rawset(int key, LuaValue value) {
      check(locked);
      super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
      check(locked);
      super.rawset(key, value);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
      check(locked);
      super.hashset(key, value);
    }
  }

  private static void check(boolean locked) {
    if (locked) {
      throw new LuaError(READONLY);
    }
  }

  /** A locked copy of library table {@code t}. */
  static Locked lockedCopy(LuaValue t) {
    Locked c = new Locked();
    LuaValue k = LuaValue.NIL;
    while (true) {
      var n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      c.rawset(k, n.arg(2));
    }
    c.locked = true;
    return c;
  }

  /** A Lua function running {@code body} (the library tables' entries). */
  static LuaValue fn(java.util.function.Function<Varargs, Varargs> body) {
    return new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        return body.apply(a);
      }
    };
  }

  /** A table of {@code name, function} pairs. */
  static LuaTable of(Object... namesAndValues) {
    LuaTable t = new LuaTable();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      t.rawset((String) namesAndValues[i], (LuaValue) namesAndValues[i + 1]);
    }
    return t;
  }
}
