package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deterministic: a write made by another thread between the lock-free read and its
 * validation (through {@link OptimisticRead#beforeValidate}) makes the read answer
 * {@link OptimisticRead#LOCKED}, whatever the write did to the key, its entry or its table;
 * with no write in between, the read answers the value.
 */
class OptimisticReadValidationTest {
  private final ManualTicker ticker = new ManualTicker();
  private final Engine engine = new Engine(1, 1, ticker, 0);
  private final Database db = engine.db(0);
  private final byte[] key = bytes("key");

  @AfterEach
  void noHook() {
    OptimisticRead.beforeValidate = null;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void locked(Consumer<Shard> write) {
    Shard s = db.shard(Hashing.hash(key));
    s.lock();
    try {
      write.accept(s);
    } finally {
      s.unlock();
    }
  }

  private Entry entry(Shard s) {
    return s.find(key, Hashing.hash(key), engine.now());
  }

  /** A read of "key" during which another thread runs {@code write} under the lock. */
  private Object readRacingWith(Consumer<Shard> write) {
    OptimisticRead.beforeValidate = () -> {
      OptimisticRead.beforeValidate = null;
      Thread t = new Thread(() -> locked(write));
      t.start();
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    };
    return OptimisticRead.getString(db, key, key.length, true);
  }

  @Test
  void everyKindOfWriteInTheWindowInvalidatesTheRead() {
    locked(s -> s.insert(key, Hashing.hash(key), bytes("aaaa")));
    assertEquals("aaaa", OptimisticRead.getString(db, key, key.length, true));
    assertArrayEquals(bytes("aaaa"), (byte[]) OptimisticRead.getString(db, key, key.length, false));
    // in place, same length
    assertSame(OptimisticRead.LOCKED, readRacingWith(s -> s.replaceValue(entry(s), bytes("bbbb"))));
    assertEquals("bbbb", OptimisticRead.getString(db, key, key.length, true));
    // out of the key's array and back
    assertSame(OptimisticRead.LOCKED, readRacingWith(s -> s.replaceValue(entry(s), 42L)));
    assertEquals("42", OptimisticRead.getString(db, key, key.length, true));
    assertSame(OptimisticRead.LOCKED,
        readRacingWith(s -> s.replaceValue(entry(s), bytes("c".repeat(60)))));
    // deleted, table resized
    assertSame(OptimisticRead.LOCKED, readRacingWith(s -> {
      s.delete(entry(s));
      for (int i = 0; i < 100; i++) {
        byte[] k = bytes("other" + i);
        s.insert(k, Hashing.hash(k), bytes("x"));
      }
    }));
    assertEquals(null, OptimisticRead.getString(db, key, key.length, true));
    // absent, then inserted
    assertSame(OptimisticRead.LOCKED,
        readRacingWith(s -> s.insert(key, Hashing.hash(key), bytes("dddd"))));
    assertEquals("dddd", OptimisticRead.getString(db, key, key.length, true));
    // only a lock taken and released (the stamp moved: the read cannot tell)
    assertSame(OptimisticRead.LOCKED, readRacingWith(s -> { }));
  }

  @Test
  void anExpiredKeyOrAHeldLockIsLeftToTheLock() {
    locked(s -> s.setExpireAt(s.insert(key, Hashing.hash(key), bytes("v")),
        ticker.currentTimeMillis() + 10));
    assertEquals("v", OptimisticRead.getString(db, key, key.length, true));
    ticker.advance(11);
    assertSame(OptimisticRead.LOCKED, OptimisticRead.getString(db, key, key.length, true));
    Shard s = db.shard(Hashing.hash(key));
    s.lock();
    try {
      Object[] seen = new Object[1];
      Thread t = new Thread(() -> seen[0] = OptimisticRead.getString(db, key, key.length, true));
      t.start();
      t.join();
      assertSame(OptimisticRead.LOCKED, seen[0], "a writer holds the lock");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      s.unlock();
    }
  }
}
