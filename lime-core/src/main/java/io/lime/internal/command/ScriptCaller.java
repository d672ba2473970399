package io.lime.internal.command;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclCommand;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Propagation;
import io.lime.internal.script.ScriptHost;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * The client a script's {@code redis.call} runs as (Redis's lctx.lua_client): its own session
 * (authenticated, never blocking, starting in the caller's database; a SELECT in the script
 * stays in the script), whose commands go through the same command table and dispatcher as a
 * connection's, nested in the script's command (its time, its propagation unit), after
 * Redis's scriptCall checks: unknown command, arity, {@code noscript}, writes from a read-only
 * script.
 */
final class ScriptCaller implements ScriptHost {
  private final ServerState server;
  private final ClientSession lua;
  private final Call call;
  private final Dispatcher dispatcher;
  private final boolean readOnly;
  /** The calling client, whose user the script's commands are checked against (ACL). */
  private final ClientSession caller;
  private volatile boolean wrote;
  /** The caller's loop's poller (see {@link ClientSession#busyPoller()}), or null. */
  private final @Nullable Runnable poller;
  /** redis.set_repl's flags: bit 1 to the AOF (there are no replicas). */
  private int replication = 3;
  private final long startNanos = System.nanoTime();
  private long thresholdNanos = -1;
  private long lastPollNanos;

  /** Over maxmemory at the start of a run without allow-oom (Redis's pre_command_oom_state). */
  private final boolean oom;

  /** The run's shard locks, widened before a command that reaches another database. */
  private final ScriptLocks locks;

  ScriptCaller(Call caller, boolean readOnly, boolean oom, ScriptLocks locks) {
    this.oom = oom;
    this.locks = locks;
    this.server = caller.server();
    this.lua = new ClientSession(0, true, caller.now());
    lua.db(caller.client().db());
    lua.denyBlocking(true);
    lua.address("lua"); // MONITOR shows its commands as [db lua], as Redis's CLIENT_SCRIPT
    this.call = new Call(server, lua, NoReply.INSTANCE);
    call.now(caller.now()); // nested: every command of the script sees the script's time
    this.dispatcher = new Dispatcher(server);
    this.readOnly = readOnly;
    this.caller = caller.client();
    this.poller = caller.client().busyPoller();
  }

  /** The script's own client, which runs its {@code redis.call} commands. */
  ClientSession client() {
    return lua;
  }

  /**
   * Past {@code busy-reply-threshold}, serves the caller's loop's other clients every
   * {@link #POLL_NANOS} (Redis's processEventsWhileBlocked from its script timeout hook):
   * they get BUSY, SCRIPT KILL and SHUTDOWN NOSAVE work.
   */
  @Override
  public void whileRunning() {
    Runnable p = poller;
    if (p == null) {
      return;
    }
    long now = System.nanoTime();
    if (thresholdNanos < 0) {
      thresholdNanos = Math.max(0, server.config().getLong("busy-reply-threshold")) * 1_000_000L;
    }
    if (now - startNanos < thresholdNanos || now - lastPollNanos < POLL_NANOS) {
      return;
    }
    lastPollNanos = now;
    p.run();
  }

  /** How often a script past the threshold serves the other clients of its loop. */
  private static final long POLL_NANOS = 5_000_000L;

  /** Whether the script ran a write command (SCRIPT KILL then answers UNKILLABLE). */
  boolean wrote() {
    return wrote;
  }

  @Override
  public @Nullable String call(byte[][] argv, ReplySink out) {
    Argv a = Argv.ofBytes(argv);
    CommandSpec target = lookup(a);
    if (target == null) {
      return Errors.SCRIPT_UNKNOWN_COMMAND;
    }
    int arity = target.arity();
    if ((arity > 0 && arity != a.size()) || a.size() < -arity) {
      return Errors.SCRIPT_WRONG_ARITY;
    }
    if (target.has(CommandFlag.NOSCRIPT)) {
      return Errors.SCRIPT_NOT_ALLOWED;
    }
    if (!caller.user().unrestricted()) {
      int[] errPos = new int[1];
      int result = aclCheck(target, a, errPos);
      if (result != Acl.OK) {
        Permissions.log(call, caller, result, "lua", result == Acl.DENIED_CMD
            ? target.fullName() : a.string(errPos[0]), null);
        return Errors.scriptNoPerm(result);
      }
    }
    if (target.has(CommandFlag.WRITE) && readOnly) {
      return Errors.SCRIPT_WRITE_IN_READ_ONLY;
    }
    if (target.has(CommandFlag.WRITE) && (server.engine().rareChecks().get()
        & io.lime.internal.engine.RareChecks.DISK_ERROR) != 0
        && SnapshotCommands.writesDenied(server)) { // scriptVerifyWriteCommandAllow
      return Errors.MISCONF_RDB;
    }
    if (oom && !wrote && target.has(CommandFlag.DENYOOM)) { // scriptVerifyOOM
      return Errors.OOM;
    }
    if (target.has(CommandFlag.WRITE)) {
      wrote = true;
    }
    locks.before(lua.db(), target);
    lua.protocol(out.protocol());
    ReplyGate gate = lua.replyGate();
    gate.open(out, server, false, false);
    Propagation prop = (replication & 1) == 0 ? server.engine().propagation() : null;
    if (prop == null) {
      dispatcher.dispatchQueued(call, a, gate);
      return null;
    }
    prop.suppressCommands(true);
    try {
      dispatcher.dispatchQueued(call, a, gate);
    } finally {
      prop.suppressCommands(false);
    }
    return null;
  }

  /** The ACL check of {@code a} for the caller's user (ACLCheckAllUserCommandPerm). */
  private int aclCheck(CommandSpec target, Argv a, int[] errPos) {
    Acl acl = server.acl();
    AclCommand cmd = acl.commands().lookup(target.fullName());
    return cmd == null ? Acl.DENIED_CMD
        : Acl.check(caller.user(), cmd, a, 0, Permissions.keys(target, a, 0), errPos);
  }

  private @Nullable CommandSpec lookup(Argv a) {
    CommandTable table = server.commandTable();
    CommandSpec spec = table.lookup(a, 0);
    if (spec == null || !spec.isContainer() || a.size() < 2) {
      return spec;
    }
    return table.lookupSub(spec, a, 1);
  }

  @Override
  public @Nullable Boolean aclCheck(byte[][] argv) {
    Argv a = Argv.ofBytes(argv);
    CommandSpec target = lookup(a);
    if (target == null) {
      return null;
    }
    return caller.user().unrestricted() || aclCheck(target, a, new int[1]) == Acl.OK;
  }

  @Override
  public void replication(int flags) {
    replication = flags;
  }

  @Override
  public void log(int level, String message) {
    System.Logger.Level l = switch (level) {
      case 0 -> System.Logger.Level.DEBUG;
      case 1 -> System.Logger.Level.TRACE;
      case 2 -> System.Logger.Level.INFO;
      default -> System.Logger.Level.WARNING;
    };
    server.engine().logger("io.lime.script").log(l, message);
  }
}
