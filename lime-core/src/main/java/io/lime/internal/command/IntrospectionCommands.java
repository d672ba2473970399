package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;

/**
 * MONITOR and SLOWLOG (Redis's replicationFeedMonitors and slowlog.c), and the dispatcher's
 * hook that feeds them after each command ({@link #afterCall}).
 */
public final class IntrospectionCommands implements CommandGroup {
  private static final String[] SLOWLOG_HELP = {
    "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "GET [<count>]",
    "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
    "    Entries are made of:",
    "    id, timestamp, time in microseconds, arguments array, client IP and port,",
    "    client name",
    "LEN",
    "    Return the length of the slowlog.",
    "RESET",
    "    Reset the slowlog.",
    "HELP",
    "    Prints this help."};

  /**
   * After a command ran (Redis's call()): feeds the monitors unless the command is an admin
   * one or skips them, and logs it in the slow log when it was slow, unless it skips the
   * slow log or left its client blocked (Redis logs that one when it is unblocked).
   */
  static void afterCall(ServerState server, ClientSession client, CommandSpec container,
      CommandSpec target, Argv argv, long micros, long nowMillis) {
    server.tracking().exit(container, target, argv);
    Monitors m = server.monitors();
    if (m.active() && !target.has(CommandFlag.ADMIN) && !target.has(CommandFlag.SKIP_MONITOR)) {
      m.feed(client, argv);
    }
    SlowLog log = server.slowLog();
    if (log.wants(micros) && !target.has(CommandFlag.SKIP_SLOWLOG) && !client.blocked()) {
      log.push(client, argv, micros, nowMillis);
    }
  }

  /** MONITOR — O(1): streams every command the server runs to this client. */
  static void monitor(Call call) {
    ClientSession c = call.client();
    if (c.denyBlocking()) {
      call.out().error(Errors.MONITOR_DENY_BLOCKING);
      return;
    }
    if (call.server().monitors().add(c)) {
      call.out().ok(); // already monitoring: no reply at all, as Redis
    }
  }

  /** SLOWLOG GET [count] — O(N) in the entries returned. */
  static void slowlogGet(Call call) {
    Argv argv = call.argv();
    long count = 10;
    if (argv.size() > 3) {
      call.out().error(Errors.subcommandSyntax(argv.string(1), "SLOWLOG"));
      return;
    }
    if (argv.size() == 3) {
      Long n = KeyArgs.isInt(argv, 2) ? KeyArgs.longValue(argv, 2) : null;
      if (n == null || n < -1) {
        call.out().error(Errors.SLOWLOG_COUNT);
        return;
      }
      count = n == -1 ? Long.MAX_VALUE : n;
    }
    List<SlowLog.Entry> entries = call.server().slowLog().newest(count);
    ReplySink out = call.out();
    out.arrayHeader(entries.size());
    for (SlowLog.Entry e : entries) {
      out.arrayHeader(6);
      out.integer(e.id());
      out.integer(e.timeSeconds());
      out.integer(e.micros());
      out.arrayHeader(e.args().length);
      for (byte[] a : e.args()) {
        out.bulk(a);
      }
      out.bulk(e.peer());
      out.bulk(e.name());
    }
  }

  /** SLOWLOG LEN — O(1). */
  static void slowlogLen(Call call) { call.out().integer(call.server().slowLog().length()); }

  /** SLOWLOG RESET — O(N). */
  static void slowlogReset(Call call) {
    call.server().slowLog().reset();
    call.out().ok();
  }

  /** SLOWLOG HELP — O(1). */ static void slowlogHelp(Call call) { call.replyHelp(SLOWLOG_HELP); }
}
