package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Engine;
import io.lime.internal.persistence.EngineContext;
import io.lime.testing.Differential;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stop-writes-on-bgsave-error against redis-server 7.0, byte for byte under RESP2 and RESP3:
 * both save to a directory whose dump.rdb is a directory, so BGSAVE fails in both; then the
 * same commands (writes, reads, PING, scripts, MULTI, CONFIG SET, SAVE) get the same replies.
 */
class StopWritesOnBgsaveErrorDifferentialIT {
  @TempDir Path dir;
  private RealRedis redis;
  private RealRedis.RawConnection conn;
  private RdbPersistence rdb;
  private LimeExec lime;

  @AfterEach
  void stop() throws Exception {
    if (conn != null) {
      conn.close();
    }
    if (redis != null) {
      Path taken = redis.dir().resolve("dump.rdb");
      if (Files.isDirectory(taken)) { // a failed run: RealRedis.close removes plain files
        Files.deleteIfExists(taken.resolve("taken"));
        Files.delete(taken);
      }
      redis.close();
    }
    if (rdb != null) {
      rdb.close();
    }
  }

  private void check(String... cmd) {
    String expected = Differential.show(conn.call(cmd));
    String actual = Differential.show(lime.run(cmd));
    assertEquals(expected, actual, () -> "reply differs for " + String.join(" ", cmd));
  }

  private void bgsaveBoth() {
    check("BGSAVE");
    rdb.awaitBackgroundSave();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!new String(conn.call("INFO", "persistence"), StandardCharsets.ISO_8859_1)
        .contains("rdb_bgsave_in_progress:0\r\n")) {
      assertTrue(System.nanoTime() < deadline, "redis-server's BGSAVE did not end");
      Thread.onSpinWait();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void failedBgsave_sameRefusalsAsRedis(int resp) throws Exception {
    redis = RealRedis.start("--save", "3600 1");
    conn = redis.connect();
    Path file = dir.resolve("dump.rdb");
    Engine engine = new Engine(16, 4, io.lime.Ticker.system(), 0);
    lime = new LimeExec(engine);
    ConfigSettings config = new ConfigSettings(lime.state.config()); // save rules: CONFIG SET
    rdb = new RdbPersistence(new RdbPersistence.FixedSettings(file, true, config::rules), false);
    engine.persistence(rdb);
    rdb.open(new EngineContext(engine));
    conn.call("HELLO", String.valueOf(resp)); // HELLO itself differs (id, lime_version)
    lime.run("HELLO", String.valueOf(resp));
    check("CONFIG", "SET", "save", "3600 1");
    check("CONFIG", "GET", "save");
    check("SET", "k", "v");
    check("RPUSH", "l", "a");
    check("FUNCTION", "LOAD", "#!lua name=lib\n"
        + "redis.register_function('w', function(k) return redis.call('set', k[1], 'f') end)\n"
        + "redis.register_function{function_name='r', callback=function(k) "
        + "return redis.call('get', k[1]) end, flags={'no-writes'}}");
    Files.createDirectories(redis.dir().resolve("dump.rdb").resolve("taken"));
    Files.createDirectories(dir.resolve("dump.rdb").resolve("taken"));
    bgsaveBoth();
    check("SET", "k", "w");
    check("GET", "k");
    check("LPUSH", "l", "b");
    check("LRANGE", "l", "0", "-1");
    check("DEL", "k");
    check("INCR", "n");
    check("EXPIRE", "k", "10");
    check("PING");
    check("ECHO", "e");
    check("PUBLISH", "c", "m");
    check("EVAL", "return 1", "0");
    check("EVAL", "return redis.call('set','k','x')", "0");
    check("EVAL", "return redis.pcall('set','k','x')", "0");
    check("EVAL", "#!lua\nreturn 1", "0");
    check("EVAL", "#!lua flags=no-writes\nreturn redis.call('get','k')", "0");
    check("EVAL_RO", "return redis.call('get','k')", "0");
    check("FCALL", "w", "1", "k");
    check("FCALL", "r", "1", "k");
    check("FCALL_RO", "r", "1", "k");
    check("FUNCTION", "DELETE", "lib");
    check("SCRIPT", "FLUSH");
    check("MULTI");
    check("GET", "k");
    check("SET", "k", "x");
    check("EXEC");
    check("SAVE");
    check("SET", "k", "w");
    check("CONFIG", "SET", "stop-writes-on-bgsave-error", "no");
    check("SET", "k", "w2");
    check("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
    check("SET", "k", "w3");
    check("CONFIG", "SET", "save", "");
    check("SET", "k", "w4");
    check("CONFIG", "SET", "save", "3600 1");
    check("SET", "k", "w5");
    Files.delete(redis.dir().resolve("dump.rdb").resolve("taken"));
    Files.delete(redis.dir().resolve("dump.rdb"));
    Files.delete(dir.resolve("dump.rdb").resolve("taken"));
    Files.delete(dir.resolve("dump.rdb"));
    check("SAVE");
    check("SET", "k", "w6");
    check("PING");
    check("GET", "k");
  }
}
