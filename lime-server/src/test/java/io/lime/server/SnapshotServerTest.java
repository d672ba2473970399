package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RDB snapshots of a running server: SAVE, load at start-up, SHUTDOWN, corrupt files. */
class SnapshotServerTest {
  @TempDir Path dir;

  private LimeServer start(String... extra) {
    List<String> args = new ArrayList<>(List.of("--dir", dir.toString(),
        "--dbfilename", "snap.rdb"));
    args.addAll(List.of(extra));
    return LimeServer.builder().ephemeralPort().args(args.toArray(new String[0])).start();
  }

  private static String text(TestClient c, String... cmd) {
    return TestClient.text(c.call(cmd));
  }

  @Test
  void save_thenRestart_dataLoaded() {
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      text(c, "SET", "k", "v");
      text(c, "ZADD", "z", "1", "a", "2", "b");
      text(c, "SELECT", "5");
      text(c, "SADD", "s", "1", "2", "3");
      assertEquals("OK", text(c, "SAVE"));
    }
    assertTrue(Files.exists(dir.resolve("snap.rdb")));
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("v", text(c, "GET", "k"));
      assertEquals("2", text(c, "ZCARD", "z"));
      text(c, "SELECT", "5");
      assertEquals("intset", text(c, "OBJECT", "ENCODING", "s"));
    }
  }

  @Test
  void embeddedServer_noSaveRulesByDefault() {
    try (LimeServer s = start()) {
      assertEquals("", s.config("save"));
    }
    assertFalse(Files.exists(dir.resolve("snap.rdb")));
  }

  @Test
  void configSetSave_atRunTime_ruleSavesInTheBackground() {
    // No rules at start (no snapshot cron runs then); a rule set by CONFIG SET must fire.
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("OK", text(c, "CONFIG", "SET", "save", "1 1"));
      text(c, "SET", "k", "v");
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!text(c, "INFO", "persistence").contains("rdb_changes_since_last_save:0\r\n")) {
        assertTrue(System.nanoTime() < deadline, "the save rule did not fire");
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polls INFO gently
      }
    }
    assertTrue(Files.exists(dir.resolve("snap.rdb")));
  }

  @Test
  void shutdownSave_writesSnapshot() {
    LimeServer s = start();
    try (TestClient c = new TestClient(s.port())) {
      text(c, "SET", "k", "v");
      c.send("SHUTDOWN", "SAVE");
      assertTrue(c.closedByServer());
    } catch (RuntimeException closedByShutdown) {
      // the connection closes without a reply
    } finally {
      s.close();
    }
    assertTrue(Files.exists(dir.resolve("snap.rdb")));
  }

  @Test
  void configSetDbfilename_nextSaveUsesIt() {
    try (LimeServer s = start("--enable-protected-configs", "yes");
        TestClient c = new TestClient(s.port())) {
      text(c, "SET", "k", "v");
      assertEquals("OK", text(c, "CONFIG", "SET", "dbfilename", "other.rdb"));
      assertEquals("OK", text(c, "SAVE"));
    }
    assertTrue(Files.exists(dir.resolve("other.rdb")));
  }

  @Test
  void corruptSnapshot_refusesToStartNamingFileAndOffset() throws IOException {
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      for (int i = 0; i < 100; i++) {
        text(c, "SET", "key" + i, "value" + i);
      }
      text(c, "SAVE");
    }
    Path f = dir.resolve("snap.rdb");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> start());
    String m = e.getMessage();
    assertTrue(m.startsWith("Short read or OOM loading DB. Unrecoverable error, aborting now."), m);
    assertTrue(m.contains("snap.rdb") && m.contains("offset "), m);
  }
}
