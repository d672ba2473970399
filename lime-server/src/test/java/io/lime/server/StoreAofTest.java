package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.SetOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LimeServer#store()} writes on a server with {@code appendonly yes} are logged too. */
class StoreAofTest {
  @TempDir Path dir;

  private LimeServer start() {
    return LimeServer.builder().ephemeralPort().args(new String[] {"--appendonly", "yes", "--appendfsync",
        "always", "--dir", dir.toString(), "--save", ""}).start();
  }

  private static String text(TestClient c, String... cmd) {
    return TestClient.text(c.call(cmd));
  }

  @Test
  void mixedClientAndStoreWrites_loggedInOrder_restoredAfterRestart() throws Exception {
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      KeyValueStore store = s.store();
      text(c, "SET", "n", "1");
      store.incr("n");
      text(c, "INCR", "n");
      store.set("ttl", "v", SetOptions.defaults().expireIn(Duration.ofHours(1)));
      store.database(4).hash("h").put("f", "v");
      text(c, "SELECT", "4");
      text(c, "HSET", "h", "g", "w");
      store.set("s").add("a", "b", "c");
      store.set("s").pop();
      store.transaction(tx -> {
        tx.list("l").rightPush("x", "y");
        tx.incrByFloat("f", 2.5);
        return null;
      });
      // fsync always: the store's writes are in the file as soon as they return
      String incr = Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"),
          StandardCharsets.ISO_8859_1);
      assertTrue(incr.contains("$4\r\nINCR\r\n$1\r\nn\r\n"), incr);
      assertTrue(incr.contains("$4\r\nSREM\r\n"), incr);
      assertTrue(incr.contains("$5\r\nMULTI\r\n"), incr);
      assertTrue(incr.contains("$7\r\nKEEPTTL\r\n"), incr);
    }
    try (LimeServer s = start(); TestClient c = new TestClient(s.port())) {
      assertEquals("3", text(c, "GET", "n"));
      long ttl = Long.parseLong(text(c, "TTL", "ttl"));
      assertTrue(ttl > 3500 && ttl <= 3600, "ttl " + ttl);
      assertEquals("2", text(c, "SCARD", "s"));
      assertEquals(List.of("x", "y"), s.store().list("l").rangeStrings(0, -1));
      assertEquals("2.5", s.store().get("f"));
      text(c, "SELECT", "4");
      assertEquals("v", text(c, "HGET", "h", "f"));
      assertEquals("w", text(c, "HGET", "h", "g"));
    }
  }

  @Test
  void concurrentStoreAndClientWrites_counterReplaysToSameValue() throws Exception {
    int perThread = 300;
    long listSize;
    try (LimeServer s = start()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        threads.add(new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            s.store().incr("n");
            s.store().list("l").rightPush("e");
          }
        }));
      }
      threads.add(new Thread(() -> {
        try (TestClient c = new TestClient(s.port())) {
          for (int i = 0; i < perThread; i++) {
            text(c, "INCR", "n");
            text(c, "LPOP", "l");
          }
        }
      }));
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(String.valueOf(3 * perThread), s.store().get("n"));
      listSize = s.store().list("l").size();
    }
    try (LimeServer s = start()) {
      assertEquals(String.valueOf(3 * perThread), s.store().get("n"));
      assertEquals(listSize, s.store().list("l").size());
    }
  }
}
