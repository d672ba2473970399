package io.lime.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.server.LimeServer;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.json.Path2;

/** The JSON.SET/JSON.GET subset, stored as the custom type ReJSON-RL, from Jedis's JSON API. */
@LimeTest(modules = JsonModule.class, flushBetweenTests = true)
class JsonModuleTest {
  static final ProtocolCommand JSON_SET = () -> "JSON.SET".getBytes(StandardCharsets.US_ASCII);
  static final ProtocolCommand JSON_GET = () -> "JSON.GET".getBytes(StandardCharsets.US_ASCII);

  @LimePort int port;

  @Test
  void jedisJsonApi_setThenGet_roundTrips() {
    try (JedisPooled jedis = new JedisPooled("127.0.0.1", port)) {
      JSONObject doc = new JSONObject().put("name", "Ada").put("langs", new JSONArray(List.of("en", "fr")));
      assertEquals("OK", jedis.jsonSet("user:1", Path2.ROOT_PATH, doc));
      java.util.Map<?, ?> back = (java.util.Map<?, ?>) jedis.jsonGet("user:1"); // Jedis: Gson
      assertEquals("Ada", back.get("name"));
      assertEquals(List.of("en", "fr"), back.get("langs"));
      JSONArray rooted = (JSONArray) jedis.jsonGet("user:1", Path2.ROOT_PATH);
      assertEquals("Ada", rooted.getJSONObject(0).getString("name"));
      assertEquals("ReJSON-RL", jedis.type("user:1"));
    }
  }

  @Test
  void rawCommands_compactFormNxXxAndErrors(KeyValueStore store) {
    try (JedisPooled jedis = new JedisPooled("127.0.0.1", port)) {
      assertEquals("OK", text(jedis.sendCommand(JSON_SET, "d", "$", "{ \"a\" : [1, 2.5, true, null] }")));
      assertEquals("{\"a\":[1,2.5,true,null]}", text(jedis.sendCommand(JSON_GET, "d")));
      assertEquals("[{\"a\":[1,2.5,true,null]}]", text(jedis.sendCommand(JSON_GET, "d", "$")));
      assertNull(jedis.sendCommand(JSON_SET, "d", "$", "1", "NX"));
      assertNull(jedis.sendCommand(JSON_SET, "new", "$", "1", "XX"));
      assertNull(jedis.sendCommand(JSON_GET, "missing"));
      JedisDataException bad = assertThrows(JedisDataException.class,
          () -> jedis.sendCommand(JSON_SET, "d", "$", "{\"a\":"));
      assertTrue(bad.getMessage().startsWith("ERR invalid JSON"), bad.getMessage());
      jedis.set("s", "text");
      JedisDataException wrong = assertThrows(JedisDataException.class,
          () -> jedis.sendCommand(JSON_GET, "s"));
      assertTrue(wrong.getMessage().startsWith("WRONGTYPE"), wrong.getMessage());
      JedisDataException arity = assertThrows(JedisDataException.class,
          () -> jedis.sendCommand(JSON_SET, "d", "$"));
      assertEquals("ERR wrong number of arguments for 'json.set' command", arity.getMessage());
      assertEquals(KeyType.CUSTOM, store.type("d")); // the typed API sees the custom type
      assertEquals(1L, jedis.del("d"));
    }
  }

  @Test
  void aof_jsonDocumentsSurviveRestart(@TempDir Path dir) {
    LimeServer.Builder b = LimeServer.builder().ephemeralPort().module(new JsonModule())
        .directive("dir", dir.toString()).directive("appendonly", "yes");
    try (LimeServer s = b.start(); JedisPooled jedis = new JedisPooled("127.0.0.1", s.port())) {
      jedis.sendCommand(JSON_SET, "doc", "$", "{\"v\":1}");
    }
    try (LimeServer s = LimeServer.builder().ephemeralPort().module(new JsonModule())
        .directive("dir", dir.toString()).directive("appendonly", "yes").start();
        JedisPooled jedis = new JedisPooled("127.0.0.1", s.port())) {
      assertEquals("{\"v\":1}", text(jedis.sendCommand(JSON_GET, "doc")));
      assertEquals("ReJSON-RL", jedis.type("doc"));
    }
  }

  @Test
  void rdb_customTypeSavedAsModuleRecord_loadsOnlyWithTheType(@TempDir Path dir) {
    try (LimeServer s = LimeServer.builder().ephemeralPort().module(new JsonModule())
        .directive("dir", dir.toString()).start();
        JedisPooled jedis = new JedisPooled("127.0.0.1", s.port())) {
      jedis.sendCommand(JSON_SET, "doc", "$", "{\"v\":[1,\"\\u00e9\"]}");
      jedis.pexpire("doc", 3_600_000);
      jedis.set("plain", "x");
      assertEquals("OK", text(jedis.sendCommand(redis.clients.jedis.Protocol.Command.SAVE)));
    }
    try (LimeServer s = LimeServer.builder().ephemeralPort().module(new JsonModule())
        .directive("dir", dir.toString()).start();
        JedisPooled jedis = new JedisPooled("127.0.0.1", s.port())) {
      assertEquals("{\"v\":[1,\"\\u00e9\"]}", text(jedis.sendCommand(JSON_GET, "doc")));
      assertEquals("ReJSON-RL", jedis.type("doc"));
      assertTrue(jedis.pttl("doc") > 3_500_000);
      assertEquals("x", jedis.get("plain"));
    }
    // a server without the type refuses the file, naming the type, rather than dropping the key
    RuntimeException e = assertThrows(RuntimeException.class, () -> LimeServer.builder().ephemeralPort()
        .directive("dir", dir.toString()).start().close());
    String all = e + " " + e.getCause();
    assertTrue(all.contains("no matching module type 'ReJSON-RL'"), all);
  }

  private static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }
}
