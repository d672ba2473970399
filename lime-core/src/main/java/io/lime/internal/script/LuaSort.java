package io.lime.internal.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.1's {@code table.sort} (ltablib.c auxsort), step for step: the same comparisons in the
 * same order, so an inconsistent order function leaves the same order as in Redis and fails
 * with the same {@code invalid order function for sorting}; without one, values are compared
 * as luaV_lessthan does (an error without position, as raised from C).
 */
final class LuaSort {
  private final LuaTable t;
  private final LuaValue comp;

  private LuaSort(LuaTable t, LuaValue comp) {
    this.t = t;
    this.comp = comp;
  }

  /** {@code table.sort(t [, comp])}. */
  static void sort(LuaTable t, LuaValue comp, int n) {
    new LuaSort(t, comp).auxsort(1, n);
  }

  private boolean less(LuaValue a, LuaValue b) {
    if (!comp.isnil()) {
      return comp.call(a, b).toboolean();
    }
    return lessThan(a, b);
  }

  /** luaV_lessthan. */
  static boolean lessThan(LuaValue a, LuaValue b) {
    int ta = a.type();
    if (ta == b.type()) {
      if (ta == LuaValue.TNUMBER) {
        return a.todouble() < b.todouble();
      }
      if (ta == LuaValue.TSTRING) {
        return a.strcmp(b.checkstring()) < 0;
      }
      LuaValue h = a.getmetatable() == null ? LuaValue.NIL : a.getmetatable().rawget(LuaValue.LT);
      if (!h.isnil() && b.getmetatable() != null
          && h.raweq(b.getmetatable().rawget(LuaValue.LT))) {
        return h.call(a, b).toboolean();
      }
    }
    String t1 = a.typename();
    String t2 = b.typename();
    throw new LuaErrors.Bare(t1.charAt(2) == t2.charAt(2)
        ? "attempt to compare two " + t1 + " values"
        : "attempt to compare " + t1 + " with " + t2);
  }

  private void swap(int i, int j, LuaValue ai, LuaValue aj) {
    t.rawset(i, aj);
    t.rawset(j, ai);
  }

  private void auxsort(int l, int u) {
    while (l < u) {
      LuaValue al = t.rawget(l);
      LuaValue au = t.rawget(u);
      if (less(au, al)) {
        swap(l, u, al, au);
      }
      if (u - l == 1) {
        break;
      }
      int i = (l + u) / 2;
      LuaValue ai = t.rawget(i);
      al = t.rawget(l);
      if (less(ai, al)) {
        swap(i, l, ai, al);
      } else {
        au = t.rawget(u);
        if (less(au, ai)) {
          swap(i, u, ai, au);
        }
      }
      if (u - l == 2) {
        break;
      }
      LuaValue p = t.rawget(i);
      swap(i, u - 1, p, t.rawget(u - 1));
      i = l;
      int j = u - 1;
      while (true) {
        while (less(t.rawget(++i), p)) {
          if (i > u) {
            throw new LuaError("invalid order function for sorting");
          }
        }
        while (less(p, t.rawget(--j))) {
          if (j < l) {
            throw new LuaError("invalid order function for sorting");
          }
        }
        if (j < i) {
          break;
        }
        swap(i, j, t.rawget(i), t.rawget(j));
      }
      swap(u - 1, i, t.rawget(u - 1), t.rawget(i));
      if (i - l < u - i) {
        j = l;
        i = i - 1;
        l = i + 2;
      } else {
        j = i + 1;
        i = u;
        u = j - 2;
      }
      auxsort(j, i);
    }
  }
}
