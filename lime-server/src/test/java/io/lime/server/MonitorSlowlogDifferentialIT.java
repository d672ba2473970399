package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MONITOR and SLOWLOG over TCP, LIME against redis-server 7.0.15 under RESP2 and RESP3.
 * MONITOR streams are compared line by line with the timestamp and the client's port masked
 * (what is fed, in which order, with which database and quoting); SLOWLOG replies are compared
 * with times, durations and ports masked.
 */
class MonitorSlowlogDifferentialIT {
  private static WireDifferential wire;

  @BeforeAll
  static void up() {
    wire = WireDifferential.start();
  }

  @AfterAll
  static void down() {
    if (wire != null) {
      wire.close();
    }
  }

  private static WireDifferential.Pair open(int resp) {
    return wire.connect(resp);
  }

  /** A monitor line without its time and port. */
  private static String maskLine(byte[] frame) {
    return new String(frame, StandardCharsets.ISO_8859_1)
        .replaceFirst("^\\+\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\]", "+T [$1 ADDR]")
        .replaceFirst("^\\+\\d+\\.\\d{6} \\[(\\d+) lua\\]", "+T [$1 lua]");
  }

  private static List<String> lines(WireDifferential.Conn c, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(maskLine(c.readReplies(1)));
    }
    return out;
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void monitor_streamsCommandsAsRedis(int resp) {
    try (WireDifferential.Pair m = open(resp); WireDifferential.Pair c = open(resp)) {
      m.check("MONITOR");
      m.checkRaw(encode("MONITOR"), 0); // already monitoring: no reply
      c.check("SET", "k", "v");
      c.check("GET", "k");
      c.check("SET", "q\"u\\o\r\n\tte\u0007\b", "\u0001\u00ff x");
      c.check("SELECT", "1");
      c.check("INCR", "n");
      c.check("MULTI");
      c.check("SET", "a", "1");
      c.check("LPUSH", "a", "x");
      c.check("EXEC");
      c.check("SELECT", "0");
      c.check("NOSUCHCOMMAND", "x"); // refused before running: not fed
      c.check("GET"); // arity: not fed
      c.check("CONFIG", "GET", "maxmemory"); // admin: not fed
      c.check("SLOWLOG", "HELP"); // not an admin subcommand: fed
      c.check("ECHO", "");
      List<String> redis = lines(m.redis, 12);
      List<String> lime = lines(m.lime, 12);
      assertEquals(String.join("\n", redis), String.join("\n", lime));
      m.check("RESET");
      c.check("PING");
      m.check("PING"); // no longer a monitor: only its own reply
    }
  }

  /** Sends to both without comparing the replies (they may differ; the feed is compared). */
  private static void sendBoth(WireDifferential.Pair c, String... cmd) {
    c.redis.send(encode(cmd));
    c.lime.send(encode(cmd));
    c.redis.readReplies(1);
    c.lime.readReplies(1);
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void monitor_showsScriptCommandsAsLua_andRedactsSecrets(int resp) {
    try (WireDifferential.Pair m = open(resp); WireDifferential.Pair c = open(resp)) {
      m.check("MONITOR");
      c.check("EVAL", "redis.call('set','a',1); return redis.call('incr','a')", "0");
      c.check("EVALSHA", "0000000000000000000000000000000000000000", "0"); // fed, then NOSCRIPT
      sendBoth(c, "EVAL", "syntax error here", "0"); // fed, then the compile error
      c.check("SELECT", "3");
      c.check("EVAL_RO", "return redis.call('get','a')", "0");
      c.check("SELECT", "0");
      c.check("AUTH", "nosuchuser", "pw");
      c.check("AUTH", "pw");
      sendBoth(c, "HELLO", String.valueOf(resp), "AUTH", "default", "pw", "SETNAME", "x");
      c.check("AUTH", "a", "b", "c"); // syntax error: Redis does not redact
      sendBoth(c, "MIGRATE", "127.0.0.1", "1", "", "0", "10", "AUTH", "pw", "KEYS", "a");
      sendBoth(c, "MIGRATE", "127.0.0.1", "1", "", "0", "10", "COPY", "AUTH2", "u", "pw",
          "KEYS", "a");
      List<String> redis = lines(m.redis, 15);
      List<String> lime = lines(m.lime, 15);
      assertEquals(String.join("\n", redis), String.join("\n", lime));
      assertTrue(lime.get(1).startsWith("+T [0 lua] \"set\""), lime.get(1));
      m.check("RESET");
    }
  }

  private static String maskSlowlog(byte[] reply) {
    return Differential.show(reply)
        .replaceAll(":\\d{9,}\\\\r\\\\n:\\d+\\\\r\\\\n", ":TIME\\\\r\\\\n:MICROS\\\\r\\\\n")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "ADDR")
        .replaceAll("\\$\\d+\\\\r\\\\nADDR", "\\$N\\\\r\\\\nADDR");
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void slowlog_logsTrimsAndResets(int resp) {
    try (WireDifferential.Pair c = open(resp)) {
      c.check("CONFIG", "SET", "slowlog-log-slower-than", "0");
      c.check("CONFIG", "SET", "slowlog-max-len", "5");
      c.check("SLOWLOG", "RESET");
      c.check("CLIENT", "SETNAME", "slowpoke");
      List<String> args = new ArrayList<>(List.of("SADD", "s"));
      for (int i = 0; i < 40; i++) {
        args.add("m" + i);
      }
      c.check(args.toArray(String[]::new));
      c.check("SET", "big", "x".repeat(200));
      c.check("EXEC"); // an error, still logged
      c.check("SLOWLOG", "LEN");
      byte[] req = encode("SLOWLOG", "GET", "-1");
      c.redis.send(req);
      c.lime.send(req);
      String r = maskSlowlog(c.redis.readReplies(1));
      String l = maskSlowlog(c.lime.readReplies(1));
      // ids depend on what each server logged before; compare without them
      assertEquals(r.replaceAll("\\*6\\\\r\\\\n:\\d+", "*6\\\\r\\\\n:ID"),
          l.replaceAll("\\*6\\\\r\\\\n:\\d+", "*6\\\\r\\\\n:ID"));
      assertTrue(l.contains("... (11 more arguments)"), l);
      c.check("SLOWLOG", "GET", "0");
      c.check("SLOWLOG", "GET", "-2");
      c.check("SLOWLOG", "GET", "x");
      c.check("SLOWLOG", "GET", "1", "2");
      c.check("SLOWLOG", "LEN", "x");
      c.check("SLOWLOG", "HELP");
      c.check("SLOWLOG", "NOPE");
      c.check("CONFIG", "SET", "slowlog-max-len", "2");
      c.check("SLOWLOG", "LEN");
      c.check("SLOWLOG", "RESET");
      c.check("CONFIG", "SET", "slowlog-log-slower-than", "-1");
      c.check("PING");
      c.check("SLOWLOG", "LEN");
      c.check("CONFIG", "SET", "slowlog-log-slower-than", "10000");
      c.check("CONFIG", "SET", "slowlog-max-len", "128");
    }
  }

  /** LATENCY with nothing sampled (the threshold is off): replies and errors as Redis. */
  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void latency_repliesAndErrors(int resp) {
    try (WireDifferential.Pair c = open(resp)) {
      c.check("LATENCY", "RESET");
      c.check("LATENCY", "LATEST");
      c.check("LATENCY", "HISTORY", "command");
      c.check("LATENCY", "HISTORY");
      c.check("LATENCY", "RESET", "command", "fast-command");
      c.check("LATENCY", "HELP");
      c.check("LATENCY", "NOPE");
      c.check("CONFIG", "GET", "latency-monitor-threshold");
    }
  }
}
