package io.lime.internal.script;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The instruction hook of the interpreter (LuaJ calls a loaded DebugLib around every call and
 * before every instruction of a Lua function whose environment has it). It does two things:
 * <ul>
 *   <li>Every 1024 instructions it checks whether SCRIPT KILL or FUNCTION KILL asked the run
 *       to stop, and then raises an error that {@code pcall} cannot catch; before that it lets
 *       the {@link ScriptHost} serve other clients past busy-reply-threshold.
 *   <li>Before a {@code CONCAT} instruction it turns its number operands that are not small
 *       integers into strings as Lua 5.1 does ({@code "%.14g"}, {@link LuaNumbers}): LuaJ's
 *       own conversion prints {@code 1e15} in full, {@code 1/3} as a float and {@code 1e100}
 *       as {@code Infinity}. The operands of {@code CONCAT} are always fresh registers, so
 *       this changes nothing else a script can see. To find the registers it keeps, per Java
 *       thread (LuaJ runs each coroutine on its own), the code and register array of every
 *       active Lua call.
 * </ul>
 * Not thread-safe but {@link #kill}: used under the interpreter's lock.
 */
final class LuaHook extends DebugLib {
  /** What LuaJ appends (after a newline) to error messages when a DebugLib is loaded. */
  static final String TRACEBACK = "\u0000lime";

  volatile boolean kill;
  /** System.nanoTime() past which a library's load fails (FUNCTION LOAD timeout), or 0. */
  private long loadDeadline;
  @Nullable ScriptHost host;
  private int count;
  /** The frames of the threads other than the run's own (coroutines). */
  private final Map<Thread, Frames> byThread = new IdentityHashMap<>();
  /** The thread that started the run, and its frames (reused from run to run). */
  private @Nullable Thread runThread;
  private final Frames runFrames = new Frames();
  /** LUAI_MAXCCALLS. */
  static final int MAX_C_CALLS = 200;
  /** The most call records (the script's own included) a Lua 5.1 interpreter grows to. */
  static final int MAX_CALLS = 19_999;
  /** The call records of a fresh interpreter, before its first stack overflow. */
  static final int FIRST_CALLS = 16_383;
  private int callLimit = FIRST_CALLS;
  private @Nullable Thread lastThread;
  private Frames last = runFrames;

  /**
   * The active Lua calls of one thread: their function, registers and current instruction
   * (null for Java functions).
   */
  private static final class Frames {
    @Nullable Prototype[] protos = new Prototype[16];
    LuaValue[][] registers = new LuaValue[16][];
    int[] pcs = new int[16];
    /** Lua 5.1's nCcalls in each call: how many calls from C code (Java) it is nested in. */
    int[] cLevels = new int[16];
    int top;

    void push(@Nullable Prototype p, LuaValue @Nullable [] r, int cLevel) {
      if (top == protos.length) {
        protos = java.util.Arrays.copyOf(protos, top * 2);
        registers = java.util.Arrays.copyOf(registers, top * 2);
        pcs = java.util.Arrays.copyOf(pcs, top * 2);
        cLevels = java.util.Arrays.copyOf(cLevels, top * 2);
      }
      protos[top] = p;
      cLevels[top] = cLevel;
      registers[top++] = r;
    }

    void pop() {
      if (top > 0) {
        registers[--top] = null;
      }
    }

    /** Empties the stack (a run that failed may have left frames). */
    void clear() {
      java.util.Arrays.fill(protos, 0, top, null);
      java.util.Arrays.fill(registers, 0, top, null);
      top = 0;
    }
  }

  /** Starts a run: no kill request, no frames left over from an earlier one. */
  void begin(@Nullable ScriptHost h) {
    kill = false;
    loadDeadline = 0;
    host = h;
    if (!byThread.isEmpty()) {
      byThread.clear();
    }
    runThread = Thread.currentThread();
    runFrames.clear();
    lastThread = runThread;
    last = runFrames;
    CURRENT.set(this);
  }

  /**
   * Starts running a library's top-level code, which fails with {@code FUNCTION LOAD timeout}
   * (an error pcall cannot catch, as Redis's hook raises it again at every line) once it has
   * run for {@code timeoutNanos} (Redis's luaEngineLoadHook).
   */
  void beginLoad(long timeoutNanos) {
    begin(null);
    loadDeadline = System.nanoTime() + timeoutNanos;
    if (loadDeadline == 0) {
      loadDeadline = 1;
    }
  }

  private Frames frames() {
    Thread t = Thread.currentThread();
    if (t != lastThread) {
      lastThread = t;
      last = t == runThread ? runFrames : byThread.computeIfAbsent(t, x -> new Frames());
      CURRENT.set(this);
    }
    return last;
  }

  /**
   * The hook that last ran a script on this thread: the string metatable is LuaJ's, shared by
   * every interpreter of the JVM, so a library function reached through it ({@code s:rep()})
   * may belong to another interpreter than the running one.
   */
  private static final ThreadLocal<LuaHook> CURRENT = new ThreadLocal<>();

  /** This interpreter's (read-only) string library, the {@code __index} of strings. */
  @Nullable LuaValue strings;

  /**
   * The metatable of every string in the JVM (LuaJ keeps one, static): its {@code __index} is
   * the string library of the interpreter running on the calling thread, so {@code s:rep()}
   * and {@code getmetatable('').__index == string} are each interpreter's own when several
   * engines share the JVM (else the library of the last one created).
   */
  static final LuaTable STRING_META = new LuaTable() {
    @Override
    public LuaValue rawget(LuaValue key) {
      if (key.raweq(LuaValue.INDEX)) {
        LuaHook h = CURRENT.get();
        LuaValue s = h != null ? h.strings : null;
        return s != null ? s : super.rawget(key);
      }
      return super.rawget(key);
    }
  };

  @Override
  public void onInstruction(int pc, Varargs v, int top) {
    Frames f = frames();
    if (f.top > 0) {
      Prototype p = f.protos[f.top - 1];
      LuaValue[] r = f.registers[f.top - 1];
      f.pcs[f.top - 1] = pc;
      if (p != null && r != null && pc < p.code.length) {
        if (Lua.GET_OPCODE(p.code[pc]) == Lua.OP_CONCAT) {
          concatOperands(r, Lua.GETARG_B(p.code[pc]), Lua.GETARG_C(p.code[pc]));
        }
        if (pc > 0) {
          x86Nan(p.code[pc - 1], r);
        }
      }
    }
    if ((++count & 1023) == 0) {
      ScriptHost h = host;
      if (h != null && !kill) {
        h.whileRunning(); // may serve other clients, whose SCRIPT KILL sets kill
      }
      if (loadDeadline != 0 && System.nanoTime() - loadDeadline > 0) {
        throw new LuaErrors.Uncatchable(LuaReplies.table(LuaReplies.ERR,
            LuaValue.valueOf("ERR FUNCTION LOAD timeout")));
      }
      if (kill) {
        throw new LuaErrors.Uncatchable(LuaReplies.table(LuaReplies.ERR,
            LuaValue.valueOf("ERR Script killed by user with SCRIPT KILL...")));
      }
    }
  }

  /**
   * After a division or modulo whose result is LuaJ's NaN of {@code 0/0} (Java's positive
   * one), the NaN x86 makes instead ({@link LuaNumbers#X86_NAN}), whose sign Redis prints.
   */
  private static void x86Nan(int previous, LuaValue[] r) {
    int op = Lua.GET_OPCODE(previous);
    if (op == Lua.OP_DIV || op == Lua.OP_MOD) {
      int a = Lua.GETARG_A(previous);
      if (a < r.length && r[a] instanceof LuaDouble && LuaNumbers.isJavaNan(r[a].todouble())) {
        r[a] = LuaValue.valueOf(LuaNumbers.X86_NAN);
      }
    }
  }

  /** Lua 5.1's number to string conversion of the operands of one CONCAT (R(b) .. R(c)). */
  private static void concatOperands(LuaValue[] r, int b, int c) {
    for (int i = b; i <= c && i < r.length; i++) {
      int t = r[i].type();
      if (t != LuaValue.TSTRING && t != LuaValue.TNUMBER) {
        return; // a __concat metamethod gets the operands as they are
      }
    }
    for (int i = b; i <= c && i < r.length; i++) {
      if (r[i].type() == LuaValue.TNUMBER && !(r[i] instanceof LuaInteger)) {
        r[i] = LuaValue.valueOf(LuaNumbers.format(r[i].todouble()));
      }
    }
  }

  @Override
  public void onCall(LuaFunction f) {
    Frames fr = frames();
    fr.push(null, null, fr.top == 0 ? 1 : fr.cLevels[fr.top - 1]);
  }

  /** The call record limit of a fresh interpreter again (SCRIPT FLUSH). */
  void resetLimits() {
    callLimit = FIRST_CALLS;
  }

  /** Enters xpcall's error handler: a call its caller's C level deep (see LuaCompat). */
  void enterHandler() {
    Frames fr = frames();
    fr.push(null, null, fr.top == 0 ? 0 : fr.cLevels[fr.top - 1] - 1);
  }

  /**
   * Lua 5.1's limits on nesting (ldo.c): a call past {@code LUAI_MAXCALLS} call records fails
   * with {@code stack overflow} (growCI; the record array doubles from 8, so a fresh
   * interpreter fails at 16,384 records and one that overflowed once at 20,000), a call from C
   * code (pcall, a library function's callback, a metamethod) 200 levels deep with {@code C
   * stack overflow} (luaD_call's LUAI_MAXCCALLS). Either is positioned at the caller when the
   * caller is a Lua function. Raised before LuaJ enters the callee, so the caller's frame
   * reports it.
   */
  @Override
  public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
    Frames f = frames();
    int t = f.top;
    int level = 1;
    boolean fromLua = false;
    if (t > 0) {
      level = f.cLevels[t - 1];
      Prototype p = f.protos[t - 1];
      LuaValue[] r = f.registers[t - 1];
      if (p == null || r == null) {
        level++;
      } else {
        fromLua = true;
        int i = p.code[f.pcs[t - 1]];
        int op = Lua.GET_OPCODE(i);
        int a = Lua.GETARG_A(i);
        if ((op != Lua.OP_CALL && op != Lua.OP_TAILCALL) || a >= r.length
            || r[a].isfunction() && !(r[a] instanceof LuaClosure)) {
          level++; // a metamethod or a library function's callback: luaD_call
          fromLua = op != Lua.OP_CALL && op != Lua.OP_TAILCALL;
        }
      }
    }
    if (level >= MAX_C_CALLS) {
      throw fromLua ? new LuaError("C stack overflow") : new LuaErrors.Bare("C stack overflow");
    }
    if (t >= callLimit) {
      callLimit = MAX_CALLS;
      throw fromLua ? new LuaError("stack overflow") : new LuaErrors.Bare("stack overflow");
    }
    f.push(c.p, stack, level);
  }

  @Override
  public void onReturn() {
    frames().pop();
  }

  /**
   * Lua 5.1's getfuncname for the running Java function: how the calling instruction of the
   * innermost Lua call named it ({@link LuaNames#called}), or null when it was not called by a
   * Lua function (pcall, a library function).
   */
  static String @Nullable [] calledName() {
    LuaHook h = CURRENT.get();
    if (h == null) {
      return null;
    }
    Frames f = h.frames();
    Prototype p = f.top > 0 ? f.protos[f.top - 1] : null;
    return p == null ? null : LuaNames.called(p, f.pcs[f.top - 1]);
  }

  /**
   * Lua 5.1's luaL_where: {@code "user_script:3: "} for the Lua function {@code level} calls
   * up from the running Java function (1: the caller of {@code error}), or "" when that is
   * not a Lua function.
   */
  String where(int level) {
    Frames f = frames();
    int i = f.top - level;
    Prototype p = i >= 0 && i < f.top ? f.protos[i] : null;
    if (p == null || p.lineinfo == null || f.pcs[i] >= p.lineinfo.length) {
      return "";
    }
    String src = p.source == null ? "?" : p.source.tojstring();
    return LuaNames.chunkId(src) + ":" + p.lineinfo[f.pcs[i]] + ": ";
  }

  /**
   * Called by LuaJ in the innermost Lua call when an error passes it first; what it returns
   * is appended to the message after a newline. Returns {@link #TRACEBACK}, followed by
   * {@code \u0001} and {@link LuaNames#describe} of the failing instruction when Lua 5.1
   * would name its culprit ({@link LuaErrors#message} takes both off).
   */
  @Override
  public String traceback(int level) {
    Frames f = frames();
    if (f.top > 0) {
      Prototype p = f.protos[f.top - 1];
      LuaValue[] r = f.registers[f.top - 1];
      String d = p == null || r == null ? null : LuaNames.describe(p, f.pcs[f.top - 1], r);
      if (d != null) {
        return TRACEBACK + '\u0001' + d;
      }
    }
    return TRACEBACK;
  }
}
