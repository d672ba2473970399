package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Deterministic: a write made by another thread between the lock-free read and its
 * validation (through {@link OptimisticRead#beforeValidate}) makes the read answer
 * {@link OptimisticRead#LOCKED}, whatever the write did to the key, its entry or its table;
 * with no write in between, the read answers the value. The methods run one at a time (the
 * hook is global).
 */
@ResourceLock("io.lime.internal.engine.OptimisticRead.beforeValidate")
@Execution(ExecutionMode.SAME_THREAD)
class OptimisticReadValidationTest {
  private final ManualTicker ticker = new ManualTicker();
  private final Engine engine = new Engine(1, 1, ticker, 0);
  private final Database db = engine.db(0);
  private final byte[] key = bytes("key");
  /** Whether {@link #readRacingWith} reads by the {@code String} key (else by its bytes). */
  private boolean byString;

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
    Thread reader = Thread.currentThread();
    OptimisticRead.beforeValidate = () -> {
      if (Thread.currentThread() != reader) {
        return; // another test's read (the hook is global)
      }
      OptimisticRead.beforeValidate = null;
      Thread t = new Thread(() -> locked(write));
      t.start();
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    };
    return byString ? OptimisticRead.getString(db, "key")
        : OptimisticRead.getString(db, key, key.length, true);
  }

  @Test
  void aReadByStringKeyIsInvalidatedAlike() {
    byString = true;
    everyKindOfWriteInTheWindowInvalidatesTheRead();
  }

  @Test
  void aStringKeyFindsTheEntryOfItsBytes() {
    StringBuilder k = new StringBuilder();
    for (int len = 0; len <= 80; len++) {
      String name = k.toString();
      byte[] b = bytes(name);
      Shard shard = db.shard(Hashing.hash(b));
      shard.lock();
      try {
        shard.insert(b, Hashing.hash(b), bytes("v" + len));
      } finally {
        shard.unlock();
      }
      assertEquals("v" + len, OptimisticRead.getString(db, name), "length " + len);
      if (len > 0) { // same length, last char differs: absent
        String other = name.substring(0, len - 1) + (char) (name.charAt(len - 1) + 1);
        assertEquals(null, OptimisticRead.getString(db, other), "length " + len);
      }
      k.append((char) ('!' + (len * 7) % 90));
    }
  }

  @Test
  void aStringKeyOutsideAsciiIsLeftToTheBytes() {
    byte[] cafe = bytes("caf\u00e9");
    Shard shard = db.shard(Hashing.hash(cafe));
    shard.lock();
    try {
      shard.insert(cafe, Hashing.hash(cafe), bytes("v"));
    } finally {
      shard.unlock();
    }
    assertEquals("v", OptimisticRead.getString(db, cafe, cafe.length, true));
    assertSame(OptimisticRead.LOCKED, OptimisticRead.getString(db, "caf\u00e9"));
    assertSame(OptimisticRead.LOCKED, OptimisticRead.getString(db, "th\u00e9"));
    // the chars of the UTF-8 bytes of "caf\u00e9" read as Latin-1: not that key
    String lookalike = new String(cafe, StandardCharsets.ISO_8859_1);
    assertSame(OptimisticRead.LOCKED, OptimisticRead.getString(db, lookalike));
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

  /**
   * Runs {@code change} on the key's entry under the lock, then checks the entry's key, value
   * and accounting, and the lock-free read.
   */
  private void step(java.util.function.BiConsumer<Shard, Entry> change, Object value,
      boolean embeddedInteger) {
    locked(s -> {
      Entry e = entry(s);
      change.accept(s, e);
      assertArrayEquals(key, e.key());
      assertEquals(key.length, e.keyLength());
      assertEquals(embeddedInteger, e.embeddedInteger());
      if (value instanceof byte[] b) {
        assertArrayEquals(b, (byte[]) e.value());
      } else {
        assertEquals(value, e.value());
        assertEquals(value, e.storedValue());
      }
      assertEquals(MemoryLayout.entryBytes(e), e.memoryBytes(), "accounted as measured");
    });
    assertEquals(value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
        : String.valueOf(value), OptimisticRead.getString(db, key, key.length, true));
  }

  @Test
  void integersOutsideTheSharedRangeLiveInTheKeysArray() {
    locked(s -> s.insert(key, Hashing.hash(key), 123_456_789L));
    step((s, e) -> { }, 123_456_789L, true);
    byte[][] array = new byte[1][];
    step((s, e) -> {
      array[0] = e.keyArray();
      s.replaceValue(e, -987_654_321_012L); // INCR: in place
      assertSame(array[0], e.keyArray());
    }, -987_654_321_012L, true);
    step((s, e) -> s.replaceValue(e, 5L), 5L, false); // shared: a reference, as before
    step((s, e) -> s.replaceValue(e, bytes("abc")), bytes("abc"), false);
    step((s, e) -> s.replaceValue(e, Long.MAX_VALUE), Long.MAX_VALUE, true);
    step((s, e) -> s.replaceValue(e, bytes("x".repeat(60))), bytes("x".repeat(60)), false);
    step((s, e) -> s.replaceValue(e, 10_000L), 10_000L, true);
    locked(s -> {
      Entry e = entry(s);
      e.value(bytes("plain")); // stored as given
      assertEquals(false, e.embeddedInteger());
      assertArrayEquals(key, e.key());
    });
  }
}
