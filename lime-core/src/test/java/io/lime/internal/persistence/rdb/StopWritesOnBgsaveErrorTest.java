package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Engine;
import io.lime.internal.engine.RareChecks;
import io.lime.internal.persistence.EngineContext;
import io.lime.persistence.SaveRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stop-writes-on-bgsave-error: after a failed BGSAVE, with save rules, write commands (and
 * PING, EXEC of writes, scripts that write) get MISCONF until a save succeeds, as Redis 7.0.
 * The save fails because the snapshot file's name is taken by a directory.
 */
class StopWritesOnBgsaveErrorTest {
  private static final String MISCONF = "-MISCONF Redis is configured to save RDB snapshots, "
      + "but it's currently unable to persist to disk. Commands that may modify the data set "
      + "are disabled, because this instance is configured to report errors during writes if "
      + "RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis "
      + "logs for details about the RDB error.\r\n";

  @TempDir Path dir;
  private Engine engine;
  private RdbPersistence rdb;
  private LimeExec lime;

  private void start(List<SaveRule> rules) throws Exception {
    Path file = dir.resolve("dump.rdb");
    engine = new Engine(16, 4, () -> 1_700_000_000_000L, 0);
    rdb = new RdbPersistence(new RdbPersistence.Settings() {
      @Override
      public Path file() {
        return file;
      }

      @Override
      public boolean compression() {
        return true;
      }

      @Override
      public boolean checksum() {
        return true;
      }

      @Override
      public List<SaveRule> rules() {
        return rules;
      }
    }, false);
    engine.persistence(rdb);
    rdb.open(new EngineContext(engine));
    lime = new LimeExec(engine);
  }

  @AfterEach
  void stop() {
    if (rdb != null) {
      rdb.close();
    }
  }

  private String run(String... cmd) {
    return new String(lime.run(cmd), StandardCharsets.ISO_8859_1);
  }

  private void failBgsave() throws Exception {
    Files.createDirectories(dir.resolve("dump.rdb").resolve("taken"));
    assertEquals("+Background saving started\r\n", run("BGSAVE"));
    rdb.awaitBackgroundSave();
  }

  @Test
  void failedBgsave_refusesWritesUntilASaveSucceeds() throws Exception {
    start(List.of(new SaveRule(3600, 1)));
    run("SET", "k", "v");
    assertEquals(0, engine.rareChecks().get() & RareChecks.DISK_ERROR);
    failBgsave();
    assertTrue(run("INFO", "persistence").contains("rdb_last_bgsave_status:err\r\n"));
    assertEquals(MISCONF, run("SET", "k", "w"));
    assertEquals(MISCONF, run("DEL", "k"));
    assertEquals(MISCONF, run("PING"));
    assertEquals("$1\r\nv\r\n", run("GET", "k"));
    assertEquals(":0\r\n", run("PUBLISH", "c", "m"));
    assertEquals(":1\r\n", run("EVAL", "return 1", "0"));
    assertEquals(MISCONF, run("EVAL", "#!lua\nreturn 1", "0"));
    assertEquals(":1\r\n", run("EVAL", "#!lua flags=no-writes\nreturn 1", "0"));
    String inScript = run("EVAL", "return redis.call('set','k','x')", "0");
    assertTrue(inScript.startsWith(MISCONF.substring(0, MISCONF.length() - 2) + " script: "),
        inScript);
    assertEquals("+OK\r\n", run("MULTI"));
    assertEquals(MISCONF, run("SET", "k", "x"));
    assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n",
        run("EXEC"));
    assertEquals("$1\r\nv\r\n", run("GET", "k"));
    // A failed SAVE does not clear it (nor set it: Redis's rdbSave leaves the status).
    assertEquals("-ERR\r\n", run("SAVE"));
    assertEquals(MISCONF, run("SET", "k", "w"));
    Files.delete(dir.resolve("dump.rdb").resolve("taken"));
    Files.delete(dir.resolve("dump.rdb"));
    assertEquals("+OK\r\n", run("SAVE"));
    assertTrue(run("INFO", "persistence").contains("rdb_last_bgsave_status:ok\r\n"));
    assertEquals(0, engine.rareChecks().get() & RareChecks.DISK_ERROR);
    assertEquals("+OK\r\n", run("SET", "k", "w"));
    assertEquals("+PONG\r\n", run("PING"));
  }

  @Test
  void configNo_writesContinue() throws Exception {
    start(List.of(new SaveRule(3600, 1)));
    failBgsave();
    assertEquals(MISCONF, run("SET", "k", "w"));
    assertEquals("+OK\r\n", run("CONFIG", "SET", "stop-writes-on-bgsave-error", "no"));
    assertEquals("+OK\r\n", run("SET", "k", "w"));
    assertEquals("+OK\r\n", run("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes"));
    assertEquals(MISCONF, run("SET", "k", "w"));
    assertTrue(run("INFO", "persistence").contains("rdb_last_bgsave_status:err\r\n"));
  }

  @Test
  void noSaveRules_writesContinue() throws Exception {
    start(List.of());
    failBgsave();
    assertTrue(run("INFO", "persistence").contains("rdb_last_bgsave_status:err\r\n"));
    assertEquals("+OK\r\n", run("SET", "k", "w"));
  }

  @Test
  void execOfQueuedWrite_refusedWhenTheErrorCameAfterQueueing() throws Exception {
    start(List.of(new SaveRule(3600, 1)));
    assertEquals("+OK\r\n", run("MULTI"));
    assertEquals("+QUEUED\r\n", run("SET", "k", "x"));
    // BGSAVE from this client would be queued: started directly, as by another client
    Files.createDirectories(dir.resolve("dump.rdb").resolve("taken"));
    assertEquals(RdbPersistence.Outcome.STARTED, rdb.bgsave(false));
    rdb.awaitBackgroundSave();
    assertEquals("-EXECABORT Transaction discarded because of: " + MISCONF.substring(1),
        run("EXEC"));
  }
}
