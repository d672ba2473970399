package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC and the embedded {@link KeyValueStore#transaction} racing on the same keys from
 * many connections and threads: every increment lands exactly once, a transaction's writes
 * are never seen half-done (x and y always equal, from EXEC and from Java), and optimistic
 * WATCH loops lose no update. Bounded iteration counts, no sleeps, no timing assertions.
 */
class TransactionConcurrencyTest {
  static final int CONNECTIONS = 4;
  static final int JAVA_THREADS = 3;
  static final int WATCHERS = 3;
  static final int ROUNDS = 300;
  static final int WATCH_ROUNDS = 60;

  @Test
  void concurrentTransactions_countsExactAndNeverTorn() throws Exception {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start()) {
      KeyValueStore store = server.store();
      ExecutorService pool = Executors.newFixedThreadPool(
          CONNECTIONS + JAVA_THREADS + WATCHERS + 2);
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean torn = new AtomicBoolean();
      AtomicLong watchRetries = new AtomicLong();
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        work.add(pool.submit(() -> {
          try (WireDifferential.Conn c = new WireDifferential.Conn("LIME", server.port())) {
            start.await();
            for (int r = 0; r < ROUNDS; r++) {
              // pipelined: MULTI, 3 queued INCRs, EXEC in one write
              c.send(WireDifferential.concat(WireDifferential.encode("MULTI"),
                  WireDifferential.encode("INCR", "a"), WireDifferential.encode("INCR", "x"),
                  WireDifferential.encode("INCR", "y"), WireDifferential.encode("EXEC")));
              String replies = text(c.readReplies(5));
              assertTrue(replies.startsWith("+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*3\r\n"),
                  replies);
              c.send(WireDifferential.concat(WireDifferential.encode("MULTI"),
                  WireDifferential.encode("GET", "x"), WireDifferential.encode("GET", "y"),
                  WireDifferential.encode("EXEC")));
              String[] lines = text(c.readReplies(4)).split("\r\n");
              // +OK +QUEUED +QUEUED *2 $n x $n y
              if (!lines[5].equals(lines[7])) {
                torn.set(true);
              }
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < JAVA_THREADS; i++) {
        work.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < ROUNDS; r++) {
            store.incr("a");
            store.transaction(tx -> {
              tx.incr("x");
              tx.incr("y");
              return null;
            });
            boolean equal = store.transaction(tx -> java.util.Objects.equals(tx.get("x"),
                tx.get("y")));
            if (!equal) {
              torn.set(true);
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < WATCHERS; i++) {
        boolean javaSide = i == 0;
        work.add(pool.submit(() -> {
          start.await();
          if (javaSide) { // the optimistic typed API: read outside locks, commit if unchanged
            for (int r = 0; r < WATCH_ROUNDS; r++) {
              while (!store.watch(List.of("c"), tx -> tx.get("c"), (tx, v) ->
                  tx.set("c", String.valueOf(v == null ? 1 : Long.parseLong(v) + 1)))) {
                watchRetries.incrementAndGet();
              }
            }
            return null;
          }
          try (WireDifferential.Conn c = new WireDifferential.Conn("LIME", server.port())) {
            for (int r = 0; r < WATCH_ROUNDS; r++) {
              while (true) {
                c.call("WATCH", "c");
                String[] v = text(c.call("GET", "c")).split("\r\n");
                long next = v[0].equals("$-1") ? 1 : Long.parseLong(v[1]) + 1;
                c.send(WireDifferential.concat(WireDifferential.encode("MULTI"),
                    WireDifferential.encode("SET", "c", String.valueOf(next)),
                    WireDifferential.encode("EXEC")));
                String replies = text(c.readReplies(3));
                if (replies.endsWith("*1\r\n+OK\r\n")) {
                  break;
                }
                assertTrue(replies.endsWith("*-1\r\n"), replies);
                watchRetries.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long expected = (long) (CONNECTIONS + JAVA_THREADS) * ROUNDS;
      assertEquals(String.valueOf(expected), store.get("a"));
      assertEquals(String.valueOf(expected), store.get("x"));
      assertEquals(String.valueOf(expected), store.get("y"));
      assertEquals(String.valueOf((long) WATCHERS * WATCH_ROUNDS), store.get("c"),
          "optimistic increments (retries: " + watchRetries.get() + ")");
      assertTrue(!torn.get(), "a transaction was observed half-applied");
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
