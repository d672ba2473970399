package io.lime.internal.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Makes a script's table constructors build {@link Lua51Table}s. LuaJ's interpreter creates
 * a plain LuaTable for OP_NEWTABLE, with no hook to substitute it, so every compiled function
 * (scripts, FUNCTION libraries, {@code loadstring}: all go through {@link Globals#compiler})
 * has each {@code NEWTABLE A B C} rewritten, in place, to {@code ADD A K K} where constant
 * {@code K} is a {@link Spec} whose {@code add} returns a new table with Lua 5.1's size hints
 * ({@code luaO_fb2int} of B and C, the counts the parser gave). One instruction for one, so
 * jumps and line numbers are untouched; the cost is a virtual call, as NEWTABLE's allocation.
 * A function that already has 256 constants makes room below 256 by moving a constant only
 * LOADK names (any index) to the end; in the rare function with no such constant, its
 * constructors stay LuaJ tables (iterating in LuaJ's order).
 */
final class TableConstructors {
  private TableConstructors() {}

  /** Wraps {@code g}'s compiler so that every prototype it returns is rewritten. */
  static void install(Globals g) {
    Globals.Compiler compiler = g.compiler;
    g.compiler = (stream, chunk) -> rewrite(compiler.compile(stream, chunk));
  }

  /** Rewrites {@code p} and its nested functions; returns {@code p}. */
  static Prototype rewrite(Prototype p) {
    int[] code = p.code;
    List<LuaValue> added = null;
    for (int i = 0; i < code.length; i++) {
      if (Lua.GET_OPCODE(code[i]) != Lua.OP_NEWTABLE) {
        continue;
      }
      Spec spec = new Spec(fb2int(Lua.GETARG_B(code[i])), fb2int(Lua.GETARG_C(code[i])));
      if (added == null) {
        added = new ArrayList<>(Arrays.asList(p.k));
      }
      int k = added.indexOf(spec);
      if (k < 0) {
        k = added.size() <= Lua.MAXINDEXRK ? added.size() : freeOperand(code, added);
        if (k < 0) {
          continue;
        }
        if (k == added.size()) {
          added.add(spec);
        } else {
          added.set(k, spec);
        }
      }
      int rk = Lua.BITRK | k;
      code[i] = (Lua.OP_ADD << Lua.POS_OP) | (Lua.GETARG_A(code[i]) << Lua.POS_A)
          | (rk << Lua.POS_B) | (rk << Lua.POS_C);
    }
    if (added != null) {
      p.k = added.toArray(new LuaValue[0]);
    }
    for (Prototype nested : p.p) {
      rewrite(nested);
    }
    return p;
  }

  /**
   * For a function whose constants fill the 256 an operand can address: moves a constant
   * below 256 that only LOADK instructions name (Bx reaches any index) to the end, pointing
   * them there, and returns its old index, now free for a {@link Spec}; -1 when there is none.
   */
  private static int freeOperand(int[] code, List<LuaValue> k) {
    for (int j = 0; j <= Lua.MAXINDEXRK; j++) {
      if (k.get(j) instanceof Spec || !onlyLoaded(code, j)) {
        continue;
      }
      int moved = k.size();
      k.add(k.get(j));
      for (int i = 0; i < code.length; i++) {
        if (Lua.GET_OPCODE(code[i]) == Lua.OP_LOADK && Lua.GETARG_Bx(code[i]) == j) {
          code[i] = (code[i] & ~Lua.MASK_Bx) | (moved << Lua.POS_Bx);
        }
      }
      return j;
    }
    return -1;
  }

  /** Whether constant {@code j} is named only by LOADK (conservatively: any B/C field). */
  private static boolean onlyLoaded(int[] code, int j) {
    int rk = Lua.BITRK | j;
    for (int i : code) {
      int op = Lua.GET_OPCODE(i);
      if (op == Lua.OP_LOADK) {
        continue;
      }
      if (Lua.GETARG_B(i) == rk || Lua.GETARG_C(i) == rk
          || (op == Lua.OP_EXTRAARG && Lua.GETARG_Ax(i) == j)) {
        return false;
      }
    }
    return true;
  }

  /** luaO_fb2int: the size a constructor's 'floating byte' hint stands for. */
  static int fb2int(int x) {
    int e = (x >>> 3) & 31;
    return e == 0 ? x : ((x & 7) + 8) << (e - 1);
  }

  /**
   * The constant a rewritten NEWTABLE adds: never visible to a script (it only ever sits in
   * the constant table as both operands of that ADD). Typed nil so that {@code string.dump}
   * writes it as a nil constant (LuaJ's dump refuses other types; its output is LuaJ's 5.2
   * format, never Redis's bytes, and binary chunks do not load in Redis).
   */
  static final class Spec extends LuaValue {
    private final int narray;
    private final int nhash;

    Spec(int narray, int nhash) {
      this.narray = narray;
      this.nhash = nhash;
    }

    @Override
    public LuaValue add(LuaValue ignored) {
      return new Lua51Table(narray, nhash);
    }

    @Override
    public int type() {
      return TNIL;
    }

    @Override
    public String typename() {
      return "nil";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec s && s.narray == narray && s.nhash == nhash;
    }

    @Override
    public int hashCode() {
      return narray * 31 + nhash;
    }
  }
}
