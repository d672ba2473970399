package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only file of an in-process server: files, reload, truncation, corruption, rewrite. */
class AofTest {
  @TempDir Path dir;

  private LimeServer start(String... extra) {
    List<String> args = new ArrayList<>(List.of("--appendonly", "yes",
        "--dir", dir.toString(), "--save", ""));
    args.addAll(List.of(extra));
    return LimeServer.builder().ephemeralPort().args(args.toArray(new String[0])).start();
  }

  private static String text(TestClient c, String... cmd) {
    return TestClient.text(c.call(cmd));
  }

  private Path aofDir() {
    return dir.resolve("appendonlydir");
  }

  @Test
  void start_noAof_createsBaseIncrAndManifestAsRedis() throws IOException {
    try (LimeServer s = start()) {
      assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\n"
          + "file appendonly.aof.1.incr.aof seq 1 type i\n",
          Files.readString(aofDir().resolve("appendonly.aof.manifest")));
      assertTrue(Files.exists(aofDir().resolve("appendonly.aof.1.base.rdb")));
      assertEquals(0, Files.size(aofDir().resolve("appendonly.aof.1.incr.aof")));
    }
  }

  @Test
  void restart_afterWrites_dataRestoredAndExpiryAbsolute() throws IOException {
    try (LimeServer s = start("--appendfsync", "always"); TestClient c = new TestClient(s.port())) {
      text(c, "SET", "a", "1", "EX", "1000");
      text(c, "RPUSH", "l", "x", "y");
      text(c, "SELECT", "3");
      text(c, "HSET", "h", "f", "v");
      text(c, "SADD", "s", "m1", "m2", "m3");
      text(c, "SPOP", "s");
      text(c, "INCRBYFLOAT", "f", "1.5");
    }
    String incr = Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"),
        StandardCharsets.ISO_8859_1);
    assertTrue(incr.contains("$4\r\nPXAT\r\n"), incr);
    assertTrue(incr.contains("$4\r\nSREM\r\n"), incr);
    assertTrue(incr.contains("$7\r\nKEEPTTL\r\n"), incr);
    assertFalse(incr.contains("SPOP"), incr);
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("1", text(c, "GET", "a"));
      long ttl = Long.parseLong(text(c, "TTL", "a"));
      assertTrue(ttl > 990 && ttl <= 1000, "ttl " + ttl);
      assertEquals("2", text(c, "LLEN", "l"));
      assertEquals("y", text(c, "LINDEX", "l", "1"));
      text(c, "SELECT", "3");
      assertEquals("v", text(c, "HGET", "h", "f"));
      assertEquals("2", text(c, "SCARD", "s"));
      assertEquals("1.5", text(c, "GET", "f"));
    }
  }

  @Test
  void load_truncatedTail_loadedWithTruncationByDefault() throws IOException {
    writeCounter(10);
    Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
    long size = Files.size(incr);
    try (var ch = java.nio.channels.FileChannel.open(incr, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // cut into the last INCR
    }
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("9", text(c, "GET", "n"));
    }
    assertTrue(Files.size(incr) < size - 3, "the file was cut at the last whole command");
  }

  @Test
  void load_truncatedTailWithLoadTruncatedNo_refusesToStart() throws IOException {
    writeCounter(5);
    Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
    long size = Files.size(incr);
    try (var ch = java.nio.channels.FileChannel.open(incr, StandardOpenOption.WRITE)) {
      ch.truncate(size - 1);
    }
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> start("--aof-load-truncated", "no"));
    assertTrue(e.getMessage().contains("Unexpected end of file reading the append only file "
        + "appendonly.aof.1.incr.aof"), e.getMessage());
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
  }

  @Test
  void load_openMultiAtEnd_reverted() throws IOException {
    writeCounter(3);
    Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
    Files.write(incr, "*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n".getBytes(
        StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("3", text(c, "GET", "n"));
    }
  }

  @Test
  void load_corruptedMiddle_refusesToStartNamingFileAndOffset() throws IOException {
    writeCounter(4);
    Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
    byte[] b = Files.readAllBytes(incr);
    int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("*2", 30);
    b[at] = '!';
    Files.write(incr, b);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, this::start);
    assertTrue(e.getMessage().startsWith("Bad file format reading the append only file "
        + "appendonly.aof.1.incr.aof at offset " + at), e.getMessage());
  }

  @Test
  void load_unknownCommand_refusesToStart() throws IOException {
    writeCounter(1);
    Files.write(aofDir().resolve("appendonly.aof.1.incr.aof"),
        "*1\r\n$5\r\nNOPE!\r\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, this::start);
    assertTrue(e.getMessage().contains("Unknown command 'NOPE!' reading the append only file"),
        e.getMessage());
  }

  @Test
  void bgrewriteaof_underConcurrentWriters_restartEqualsAcknowledged() throws Exception {
    int writers = 4;
    AtomicLongArray acked = new AtomicLongArray(writers);
    try (LimeServer s = start("--appendfsync", "everysec")) {
      List<Thread> threads = new ArrayList<>();
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      for (int t = 0; t < writers; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try (TestClient c = new TestClient(s.port())) {
            for (long i = 0; !stop.get(); i++) {
              c.call("RPUSH", "list" + id, Long.toString(i));
              c.call("INCR", "count" + id);
              c.call("HSET", "hash" + id, "f" + (i % 50), Long.toString(i));
              acked.set(id, i + 1);
            }
          }
        });
        th.start();
        threads.add(th);
      }
      try (TestClient c = new TestClient(s.port())) {
        for (int r = 0; r < 5; r++) {
          Thread.sleep(150);
          String reply = text(c, "BGREWRITEAOF");
          assertTrue(reply.startsWith("Background append only file rewriting")
              || reply.contains("already in progress"), reply);
        }
        while (TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrite_in_progress:1")) {
          Thread.sleep(20);
        }
        Thread.sleep(100);
      }
      stop.set(true);
      for (Thread th : threads) {
        th.join();
      }
    }
    String manifest = Files.readString(aofDir().resolve("appendonly.aof.manifest"));
    assertFalse(manifest.contains("seq 1 type b"), "rewritten: " + manifest);
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      for (int t = 0; t < writers; t++) {
        long n = acked.get(t);
        assertTrue(n > 0);
        assertEquals(Long.toString(n), text(c, "LLEN", "list" + t));
        assertEquals(Long.toString(n), text(c, "GET", "count" + t));
        assertEquals(Long.toString(n - 1), text(c, "LINDEX", "list" + t, "-1"));
      }
    }
  }

  @Test
  void configSetAppendonly_yesAtRunTime_rewritesAndLogs() throws Exception {
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--dir", dir.toString(), "--save", "").start();
        TestClient c = new TestClient(s.port())) {
      text(c, "SET", "before", "1");
      assertEquals("OK", text(c, "CONFIG", "SET", "appendonly", "yes"));
      text(c, "SET", "after", "2");
      while (!TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrites:1")) {
        Thread.sleep(20);
      }
      text(c, "SET", "later", "3");
    }
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("1", text(c, "GET", "before"));
      assertEquals("2", text(c, "GET", "after"));
      assertEquals("3", text(c, "GET", "later"));
    }
  }

  @Test
  void configSetAppendonly_yesAtRunTime_cronRewritesOnGrowth() throws Exception {
    // Off at start, the AOF has no cron thread; switched on, its cron must run (auto rewrite).
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--dir", dir.toString(), "--save", "").start();
        TestClient c = new TestClient(s.port())) {
      assertEquals("OK", text(c, "CONFIG", "SET", "auto-aof-rewrite-percentage", "1"));
      assertEquals("OK", text(c, "CONFIG", "SET", "auto-aof-rewrite-min-size", "1"));
      assertEquals("OK", text(c, "CONFIG", "SET", "appendonly", "yes"));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrites:1")) {
        assertTrue(System.nanoTime() < deadline, "no rewrite on CONFIG SET appendonly yes");
        Thread.sleep(20);
      }
      for (int i = 0; i < 20; i++) {
        text(c, "SET", "k" + i, "v".repeat(100));
      }
      while (!TestClient.text(c.call("INFO", "persistence")).contains("aof_rewrites:2")) {
        assertTrue(System.nanoTime() < deadline, "the cron started no rewrite on growth");
        Thread.sleep(20);
      }
    }
  }

  @Test
  void info_persistence_reportsAofFields() {
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      String info = TestClient.text(c.call("INFO", "persistence"));
      assertTrue(info.contains("aof_enabled:1\r\n"), info);
      assertTrue(info.contains("aof_current_size:"), info);
      assertTrue(info.contains("aof_base_size:"), info);
      assertTrue(info.contains("aof_last_write_status:ok\r\n"), info);
    }
  }

  @Test
  void servedBlockedPop_andTransaction_propagatedInOrder() throws Exception {
    try (LimeServer s = start("--appendfsync", "always");
        TestClient blocked = new TestClient(s.port()); TestClient c = new TestClient(s.port())) {
      blocked.send("BLPOP", "q", "0");
      while (!text(c, "INFO", "clients").contains("blocked_clients:1")) {
        Thread.sleep(5);
      }
      text(c, "RPUSH", "q", "a", "b");
      assertEquals("a", TestClient.text(((io.lime.resp.RespValue.Array) blocked.read())
          .elements().get(1)));
      text(c, "MULTI");
      text(c, "INCR", "t");
      text(c, "SET", "u", "1", "PX", "100000");
      text(c, "EXEC");
    }
    String incr = Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"),
        StandardCharsets.ISO_8859_1);
    assertTrue(incr.contains("RPUSH\r\n$1\r\nq\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$4\r\nLPOP\r\n$1\r\nq\r\n"),
        incr);
    int multi = incr.indexOf("MULTI");
    assertTrue(multi > 0 && incr.indexOf("INCR", multi) > multi
        && incr.indexOf("PXAT", multi) > multi && incr.indexOf("EXEC", multi) > multi, incr);
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("1", text(c, "LLEN", "q"));
      assertEquals("b", text(c, "LINDEX", "q", "0"));
      assertEquals("1", text(c, "GET", "t"));
      assertEquals("1", text(c, "GET", "u"));
    }
  }

  private void writeCounter(int n) {
    try (LimeServer s = start("--appendfsync", "always"); TestClient c = new TestClient(s.port())) {
      for (int i = 0; i < n; i++) {
        c.call("INCR", "n");
      }
    }
  }
}
