package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.RareChecks;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
import java.util.Map;

/**
 * MONITOR, SLOWLOG and LATENCY (Redis's replicationFeedMonitors, slowlog.c and latency.c;
 * texts of DOCTOR, GRAPH, HISTOGRAM in {@link LatencyReport}), and the
 * dispatcher's hook that feeds them after each command ({@link #afterCall}).
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
      CommandSpec target, Argv argv, long micros, long nowMillis, int rare) {
    if ((rare & RareChecks.TRACKING) != 0) {
      server.tracking().exit(container, target, argv);
    }
    Monitors m = server.monitors();
    if ((rare & RareChecks.MONITOR) != 0 && m.active() && !target.has(CommandFlag.ADMIN)
        && !target.has(CommandFlag.SKIP_MONITOR)) {
      m.feed(client, Redaction.apply(target, argv));
    }
    server.latency().sampleIfNeeded(target.has(CommandFlag.FAST) ? "fast-command" : "command",
        micros / 1000, nowMillis);
    SlowLog log = server.slowLog();
    if (log.wants(micros) && !target.has(CommandFlag.SKIP_SLOWLOG) && !client.blocked()) {
      log.push(client, Redaction.apply(target, argv), micros, nowMillis);
    }
  }

  /**
   * EVAL, EVALSHA, FCALL and their _RO forms (flagged skip_monitor) are fed before the script
   * runs, whatever comes of it, so the script's commands ({@code [db lua]}) follow them.
   */
  static void feedScriptCommand(ServerState server, ClientSession client, Argv argv) {
    Monitors m = server.monitors();
    if (m.active()) {
      m.feed(client, argv);
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

  private static final String[] LATENCY_HELP = {
    "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DOCTOR",
    "    Return a human readable latency analysis report.",
    "GRAPH <event>",
    "    Return an ASCII latency graph for the <event> class.",
    "HISTORY <event>",
    "    Return time-latency samples for the <event> class.",
    "LATEST",
    "    Return the latest latency samples for all events.",
    "RESET [<event> ...]",
    "    Reset latency data of one or more <event> classes.",
    "    (default: reset all data for all event classes)",
    "HISTOGRAM [COMMAND ...]",
    "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
    "    If no commands are specified then all histograms are replied.",
    "HELP",
    "    Prints this help."};

  /** LATENCY LATEST — O(N) in the events. */
  static void latencyLatest(Call call) {
    Map<String, long[]> latest = call.server().latency().latest();
    ReplySink out = call.out();
    out.arrayHeader(latest.size());
    for (Map.Entry<String, long[]> e : latest.entrySet()) {
      out.arrayHeader(4);
      out.bulk(e.getKey());
      for (long v : e.getValue()) {
        out.integer(v);
      }
    }
  }

  /** LATENCY HISTORY event — O(N) in the samples. */
  static void latencyHistory(Call call) {
    List<LatencyMonitor.Sample> samples = call.server().latency().history(call.argv().string(2));
    ReplySink out = call.out();
    out.arrayHeader(samples.size());
    for (LatencyMonitor.Sample s : samples) {
      out.arrayHeader(2);
      out.integer(s.timeSeconds());
      out.integer(s.millis());
    }
  }

  /** LATENCY RESET [event ...] — O(N): replies how many event series were reset. */
  static void latencyReset(Call call) {
    Argv a = call.argv();
    List<String> names = new java.util.ArrayList<>();
    for (int i = 2; i < a.size(); i++) {
      names.add(a.string(i));
    }
    call.out().integer(call.server().latency().reset(names));
  }

  /** LATENCY DOCTOR — O(N) in the samples: a human-readable report (verbatim text). */
  static void latencyDoctor(Call call) {
    call.out().verbatim("txt", LatencyReport.doctor(call.server().latency(),
        call.server().config().getLong("slowlog-log-slower-than"), call.now() / 1000));
  }

  /** LATENCY GRAPH event — O(N) in the samples: an ASCII graph (verbatim text). */
  static void latencyGraph(Call call) {
    String event = call.argv().string(2);
    LatencyMonitor lm = call.server().latency();
    List<LatencyMonitor.Sample> samples = lm.history(event);
    long max = lm.max(event);
    if (max < 0) {
      call.out().error(Errors.latencyNoSamples(event));
      return;
    }
    call.out().verbatim("txt", LatencyReport.graph(event, samples, max, call.now() / 1000));
  }

  /** LATENCY HISTOGRAM [command ...] — O(N) in the commands: per-command latency CDFs. */
  static void latencyHistogram(Call call) {
    Argv a = call.argv();
    List<String> names = null;
    if (a.size() > 2) {
      names = new java.util.ArrayList<>();
      for (int i = 2; i < a.size(); i++) {
        names.add(a.string(i));
      }
    }
    LatencyReport.histogramReply(call.out(), LatencyReport.histograms(call.server(), names));
  }

  /** LATENCY HELP — O(1). */ static void latencyHelp(Call call) { call.replyHelp(LATENCY_HELP); }

  /** SLOWLOG HELP — O(1). */ static void slowlogHelp(Call call) { call.replyHelp(SLOWLOG_HELP); }
}
