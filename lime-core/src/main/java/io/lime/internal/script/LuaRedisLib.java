package io.lime.internal.script;

import io.lime.resp.ProtocolException;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table of Redis 7.0's Lua environment (script_lua.c luaRegisterRedisAPI):
 * {@code call}, {@code pcall}, {@code error_reply}, {@code status_reply}, {@code sha1hex},
 * {@code log}, {@code setresp}, {@code set_repl}, {@code replicate_commands}, {@code
 * breakpoint}, {@code debug}, {@code acl_check_cmd}, the log levels, replication flags and
 * version. Holds the state of the current run (its host, read-only flag and RESP version).
 */
final class LuaRedisLib {
  static final String REDIS_VERSION = "7.0.15";
  static final int REDIS_VERSION_NUM = 0x07000f;

  private final LuaTable table = new LuaTable();
  private @Nullable ScriptHost host;
  private int resp = 2;
  private int replFlags = 3;

  LuaRedisLib(org.luaj.vm2.Globals g) {
    fn("call", a -> call(a, true));
    fn("pcall", a -> call(a, false));
    fn("error_reply", this::errorReply);
    fn("status_reply", this::statusReply);
    fn("sha1hex", this::sha1hex);
    fn("log", this::log);
    fn("setresp", this::setresp);
    fn("set_repl", this::setRepl);
    fn("replicate_commands", a -> LuaValue.TRUE);
    fn("breakpoint", a -> LuaValue.FALSE);
    fn("debug", a -> LuaValue.NONE);
    fn("acl_check_cmd", this::aclCheckCmd);
    table.rawset("LOG_DEBUG", 0);
    table.rawset("LOG_VERBOSE", 1);
    table.rawset("LOG_NOTICE", 2);
    table.rawset("LOG_WARNING", 3);
    table.rawset("REPL_NONE", 0);
    table.rawset("REPL_AOF", 1);
    table.rawset("REPL_SLAVE", 2);
    table.rawset("REPL_REPLICA", 2);
    table.rawset("REPL_ALL", 3);
    table.rawset("REDIS_VERSION", REDIS_VERSION);
    table.rawset("REDIS_VERSION_NUM", REDIS_VERSION_NUM);
  }

  private interface Body {
    Varargs apply(Varargs a);
  }

  private void fn(String name, Body body) {
    table.rawset(name, new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        return body.apply(a);
      }
    });
  }

  LuaTable table() {
    return table;
  }

  void begin(ScriptHost h) {
    this.host = h;
    this.resp = 2;
    this.replFlags = 3;
  }

  void end() {
    this.host = null;
  }

  boolean active() {
    return host != null;
  }

  /** The protocol the script chose with {@code redis.setresp}. */
  int resp() {
    return resp;
  }

  /** {@code redis.set_repl} flags of the run (REPL_ALL unless changed). */
  int replFlags() {
    return replFlags;
  }

  /**
   * The field Redis 7.0 adds to the error table of a command that failed (its error counted
   * already), which a script sees iterating the table or encoding it.
   */
  private static final LuaString IGNORE_ERROR_STATS =
      LuaString.valueOf("ignore_error_stats_update");

  /** Raises Redis's error table {@code {err="ERR msg"}}. */
  static LuaError raise(String msgWithCode) {
    return new LuaError(LuaReplies.table(LuaReplies.ERR, LuaReplies.str(msgWithCode)));
  }

  private Varargs call(Varargs a, boolean raise) {
    ScriptHost h = host;
    if (h == null) {
      throw raise("ERR redis.call is not allowed outside of a script");
    }
    int n = a.narg();
    if (n == 0) {
      return fail("ERR Please specify at least one argument for this redis lib call", raise);
    }
    byte[][] argv = new byte[n][];
    for (int i = 0; i < n; i++) {
      LuaValue v = a.arg(i + 1);
      if (v.type() == LuaValue.TNUMBER) {
        argv[i] = LuaNumbers.argument(v.todouble());
      } else if (v.type() == LuaValue.TSTRING) {
        argv[i] = LuaReplies.bytes(v);
      } else {
        return fail("ERR Lua redis lib command arguments must be strings or integers", raise);
      }
    }
    RespWriter w = new RespWriter(resp, 64);
    String refused = h.call(argv, w);
    if (refused != null) {
      LuaTable t = LuaReplies.table(LuaReplies.ERR, LuaReplies.str(refused));
      t.rawset(IGNORE_ERROR_STATS, LuaValue.TRUE);
      if (raise) {
        throw new LuaError(t);
      }
      return t;
    }
    RespValue r;
    try {
      r = RespDecoder.decode(w.toByteArray());
    } catch (ProtocolException e) {
      throw new IllegalStateException("a command wrote an invalid reply", e);
    }
    LuaValue v = LuaReplies.toLua(r);
    if (r instanceof RespValue.Error) {
      v.rawset(IGNORE_ERROR_STATS, LuaValue.TRUE);
      if (raise) {
        throw new LuaError(v);
      }
    }
    return v;
  }

  private static Varargs fail(String msg, boolean raise) {
    LuaError e = raise(msg);
    if (raise) {
      throw e;
    }
    return e.getMessageObject();
  }

  private Varargs errorReply(Varargs a) {
    if (a.narg() != 1 || !a.isstring(1)) {
      throw raise("ERR wrong number or type of arguments");
    }
    String err = a.arg1().tojstring(); // "-CODE msg": the code is the first word
    String body = err.startsWith("-") ? err.substring(1) : err;
    err = body.indexOf(' ') < 0 ? "ERR " + body : body;
    return LuaReplies.table(LuaReplies.ERR, LuaReplies.str(err.strip()));
  }

  private Varargs statusReply(Varargs a) {
    if (a.narg() != 1 || !a.isstring(1)) {
      throw raise("ERR wrong number or type of arguments");
    }
    return LuaReplies.table(LuaReplies.OK, a.arg1().checkstring());
  }

  private Varargs sha1hex(Varargs a) {
    if (a.narg() != 1) {
      throw raise("ERR wrong number of arguments");
    }
    LuaValue v = a.arg1();
    byte[] data = v.type() == LuaValue.TNUMBER
        ? LuaNumbers.format(v.todouble()).getBytes(StandardCharsets.US_ASCII)
        : v.isstring() ? LuaReplies.bytes(v) : new byte[0];
    return LuaValue.valueOf(Sha1.hex(data));
  }

  private Varargs log(Varargs a) {
    if (a.narg() < 2) {
      throw raise("ERR redis.log() requires two arguments or more.");
    }
    if (a.arg1().type() != LuaValue.TNUMBER) {
      throw raise("ERR First argument must be a number");
    }
    int level = (int) a.arg1().todouble();
    if (level < 0 || level > 3) {
      throw raise("ERR Invalid debug level.");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 2; i <= a.narg(); i++) {
      LuaValue v = a.arg(i);
      if (i > 2) {
        sb.append(' ');
      }
      sb.append(v.type() == LuaValue.TNUMBER ? LuaNumbers.format(v.todouble())
          : v.isstring() ? v.tojstring() : "");
    }
    ScriptHost h = host;
    if (h != null) {
      h.log(level, sb.toString());
    }
    return LuaValue.NONE;
  }

  private Varargs setresp(Varargs a) {
    if (a.narg() != 1) {
      throw raise("ERR redis.setresp() requires one argument.");
    }
    int v = (int) a.arg1().optdouble(0);
    if (v != 2 && v != 3) {
      throw raise("ERR RESP version must be 2 or 3.");
    }
    resp = v;
    return LuaValue.NONE;
  }

  private Varargs setRepl(Varargs a) {
    if (a.narg() != 1) {
      throw raise("ERR redis.set_repl() requires two arguments.");
    }
    LuaValue n = a.arg1().tonumber(); // lua_tonumber: 0 for what is not a number
    int flags = n.isnil() ? 0 : (int) n.todouble();
    if ((flags & ~3) != 0) {
      throw raise("ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or "
          + "REPL_NONE.");
    }
    replFlags = flags;
    ScriptHost h = host;
    if (h != null) {
      h.replication(flags);
    }
    return LuaValue.NONE;
  }

  private Varargs aclCheckCmd(Varargs a) {
    int n = a.narg();
    if (n == 0) {
      throw raise("ERR Please specify at least one argument for this redis lib call");
    }
    byte[][] argv = new byte[n][];
    for (int i = 0; i < n; i++) {
      LuaValue v = a.arg(i + 1);
      if (!v.isstring()) {
        throw raise("ERR Lua redis lib command arguments must be strings or integers");
      }
      argv[i] = v.type() == LuaValue.TNUMBER ? LuaNumbers.argument(v.todouble())
          : LuaReplies.bytes(v);
    }
    ScriptHost h = host;
    Boolean ok = h == null ? null : h.aclCheck(argv);
    if (ok == null) {
      throw raise("ERR Invalid command passed to redis.acl_check_cmd()");
    }
    return LuaValue.valueOf(ok);
  }
}
