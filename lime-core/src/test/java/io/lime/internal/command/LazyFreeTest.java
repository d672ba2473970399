package io.lime.internal.command;

import static io.lime.internal.command.KeyFixture.OK;
import static io.lime.internal.command.KeyFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.LazyFree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lazy free (Redis's lazyfree.c) through the command layer: which deletions hand a value to
 * the background thread (free effort over 64 and a lazy cause), the INFO counters, and the
 * memory accounting dropping at unlink time while the release is still pending. The thread is
 * held ({@link LazyFree#hold}) or drained ({@link LazyFree#drain}), never waited for by time.
 */
class LazyFreeTest {
  private final KeyFixture f = new KeyFixture();
  private final LazyFree lf = f.engine.lazyFree();

  private void bigSet(String key, int members) {
    List<String> argv = new ArrayList<>(List.of("SADD", key));
    for (int m = 0; m < members; m++) {
      argv.add("m" + m);
    }
    f.run(argv.toArray(String[]::new));
  }

  /** lazyfreed_objects once the queue is drained. */
  private long freed() {
    lf.drain();
    assertEquals(0, lf.pending());
    return lf.freed();
  }

  @Test
  void unlink_bigValueInBackground_smallInline() {
    bigSet("big", 65);
    bigSet("edge", 64);
    f.run("SADD", "ints", "1", "2");
    assertEquals(i(1), f.run("UNLINK", "edge")); // effort 64: not over the threshold
    assertEquals(i(1), f.run("UNLINK", "ints")); // intset: one allocation
    assertEquals(0, freed());
    assertEquals(i(1), f.run("UNLINK", "big"));
    assertEquals(1, freed());
    assertEquals(i(0), f.run("EXISTS", "big"));
  }

  @Test
  void unlink_bytesUncountedBeforeTheRelease_pendingCounted() throws Exception {
    long empty = f.engine.memory().datasetBytes();
    bigSet("big", 1000);
    assertTrue(f.engine.memory().datasetBytes() > empty + 1000);
    try (AutoCloseable held = lf.hold()) {
      assertEquals(i(1), f.run("UNLINK", "big"));
      assertEquals(empty, f.engine.memory().datasetBytes());
      assertEquals(1, lf.pending());
      assertTrue(f.run("INFO", "memory").contains("lazyfree_pending_objects:1\r\n"));
    }
    assertEquals(1, freed());
    assertTrue(f.run("INFO", "memory").contains("lazyfreed_objects:1\r\n"));
    assertEquals(OK, f.run("CONFIG", "RESETSTAT"));
    assertEquals(0, lf.freed());
  }

  @Test
  void del_lazyOnlyWithUserDel() {
    bigSet("a", 100);
    f.run("DEL", "a");
    assertEquals(0, freed());
    f.run("CONFIG", "SET", "lazyfree-lazy-user-del", "yes");
    bigSet("a", 100);
    f.run("DEL", "a");
    assertEquals(1, freed());
  }

  @Test
  void serverDel_overwritesAndTargets() {
    f.run("CONFIG", "SET", "lazyfree-lazy-server-del", "yes");
    bigSet("a", 100);
    f.run("SET", "a", "x"); // SET over a big set
    assertEquals(1, freed());
    bigSet("b", 100);
    bigSet("c", 100);
    f.run("RENAME", "c", "b"); // the target's old value goes; the moved one stays
    assertEquals(2, freed());
    assertEquals(i(100), f.run("SCARD", "b"));
    f.run("SUNIONSTORE", "b", "nosuch"); // empty result deletes the big destination
    assertEquals(3, freed());
    bigSet("b", 100);
    f.run("SUNIONSTORE", "b", "b"); // a result stored over its own source
    freed();
    assertEquals(i(100), f.run("SCARD", "b"));
    List<String> push = new ArrayList<>(List.of("RPUSH", "l"));
    for (int m = 0; m < 100; m++) {
      push.add(Integer.toString(m));
    }
    f.run(push.toArray(String[]::new));
    f.run("SORT", "l", "STORE", "l");
    freed();
    assertEquals(i(100), f.run("LLEN", "l"));
    f.run("CONFIG", "SET", "lazyfree-lazy-server-del", "no");
    bigSet("a", 100);
    f.run("SET", "a", "x");
    assertEquals(4, freed()); // SUNIONSTORE b b freed the old b
  }

  @Test
  void expire_lazyWithLazyExpire() {
    f.run("CONFIG", "SET", "lazyfree-lazy-expire", "yes");
    bigSet("a", 100);
    f.run("PEXPIREAT", "a", "1"); // a deadline in the past deletes now
    assertEquals(1, freed());
    bigSet("b", 100);
    f.run("PEXPIRE", "b", "10");
    f.clock.addAndGet(20);
    assertEquals(i(0), f.run("EXISTS", "b")); // lazy expiry on access
    assertEquals(2, freed());
  }

  @Test
  void eviction_lazyWithLazyEviction() {
    f.run("CONFIG", "SET", "lazyfree-lazy-eviction", "yes");
    f.run("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
    bigSet("a", 1000);
    f.run("CONFIG", "SET", "maxmemory", "1");
    assertEquals(i(0), f.run("EXISTS", "a"));
    assertEquals(1, freed());
  }

  @Test
  void flushAsync_countsKeys_andUserFlush() {
    f.run("SET", "a", "1");
    f.run("SET", "b", "1");
    f.run("FLUSHALL", "ASYNC");
    assertEquals(2, freed());
    f.run("SET", "a", "1");
    f.run("FLUSHDB");
    assertEquals(2, freed());
    f.run("CONFIG", "SET", "lazyfree-lazy-user-flush", "yes");
    f.run("SET", "a", "1");
    f.run("FLUSHDB");
    assertEquals(3, freed());
  }

  @Test
  void freeEffort_asRedis_tablesAndSkiplistsOverThreshold() {
    List<String> hash = new ArrayList<>(List.of("HSET", "h"));
    List<String> zset = new ArrayList<>(List.of("ZADD", "z"));
    for (int m = 0; m < 600; m++) {
      hash.add("f" + m);
      hash.add("v");
      zset.add(Integer.toString(m));
      zset.add("m" + m);
    }
    f.run(hash.toArray(String[]::new));
    f.run(zset.toArray(String[]::new));
    f.run("HSET", "small", "f", "v"); // listpack: one allocation
    f.run("RPUSH", "l", "a", "b"); // one quicklist node
    assertEquals(i(4), f.run("UNLINK", "h", "z", "small", "l"));
    assertEquals(2, freed());
  }
}
