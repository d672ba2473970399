package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.RareChecks;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;

/**
 * Runs one command as Redis's processCommand does: look up the command (and subcommand),
 * check arity, check authentication and ACL permissions, then call the handler and count it for INFO
 * commandstats. Allocates nothing on the success path.
 *
 * <p>Every reply goes through the client's {@link ReplyGate}, which applies CLIENT REPLY
 * OFF/SKIP and counts error replies ({@code failed_calls}, errorstats). Handlers therefore
 * see the gate as {@link Call#out()}, not the connection's sink.
 */
public final class Dispatcher {
  /** Placeholder spec before the first command. */
  static final CommandSpec NO_COMMAND = new CommandSpec("", -1, 0, 0, 0, 0, List.of(), null,
      List.of());

  private final ServerState server;
  private final RareChecks rareChecks;

  /** Creates a dispatcher over the server's command table. */
  public Dispatcher(ServerState server) {
    this.server = server;
    this.rareChecks = server.engine().rareChecks();
  }

  /** The server state. */
  public ServerState server() {
    return server;
  }

  /**
   * Executes {@code argv} for the client of {@code call}, replying to {@code out}.
   * {@code argv} must have at least one argument.
   */
  public void execute(Call call, Argv argv, ReplySink out) {
    ClientSession client = call.client();
    ClientSubscriber sub = client.subscriberOrNull();
    if (sub != null) { // pub/sub messages queued by other threads go out before this reply
      sub.drainPending();
    }
    // CLIENT REPLY: OFF mutes until ON; SKIP (set by the previous command) mutes this one.
    ClientSession.ReplyMode mode = client.replyMode();
    if (mode == ClientSession.ReplyMode.SKIP) {
      client.replyMode(ClientSession.ReplyMode.ON);
    }
    ReplyGate gate = client.replyGate();
    gate.open(out, server, mode == ClientSession.ReplyMode.SKIP,
        mode == ClientSession.ReplyMode.OFF);
    dispatch(call, argv, gate, false);
  }

  private void dispatch(Call call, Argv argv, ReplyGate out, boolean queued) {
    CommandTable table = server.commandTable();
    ClientSession client = call.client();
    CommandSpec spec = table.lookup(argv, 0);
    if (spec == null) {
      touch(call, client);
      client.lastCommand(null, null);
      client.flagTransaction();
      out.error(unknownCommand(argv));
      return;
    }
    CommandSpec target = spec;
    if (spec.isContainer() && argv.size() >= 2) {
      CommandSpec sub = table.lookupSub(spec, argv, 1);
      if (sub == null) {
        touch(call, client);
        client.flagTransaction();
        out.error(unknownSubcommand(argv));
        return;
      }
      target = sub;
    }
    int arity = target.arity();
    int argc = argv.size();
    if ((arity > 0 && arity != argc) || argc < -arity) {
      touch(call, client);
      String full = target == spec ? spec.name() : spec.name() + "|" + target.name();
      server.stats(full).rejected.increment();
      TransactionCommands.reject(client, target, Errors.arity(full), out);
      return;
    }
    if (!client.lastCommandIs(spec, target)) {
      client.lastCommand(spec, target);
    }
    if (!client.authenticated() && !target.has(CommandFlag.NO_AUTH)) {
      refuse(call, spec, target, Errors.NOAUTH, out);
      return;
    }
    // ACL: one test for a user allowed everything (the default user as shipped).
    if (!client.user().unrestricted()
        && !Permissions.permitted(call, client, target, argv, out, queued)) {
      touch(call, client);
      statsFor(spec, target).rejected.increment();
      return;
    }
    if (client.inPubSub() && client.protocol() == 2 && !PubSubCommands.allowedWhileSubscribed(spec)) {
      refuse(call, spec, target, PubSubCommands.notAllowedWhileSubscribed(
          target == spec ? spec.name() : spec.name() + "|" + target.name()), out);
      return;
    }
    // maxmemory, a running script, CLIENT PAUSE, tracking and MONITOR: one volatile read
    // when none is in force (RareChecks), the same checks as before when one is.
    int rare = rareChecks.get();
    if (rare != 0 && rareCheckRefused(call, argv, spec, target, out, rare)) {
      return;
    }
    if (client.inMulti() && TransactionCommands.queued(client, spec, target, argv, out)) {
      touch(call, client);
      return; // MULTI: queued (+QUEUED) or refused (NO_MULTI), as Redis's processCommand
    }
    call.reset(argv, out, target);
    if ((rare & RareChecks.TRACKING) != 0) {
      server.tracking().enter(client);
    }
    run(call, argv, spec, target, out, rare);
  }

  /**
   * The checks of processCommand for states that are rarely in force: maxmemory (evict, then
   * refuse denyoom commands), a failed background save (MISCONF), a running script (BUSY),
   * CLIENT PAUSE (postpones the command).
   * True when the command was refused or postponed.
   */
  private boolean rareCheckRefused(Call call, Argv argv, CommandSpec spec, CommandSpec target,
      ReplyGate out, int rare) {
    ClientSession client = call.client();
    if ((rare & RareChecks.MAXMEMORY) != 0 && !call.hasNow()
        && !evictOrAllow(client, target)) { // Redis: performEvictions, then refuse denyoom
      refuse(call, spec, target, Errors.OOM, out);
      return true;
    }
    if ((rare & RareChecks.DISK_ERROR) != 0 && !call.hasNow()
        && deniedByDiskError(client, target)) {
      // Redis: writeCommandsDeniedByDiskError refuses writes and PING
      refuse(call, spec, target, Errors.MISCONF_RDB, out);
      return true;
    }
    RunningScript script = (rare & RareChecks.SCRIPT) != 0 ? server.runningScript : null;
    if (script != null && !target.has(CommandFlag.ALLOW_BUSY)
        && (script.thread != Thread.currentThread()
            // the script's loop serving its other clients while the script runs (busyPoller)
            ? script.busyAfterWait(server.config().getLong("busy-reply-threshold"))
            : client != script.caller.client())) {
      refuse(call, spec, target, script.busyError(), out);
      return true;
    }
    if ((rare & RareChecks.PAUSE) != 0 && server.pause().postpones(call, target,
        server.commandTable())) {
      server.pause().postpone(this, call, argv); // CLIENT PAUSE: runs again once it ends
      return true;
    }
    return false;
  }

  /**
   * Refuses the command before it runs, as processCommand's rejectCommand: the client's
   * interaction time, the command's rejected count, and {@code error}; a transaction under
   * way is flagged to abort, and a refused EXEC answers EXECABORT.
   */
  private void refuse(Call call, CommandSpec spec, CommandSpec target, String error,
      ReplyGate out) {
    touch(call, call.client());
    statsFor(spec, target).rejected.increment();
    TransactionCommands.reject(call.client(), target, error, out);
  }

  /** Runs the handler with the command time, then the accounting of Redis's call(). */
  private void run(Call call, Argv argv, CommandSpec spec, CommandSpec target, ReplyGate out,
      int rare) {
    ClientSession client = call.client();
    // The start gives both the command time the handler sees (Call.now(), Redis's cached
    // command time) and the duration's start; the end, the duration. Inside a batch of
    // pipelined commands (Call.beginBatch) the previous command's end is this one's start,
    // so a pipelined command reads the clock once, not twice as Redis's call() (a clock read
    // is ~20 ns, 30% of a pipelined GET); the gap it adds is the parsing of this command.
    // A nested dispatch (a command run by a command) keeps the outer command's time.
    int errorsBefore = out.errors(); // EXEC runs several commands through one gate
    boolean outer = !call.hasNow();
    long start = outer ? call.batchClock() : System.nanoTime();
    long now = outer ? server.engine().nowAt(start) : call.now();
    if (client.lastInteractionMillis() != now) { // a volatile write only when it changes
      client.lastInteractionMillis(now);
    }
    io.lime.internal.engine.Propagation prop = server.engine().propagation();
    if (prop != null && prop.active()) { // persistence logs commands (AOF): see Propagations
      Propagations.execute(call, target, outer, now, prop);
    } else if (outer) {
      call.now(now);
      try {
        target.run(call);
        // Clients blocked on keys this command created without serving them itself (RENAME,
        // MOVE, COPY...: list commands serve under their own locks). One volatile read.
        server.engine().blocking().serveReady();
      } finally {
        call.clearNow();
      }
    } else {
      target.run(call);
    }
    long end = System.nanoTime();
    if (outer) {
      call.batchClock(end);
    }
    CommandStats st = statsFor(spec, target);
    st.calls.increment();
    // Microsecond clock ticks crossed, as Redis's ustime() difference: sub-microsecond
    // commands add 0 or 1, so the total stays right on average.
    long micros = end / 1000 - start / 1000;
    st.micros.add(micros);
    if (out.errors() > errorsBefore) {
      st.failed.increment();
    }
    if (server.latency().tracking() && !client.blocked()) { // latency-tracking, as call()
      st.recordLatency(end - start);
    }
    server.totalCommands.increment();
    IntrospectionCommands.afterCall(server, client, spec, target, argv, micros, now, rare);
  }

  /**
   * Redis's processCommand maxmemory step: with maxmemory set, evicts under the policy; false
   * when memory stays over the limit and the command may grow it ({@code denyoom}, EXEC of a
   * queue holding one, or any other command but DISCARD, QUIT and RESET inside MULTI).
   */
  private boolean evictOrAllow(ClientSession client, CommandSpec target) {
    io.lime.internal.engine.Eviction ev = server.engine().eviction();
    if (ev.maxmemory() == 0 || ev.perform()) {
      return true;
    }
    String name = target.name();
    if (client.inMulti()) { // queuing may take any amount of memory: all but these are refused
      if (name.equals("exec")) {
        MultiState m = client.multiOrNull();
        return m == null || !m.denyoom();
      }
      return name.equals("discard") || name.equals("quit") || name.equals("reset");
    }
    return !target.has(CommandFlag.DENYOOM);
  }

  /**
   * Redis's processCommand disk-error step: with writes denied (a failed BGSAVE under
   * stop-writes-on-bgsave-error), refuses a write command, PING, and EXEC of a queue holding a
   * write. EVAL/FCALL of a script whose flags allow writes: {@link ScriptCommands}.
   */
  private boolean deniedByDiskError(ClientSession client, CommandSpec target) {
    String name = target.name();
    boolean write = target.has(CommandFlag.WRITE) || name.equals("ping");
    if (!write && name.equals("exec") && client.inMulti()) {
      MultiState m = client.multiOrNull();
      write = m != null && m.write();
    }
    return write && SnapshotCommands.writesDenied(server);
  }

  /** Runs a command queued by MULTI (EXEC): the same checks and accounting, nested. */
  void dispatchQueued(Call call, Argv argv, ReplyGate out) {
    dispatch(call, argv, out, true);
  }

  /** A command rejected before its handler still counts as client activity. */
  private void touch(Call call, ClientSession client) {
    long now = call.now();
    if (client.lastInteractionMillis() != now) {
      client.lastInteractionMillis(now);
    }
  }

  private CommandStats statsFor(CommandSpec spec, CommandSpec target) {
    return server.stats(spec, target);
  }

  /**
   * Redis 7.0's unknown-command text, byte for byte: the name and each argument are C
   * strings there, so they stop at a NUL byte; the name is cut at 128 bytes and arguments
   * are added while the list is under 128 bytes, each cut to the room left
   * ({@code "'%.*s' "} in processCommand).
   */
  static byte[] unknownCommand(Argv argv) {
    java.io.ByteArrayOutputStream args = new java.io.ByteArrayOutputStream();
    for (int i = 1; i < argv.size() && args.size() < 128; i++) {
      int room = 128 - args.size();
      args.write('\'');
      cString(argv, i, room, args);
      args.write('\'');
      args.write(' ');
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(ascii("ERR unknown command '"));
    cString(argv, 0, 128, out);
    out.writeBytes(ascii("', with args beginning with: "));
    out.writeBytes(args.toByteArray());
    return out.toByteArray();
  }

  /** {@code ERR unknown subcommand '%.128s'. Try %s HELP.} with the container as typed, upper-cased. */
  static byte[] unknownSubcommand(Argv argv) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(ascii("ERR unknown subcommand '"));
    cString(argv, 1, 128, out);
    out.writeBytes(ascii("'. Try "));
    int start = out.size();
    cString(argv, 0, Integer.MAX_VALUE, out);
    byte[] text = out.toByteArray();
    for (int i = start; i < text.length; i++) {
      if (text[i] >= 'a' && text[i] <= 'z') {
        text[i] -= 32;
      }
    }
    java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
    full.writeBytes(text);
    full.writeBytes(ascii(" HELP."));
    return full.toByteArray();
  }

  /** Appends argument {@code i} up to its first NUL byte and at most {@code max} bytes. */
  private static void cString(Argv argv, int i, int max, java.io.ByteArrayOutputStream out) {
    byte[] a = argv.array();
    int off = argv.offset(i);
    int n = Math.min(argv.length(i), Math.max(0, max));
    for (int k = 0; k < n && a[off + k] != 0; k++) {
      out.write(a[off + k]);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
