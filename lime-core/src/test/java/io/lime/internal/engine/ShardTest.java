package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {
  private final ManualTicker ticker = new ManualTicker();
  private final Engine engine = new Engine(2, 4, ticker, 0);

  private static byte[] k(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Entry put(Database db, String key, Object value) {
    byte[] kb = k(key);
    int h = Hashing.hash(kb);
    Shard s = db.shard(h);
    s.lock();
    try {
      assertNull(s.find(kb, h, engine.now()));
      return s.insert(kb, h, value);
    } finally {
      s.unlock();
    }
  }

  private Entry get(Database db, String key) {
    byte[] kb = k(key);
    int h = Hashing.hash(kb);
    Shard s = db.shard(h);
    s.lock();
    try {
      return s.find(kb, h, engine.now());
    } finally {
      s.unlock();
    }
  }

  @Test
  void find_bySliceOfLargerArray_findsKey() {
    Database db = engine.db(0);
    Entry e = put(db, "hello", "v");
    byte[] arena = k("xxhelloyy");
    int h = Hashing.hash(arena, 2, 5);
    assertEquals(Hashing.hash(k("hello")), h);
    Shard s = db.shard(h);
    s.lock();
    try {
      assertSame(e, s.find(arena, 2, 5, h, engine.now()));
    } finally {
      s.unlock();
    }
  }

  @Test
  void find_afterDeadline_deletesAndReportsExpired() {
    Database db = engine.db(0);
    List<String> expired = new ArrayList<>();
    engine.addObserver((d, key) -> expired.add(d.index() + ":" + new String(key, StandardCharsets.UTF_8)));
    Entry e = put(db, "k", "v");
    Shard s = db.shard(e.hash());
    s.lock();
    try {
      s.setExpireAt(e, engine.now() + 1000);
    } finally {
      s.unlock();
    }
    ticker.advance(999);
    assertNotNull(get(db, "k"));
    ticker.advance(1);
    assertNotNull(get(db, "k"), "Redis keeps a key at its exact deadline (keyIsExpired: now > when)");
    ticker.advance(1);
    assertNull(get(db, "k"));
    assertEquals(0, db.size());
    assertEquals(0, db.volatileCount());
    assertEquals(List.of("0:k"), expired);
    assertEquals(1, engine.expiredKeys());
  }

  @Test
  void expiryPaused_keepsExpiredKeys_untilAWriteRecreatesThem() {
    Database db = engine.db(0);
    Entry e = put(db, "k", "v");
    Shard s = db.shard(e.hash());
    s.lock();
    try {
      s.setExpireAt(e, engine.now() + 10);
    } finally {
      s.unlock();
    }
    ticker.advance(11);
    engine.expiryPaused(true); // CLIENT PAUSE
    assertEquals(0, engine.activeExpireCycle());
    assertNull(get(db, "k")); // reads as missing...
    assertEquals(1, db.size()); // ...but is not deleted
    Entry fresh = put(db, "k", "v2"); // a write recreating it removes the stale entry first
    assertEquals(1, db.size());
    assertSame(fresh, get(db, "k"));
    assertEquals(1, engine.expiredKeys());
    engine.expiryPaused(false);
  }

  @Test
  void activeExpireCycle_withManyExpiredKeys_removesThemWithoutAccess() {
    Database db = engine.db(1);
    for (int i = 0; i < 1000; i++) {
      Entry e = put(db, "key:" + i, "v");
      Shard s = db.shard(e.hash());
      s.lock();
      try {
        s.setExpireAt(e, engine.now() + (i % 2 == 0 ? 10 : 1_000_000));
      } finally {
        s.unlock();
      }
    }
    ticker.advance(11);
    long removed = 0;
    for (int round = 0; round < 200 && db.size() > 500; round++) {
      removed += engine.activeExpireCycle();
    }
    assertEquals(500, db.size());
    assertEquals(500, removed);
    assertEquals(500, db.volatileCount());
  }

  @Test
  void setExpireAt_noExpiry_removesFromVolatileList() {
    Database db = engine.db(0);
    Entry e = put(db, "p", "v");
    Shard s = db.shard(e.hash());
    s.lock();
    try {
      s.setExpireAt(e, engine.now() + 5);
      assertEquals(1, s.volatileCount());
      s.setExpireAt(e, Entry.NO_EXPIRY);
      assertEquals(0, s.volatileCount());
    } finally {
      s.unlock();
    }
    ticker.advance(100);
    assertNotNull(get(db, "p"));
  }

  @Test
  void swap_exchangesKeysBetweenDatabases() {
    put(engine.db(0), "a", "1");
    put(engine.db(1), "b", "2");
    put(engine.db(1), "c", "3");
    engine.swap(0, 1);
    assertNull(get(engine.db(0), "a"));
    assertNotNull(get(engine.db(0), "b"));
    assertNotNull(get(engine.db(1), "a"));
    assertEquals(2, engine.db(0).size());
    assertEquals(1, engine.db(1).size());
  }

  @Test
  void lockKeys_locksDistinctShardsInMask() {
    Database db = engine.db(0);
    long mask = db.lockKeys(io.lime.resp.Argv.of("MSET", "a", "1", "b", "2", "c", "3"), 1, -1, 2);
    try {
      for (int i = 0; i < db.shardCount(); i++) {
        assertEquals((mask & (1L << i)) != 0, db.shardAt(i).isLocked());
      }
    } finally {
      db.unlock(mask);
    }
    for (int i = 0; i < db.shardCount(); i++) {
      assertEquals(false, db.shardAt(i).isLocked());
    }
  }
}
