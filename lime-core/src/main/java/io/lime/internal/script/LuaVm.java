package io.lime.internal.script;

import io.lime.LimeException;
import io.lime.resp.ReplySink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One Lua interpreter with Redis 7.0's environment, and the EVAL script cache (Redis's
 * lctx.lua and lctx.lua_scripts). One per server, as in Redis.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency. LuaJ's state is not thread-safe: every method must be called holding
 *       {@link #lock()} but {@link #kill()}; the command layer locks every shard, then takes it,
 *       for a whole run, which is what makes scripts atomic.
 *   <li>Environment. The libraries Redis loads (base, table, string, math, coroutine, bit,
 *       cjson, struct, cmsgpack), without {@code os}, {@code io}, {@code package}, {@code
 *       debug}, {@code loadfile}, {@code dofile} or Java access; Lua 5.1 functions LuaJ
 *       lacks are added by {@link LuaCompat}; the globals and library tables are read-only
 *       ({@link LuaTables}).
 *   <li>Scripts. A body is compiled once under the chunk name {@code @user_script} (so errors
 *       read {@code user_script:1:}) into a function kept by its SHA1; an optional shebang
 *       line ({@code #!lua flags=...}) is parsed into flags and blanked, keeping line numbers.
 * </ul>
 */
public final class LuaVm {
  /**
   * Script flags (Redis's SCRIPT_FLAG_*): the shebang's {@code flags=}, and {@code
   * EVAL_COMPAT_MODE} for no shebang (an EVAL script of before 7.0).
   */
  public static final int NO_WRITES = 1, ALLOW_OOM = 2, ALLOW_STALE = 4, NO_CLUSTER = 8,
      ALLOW_CROSS_SLOT_KEYS = 16, EVAL_COMPAT_MODE = 32;

  private static final String[] FLAG_NAMES =
      {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};
  private static final LuaString KEYS = LuaString.valueOf("KEYS");
  private static final LuaString ARGV = LuaString.valueOf("ARGV");

  private record Script(LuaFunction fn, byte[] body, int flags) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final LuaTables.Locked g = new LuaTables.Locked();
  private final Map<String, Script> scripts = new HashMap<>();
  private final LuaRedisLib redis;
  private final LuaFunctions functions = new LuaFunctions(this);
  private final LuaHook hook = new LuaHook();
  /** Estimated bytes of the cached scripts' compiled functions, and of their bodies (INFO). */
  private volatile long compiledBytes;
  private volatile long bodyBytes;

  /**
   * Asks the running script to stop (SCRIPT KILL, FUNCTION KILL): it fails at its next hook
   * check. Safe from any thread; the next run clears it.
   */
  public void kill() {
    hook.kill = true;
  }

  /** Builds the interpreter and its environment. */
  public LuaVm() {
    // PackageLib: the libraries register in package.loaded (removed below); the hook installs
    // the instruction hook (LuaCompat removes the debug table)
    for (LuaValue lib : new LuaValue[] {new BaseLib(), new PackageLib(), new TableLib(),
        new StringLib(), new JseMathLib(), new CoroutineLib(), hook}) {
      g.load(lib);
    }
    LoadState.install(g);
    LuaC.install(g);
    TableConstructors.install(g);
    LuaCompat.install(g, hook);
    redis = new LuaRedisLib(g);
    g.rawset("redis", redis.table());
    g.rawset("bit", LuaBitLib.table());
    g.rawset("cjson", LuaJson.table());
    g.rawset("struct", LuaStruct.table());
    g.rawset("cmsgpack", LuaMsgpack.table());
    g.rawset("__redis__err__handler", LuaValue.NIL);
    LuaValue stringMeta = LuaString.s_metatable;
    LuaArgErrors.wrap(g, "error", "pcall", "xpcall", "assert");
    for (String lib : new String[] {"string", "table", "math", "coroutine", "redis", "bit",
        "cjson", "struct", "cmsgpack"}) {
      if (!lib.equals("redis")) {
        LuaArgErrors.wrap((LuaTable) g.get(lib));
      }
      LuaTables.Locked locked = LuaTables.lockedCopy(g.get(lib));
      g.rawset(lib, locked);
      if (lib.equals("string") && stringMeta != null) {
        stringMeta.rawset(LuaValue.INDEX, locked);
        hook.strings = locked;
        LuaHook.STRING_META.rawset(LuaValue.INDEX, locked); // for threads running no script
        LuaString.s_metatable = LuaHook.STRING_META;
      }
    }
    g.setmetatable(globalsMeta());
    g.locked = true;
  }

  /** The lock every other method must be called with. */
  public ReentrantLock lock() {
    return lock;
  }

  /** The FUNCTION libraries of this interpreter. */
  public LuaFunctions functions() {
    return functions;
  }

  /**
   * A new, unlocked environment for a library's code, sharing this interpreter's state: LuaJ
   * runs its instruction hook (SCRIPT/FUNCTION KILL) only for functions whose environment is
   * a Globals that has it.
   */
  LuaTables.Locked environment() {
    LuaTables.Locked env = new LuaTables.Locked();
    env.running = g.running;
    env.baselib = g.baselib;
    env.debuglib = g.debuglib;
    env.loader = g.loader;
    env.compiler = g.compiler;
    env.undumper = g.undumper;
    return env;
  }

  /** The globals (read-only). */
  LuaValue globals() {
    return g;
  }

  static LuaTable globalsMeta() {
    LuaTable meta = new LuaTable();
    meta.rawset(LuaValue.INDEX, new org.luaj.vm2.lib.TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue t, LuaValue name) {
        throw new LuaError("Script attempted to access nonexistent global variable '"
            + name.tojstring() + "'");
      }
    });
    return meta;
  }

  /**
   * Compiles and caches {@code body} unless cached (SCRIPT LOAD, EVAL); returns its SHA1.
   *
   * @throws LimeException with Redis's text for an invalid shebang or a compile error
   */
  public String load(byte[] body) {
    String sha = Sha1.hex(body);
    if (scripts.containsKey(sha)) {
      return sha;
    }
    int[] shebangLength = new int[1];
    int flags = shebangFlags(body, shebangLength);
    byte[] source = body;
    if (shebangLength[0] > 0) {
      source = body.clone();
      java.util.Arrays.fill(source, 0, shebangLength[0], (byte) ' ');
    }
    LuaFunction fn = compile(source, "@user_script");
    scripts.put(sha, new Script(fn, body, flags));
    compiledBytes += compiledSize(fn);
    bodyBytes += ScriptMemory.sds(body.length) + ScriptMemory.sds(40) + 32; // body, sha, robj
    return sha;
  }

  private LuaFunction compile(byte[] source, String chunk) {
    try {
      return compile(source, chunk, g);
    } catch (LuaError e) {
      throw new LimeException("ERR Error compiling script (new function): "
          + LuaErrors.message(e));
    }
  }

  /** Compiles {@code source} as a function over {@code env}; throws LuaError when invalid. */
  LuaFunction compile(byte[] source, String chunk, LuaValue env) {
    try {
      Prototype p = g.compilePrototype(new ByteArrayInputStream(source), chunk);
      noTailCalls(p);
      return new LuaClosure(p, env);
    } catch (IOException e) {
      throw new LuaError(e.getMessage());
    }
  }

  /**
   * Turns every tail call into a call followed by the return the compiler already emits after
   * it ({@code TAILCALL A B 0; RETURN A 0} becomes {@code CALL A B 0; RETURN A 0}): LuaJ runs
   * a tail call after its caller's frame is gone, so an error raised by the callee (a failing
   * {@code return redis.call(...)}) would carry no script line, where Lua 5.1 reports the
   * caller's. The price is that unbounded tail recursion overflows the stack.
   */
  private static void noTailCalls(Prototype p) {
    int[] code = p.code;
    for (int i = 0; i < code.length; i++) {
      if (Lua.GET_OPCODE(code[i]) == Lua.OP_TAILCALL) {
        code[i] = (code[i] & ~0x3f) | Lua.OP_CALL;
      }
    }
    for (Prototype nested : p.p) {
      noTailCalls(nested);
    }
  }

  /** Redis's LOAD_TIMEOUT_MS (functions.c): how long a library's top-level code may run. */
  private static final long LOAD_TIMEOUT_NANOS = 500_000_000L;

  /** Runs a library's top-level code, stopped past {@link #LOAD_TIMEOUT_NANOS}. */
  void runLoad(LuaFunction chunk) {
    hook.beginLoad(LOAD_TIMEOUT_NANOS);
    try {
      chunk.call();
    } finally {
      hook.begin(null);
    }
  }

  /** Whether a script of this SHA1 (lower-case) is cached. */
  public boolean exists(String sha) {
    return scripts.containsKey(sha);
  }

  /** The flags of a cached script, or -1. */
  public int flags(String sha) {
    Script s = scripts.get(sha);
    return s == null ? -1 : s.flags();
  }

  /** SCRIPT FLUSH. */
  public void flush() {
    hook.resetLimits(); // Redis makes a new Lua state
    scripts.clear();
    compiledBytes = 0;
    bodyBytes = 0;
  }

  /** Estimated bytes of the compiled function {@code f} (0 for a Java function). */
  static long compiledSize(LuaValue f) {
    return f instanceof LuaClosure c ? protoSize(c.p) : 0;
  }

  private static long protoSize(Prototype p) {
    long n = 120 + 4L * p.code.length + 16L * p.k.length + 4L * p.lineinfo.length
        + 24L * p.locvars.length + 16L * p.upvalues.length;
    for (Prototype nested : p.p) {
      n += protoSize(nested);
    }
    return n;
  }

  /** INFO's scripting memory figures (estimates, see {@link ScriptMemory}); any thread. */
  public ScriptMemory memory() {
    int n = scripts.size();
    return new ScriptMemory(ScriptMemory.VM_EVAL_BASE + compiledBytes,
        n == 0 ? 0 : bodyBytes + ScriptMemory.dict(n), n, functions.functionCount(),
        ScriptMemory.VM_FUNCTIONS_BASE + functions.compiledBytes(), functions.overheadBytes());
  }

  /** Number of cached scripts. */
  public int size() {
    return scripts.size();
  }

  /**
   * Runs cached script {@code sha} with {@code KEYS} and {@code ARGV}, replying its result
   * (or its error) to {@code out}.
   */
  public void run(String sha, byte[][] keys, byte[][] args, ScriptHost host,
      ReplySink out) {
    Script s = scripts.get(sha);
    if (s == null) {
      throw new IllegalStateException("not cached: " + sha);
    }
    g.locked = false;
    try {
      g.rawset(KEYS, array(keys));
      g.rawset(ARGV, array(args));
    } finally {
      g.locked = true;
    }
    invoke(s.fn(), LuaValue.NONE, sha, host, out);
  }

  /**
   * Calls {@code fn(args)} as a script named {@code name} (its SHA1, or a function's name),
   * replying its result or error to {@code out}.
   */
  void invoke(LuaValue fn, Varargs args, String name, ScriptHost host,
      ReplySink out) {
    redis.begin(host);
    hook.begin(host);
    try {
      LuaValue result = fn.invoke(args).arg1();
      LuaReplies.write(result, out, redis.resp());
    } catch (LuaError e) {
      out.error(LuaErrors.reply(e, name));
    } catch (StackOverflowError e) {
      out.error("ERR Error running script (call to " + name + "): stack overflow");
    } catch (OutOfMemoryError e) {
      // a script that allocated without bound: its garbage is unreachable once unwound here
      out.error("ERR Error running script (call to " + name + "): not enough memory");
    } finally {
      hook.host = null;
      redis.end();
    }
  }

  static LuaTable array(byte[][] values) {
    LuaTable t = new Lua51Table();
    for (int i = 0; i < values.length; i++) {
      t.rawset(i + 1, LuaString.valueOf(values[i]));
    }
    return t;
  }

  /**
   * Redis's evalExtractShebangFlags: the flags of {@code body}'s shebang line ({@link
   * #EVAL_COMPAT_MODE} without one); stores the line's length in {@code length[0]}.
   *
   * @throws LimeException for an invalid shebang
   */
  static int shebangFlags(byte[] body, int[] length) {
    if (body.length < 2 || body[0] != '#' || body[1] != '!') {
      return EVAL_COMPAT_MODE;
    }
    int end = 0;
    while (end < body.length && body[end] != '\n') {
      end++;
    }
    if (end == body.length) {
      throw new LimeException("ERR Invalid script shebang");
    }
    String line = new String(body, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
    String[] parts = line.trim().split("[ \t\r\n]+");
    if (parts.length == 0 || parts[0].isEmpty()) {
      throw new LimeException("ERR Invalid engine in script shebang");
    }
    if (!parts[0].equals("#!lua")) {
      throw new LimeException("ERR Unexpected engine in script shebang: " + parts[0]);
    }
    int flags = 0;
    for (int j = 1; j < parts.length; j++) {
      if (!parts[j].startsWith("flags=")) {
        throw new LimeException("ERR Unknown lua shebang option: " + parts[j]);
      }
      String list = parts[j].substring(6);
      if (list.isEmpty()) {
        continue;
      }
      for (String f : list.split(",", -1)) {
        int bit = flagBit(f);
        if (bit == 0) {
          throw new LimeException("ERR Unexpected flag in script shebang: " + f);
        }
        flags |= bit;
      }
    }
    length[0] = end;
    return flags;
  }

  /** The names of the flags set in {@code flags}, in Redis's order. */
  static java.util.List<String> flagNames(int flags) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < FLAG_NAMES.length; i++) {
      if ((flags & (1 << i)) != 0) {
        names.add(FLAG_NAMES[i]);
      }
    }
    return names;
  }

  /** The bit of flag {@code name}, or 0. */
  static int flagBit(String name) {
    for (int i = 0; i < FLAG_NAMES.length; i++) {
      if (FLAG_NAMES[i].equals(name)) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** The script running now, for SCRIPT KILL; see {@link LuaRedisLib}. */
  @Nullable LuaRedisLib running() {
    return redis.active() ? redis : null;
  }
}
