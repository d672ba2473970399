package io.lime.internal.script;

import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * The name Lua 5.1 gives the culprit of a type error ({@code attempt to index local 't' (a nil
 * value)}): ldebug.c's getobjname over LuaJ's (Lua 5.2) bytecode. The failing instruction says
 * which register was the culprit; a symbolic execution up to it finds what set that register:
 * a local variable ({@code local}), a global ({@code global}), a table field with a constant
 * string key ({@code field}, else {@code field '?'}), an upvalue ({@code upvalue}) or a method
 * lookup ({@code method}). Nothing is named for a culprit that is a constant or a temporary.
 */
final class LuaNames {
  private LuaNames() {}

  /**
   * What instruction {@code pc} of {@code p} failed on, as {@code
   * "op\u0001kind\u0001name\u0001type"} ({@code op} one of index, call, arith, concat, len;
   * {@code type} the culprit's type, empty when unknown: an error of another type was raised
   * by a function the instruction called), or null when Lua 5.1 would name nothing.
   */
  static @Nullable String describe(Prototype p, int pc, LuaValue[] r) {
    if (pc < 0 || pc >= p.code.length) {
      return null;
    }
    int i = p.code[pc];
    int op = Lua.GET_OPCODE(i);
    int a = Lua.GETARG_A(i);
    int b = Lua.GETARG_B(i);
    int c = Lua.GETARG_C(i);
    String what;
    int reg;
    switch (op) {
      case Lua.OP_GETTABLE, Lua.OP_SELF, Lua.OP_SETTABLE -> {
        what = "index";
        reg = op == Lua.OP_SETTABLE ? a : b;
      }
      case Lua.OP_GETTABUP -> {
        return join("index", "upvalue", upvalue(p, b), "");
      }
      case Lua.OP_SETTABUP -> {
        return join("index", "upvalue", upvalue(p, a), "");
      }
      case Lua.OP_CALL, Lua.OP_TAILCALL, Lua.OP_LEN, Lua.OP_UNM -> {
        what = op == Lua.OP_LEN ? "len" : op == Lua.OP_UNM ? "arith" : "call";
        reg = op == Lua.OP_LEN || op == Lua.OP_UNM ? b : a;
      }
      case Lua.OP_ADD, Lua.OP_SUB, Lua.OP_MUL, Lua.OP_DIV, Lua.OP_MOD, Lua.OP_POW -> {
        what = "arith";
        reg = Lua.ISK(b) || r[b].tonumber().isnil() ? b : c; // luaG_aritherror's choice
        if (Lua.ISK(reg)) {
          return null;
        }
      }
      case Lua.OP_CONCAT -> {
        what = "concat";
        reg = c;
        for (int j = c - 1; j >= b; j--) { // luaV_concat fails at the rightmost bad pair
          if (!concatenable(r[j])) {
            reg = j;
            break;
          }
        }
      }
      default -> {
        return null;
      }
    }
    if (reg >= r.length || r[reg] == null) {
      return null;
    }
    String[] name = new String[1];
    String kind = objectName(p, pc, reg, name);
    return kind == null ? null : join(what, kind, name[0], r[reg].typename());
  }

  /**
   * Lua 5.1's getfuncname: how the call instruction at {@code pc} of {@code p} names the
   * function it calls, as {@code {kind, name}} ({@code {"method", "rep"}} for {@code s:rep()},
   * {@code {"local", "f"}}), or null when it names nothing (a temporary, or not a call).
   */
  static String @Nullable [] called(Prototype p, int pc) {
    if (pc < 0 || pc >= p.code.length) {
      return null;
    }
    int i = p.code[pc];
    int op = Lua.GET_OPCODE(i);
    if (op != Lua.OP_CALL && op != Lua.OP_TAILCALL && op != Lua.OP_TFORCALL) {
      return null;
    }
    String[] name = new String[1];
    String kind = objectName(p, pc, Lua.GETARG_A(i), name);
    return kind == null ? null : new String[] {kind, name[0]};
  }

  /** The size of Lua 5.1's chunk ids ({@code LUA_IDSIZE}). */
  private static final int ID_SIZE = 60;

  /**
   * Lua 5.1's luaO_chunkid: how an error position names chunk {@code source}: {@code
   * user_script} for {@code @user_script}, {@code name} for {@code =name}, and {@code [string
   * "first line..."]} for a chunk named by its code (loadstring).
   */
  static String chunkId(String source) {
    if (source.startsWith("=")) {
      return source.length() > ID_SIZE ? source.substring(1, ID_SIZE) : source.substring(1);
    }
    if (source.startsWith("@")) {
      int max = ID_SIZE - 8;
      String f = source.substring(1);
      return f.length() > max ? "..." + f.substring(f.length() - max) : f;
    }
    int max = ID_SIZE - 17;
    int len = 0;
    while (len < source.length() && source.charAt(len) != '\n' && source.charAt(len) != '\r') {
      len++;
    }
    if (len > max) {
      len = max;
    }
    return len < source.length()
        ? "[string \"" + source.substring(0, len) + "...\"]"
        : "[string \"" + source + "\"]";
  }

  private static boolean concatenable(LuaValue v) {
    return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER;
  }

  private static String join(String what, String kind, String name, String type) {
    return what + '\u0001' + kind + '\u0001' + name + '\u0001' + type;
  }

  private static String upvalue(Prototype p, int u) {
    LuaString n = u < p.upvalues.length ? p.upvalues[u].name : null;
    return n == null ? "?" : n.tojstring();
  }

  /** Lua 5.1's getobjname: the kind of thing register {@code reg} holds at {@code pc}. */
  private static @Nullable String objectName(Prototype p, int pc, int reg, String[] name) {
    LuaString local = p.getlocalname(reg + 1, pc);
    if (local != null) {
      name[0] = local.tojstring();
      return "local";
    }
    int set = setter(p, pc, reg);
    if (set < 0) {
      return null;
    }
    int i = p.code[set];
    switch (Lua.GET_OPCODE(i)) {
      case Lua.OP_MOVE -> {
        int b = Lua.GETARG_B(i);
        return b < Lua.GETARG_A(i) ? objectName(p, set, b, name) : null;
      }
      case Lua.OP_GETTABUP -> {
        name[0] = constantName(p, Lua.GETARG_C(i));
        return "_ENV".equals(upvalue(p, Lua.GETARG_B(i))) ? "global" : "field";
      }
      case Lua.OP_GETTABLE -> {
        name[0] = constantName(p, Lua.GETARG_C(i));
        return "field";
      }
      case Lua.OP_GETUPVAL -> {
        name[0] = upvalue(p, Lua.GETARG_B(i));
        return "upvalue";
      }
      case Lua.OP_SELF -> {
        name[0] = constantName(p, Lua.GETARG_C(i));
        return "method";
      }
      default -> {
        return null;
      }
    }
  }

  private static String constantName(Prototype p, int rk) {
    if (Lua.ISK(rk)) {
      LuaValue k = p.k[Lua.INDEXK(rk)];
      if (k.type() == LuaValue.TSTRING) {
        return k.tojstring();
      }
    }
    return "?";
  }

  /** Lua 5.2's findsetreg: the last instruction before {@code lastpc} that set {@code reg}. */
  private static int setter(Prototype p, int lastpc, int reg) {
    int setreg = -1;
    for (int pc = 0; pc < lastpc; pc++) {
      int i = p.code[pc];
      int op = Lua.GET_OPCODE(i);
      int a = Lua.GETARG_A(i);
      switch (op) {
        case Lua.OP_LOADNIL -> {
          if (a <= reg && reg <= a + Lua.GETARG_B(i)) {
            setreg = pc;
          }
        }
        case Lua.OP_TFORCALL -> {
          if (reg >= a + 2) {
            setreg = pc;
          }
        }
        case Lua.OP_CALL, Lua.OP_TAILCALL -> {
          if (reg >= a) {
            setreg = pc;
          }
        }
        case Lua.OP_JMP -> {
          int dest = pc + 1 + Lua.GETARG_sBx(i);
          if (pc < dest && dest <= lastpc) {
            pc = dest - 1; // a forward jump that does not skip lastpc
          }
        }
        case Lua.OP_TEST -> {
          if (reg == a) {
            setreg = pc;
          }
        }
        default -> {
          if ((Lua.luaP_opmodes[op] & (1 << 6)) != 0 && reg == a) {
            setreg = pc;
          }
        }
      }
    }
    return setreg;
  }
}
