package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lime.resp.RespValue;
import io.lime.testing.RealRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * AOF directories move between LIME and redis-server 7.0 (skipped without redis-server
 * unless CI=true): what one writes, the other loads with the same data, with an RDB or an
 * AOF base (after BGREWRITEAOF) and with the incr file's commands (including the rewritten
 * forms: PXAT, PEXPIREAT, SREM for SPOP, LPOP/LMOVE for served blocking pops, MULTI/EXEC).
 */
class AofRedisCompatIT {
  @TempDir Path dir;

  /** Writes covering every type, several databases, expiries and rewritten commands. */
  private static void workload(TestClient c) {
    c.call("SET", "s", "plain");
    c.call("SET", "ttl", "v", "EX", "5000");
    c.call("SETEX", "ttl2", "6000", "v2");
    c.call("SET", "n", "10");
    c.call("INCRBYFLOAT", "n", "0.25");
    c.call("RPUSH", "list", "a", "b", "c", "d");
    c.call("LPOP", "list");
    c.call("LMOVE", "list", "list2", "LEFT", "RIGHT");
    c.call("SADD", "set", "1", "2", "3", "4", "5");
    c.call("SPOP", "set");
    c.call("SPOP", "set", "2");
    c.call("SADD", "tags", "x", "y", "zed");
    c.call("HSET", "h", "f1", "v1", "f2", "2");
    c.call("HINCRBYFLOAT", "h", "f2", "1.5");
    c.call("ZADD", "z", "1", "a", "2.5", "b", "-3", "c");
    c.call("ZINCRBY", "z", "0.5", "a");
    c.call("ZPOPMAX", "z");
    c.call("EXPIRE", "h", "7000");
    c.call("PEXPIRE", "list2", "8000000");
    c.call("GETEX", "s", "EX", "9000");
    c.call("GETEX", "s", "PERSIST");
    c.call("SET", "gone", "1");
    c.call("GETDEL", "gone");
    c.call("MULTI");
    c.call("INCR", "counter");
    c.call("RPUSH", "list", "tx");
    c.call("EXEC");
    // bitmaps and HyperLogLogs longer than 44 bytes (raw, also once loaded from a file)
    c.call("SETBIT", "bits", "400", "1");
    c.call("BITFIELD", "bits", "INCRBY", "i8", "0", "-5", "SET", "u4", "#3", "9");
    c.call("BITOP", "XOR", "bitsx", "bits", "s");
    for (int i = 0; i < 30; i++) {
      c.call("PFADD", "hll", "e" + i, "f" + i);
      c.call("PFADD", "hll2", "g" + i);
    }
    c.call("PFCOUNT", "hll");
    c.call("PFMERGE", "hllm", "hll", "hll2");
    c.call("PFCOUNT", "hllm");
    c.call("SELECT", "5");
    c.call("SET", "db5", "five");
    c.call("HSET", "bighash", "k0", "v0");
    for (int i = 1; i < 200; i++) {
      c.call("HSET", "bighash", "k" + i, "value-" + i);
      c.call("ZADD", "bigz", Integer.toString(i), "m" + i);
      c.call("RPUSH", "biglist", "item-" + i);
      c.call("SADD", "bigset", "member-" + i);
    }
    c.call("SWAPDB", "5", "6");
    c.call("SELECT", "0");
  }

  /** Everything readable about every key of every database, in a canonical form. */
  private static String dump(int port) {
    StringBuilder sb = new StringBuilder();
    try (TestClient c = new TestClient(port)) {
      for (int db = 0; db < 16; db++) {
        c.call("SELECT", Integer.toString(db));
        List<String> keys = strings(c.call("KEYS", "*"));
        Collections.sort(keys);
        for (String k : keys) {
          String type = TestClient.text(c.call("TYPE", k));
          long pttl = Long.parseLong(TestClient.text(c.call("PTTL", k)));
          sb.append(db).append(' ').append(k).append(' ').append(type).append(' ')
              .append(pttl < 0 ? "persistent" : "volatile").append(" = ");
          switch (type) {
            case "string" -> sb.append(TestClient.text(c.call("GET", k)));
            case "list" -> sb.append(strings(c.call("LRANGE", k, "0", "-1")));
            case "set" -> {
              List<String> m = strings(c.call("SMEMBERS", k));
              Collections.sort(m);
              sb.append(m);
            }
            case "hash" -> {
              List<String> m = strings(c.call("HGETALL", k));
              TreeMap<String, String> t = new TreeMap<>();
              for (int i = 0; i < m.size(); i += 2) {
                t.put(m.get(i), m.get(i + 1));
              }
              sb.append(t);
            }
            case "zset" -> sb.append(strings(c.call("ZRANGE", k, "0", "-1", "WITHSCORES")));
            default -> sb.append('?');
          }
          sb.append(" enc=").append(TestClient.text(c.call("OBJECT", "ENCODING", k)));
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static List<String> strings(RespValue v) {
    List<String> out = new ArrayList<>();
    if (v instanceof RespValue.Array a) {
      for (RespValue e : a.elements()) {
        out.add(TestClient.text(e));
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no"})
  void limeWrittenAof_loadsInRedis_sameData(String rdbPreamble) throws Exception {
    Path limeDir = Files.createDirectories(dir.resolve("lime"));
    String expected;
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes", "--dir",
        limeDir.toString(), "--save", "", "--aof-use-rdb-preamble", rdbPreamble).start();
        TestClient c = new TestClient(s.port())) {
      workload(c);
      c.call("BGREWRITEAOF");
      while (TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrite_in_progress:1")) {
        Thread.sleep(10);
      }
      c.call("RPUSH", "after-rewrite", "1");
      c.call("SPOP", "tags");
      expected = dump(s.port());
    }
    assertFalse(expected.isEmpty());
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    copyDir(limeDir.resolve("appendonlydir"), redisDir.resolve("appendonlydir"));
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString())) {
      awaitLoaded(r.port());
      assertEquals(expected, dump(r.port()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no"})
  void redisWrittenAof_loadsInLime_sameData(String rdbPreamble) throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    String expected;
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString(),
        "--aof-use-rdb-preamble", rdbPreamble, "--appendfsync", "always");
        TestClient c = new TestClient(r.port())) {
      c.call("SET", "pre", "rewrite");
      c.call("ZADD", "prez", "1.5", "x");
      c.call("BGREWRITEAOF");
      while (TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrite_in_progress:1")) {
        Thread.sleep(10);
      }
      workload(c);
      expected = dump(r.port());
    }
    Path limeDir = Files.createDirectories(dir.resolve("lime"));
    copyDir(redisDir.resolve("appendonlydir"), limeDir.resolve("appendonlydir"));
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes", "--dir",
        limeDir.toString(), "--save", "").start()) {
      assertEquals(expected, dump(s.port()));
    }
  }

  /** Redis answers -LOADING while it loads (RealRedis counts that as started). */
  static void awaitLoaded(int port) throws InterruptedException {
    try (TestClient c = new TestClient(port)) {
      while (!TestClient.text(c.call("PING")).equals("PONG")) {
        Thread.sleep(10);
      }
    }
  }

  static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
