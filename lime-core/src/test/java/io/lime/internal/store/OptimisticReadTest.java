package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.SetOptions;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The lock-free GET ({@code OptimisticRead}) racing with writers: every value a reader gets
 * must be one a writer stored whole. The writers store values that check themselves (one
 * character repeated, so a read mixing two writes is caught), overwrite them in place (same
 * length, embedded after the key), change their length and encoding, delete, rename and
 * expire keys, and grow and shrink the shard's table under the readers. One shard, so every
 * write moves the stamp the readers validate. Bounded by the writers' operation counts (no
 * timing, no sleeps).
 */
class OptimisticReadTest {
  static final long START = 1_700_000_000_000L;

  private final AtomicLong clock = new AtomicLong(START);
  private final Engine engine = new Engine(1, 1, clock::get, 0);
  private final LocalStringOperations store = new LocalStringOperations(engine, 0);

  /** {@code len} copies of {@code c}: a value whose torn reads are visible. */
  static String fill(char c, int len) {
    return String.valueOf(c).repeat(len);
  }

  /**
   * A value written whole: one character repeated (or a decimal made of one digit), never
   * empty (a torn read of a value moving into or out of the key's array reads as empty).
   */
  static boolean whole(String v) {
    return !v.isEmpty() && v.chars().allMatch(ch -> ch == v.charAt(0));
  }

  /**
   * Runs {@code writer} on one thread and two readers calling {@code read} until it is done;
   * fails with the first value {@code ok} rejects.
   */
  private void race(Runnable writer, java.util.function.Supplier<String> read,
      Predicate<String> ok) throws InterruptedException {
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
    AtomicLong reads = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread r = new Thread(() -> {
        while (!done.get()) {
          String v = read.get();
          reads.incrementAndGet();
          if (!ok.test(v)) {
            bad.add(String.valueOf(v));
          }
        }
      });
      readers.add(r);
      r.start();
    }
    try {
      writer.run();
    } finally {
      done.set(true);
      for (Thread r : readers) {
        r.join();
      }
    }
    assertTrue(bad.isEmpty(), () -> "torn or stale reads: " + bad.stream().limit(5).toList());
    assertTrue(reads.get() > 0);
  }

  @Test
  void inPlaceOverwritesAndEncodingChangesAreNeverSeenTorn() throws InterruptedException {
    store.set("k", fill('a', 20));
    race(() -> {
      for (int i = 0; i < 100_000; i++) {
        char c = (char) ('a' + i % 26);
        switch (i % 5) {
          case 0, 1 -> store.set("k", fill(c, 20)); // embedded, same length: in place
          case 2 -> store.set("k", fill(c, 1 + i % 40)); // embedded, another length
          case 3 -> store.set("k", fill(c, 100)); // not embedded (a byte[] of its own)
          default -> store.set("k", fill((char) ('1' + i % 9), 1 + i % 18)); // an integer
        }
      }
    }, () -> store.get("k"), v -> v != null && whole(v));
    byte[] k = "k".getBytes(StandardCharsets.UTF_8);
    race(() -> {
      for (int i = 0; i < 20_000; i++) {
        store.set(k, fill((char) ('a' + i % 26), 30).getBytes(StandardCharsets.UTF_8));
      }
    }, () -> new String(store.get(k), StandardCharsets.UTF_8), OptimisticReadTest::whole);
  }

  @Test
  void deleteRenameAndAppendAnswerWholeValuesOrAbsent() throws InterruptedException {
    race(() -> {
      for (int i = 0; i < 20_000; i++) {
        String v = fill((char) ('a' + i % 26), 10);
        switch (i % 4) {
          case 0 -> store.set("k", v);
          case 1 -> store.rename("k", "k2"); // k absent, k2 present
          case 2 -> store.rename("k2", "k");
          default -> {
            // a mutable string value (read under the lock), still one character repeated
            store.append("k", fill((char) ('a' + (i - 3) % 26), 10));
            store.delete("k");
          }
        }
      }
    }, () -> store.get("k"), v -> v == null || whole(v));
  }

  @Test
  void stableKeysAreFoundWhileTheTableGrowsAndShrinks() throws InterruptedException {
    for (int i = 0; i < 64; i++) {
      store.set("stable:" + i, fill((char) ('a' + i % 26), 12));
    }
    AtomicLong next = new AtomicLong();
    race(() -> {
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < 4000; i++) {
          store.set("churn:" + i, "v" + i); // the table doubles several times
        }
        for (int i = 0; i < 4000; i++) {
          store.delete("churn:" + i); // and halves again
        }
      }
    }, () -> {
      int i = (int) (next.getAndIncrement() & 63);
      String v = store.get("stable:" + i);
      return v != null && v.equals(fill((char) ('a' + i % 26), 12)) ? "ok" : "bad " + i + " " + v;
    }, "ok"::equals);
  }

  @Test
  void anExpiredKeyIsDeletedByTheReadAndNeverReturned() throws InterruptedException {
    race(() -> {
      for (int i = 0; i < 5_000; i++) {
        store.set("k", fill('x', 8), SetOptions.defaults().expireIn(Duration.ofMillis(5)));
        store.set("live", fill('y', 8));
        clock.addAndGet(10); // "k" is past its deadline from here on
        if (store.get("k") != null) {
          throw new AssertionError("expired key returned");
        }
      }
    }, () -> store.get("live"), v -> v == null || v.equals(fill('y', 8)));
    long expired = engine.expiredKeys();
    store.set("e", "v", SetOptions.defaults().expireIn(Duration.ofMillis(5)));
    clock.addAndGet(10);
    assertNull(store.get("e"));
    assertEquals(expired + 1, engine.expiredKeys(), "the read deleted the key (lazy expiry)");
    assertTrue(!store.exists("e"));
    assertNull(store.get("e".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTouchTheAccessClockAndKeepTheTypeCheck() {
    engine.eviction().lruResolutionMillis(1);
    store.set("k", "v");
    assertEquals((int) (START & 0xFFFFFF), lru("k"));
    clock.addAndGet(5_000);
    assertEquals("v", store.get("k"));
    assertEquals((int) ((START + 5_000) & 0xFFFFFF), lru("k"),
        "the lock-free read touched the LRU clock");
    store.set("é", "ü"); // not ASCII: encoded the ordinary way
    assertEquals("ü", store.get("é"));
    assertNull(store.get("absent"));
    store.set("big", "9".repeat(18));
    assertEquals("9".repeat(18), store.get("big"));
    putOther("other");
    assertThrows(WrongTypeException.class, () -> store.get("other"));
  }

  private int lru(String key) {
    return underLock(key, (s, k, h) -> s.find(k, h, engine.now()).lru());
  }

  private void putOther(String key) {
    underLock(key, (s, k, h) -> s.insert(k, h, new Object()));
  }

  /** What {@code f} returns for the key's shard (locked), the key's bytes and hash. */
  private <T> T underLock(String key, ShardOp<T> f) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      return f.apply(s, k, h);
    } finally {
      s.unlock();
    }
  }

  @FunctionalInterface
  interface ShardOp<T> {
    T apply(Shard s, byte[] key, int hash);
  }
}
