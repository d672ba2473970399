package io.lime.internal.command;

import io.lime.internal.engine.RareChecks;
import io.lime.LimeException;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockWaits;
import io.lime.internal.script.LuaRuntime;
import io.lime.internal.script.LuaVm;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT (Redis 7.0's eval.c) on the server's {@link
 * LuaVm}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Atomicity. A script may touch any key of any database, declared or not, so a run
 *       takes the engine's cross-database lock and every shard of its database, and every
 *       shard of every database once the script may reach another one ({@link ScriptLocks}),
 *       then the interpreter's lock, and holds them until its reply is written: no other
 *       command interleaves with what it touches, as in Redis. The lock order (cross-database
 *       lock, shards, then interpreter) is the same from EXEC, which plans a script as
 *       touching every database ({@link Engine#lockAll()}), so the two cannot deadlock. With an AOF the dispatcher
 *       also holds the write-order lock ({@link Propagations#ordered}) for EVAL, EVALSHA.
 *   <li>Propagation. The commands the script runs are propagated as they run (nested units),
 *       and the script's unit wraps them in MULTI/EXEC when there are several (Redis 7.0's
 *       effects replication); EVAL itself is never propagated.
 *   <li>Without LuaJ (an embedded core with no optional dependency) every command here
 *       replies {@link LuaRuntime#MISSING}; this class names no LuaJ type.
 * </ul>
 */
final class ScriptCommands implements CommandGroup {
  private static final String[] SCRIPT_HELP = {
      "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "DEBUG (YES|SYNC|NO)",
      "    Set the debug mode for subsequent scripts executed.",
      "EXISTS <sha1> [<sha1> ...]",
      "    Return information about the existence of the scripts in the script cache.",
      "FLUSH [ASYNC|SYNC]",
      "    Flush the Lua scripts cache. Very dangerous on replicas.",
      "    When called without the optional mode argument, the behavior is determined by the",
      "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
      "    * ASYNC: Asynchronously flush the scripts cache.",
      "    * SYNC: Synchronously flush the scripts cache.",
      "KILL",
      "    Kill the currently executing Lua script.",
      "LOAD <script>",
      "    Load a script into the scripts cache without executing it.",
      "HELP",
      "    Prints this help."};

  /** The server's interpreter (made on first use). */
  /** INFO's scripting memory figures (a server without an interpreter yet: a fresh one's). */
  static io.lime.internal.script.ScriptMemory memory(ServerState s) {
    Object vm = s.engine().scriptingIfMade();
    return vm == null ? io.lime.internal.script.ScriptMemory.NONE : ((LuaVm) vm).memory();
  }

  static LuaVm vm(Call c) {
    return (LuaVm) c.server().scripting(() -> newVm(c.engine()));
  }

  /**
   * A server's interpreter, starting with the FUNCTION libraries the engine loaded (RDB, AOF
   * base) and publishing every change of them back to the engine for the next save.
   */
  private static LuaVm newVm(Engine engine) {
    LuaVm vm = new LuaVm();
    java.util.List<byte[]> saved = engine.functionLibraries();
    if (!saved.isEmpty()) {
      try {
        vm.functions().restore(saved, "FLUSH");
      } catch (LimeException e) {
        engine.logger("io.lime.script").log(System.Logger.Level.WARNING,
            "Failed loading the saved function libraries: " + e.getMessage());
      }
    }
    vm.functions().onChange(engine::functionLibraries);
    return vm;
  }

  /** Replies that there is no Lua runtime, and returns true, when LuaJ is absent. */
  static boolean missing(Call c) {
    if (LuaRuntime.present()) {
      return false;
    }
    c.out().error(LuaRuntime.MISSING);
    return true;
  }

  /** EVAL script numkeys [key ...] [arg ...] — depends on the script. */
  static void eval(Call c) { evalGeneric(c, false, false); }
  /** EVALSHA sha1 numkeys [key ...] [arg ...] — depends on the script. */
  static void evalsha(Call c) { evalGeneric(c, true, false); }
  /** EVAL_RO script numkeys [key ...] [arg ...] — depends on the script. */
  static void evalRo(Call c) { evalGeneric(c, false, true); }
  /** EVALSHA_RO sha1 numkeys [key ...] [arg ...] — depends on the script. */
  static void evalshaRo(Call c) { evalGeneric(c, true, true); }

  private static void evalGeneric(Call c, boolean bySha, boolean ro) {
    IntrospectionCommands.feedScriptCommand(c.server(), c.client(), c.argv());
    if (missing(c) || !numkeys(c, Errors.NOT_INTEGER)) {
      return;
    }
    runLocked(c, (vm, locks) -> {
      Argv a = c.argv();
      String sha;
      if (bySha) {
        sha = a.string(1);
        if (!vm.exists(sha)) {
          sha = sha.toLowerCase(Locale.ROOT); // digests are cached in lower case
        }
        if (!vm.exists(sha)) {
          c.out().error(Errors.NOSCRIPT);
          return;
        }
      } else {
        try {
          sha = vm.load(a.copy(1));
        } catch (LimeException e) {
          c.out().error(e.getMessage());
          return;
        }
      }
      int flags = vm.flags(sha);
      boolean compat = (flags & LuaVm.EVAL_COMPAT_MODE) != 0;
      ScriptCaller caller = caller(c, ro, compat ? -1 : flags, locks);
      if (caller != null) {
        String name = sha;
        publish(c, true, sha, caller,
            () -> vm.run(name, keys(c), args(c), caller, c.out()));
      }
    });
  }

  /**
   * The client a run's commands go through, after Redis's checks of a script's flags ({@code
   * flags} -1: an EVAL script without shebang), or null after refusing the run:
   * <ul>
   *   <li>over {@code maxmemory}, a script with flags but neither {@code allow-oom} nor
   *       {@code no-writes} is refused with OOM (processCommand: such a script is
   *       {@code denyoom}); one without flags runs, but its first {@code denyoom} command
   *       fails unless the script wrote already (scriptVerifyOOM);
   *   <li>after a failed BGSAVE under stop-writes-on-bgsave-error, a script with flags but not
   *       {@code no-writes} is refused with MISCONF (it is a write command); one without
   *       flags runs, but its write commands fail (scriptVerifyWriteCommandAllow);
   *   <li>a run is read-only for an _RO command or the {@code no-writes} flag; an _RO command
   *       is refused a script with flags but not {@code no-writes} (scriptPrepareForRun).
   * </ul>
   */
  static @Nullable ScriptCaller caller(Call c, boolean ro, int flags, ScriptLocks locks) {
    boolean noWrites = flags >= 0 && (flags & LuaVm.NO_WRITES) != 0;
    boolean allowOom = flags >= 0 && (flags & LuaVm.ALLOW_OOM) != 0;
    io.lime.internal.engine.Eviction ev = c.engine().eviction();
    boolean oom = ev.maxmemory() != 0 && !ev.perform();
    if (oom && flags >= 0 && !allowOom && !noWrites) {
      c.out().error(Errors.OOM);
      return null;
    }
    if (flags >= 0 && !noWrites && (c.engine().rareChecks().get()
        & io.lime.internal.engine.RareChecks.DISK_ERROR) != 0
        && SnapshotCommands.writesDenied(c.server())) {
      c.out().error(Errors.MISCONF_RDB); // processCommand: such a script is a write command
      return null;
    }
    if (ro && flags >= 0 && !noWrites) {
      c.out().error(Errors.SCRIPT_WRITE_FLAG_RO);
      return null;
    }
    return new ScriptCaller(c, ro || noWrites, oom && !allowOom, locks);
  }

  /**
   * Checks the numkeys argument (index 2) of EVAL or FCALL: replies {@code notInteger} or the
   * range errors and returns false when it is invalid.
   */
  static boolean numkeys(Call c, String notInteger) {
    Argv a = c.argv();
    if (!Numbers.isLong(a.array(), a.offset(2), a.length(2))) {
      c.out().error(notInteger);
      return false;
    }
    long n = Numbers.parseLong(a.array(), a.offset(2), a.length(2));
    if (n > a.size() - 3) {
      c.out().error(Errors.NUMKEYS_TOO_MANY);
      return false;
    }
    if (n < 0) {
      c.out().error(Errors.NUMKEYS_NEGATIVE);
      return false;
    }
    return true;
  }

  private static int numkeysOf(Call c) {
    Argv a = c.argv();
    return (int) Numbers.parseLong(a.array(), a.offset(2), a.length(2));
  }

  /** The key arguments of an EVAL or FCALL whose numkeys {@link #numkeys} checked. */
  static byte[][] keys(Call c) {
    byte[][] keys = new byte[numkeysOf(c)][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = c.argv().copy(3 + i);
    }
    return keys;
  }

  /** The other arguments of an EVAL or FCALL. */
  static byte[][] args(Call c) {
    int first = 3 + numkeysOf(c);
    byte[][] args = new byte[c.argv().size() - first][];
    for (int i = 0; i < args.length; i++) {
      args[i] = c.argv().copy(first + i);
    }
    return args;
  }

  private static final byte[][] NO_ARGS = new byte[0][];

  interface Run {
    void run(LuaVm vm, ScriptLocks locks);
  }

  /**
   * Runs {@code body} holding the run's shard locks ({@link ScriptLocks}), then the
   * interpreter (see the class comment).
   */
  static void runLocked(Call c, Run body) {
    LuaVm vm = vm(c);
    ScriptLocks locks = ScriptLocks.lock(c.engine(), c.client().db());
    try {
      LockWaits.lock(vm.lock()); // a script holds it while it runs
      try {
        body.run(vm, locks);
      } finally {
        vm.lock().unlock();
      }
    } finally {
      locks.unlock();
    }
  }

  /**
   * Runs a script or function as the running one ({@link RunningScript}: BUSY for the other
   * clients past the threshold, SCRIPT/FUNCTION KILL); called holding {@link #runLocked}'s
   * locks.
   */
  static void publish(Call c, boolean eval, String name, ScriptCaller caller, Runnable run) {
    // the command is shown only for a function (FUNCTION STATS): no copy for a script
    RunningScript rs = new RunningScript(eval, name, eval ? NO_ARGS : c.argv().toArrays(),
        caller);
    RareChecks rare = c.server().engine().rareChecks();
    rare.set(RareChecks.SCRIPT, true);
    c.server().runningScript = rs;
    try {
      run.run();
    } finally {
      c.server().runningScript = null;
      rare.set(RareChecks.SCRIPT, false); // scripts run one at a time (runLocked's locks)
      rs.done();
    }
  }

  /** SCRIPT LOAD script — O(N) in the script's length. */
  static void scriptLoad(Call c) {
    if (missing(c)) {
      return;
    }
    LuaVm vm = vm(c);
    LockWaits.lock(vm.lock()); // a script holds it while it runs
    try {
      c.out().bulk(vm.load(c.argv().copy(2)));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      vm.lock().unlock();
    }
  }

  /** SCRIPT EXISTS sha1 [sha1 ...] — O(N) in the number of digests. */
  static void scriptExists(Call c) {
    if (missing(c)) {
      return;
    }
    LuaVm vm = vm(c);
    Argv a = c.argv();
    LockWaits.lock(vm.lock()); // a script holds it while it runs
    try {
      c.out().arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        c.out().integer(vm.exists(a.string(i).toLowerCase(Locale.ROOT)) ? 1 : 0);
      }
    } finally {
      vm.lock().unlock();
    }
  }

  /**
   * SCRIPT DEBUG YES|SYNC|NO — O(1). NO answers OK as Redis (no debugging session is ever on);
   * YES and SYNC, which start Redis's Lua debugger (the LDB protocol), are refused with {@link
   * Errors#SCRIPT_DEBUG_UNSUPPORTED}. Inside EXEC, Redis's pipeline error.
   */
  static void scriptDebug(Call c) {
    Argv a = c.argv();
    MultiState m = c.client().multiOrNull();
    if (m != null && m.executing()) { // clientHasPendingReplies: EXEC's header went
      c.out().error(Errors.SCRIPT_DEBUG_PIPELINE);
    } else if (a.is(2, "NO")) {
      c.out().ok();
    } else if (a.is(2, "YES") || a.is(2, "SYNC")) {
      c.out().error(Errors.SCRIPT_DEBUG_UNSUPPORTED);
    } else {
      c.out().error(Errors.SCRIPT_DEBUG_MODE);
    }
  }

  /** Whether SCRIPT/FUNCTION FLUSH has no mode or SYNC/ASYNC; else replies {@code error}. */
  static boolean flushMode(Call c, String error) {
    Argv a = c.argv();
    if (a.size() > 3 || (a.size() == 3 && !a.is(2, "SYNC") && !a.is(2, "ASYNC"))) {
      c.out().error(error);
      return false;
    }
    return true;
  }

  /** SCRIPT FLUSH [ASYNC|SYNC] — O(N) in the number of cached scripts. */
  static void scriptFlush(Call c) {
    if (!flushMode(c, Errors.SCRIPT_FLUSH_MODE)) {
      return;
    }
    if (missing(c)) {
      return;
    }
    LuaVm vm = vm(c);
    LockWaits.lock(vm.lock()); // a script holds it while it runs
    try {
      vm.flush();
    } finally {
      vm.lock().unlock();
    }
    c.out().ok();
  }

  /** SCRIPT KILL — O(1). */
  static void scriptKill(Call c) {
    kill(c, true);
  }

  /** SCRIPT KILL, FUNCTION KILL (Redis's scriptKill). */
  static void kill(Call c, boolean eval) {
    RunningScript rs = c.server().runningScript;
    if (rs == null || c.client() == rs.caller.client()) {
      c.out().error(Errors.NOTBUSY);
    } else if (rs.caller.wrote()) {
      c.out().error(Errors.UNKILLABLE);
    } else if (rs.eval != eval) {
      c.out().error(rs.busyError());
    } else {
      vm(c).kill();
      c.out().ok();
    }
  }

  /**
   * For SHUTDOWN: while a script runs past the threshold, refuses it with the script's BUSY
   * error unless {@code nosave} (as Redis 7.0); with NOSAVE stops the script even if it wrote.
   * Returns the error SHUTDOWN must answer, or null to go on.
   */
  static @Nullable String stopForShutdown(Call c, boolean nosave) {
    RunningScript rs = c.server().runningScript;
    if (rs == null || c.client() == rs.caller.client()) {
      return null;
    }
    if (!nosave) {
      return rs.busyAfterWait(c.server().config().getLong("busy-reply-threshold"))
          ? rs.busyError() : null;
    }
    vm(c).kill();
    return null;
  }

  /** SCRIPT HELP — O(1). */
  static void scriptHelp(Call c) {
    c.replyHelp(SCRIPT_HELP);
  }
}
