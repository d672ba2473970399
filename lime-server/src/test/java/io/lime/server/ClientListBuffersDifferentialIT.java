package io.lime.server;

import static io.lime.server.WireDifferential.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CLIENT LIST / CLIENT INFO buffer fields (qbuf, argv-mem, obl, oll, omem, tot-mem, events)
 * against redis-server 7.0.15 by shape: the same fields in the same order, and the same
 * ones non-zero for a client with a half-sent command and for one that does not read a large
 * reply. Sizes differ (Redis's sds and 16 KiB reply buffer, LIME's buffers).
 */
class ClientListBuffersDifferentialIT {
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

  private static Map<String, String> fields(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : line.trim().split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  private static String bulkText(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    return s.substring(s.indexOf("\r\n") + 2, s.length() - 2);
  }

  /** The CLIENT LIST line of the client named {@code name}, as seen from {@code from}. */
  private static Map<String, String> lineOf(WireDifferential.Conn from, String name) {
    from.send(encode("CLIENT", "LIST"));
    for (String line : bulkText(from.readReplies(1)).split("\n")) {
      Map<String, String> f = fields(line);
      if (name.equals(f.get("name"))) {
        return f;
      }
    }
    throw new AssertionError("no client " + name);
  }

  @Test
  void clientInfo_hasRedisFields_andArgvMemOfTheRunningCommand() {
    try (WireDifferential.Pair c = wire.connect()) {
      c.redis.send(encode("CLIENT", "INFO"));
      c.lime.send(encode("CLIENT", "INFO"));
      Map<String, String> r = fields(bulkText(c.redis.readReplies(1)));
      Map<String, String> l = fields(bulkText(c.lime.readReplies(1)));
      assertEquals(r.keySet().toString(), l.keySet().toString());
      assertEquals(r.get("argv-mem"), l.get("argv-mem")); // "client" + "info"
      assertEquals(r.get("events"), l.get("events"));
      assertEquals(r.get("obl"), l.get("obl"));
      assertEquals(r.get("oll"), l.get("oll"));
      assertEquals(r.get("omem"), l.get("omem"));
      assertTrue(Long.parseLong(l.get("tot-mem")) > Long.parseLong(l.get("argv-mem")), l.toString());
    }
  }

  @Test
  void halfSentCommand_showsInQbuf() {
    try (WireDifferential.Pair half = wire.connect(); WireDifferential.Pair obs = wire.connect()) {
      half.check("CLIENT", "SETNAME", "half");
      byte[] partial = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10\r\nabc".getBytes(StandardCharsets.US_ASCII);
      half.redis.send(partial);
      half.lime.send(partial);
      // poll until each server has read the bytes (CLIENT LIST is the only probe there is)
      for (boolean redis : new boolean[] {true, false}) {
        WireDifferential.Conn o = redis ? obs.redis : obs.lime;
        Map<String, String> f = lineOf(o, "half");
        for (int i = 0; i < 200 && "0".equals(f.get("qbuf")); i++) {
          f = lineOf(o, "half");
        }
        assertTrue(Long.parseLong(f.get("qbuf")) > 0, (redis ? "redis " : "lime ") + f);
        assertEquals("r", f.get("events"));
      }
      byte[] rest = "defghij\r\n".getBytes(StandardCharsets.US_ASCII);
      half.redis.send(rest);
      half.lime.send(rest);
      assertEquals("+OK\r\n", new String(half.redis.readReplies(1), StandardCharsets.US_ASCII));
      assertEquals("+OK\r\n", new String(half.lime.readReplies(1), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void unreadLargeReplies_showInOutputFields() {
    try (WireDifferential.Pair slow = wire.connect(); WireDifferential.Pair obs = wire.connect()) {
      obs.check("SET", "big", "x".repeat(1 << 20));
      slow.check("CLIENT", "SETNAME", "slow");
      byte[] gets = new byte[0];
      for (int i = 0; i < 32; i++) {
        gets = WireDifferential.concat(gets, encode("GET", "big"));
      }
      slow.redis.send(gets); // 32 MiB of replies the client does not read
      slow.lime.send(gets);
      for (boolean redis : new boolean[] {true, false}) {
        WireDifferential.Conn o = redis ? obs.redis : obs.lime;
        Map<String, String> f = lineOf(o, "slow");
        for (int i = 0; i < 200 && "0".equals(f.get("omem")); i++) {
          f = lineOf(o, "slow");
        }
        String who = redis ? "redis " : "lime ";
        assertTrue(Long.parseLong(f.get("omem")) > 0, who + f);
        assertTrue(Long.parseLong(f.get("oll")) > 0, who + f);
        assertTrue(Long.parseLong(f.get("tot-mem")) > Long.parseLong(f.get("omem")), who + f);
      }
      obs.check("DEL", "big");
    }
  }
}
