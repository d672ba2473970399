package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.lime.resp.RespValue;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONFIG GET/SET replies of LIME and of a real redis-server 7.0.15, both over sockets, under
 * RESP2 and RESP3. Skips without redis-server unless CI=true.
 */
class ConfigDifferentialIT {
  private static final String[][] CASES = {
      {"CONFIG", "SET", "save", "900"}, {"CONFIG", "SET", "save", "900 -1"},
      {"CONFIG", "SET", "save", "900 1 300 10"}, {"CONFIG", "GET", "save"},
      {"CONFIG", "SET", "save", ""}, {"CONFIG", "GET", "save"},
      {"CONFIG", "SET", "maxmemory", "1gb"}, {"CONFIG", "GET", "maxmemory"},
      {"CONFIG", "SET", "maxmemory", "1.5gb"}, {"CONFIG", "SET", "maxmemory", "10K"},
      {"CONFIG", "GET", "maxmemory"}, {"CONFIG", "SET", "maxmemory", "99999999999999999gb"},
      {"CONFIG", "GET", "maxmemory"}, {"CONFIG", "SET", "maxmemory", "0"},
      {"CONFIG", "SET", "foo", "bar"}, {"CONFIG", "SET", "port", "abc"},
      {"CONFIG", "SET", "hz", "0"}, {"CONFIG", "GET", "hz"}, {"CONFIG", "SET", "hz", "1000"},
      {"CONFIG", "GET", "hz"}, {"CONFIG", "SET", "hz", "10"},
      {"CONFIG", "SET", "databases", "4"}, {"CONFIG", "SET", "loglevel", "foo"},
      {"CONFIG", "SET", "appendfsync", "bad"}, {"CONFIG", "SET", "protected-mode", "maybe"},
      {"CONFIG", "SET", "timeout", "-1"}, {"CONFIG", "SET", "maxmemory-policy", "lru"},
      {"CONFIG", "SET", "hz", "20", "hz", "30"}, {"CONFIG", "SET", "hz", "11", "foo", "1"},
      {"CONFIG", "SET", "foo", "1", "databases", "3"}, {"CONFIG", "SET", "hz", "11", "hz"},
      {"CONFIG", "GET"}, {"CONFIG", "SET"},
      {"CONFIG", "SET", "notify-keyspace-events", "KEA"}, {"CONFIG", "GET", "notify-keyspace-events"},
      {"CONFIG", "SET", "notify-keyspace-events", "Q"}, {"CONFIG", "SET", "notify-keyspace-events", ""},
      {"CONFIG", "SET", "dir", "/nonexist"}, {"CONFIG", "SET", "io-threads", "2"},
      {"CONFIG", "SET", "proto-max-bulk-len", "1"}, {"CONFIG", "SET", "appendonly", "YES"},
      {"CONFIG", "GET", "appendonly"}, {"CONFIG", "SET", "appendonly", "no"},
      {"CONFIG", "SET", "maxclients", "0"}, {"CONFIG", "GET", "hz", "hz", "HZ"},
      {"CONFIG", "GET", "hash-max-ziplist-entries"}, {"CONFIG", "GET", "SLAVEOF"},
      {"CONFIG", "GET", "d?tabases"}, {"CONFIG", "GET", "nosuch"},
      {"CONFIG", "SET", "hash-max-ziplist-entries", "100", "hash-max-listpack-entries", "100"},
      {"CONFIG", "GET", "hash-max-listpack-entries"},
      {"CONFIG", "SET", "hash-max-listpack-entries", "512"}, {"CONFIG", "RESETSTAT"},
      {"CONFIG", "REWRITE"}, {"CONFIG", "HELP"}, {"CONFIG", "foo"}, {"CONFIG"},
      {"CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 2mb 60"},
      {"CONFIG", "GET", "client-output-buffer-limit"},
      {"CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0"},
      {"CONFIG", "GET", "timeout"}, {"CONFIG", "GET", "tcp-keepalive"},
      {"CONFIG", "GET", "client-query-buffer-limit"}, {"CONFIG", "GET", "requirepass"}};

  private static Process redis;
  private static int redisPort;
  private static LimeServer lime;

  @BeforeAll
  static void up() throws Exception {
    boolean present = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      present |= new File(dir, "redis-server").canExecute();
    }
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail("redis-server not on PATH (required under CI=true)");
      }
      Assumptions.abort("redis-server not on PATH");
    }
    try (ServerSocket s = new ServerSocket(0)) {
      redisPort = s.getLocalPort();
    }
    redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--save", "",
        "--appendonly", "no", "--bind", "127.0.0.1").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        new TestClient(redisPort).close();
        break;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
    lime = LimeServer.builder().ephemeralPort().args("--save", "", "--lime-loops", "1",
        "--appendonly", "no", "--bind", "127.0.0.1").start();
  }

  @AfterAll
  static void down() throws IOException, InterruptedException {
    if (lime != null) {
      lime.close();
    }
    if (redis != null) {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Names LIME lists and Redis 7.0 does not: LIME's own directives. Values allowed to differ:
   * {@code port} (each server has its own) and {@code dir} (the fixture gives LIME a temporary
   * directory). Everything else of CONFIG GET * is equal, names
   * and defaults, both servers started with the same arguments.
   */
  private static final Set<String> LIME_ONLY = Set.of("lime-loops", "lime-shards");
  private static final Set<String> OWN_VALUE = Set.of("port", "dir");

  private static Map<String, String> configGetAll(TestClient c) {
    List<RespValue> flat = ((RespValue.Array) c.call("CONFIG", "GET", "*")).elements();
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      m.put(text(flat.get(i)), text(flat.get(i + 1)));
    }
    return m;
  }

  private static String text(RespValue v) {
    return new String(((RespValue.Bulk) v).value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @org.junit.jupiter.api.Test
  void configGetAll_sameNamesAndDefaultsAsRedis() {
    try (TestClient r = new TestClient(redisPort); TestClient l = new TestClient(lime.port())) {
      Map<String, String> redisAll = configGetAll(r);
      Map<String, String> limeAll = configGetAll(l);
      List<String> diffs = new ArrayList<>();
      for (Map.Entry<String, String> e : redisAll.entrySet()) {
        String mine = limeAll.get(e.getKey());
        if (mine == null) {
          diffs.add("missing " + e.getKey());
        } else if (!mine.equals(e.getValue()) && !OWN_VALUE.contains(e.getKey())) {
          diffs.add(e.getKey() + ": redis '" + e.getValue() + "' lime '" + mine + "'");
        }
      }
      for (String name : limeAll.keySet()) {
        if (!redisAll.containsKey(name) && !LIME_ONLY.contains(name)) {
          diffs.add("extra " + name);
        }
      }
      assertEquals(List.of(), diffs);
      assertEquals(redisAll.size() + LIME_ONLY.size(), limeAll.size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void configCommands_sameRepliesAsRedis(int resp) {
    try (TestClient r = new TestClient(redisPort); TestClient l = new TestClient(lime.port())) {
      r.call("HELLO", Integer.toString(resp));
      l.call("HELLO", Integer.toString(resp));
      List<String> diffs = new ArrayList<>();
      for (String[] c : CASES) {
        RespValue expected = r.call(c);
        RespValue actual = l.call(c);
        if (!expected.equals(actual)) {
          diffs.add(String.join(" ", c) + "\n  redis: " + expected + "\n  lime:  " + actual);
        }
      }
      assertEquals(List.of(), diffs);
    }
  }
}
