package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import io.lime.testing.RealRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams in AOF directories move between LIME and redis-server 7.0: the incr file's stream
 * commands (XADD with generated IDs and {@code ~} trims rewritten, XREADGROUP as XCLAIM and
 * XGROUP SETID, XCLAIM, XAUTOCLAIM ...) and a rewritten base (Redis's rewriteStreamObject
 * form, or the RDB preamble) replay in the other server to what the writer itself rebuilds
 * from its own directory (Redis's AOF does not keep everything: node layout after a
 * rewrite, entries-read after XREADGROUP, consumers that never read), so the comparison is
 * between the two replays.
 */
class AofStreamCompatIT {
  @TempDir Path dir;

  private static void workload(TestClient c) {
    c.call("CONFIG", "SET", "stream-node-max-entries", "5");
    for (int i = 0; i < 40; i++) {
      c.call("XADD", "s", "*", "f", "v" + i, "n", Integer.toString(i));
    }
    c.call("XADD", "s", "MAXLEN", "~", "30", "*", "f", "trim");
    c.call("XDEL", "s", firstId(c, "s"));
    c.call("XGROUP", "CREATE", "s", "g", "0");
    c.call("XGROUP", "CREATE", "s", "late", "$");
    c.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "4", "STREAMS", "s", ">");
    c.call("XREADGROUP", "GROUP", "g", "bob", "COUNT", "3", "STREAMS", "s", ">");
    c.call("XREADGROUP", "GROUP", "g", "carol", "NOACK", "COUNT", "2", "STREAMS", "s", ">");
    c.call("XGROUP", "CREATECONSUMER", "s", "g", "dave");
    c.call("XAUTOCLAIM", "s", "g", "dave", "0", "0", "COUNT", "2");
    c.call("XTRIM", "s", "MINID", "~", "0-1");
    c.call("XADD", "e", "1-1", "a", "b");
    c.call("XDEL", "e", "1-1");
    c.call("XGROUP", "CREATE", "e", "eg", "$", "ENTRIESREAD", "1");
  }

  private static void afterRewrite(TestClient c) {
    c.call("XADD", "s", "*", "after", "rewrite");
    c.call("XREADGROUP", "GROUP", "late", "erin", "STREAMS", "s", ">");
    c.call("XACK", "s", "g", firstId(c, "s"));
    c.call("XCLAIM", "s", "g", "bob", "0", firstId(c, "s"), "FORCE", "JUSTID");
    c.call("XGROUP", "DELCONSUMER", "s", "g", "carol");
    c.call("XADD", "s", "NOMKSTREAM", "MAXLEN", "~", "10", "*", "x", "y");
  }

  private static String firstId(TestClient c, String key) {
    RespValue r = c.call("XRANGE", key, "-", "+", "COUNT", "1");
    RespValue entry = ((RespValue.Array) r).elements().get(0);
    return TestClient.text(((RespValue.Array) entry).elements().get(0));
  }

  /** Streams, groups, pending entries and consumers, without clock-dependent fields. */
  private static String dump(int port) {
    StringBuilder sb = new StringBuilder();
    try (TestClient c = new TestClient(port)) {
      for (String k : new String[] {"s", "e"}) {
        sb.append(show(c.call("XRANGE", k, "-", "+"))).append('\n');
        sb.append(show(c.call("XINFO", "STREAM", k))).append('\n');
        sb.append(show(c.call("XINFO", "GROUPS", k))).append('\n');
        for (String g : new String[] {"g", "late", "eg"}) {
          sb.append(show(c.call("XPENDING", k, g))).append('\n');
          RespValue ext = c.call("XPENDING", k, g, "-", "+", "1000");
          if (ext instanceof RespValue.Array a) {
            for (RespValue e : a.elements()) {
              var f = ((RespValue.Array) e).elements();
              sb.append(show(f.get(0))).append(show(f.get(1))).append(show(f.get(3)));
            }
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String show(RespValue v) {
    if (v instanceof RespValue.Array a) {
      StringBuilder sb = new StringBuilder("[");
      for (RespValue e : a.elements()) {
        sb.append(show(e)).append(' ');
      }
      return sb.append(']').toString();
    }
    return TestClient.text(v);
  }

  private static void rewrite(TestClient c) throws InterruptedException {
    c.call("BGREWRITEAOF");
    while (TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrite_in_progress:1")) {
      Thread.sleep(10);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no"})
  void limeWrittenAof_loadsInRedis_asInLime(String rdbPreamble) throws Exception {
    Path limeDir = Files.createDirectories(dir.resolve("lime"));
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes", "--dir",
        limeDir.toString(), "--save", "", "--aof-use-rdb-preamble", rdbPreamble).start();
        TestClient c = new TestClient(s.port())) {
      workload(c);
      rewrite(c);
      afterRewrite(c);
    }
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    copyDir(limeDir.resolve("appendonlydir"), redisDir.resolve("appendonlydir"));
    String expected;
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes", "--dir",
        limeDir.toString(), "--save", "", "--stream-node-max-entries", "5").start()) {
      expected = dump(s.port());
    }
    assertTrue(expected.contains("alice"), expected);
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString(),
        "--stream-node-max-entries", "5")) {
      awaitLoaded(r.port());
      assertEquals(expected, dump(r.port()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no"})
  void redisWrittenAof_loadsInLime_asInRedis(String rdbPreamble) throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString(),
        "--aof-use-rdb-preamble", rdbPreamble, "--appendfsync", "always");
        TestClient c = new TestClient(r.port())) {
      workload(c);
      rewrite(c);
      afterRewrite(c);
    }
    Path limeDir = Files.createDirectories(dir.resolve("lime"));
    copyDir(redisDir.resolve("appendonlydir"), limeDir.resolve("appendonlydir"));
    String expected;
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString(),
        "--stream-node-max-entries", "5")) {
      awaitLoaded(r.port());
      expected = dump(r.port());
    }
    assertTrue(expected.contains("alice"), expected);
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes", "--dir",
        limeDir.toString(), "--save", "", "--stream-node-max-entries", "5").start()) {
      assertEquals(expected, dump(s.port()));
    }
  }

  private static void awaitLoaded(int port) throws InterruptedException {
    AofRedisCompatIT.awaitLoaded(port);
  }

  private static void copyDir(Path from, Path to) throws IOException {
    AofRedisCompatIT.copyDir(from, to);
  }
}
