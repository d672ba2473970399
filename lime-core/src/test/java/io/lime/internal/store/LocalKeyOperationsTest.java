package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.ExpireCondition;
import io.lime.KeyType;
import io.lime.LimeException;
import io.lime.ScanResult;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalKeyOperationsTest {
  private static final long T0 = 1_700_000_000_000L;
  private final AtomicLong clock = new AtomicLong(T0);
  private final Engine engine = new Engine(4, 8, clock::get, 0);
  private final LocalKeyOperations keys = new LocalKeyOperations(engine, 0);

  private void put(int db, String key, String value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    Database d = engine.db(db);
    int h = Hashing.hash(k);
    Shard s = d.shard(h);
    s.lock();
    try {
      s.insert(k, h, StringType.encode(v, 0, v.length));
    } finally {
      s.unlock();
    }
  }

  @Test
  void constructor_badDatabase_throws() {
    assertThrows(IllegalArgumentException.class, () -> new LocalKeyOperations(engine, 4));
  }

  @Test
  void deleteExistsType_basics() {
    put(0, "a", "1");
    put(0, "b", "x");
    assertTrue(keys.exists("a"));
    assertEquals(3, keys.countExisting("a", "a", "b", "c"));
    assertEquals(KeyType.STRING, keys.type("a"));
    assertEquals(KeyType.NONE, keys.type("zz"));
    assertEquals(2, keys.delete("a", "b", "c"));
    assertFalse(keys.exists("a"));
    assertEquals(0, keys.unlink("a"));
  }

  @Test
  void rename_missing_throwsRedisError() {
    LimeException e = assertThrows(LimeException.class, () -> keys.rename("a", "b"));
    assertEquals("ERR no such key", e.getMessage());
    assertThrows(LimeException.class, () -> keys.renameNx("a", "b"));
  }

  @Test
  void rename_keepsExpiry() {
    put(0, "a", "1");
    keys.expire("a", Duration.ofSeconds(10));
    keys.rename("a", "b");
    assertEquals(10_000, keys.pttl("b"));
    put(0, "c", "1");
    assertFalse(keys.renameNx("b", "c"));
    assertTrue(keys.renameNx("b", "d"));
  }

  @Test
  void copyAndMove_acrossDatabases() {
    put(0, "a", "1");
    assertTrue(keys.copy("a", "a", 1, false));
    assertFalse(keys.copy("a", "a", 1, false));
    assertTrue(keys.copy("a", "a", 1, true));
    assertThrows(IllegalArgumentException.class, () -> keys.copy("a", "a", false));
    assertThrows(IllegalArgumentException.class, () -> keys.move("a", 0));
    assertThrows(IllegalArgumentException.class, () -> keys.move("a", 9));
    assertFalse(keys.move("a", 1));
    assertTrue(keys.move("a", 2));
    LocalKeyOperations db2 = new LocalKeyOperations(engine, 2);
    assertTrue(db2.exists("a"));
    assertEquals(2, db2.database());
  }

  @Test
  void expire_conditionsAndTtlContract() {
    put(0, "a", "1");
    assertEquals(-1, keys.ttl("a"));
    assertEquals(-2, keys.ttl("nokey"));
    assertEquals(Optional.empty(), keys.expireTime("a"));
    assertFalse(keys.expire("a", Duration.ofSeconds(5), ExpireCondition.GT));
    assertTrue(keys.expire("a", Duration.ofSeconds(5), ExpireCondition.NX));
    assertFalse(keys.expire("a", Duration.ofSeconds(4), ExpireCondition.GT));
    assertTrue(keys.expire("a", Duration.ofSeconds(4), ExpireCondition.XX, ExpireCondition.LT));
    assertEquals(4, keys.ttl("a"));
    assertEquals(Optional.of(Instant.ofEpochMilli(T0 + 4000)), keys.expireTime("a"));
    assertThrows(IllegalArgumentException.class,
        () -> keys.expire("a", Duration.ofSeconds(1), ExpireCondition.NX, ExpireCondition.XX));
    assertThrows(IllegalArgumentException.class,
        () -> keys.expire("a", Duration.ofSeconds(1), ExpireCondition.GT, ExpireCondition.LT));
    assertThrows(IllegalArgumentException.class,
        () -> keys.expire("a", Duration.ofSeconds(Long.MAX_VALUE)));
    clock.addAndGet(4001);
    assertFalse(keys.exists("a"));
    assertEquals(-2, keys.pttl("a"));
  }

  @Test
  void expireAt_past_deletes() {
    put(0, "a", "1");
    assertTrue(keys.expireAt("a", Instant.ofEpochMilli(T0)));
    assertFalse(keys.exists("a"));
  }

  @Test
  void persist_andTouch() {
    put(0, "a", "1");
    assertFalse(keys.persist("a"));
    keys.expire("a", Duration.ofMillis(100));
    assertTrue(keys.persist("a"));
    assertEquals(-1, keys.pttl("a"));
    assertEquals(2, keys.touch("a", "a", "b"));
  }

  @Test
  void keysScanRandomDbSizeFlush() {
    for (int i = 0; i < 100; i++) {
      put(0, "k" + i, "v");
    }
    put(0, "other", "v");
    assertEquals(100, keys.keys("k*").size());
    assertEquals(List.of("other"), keys.keys("o?her"));
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      ScanResult r = keys.scan(cursor, "k*", 7, KeyType.STRING);
      seen.addAll(r.keysAsStrings());
      cursor = r.cursor();
    } while (cursor != 0);
    assertEquals(100, seen.size());
    assertEquals(0, keys.scan(0, null, 1000, KeyType.HASH).keys().size());
    assertThrows(IllegalArgumentException.class, () -> keys.scan(0, null, 0, null));
    assertTrue(keys.randomKey() != null);
    assertEquals(101, keys.dbSize());
    keys.flushDb();
    assertEquals(0, keys.dbSize());
    assertNull(keys.randomKey());
  }

  @Test
  void binaryKeys_roundTrip() {
    byte[] k = {0, (byte) 0xff, 10};
    put(0, "x", "1");
    keys.rename("x".getBytes(StandardCharsets.UTF_8), k);
    assertArrayEquals(k, keys.keys(new byte[] {'*'}).get(0));
  }
}
