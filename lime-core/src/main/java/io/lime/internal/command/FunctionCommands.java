package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockWaits;
import io.lime.internal.persistence.rdb.FunctionPayload;
import io.lime.internal.script.LuaFunctions;
import io.lime.internal.script.LuaVm;
import io.lime.resp.Argv;
import org.jspecify.annotations.Nullable;

/**
 * FUNCTION and FCALL, FCALL_RO (Redis 7.0's functions.c) over the libraries of the server's
 * {@link LuaVm}. Runs lock as EVAL does ({@link ScriptCommands#runLocked}); the library
 * commands take only the interpreter's lock.
 */
final class FunctionCommands implements CommandGroup {
  private static final String[] FUNCTION_HELP = {
      "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "LOAD [REPLACE] <FUNCTION CODE>",
      "    Create a new library with the given library name and code.",
      "DELETE <LIBRARY NAME>",
      "    Delete the given library.",
      "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
      "    Return general information on all the libraries:",
      "    * Library name",
      "    * The engine used to run the Library",
      "    * Library description",
      "    * Functions list",
      "    * Library code (if WITHCODE is given)",
      "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
      "STATS",
      "    Return information about the current function running:",
      "    * Function name",
      "    * Command used to run the function",
      "    * Duration in MS that the function is running",
      "    If no function is running, return nil",
      "    In addition, returns a list of available engines.",
      "KILL",
      "    Kill the current running function.",
      "FLUSH [ASYNC|SYNC]",
      "    Delete all the libraries.",
      "    When called without the optional mode argument, the behavior is determined by the",
      "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
      "    * ASYNC: Asynchronously flush the libraries.",
      "    * SYNC: Synchronously flush the libraries.",
      "DUMP",
      "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
      "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
      "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
      "    control how to handle existing libraries (default APPEND):",
      "    * FLUSH: delete all existing libraries.",
      "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
      "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
      "      libraries with the new libraries (notice that even on this option there is a chance of failure",
      "      in case of functions name collision with another library).",
      "HELP",
      "    Prints this help."};

  /** The libraries, under the interpreter's lock, or null after replying there is no Lua. */
  private interface Body {
    void run(LuaFunctions f);
  }

  private static void withLibraries(Call c, Body body) {
    if (ScriptCommands.missing(c)) {
      return;
    }
    LuaVm vm = ScriptCommands.vm(c);
    LockWaits.lock(vm.lock()); // a script holds it while it runs
    try {
      body.run(vm.functions());
    } finally {
      vm.lock().unlock();
    }
  }

  /** FCALL function numkeys [key ...] [arg ...] — depends on the function. */
  static void fcall(Call c) {
    fcallGeneric(c, false);
  }

  /** FCALL_RO function numkeys [key ...] [arg ...] — depends on the function. */
  static void fcallRo(Call c) {
    fcallGeneric(c, true);
  }

  private static void fcallGeneric(Call c, boolean ro) {
    IntrospectionCommands.feedScriptCommand(c.server(), c.client(), c.argv());
    if (ScriptCommands.missing(c)) {
      return;
    }
    ScriptCommands.runLocked(c, (vm, locks) -> {
      String name = c.argv().string(1);
      int flags = vm.functions().flags(name);
      if (flags < 0) {
        c.out().error(Errors.FUNCTION_NOT_FOUND);
        return;
      }
      if (!ScriptCommands.numkeys(c, Errors.FUNCTION_BAD_NUMKEYS)) {
        return;
      }
      ScriptCaller caller = ScriptCommands.caller(c, ro, flags, locks);
      if (caller != null) {
        ScriptCommands.publish(c, false, name, caller, () -> vm.functions().call(name,
            ScriptCommands.keys(c), ScriptCommands.args(c), caller, c.out()));
      }
    });
  }

  /** FUNCTION LOAD [REPLACE] function-code — O(1) plus the code's load. */
  static void functionLoad(Call c) {
    Argv a = c.argv();
    boolean replace = false;
    int i = 2;
    for (; i < a.size() - 1; i++) {
      if (a.is(i, "REPLACE")) {
        replace = true;
      } else {
        c.out().error("ERR Unknown option given: " + a.string(i));
        return;
      }
    }
    if (i >= a.size()) {
      c.out().error("ERR Function code was not given");
      return;
    }
    boolean rep = replace;
    byte[] code = a.copy(i);
    withLibraries(c, f -> {
      try {
        c.out().bulk(f.load(code, rep));
        c.engine().dirty(1); // propagated (AOF) and counted for the save rules, as Redis
      } catch (LimeException e) {
        c.out().error(e.getMessage());
      }
    });
  }

  /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE] — O(N) in the functions. */
  static void functionList(Call c) {
    Argv a = c.argv();
    boolean withCode = false;
    String pattern = null;
    for (int i = 2; i < a.size(); i++) {
      if (!withCode && a.is(i, "WITHCODE")) {
        withCode = true;
      } else if (pattern == null && a.is(i, "LIBRARYNAME")) {
        if (i >= a.size() - 1) {
          c.out().error("ERR library name argument was not given");
          return;
        }
        pattern = a.string(++i);
      } else {
        c.out().error("ERR Unknown argument " + a.string(i));
        return;
      }
    }
    boolean code = withCode;
    @Nullable String p = pattern;
    withLibraries(c, f -> f.list(p, code, c.out()));
  }

  /** FUNCTION DELETE library-name — O(1). */
  static void functionDelete(Call c) {
    String name = c.argv().string(2);
    withLibraries(c, f -> {
      if (f.delete(name)) {
        c.engine().dirty(1);
        c.out().ok();
      } else {
        c.out().error(Errors.LIBRARY_NOT_FOUND);
      }
    });
  }

  /** FUNCTION FLUSH [ASYNC|SYNC] — O(N) in the functions. */
  static void functionFlush(Call c) {
    if (!ScriptCommands.flushMode(c, Errors.FUNCTION_FLUSH_MODE)) {
      return;
    }
    withLibraries(c, f -> {
      f.flush();
      c.engine().dirty(1);
      c.out().ok();
    });
  }

  /**
   * FUNCTION STATS — O(1). Answers while a function runs (allow_busy): it reads the counts
   * without the interpreter's lock (a racy but harmless read of two sizes).
   */
  static void functionStats(Call c) {
    if (ScriptCommands.missing(c)) {
      return;
    }
    RunningScript rs = c.server().runningScript;
    LuaFunctions f = ScriptCommands.vm(c).functions();
    c.out().mapHeader(2);
    c.out().bulk("running_script");
    if (rs == null || rs.eval || rs.thread == Thread.currentThread()) {
      c.out().nullBulk();
    } else {
      c.out().mapHeader(3);
      c.out().bulk("name");
      c.out().bulk(rs.name);
      c.out().bulk("command");
      c.out().arrayHeader(rs.command.length);
      for (byte[] arg : rs.command) {
        c.out().bulk(arg);
      }
      c.out().bulk("duration_ms");
      c.out().integer(rs.durationMillis());
    }
    c.out().bulk("engines");
    c.out().mapHeader(1);
    c.out().bulk("LUA");
    c.out().mapHeader(2);
    c.out().bulk("libraries_count");
    c.out().integer(f.libraryCount());
    c.out().bulk("functions_count");
    c.out().integer(f.functionCount());
  }

  /** FUNCTION DUMP — O(N) in the libraries. */
  static void functionDump(Call c) {
    withLibraries(c, f -> c.out().bulk(FunctionPayload.dump(f.codes())));
  }

  /** FUNCTION RESTORE serialized-value [FLUSH|APPEND|REPLACE] — O(N) in the functions. */
  static void functionRestore(Call c) {
    Argv a = c.argv();
    String policy = "APPEND";
    if (a.size() > 4) {
      c.out().error("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
          + "'. Try FUNCTION HELP.");
      return;
    }
    if (a.size() == 4) {
      policy = a.string(3).toUpperCase(java.util.Locale.ROOT);
      if (!policy.equals("FLUSH") && !policy.equals("APPEND") && !policy.equals("REPLACE")) {
        c.out().error(Errors.FUNCTION_RESTORE_POLICY);
        return;
      }
    }
    byte[] payload = a.copy(2);
    String p = policy;
    withLibraries(c, f -> {
      try {
        f.restore(FunctionPayload.codes(payload), p);
        c.engine().dirty(1);
        c.out().ok();
      } catch (LimeException e) {
        c.out().error(e.getMessage());
      }
    });
  }

  /** FUNCTION KILL — O(1). */
  static void functionKill(Call c) {
    ScriptCommands.kill(c, false);
  }

  /** FUNCTION HELP — O(1). */
  static void functionHelp(Call c) {
    c.replyHelp(FUNCTION_HELP);
  }
}
