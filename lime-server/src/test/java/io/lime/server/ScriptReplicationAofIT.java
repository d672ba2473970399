package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis.set_repl} decides what of a script reaches the AOF as in redis-server 7.0: the
 * incr file written by LIME for the same scripts is byte-identical to Redis's ({@code
 * REPL_NONE} and {@code REPL_REPLICA}/{@code REPL_SLAVE} keep a command out, {@code REPL_AOF}
 * and {@code REPL_ALL} let it in, wrapped in MULTI/EXEC when more than one goes).
 */
class ScriptReplicationAofIT {
  @TempDir Path dir;

  private static final String[] SCRIPTS = {
      "redis.set_repl(redis.REPL_NONE) redis.call('set','a','1') "
          + "redis.set_repl(redis.REPL_AOF) redis.call('set','b','2') "
          + "redis.set_repl(redis.REPL_REPLICA) redis.call('set','c','3') "
          + "redis.set_repl(redis.REPL_ALL) redis.call('set','d','4') return 1",
      "redis.set_repl(redis.REPL_SLAVE) redis.call('set','e','5') return 1",
      "redis.set_repl(redis.REPL_NONE) redis.call('set','f','5') "
          + "redis.set_repl(redis.REPL_ALL) redis.call('incr','g') return 1",
      "redis.call('set','h','1') return 1"};

  private static void run(TestClient c) {
    for (String s : SCRIPTS) {
      c.call("EVAL", s, "0");
    }
  }

  private static String incr(Path d) throws Exception {
    try (var files = Files.list(d.resolve("appendonlydir"))) {
      Path p = files.filter(f -> f.toString().endsWith(".incr.aof")).findFirst().orElseThrow();
      return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void setRepl_decidesWhatReachesTheAof_asRedis() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    try (RealRedis r = RealRedis.start("--appendonly", "yes", "--dir", redisDir.toString(),
        "--appendfsync", "always");
        TestClient c = new TestClient(r.port())) {
      run(c);
    }
    Path limeDir = Files.createDirectories(dir.resolve("lime"));
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--appendonly", "yes",
        "--dir", limeDir.toString(), "--save", "", "--appendfsync", "always").start();
        TestClient c = new TestClient(s.port())) {
      run(c);
    }
    String expected = incr(redisDir);
    assertTrue(expected.contains("MULTI"), expected);
    assertEquals(expected, incr(limeDir));
  }
}
