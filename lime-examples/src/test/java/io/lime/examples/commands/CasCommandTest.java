package io.lime.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.command.CustomCommand;
import io.lime.server.LimeServer;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@code CAS key expected new}, a custom command, behaves as a built-in one would (Jedis). */
@LimeTest(modules = CasCommand.class, flushBetweenTests = true)
class CasCommandTest {
  static final ProtocolCommand CAS = () -> "CAS".getBytes(StandardCharsets.US_ASCII);

  @LimePort int port;
  Jedis jedis;

  @BeforeEach
  void connect() {
    jedis = new Jedis("127.0.0.1", port);
  }

  @Test
  void cas_expectedValue_swaps() {
    jedis.set("k", "a");
    assertEquals(1L, jedis.sendCommand(CAS, "k", "a", "b"));
    assertEquals("b", jedis.get("k"));
    assertEquals(0L, jedis.sendCommand(CAS, "k", "a", "c"));
    assertEquals("b", jedis.get("k"));
    assertEquals(0L, jedis.sendCommand(CAS, "missing", "a", "c"));
    assertEquals(0L, jedis.exists("missing") ? 1L : 0L);
  }

  @Test
  void cas_deniedByAcl_nopermAsABuiltIn() {
    jedis.set("k", "a");
    jedis.aclSetUser("denied", "on", ">pw", "~*", "+@all", "-cas");
    jedis.aclSetUser("nostring", "on", ">pw", "~*", "+@all", "-@string");
    jedis.aclSetUser("otherkeys", "on", ">pw", "~other*", "+@all");
    try (Jedis user = new Jedis("127.0.0.1", port)) {
      for (String name : List.of("denied", "nostring")) {
        user.auth(name, "pw");
        JedisDataException e = assertThrows(JedisDataException.class,
            () -> user.sendCommand(CAS, "k", "a", "b"), name);
        assertEquals("NOPERM this user has no permissions to run the 'cas' command",
            e.getMessage(), name); // -cas, and -@string (the category CAS declares)
      }
      user.auth("otherkeys", "pw");
      JedisDataException e = assertThrows(JedisDataException.class,
          () -> user.sendCommand(CAS, "k", "a", "b"));
      assertEquals("NOPERM this user has no permissions to access one of the keys used as "
          + "arguments", e.getMessage());
    }
    assertEquals("a", jedis.get("k"));
  }

  @Test
  void cas_calledFromAScript_runsAsFromAClient() {
    jedis.set("k", "a");
    assertEquals(1L, jedis.eval("return redis.call('CAS', KEYS[1], ARGV[1], ARGV[2])",
        List.of("k"), List.of("a", "b")));
    assertEquals("b", jedis.get("k"));
    assertEquals(0L, jedis.eval("return redis.call('cas', KEYS[1], ARGV[1], ARGV[2])",
        List.of("k"), List.of("a", "c")));
    jedis.rpush("list", "x");
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.eval("return redis.call('CAS', KEYS[1], 'x', 'y')", List.of("list"),
            List.of()));
    assertTrue(e.getMessage().startsWith("WRONGTYPE Operation against a key holding the wrong "
        + "kind of value"), e.getMessage());
  }

  @Test
  void cas_wrongArgumentCount_arityError() {
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.sendCommand(CAS, "k", "a"));
    assertEquals("ERR wrong number of arguments for 'cas' command", e.getMessage());
  }

  @Test
  void cas_onAList_wrongType() {
    jedis.rpush("list", "a");
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.sendCommand(CAS, "list", "a", "b"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        e.getMessage());
  }

  @Test
  void cas_insideMultiExec_queuedAndAtomic() {
    jedis.set("k", "a");
    Transaction tx = jedis.multi();
    tx.sendCommand(CAS, "k", "a", "b");
    tx.sendCommand(CAS, "k", "b", "c");
    tx.get("k");
    assertEquals(List.of(1L, 1L, "c"), tx.exec());
  }

  @Test
  void cas_watchedKeyChangedByCas_abortsTheOtherTransaction() {
    jedis.set("k", "a");
    try (Jedis other = new Jedis("127.0.0.1", port)) {
      jedis.watch("k");
      other.sendCommand(CAS, "k", "a", "b");
      Transaction tx = jedis.multi();
      tx.set("k", "mine");
      assertEquals(null, tx.exec()); // CAS invalidated the WATCH, as SET would
    }
  }

  @Test
  void commandInfo_describesIt() {
    @SuppressWarnings("unchecked")
    List<Object> info = (List<Object>) ((List<Object>) jedis.sendCommand(
        redis.clients.jedis.Protocol.Command.COMMAND, "INFO", "cas")).get(0);
    assertEquals("cas", new String((byte[]) info.get(0), StandardCharsets.UTF_8));
    assertEquals(4L, info.get(1));
    List<String> flags = ((List<?>) info.get(2)).stream()
        .map(f -> new String((byte[]) f, StandardCharsets.UTF_8)).toList();
    assertTrue(flags.containsAll(List.of("write", "denyoom", "module", "fast")), flags.toString());
    assertEquals(List.of(1L, 1L, 1L), info.subList(3, 6));
    String docs = jedis.sendCommand(redis.clients.jedis.Protocol.Command.COMMAND, "DOCS", "cas")
        .toString();
    assertTrue(jedis.commandDocs("cas").get("cas").getSummary()
        .startsWith("Sets key to new if it holds expected"), docs);
    assertTrue(jedis.commandList().contains("cas"));
  }

  @Test
  void builtinName_refusedUnlessReplaceBuiltin() {
    CustomCommand.Builder get = CustomCommand.builder("get").arity(2).keys(1, 1, 1)
        .handler(ctx -> ctx.reply().bulk("custom"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LimeServer.builder().ephemeralPort().command(get.build()).start().close());
    assertTrue(e.getMessage().contains("'get' is a built-in command"), e.getMessage());
    try (LimeServer s = LimeServer.builder().ephemeralPort().command(get.replaceBuiltin().build()).start();
        Jedis j = new Jedis("127.0.0.1", s.port())) {
      assertEquals("custom", j.get("anything"));
    }
  }

  @Test
  void aof_replayedAfterRestart(@TempDir Path dir) throws Exception {
    try (LimeServer s = server(dir).start(); Jedis j = new Jedis("127.0.0.1", s.port())) {
      j.set("k", "a");
      assertEquals(1L, j.sendCommand(CAS, "k", "a", "b"));
      assertEquals(0L, j.sendCommand(CAS, "k", "zzz", "c")); // no change: not logged
    }
    String log = readAof(dir);
    assertTrue(log.contains("$3\r\nCAS\r\n$1\r\nk\r\n$1\r\na\r\n$1\r\nb\r\n"), log);
    assertTrue(!log.contains("zzz"), log);
    try (LimeServer s = server(dir).start(); Jedis j = new Jedis("127.0.0.1", s.port())) {
      assertEquals("b", j.get("k"));
    }
    // without the command registered, the AOF does not load (as Redis without the module)
    assertThrows(RuntimeException.class, () -> LimeServer.builder().ephemeralPort()
        .directive("dir", dir.toString()).directive("appendonly", "yes").start().close());
  }

  static LimeServer.Builder server(Path dir) {
    return LimeServer.builder().ephemeralPort().module(new CasCommand())
        .directive("dir", dir.toString()).directive("appendonly", "yes")
        .directive("appendfsync", "always");
  }

  static String readAof(Path dir) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir.resolve("appendonlydir"))) {
      for (Path f : files.sorted().toList()) {
        sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }
}
