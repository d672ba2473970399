package io.lime.internal.command;

import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one command as Redis's processCommand does: look up the command (and subcommand),
 * check arity, check authentication, then call the handler and count it for INFO
 * commandstats. Allocates nothing on the success path.
 *
 * <p>Every reply goes through the client's {@link ReplyGate}, which applies CLIENT REPLY
 * OFF/SKIP and counts error replies ({@code failed_calls}, errorstats). Handlers therefore
 * see the gate as {@link Call#out()}, not the connection's sink.
 */
public final class Dispatcher {
  /** Placeholder spec before the first command. */
  static final CommandSpec NO_COMMAND = new CommandSpec("", -1, Set.of(), 0, 0, 0, List.of(),
      "generic", "", "", "", c -> { }, List.of());

  private final ServerState server;

  /** Creates a dispatcher over the server's command table. */
  public Dispatcher(ServerState server) {
    this.server = server;
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
    // CLIENT REPLY: OFF mutes until ON; SKIP (set by the previous command) mutes this one.
    ClientSession.ReplyMode mode = client.replyMode();
    if (mode == ClientSession.ReplyMode.SKIP) {
      client.replyMode(ClientSession.ReplyMode.ON);
    }
    ReplyGate gate = client.replyGate();
    gate.open(out, server, mode == ClientSession.ReplyMode.SKIP,
        mode == ClientSession.ReplyMode.OFF);
    dispatch(call, argv, gate);
  }

  private void dispatch(Call call, Argv argv, ReplyGate out) {
    CommandTable table = server.commandTable();
    ClientSession client = call.client();
    CommandSpec spec = table.lookup(argv, 0);
    if (spec == null) {
      touch(call, client);
      client.lastCommand(null, null);
      out.error(unknownCommand(argv));
      return;
    }
    CommandSpec target = spec;
    if (spec.isContainer() && argv.size() >= 2) {
      CommandSpec sub = table.lookupSub(spec, argv, 1);
      if (sub == null) {
        touch(call, client);
        out.error(Errors.unknownSubcommand(argv.string(1), spec.name().toUpperCase(Locale.ROOT)));
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
      out.error(Errors.arity(full));
      return;
    }
    if (!client.lastCommandIs(spec, target)) {
      client.lastCommand(spec, target);
    }
    if (!client.authenticated() && !target.has(CommandFlag.NO_AUTH)) {
      touch(call, client);
      statsFor(spec, target).rejected.increment();
      out.error(Errors.NOAUTH);
      return;
    }
    call.reset(argv, out, target);
    // Two clock reads per command, as Redis's call(): the start gives both the command time
    // the handler sees (Call.now(), Redis's cached command time) and the duration's start.
    // A nested dispatch (a command run by a command) keeps the outer command's time.
    long start = System.nanoTime();
    boolean outer = !call.hasNow();
    long now = outer ? server.engine().nowAt(start) : call.now();
    if (client.lastInteractionMillis() != now) { // a volatile write only when it changes
      client.lastInteractionMillis(now);
    }
    if (outer) {
      call.now(now);
      try {
        target.handler().execute(call);
        // Clients blocked on keys this command created without serving them itself (RENAME,
        // MOVE, COPY...: list commands serve under their own locks). One volatile read.
        server.engine().blocking().serveReady();
      } finally {
        call.clearNow();
      }
    } else {
      target.handler().execute(call);
    }
    long end = System.nanoTime();
    ServerState.CommandStats st = statsFor(spec, target);
    st.calls.increment();
    // Microsecond clock ticks crossed, as Redis's ustime() difference: sub-microsecond
    // commands add 0 or 1, so the total stays right on average.
    st.micros.add(end / 1000 - start / 1000);
    if (out.errors() > 0) {
      st.failed.increment();
    }
    server.totalCommands.increment();
  }

  /** A command rejected before its handler still counts as client activity. */
  private void touch(Call call, ClientSession client) {
    long now = call.now();
    if (client.lastInteractionMillis() != now) {
      client.lastInteractionMillis(now);
    }
  }

  private ServerState.CommandStats statsFor(CommandSpec spec, CommandSpec target) {
    return server.stats(spec, target);
  }

  /** Redis 7.0's unknown-command text, arguments quoted and truncated as Redis does. */
  static String unknownCommand(Argv argv) {
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < argv.size() && args.length() < 128; i++) {
      String a = argv.string(i);
      int room = 128 - args.length();
      args.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
    }
    String name = argv.string(0);
    return "ERR unknown command '" + Errors.truncate(name, 128)
        + "', with args beginning with: " + args;
  }
}
