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
 * A function that already has 256 constants cannot address another as an operand: its
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
        k = added.size();
        if (k > Lua.MAXINDEXRK) {
          continue;
        }
        added.add(spec);
      }
      int rk = Lua.BITRK | k;
      code[i] = (Lua.OP_ADD << Lua.POS_OP) | (Lua.GETARG_A(code[i]) << Lua.POS_A)
          | (rk << Lua.POS_B) | (rk << Lua.POS_C);
    }
    if (added != null && added.size() > p.k.length) {
      p.k = added.toArray(new LuaValue[0]);
    }
    for (Prototype nested : p.p) {
      rewrite(nested);
    }
    return p;
  }

  /** luaO_fb2int: the size a constructor's 'floating byte' hint stands for. */
  static int fb2int(int x) {
    int e = (x >>> 3) & 31;
    return e == 0 ? x : ((x & 7) + 8) << (e - 1);
  }

  /**
   * The constant a rewritten NEWTABLE adds: never visible to a script (it only ever sits in
   * the constant table as both operands of that ADD).
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
      return TUSERDATA;
    }

    @Override
    public String typename() {
      return "userdata";
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
