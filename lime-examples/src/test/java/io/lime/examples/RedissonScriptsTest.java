package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.api.RMap;
import org.redisson.api.RMapCache;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RSemaphore;
import org.redisson.api.RateIntervalUnit;
import org.redisson.api.RateType;

/**
 * Example: Redisson's objects against LIME. Locks, compare-and-set, atomic longs, maps, map
 * caches, rate limiters and semaphores all run Lua scripts on the server (EVAL, EVALSHA), so
 * this is what scripting buys a test that replaces Redis.
 */
class RedissonScriptsTest extends RedissonExample {
  @Test
  void lock_lockTryLockAndUnlock_exclusive() throws Exception {
    RLock lock = redisson.getLock("lock");
    lock.lock();
    assertTrue(lock.isLocked());
    assertTrue(lock.isHeldByCurrentThread());
    assertFalse(CompletableFuture.supplyAsync(() -> lock.tryLock()).get(10, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> CompletableFuture.runAsync(lock::unlock)
        .get(10, TimeUnit.SECONDS)); // another thread cannot unlock it
    lock.unlock();
    assertFalse(lock.isLocked());

    assertTrue(lock.tryLock(1, 30, TimeUnit.SECONDS)); // with a lease
    assertTrue(lock.remainTimeToLive() > 0);
    lock.unlock();

    RLock fair = redisson.getFairLock("fair");
    fair.lock();
    assertTrue(fair.isLocked());
    fair.unlock();
    assertFalse(fair.isLocked());
  }

  @Test
  void bucket_compareAndSet_onlyOnExpectedValue() {
    RBucket<String> bucket = redisson.getBucket("bucket");
    assertTrue(bucket.compareAndSet(null, "a"));
    assertFalse(bucket.compareAndSet("b", "c"));
    assertTrue(bucket.compareAndSet("a", "b"));
    assertEquals("b", bucket.get());
  }

  @Test
  void atomicLong_incrementAndCompareAndSet() {
    RAtomicLong counter = redisson.getAtomicLong("counter");
    assertEquals(1, counter.incrementAndGet());
    assertEquals(6, counter.addAndGet(5));
    assertTrue(counter.compareAndSet(6, 10));
    assertFalse(counter.compareAndSet(6, 11));
    assertEquals(10, counter.get());
  }

  @Test
  void map_putIfAbsentReplaceRemove() {
    RMap<String, Integer> map = redisson.getMap("map");
    assertNull(map.put("a", 1));
    assertEquals(1, map.put("a", 2));
    assertEquals(2, map.putIfAbsent("a", 3));
    assertNull(map.putIfAbsent("b", 4));
    assertTrue(map.replace("b", 4, 5));
    assertEquals(5, map.get("b"));
    assertTrue(map.remove("a", 2));
    assertEquals(1, map.size());
  }

  @Test
  void mapCache_entriesWithTtl() {
    RMapCache<String, String> cache = redisson.getMapCache("cache");
    assertNull(cache.put("k", "v", 1, TimeUnit.HOURS));
    assertEquals("v", cache.get("k"));
    assertTrue(cache.remainTimeToLive("k") > 0);
    assertNull(cache.putIfAbsent("k2", "v2", 1, TimeUnit.HOURS));
    assertEquals(2, cache.size());
    assertEquals("v", cache.remove("k"));
    assertNull(cache.get("k"));
  }

  @Test
  void rateLimiter_permitsPerInterval() {
    RRateLimiter limiter = redisson.getRateLimiter("limiter");
    assertTrue(limiter.trySetRate(RateType.OVERALL, 2, 1, RateIntervalUnit.HOURS));
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());
    assertEquals(0, limiter.availablePermits());
  }

  @Test
  void semaphore_acquireAndRelease() throws Exception {
    RSemaphore semaphore = redisson.getSemaphore("semaphore");
    assertTrue(semaphore.trySetPermits(2));
    assertTrue(semaphore.tryAcquire());
    assertTrue(semaphore.tryAcquire());
    assertFalse(semaphore.tryAcquire());
    semaphore.release();
    assertEquals(1, semaphore.availablePermits());
    assertTrue(semaphore.tryAcquire(1, TimeUnit.SECONDS));
  }
}
