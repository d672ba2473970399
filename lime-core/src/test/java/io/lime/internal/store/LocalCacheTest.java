package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.CacheStats;
import io.lime.Codec;
import io.lime.EvictionPolicy;
import io.lime.LimeCache;
import io.lime.RemovalCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache API on a manual clock, listeners run in place so causes are seen in order. */
class LocalCacheTest {
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final List<String> removals = Collections.synchronizedList(new ArrayList<>());

  private LimeCache.Builder<String, String> builder() {
    return LimeCache.builder(Codec.string(), Codec.string())
        .ticker(clock::get)
        .executor(Runnable::run)
        .removalListener((k, v, cause) -> removals.add(k + "=" + v + " " + cause));
  }

  @Test
  void getOrLoad_manyThreads_oneLoadPerKey() throws Exception {
    int threads = 8;
    int keys = 300;
    Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    try (LimeCache<String, String> cache = builder().build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < keys; i++) {
            order.add(i);
          }
          Collections.shuffle(order, new java.util.Random(seed));
          start.await();
          for (int i : order) {
            String v = cache.get("k" + i, k -> {
              loads.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
              return "v" + k.substring(1);
            });
            assertEquals("v" + i, v);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(keys, loads.size());
      loads.forEach((k, n) -> assertEquals(1, n.get(), k));
      CacheStats s = cache.stats();
      assertEquals(keys, s.loadSuccesses());
      assertEquals(threads * keys, s.hits() + s.misses());
      assertEquals(List.of(), removals); // loads never replace
    }
  }

  @Test
  void removalListener_eachCause_keyValueAndCause() {
    try (LimeCache<String, String> cache = builder().maximumSize(3)
        .expireAfterWrite(Duration.ofSeconds(10)).build()) {
      cache.put("a", "1");
      cache.put("a", "2");
      cache.invalidate("a");
      cache.invalidate("a");
      assertEquals(List.of("a=1 REPLACED", "a=2 EXPLICIT"), removals);
      removals.clear();
      cache.put("e", "x");
      clock.addAndGet(10_001);
      assertNull(cache.getIfPresent("e"));
      assertEquals(List.of("e=x EXPIRED"), removals);
      removals.clear();
      for (int i = 0; i < 10; i++) {
        cache.put("k" + i, "v" + i);
      }
      assertEquals(3, cache.estimatedSize());
      assertEquals(7, removals.size());
      assertTrue(removals.stream().allMatch(r -> r.endsWith(" EVICTED")), removals.toString());
      assertEquals(7, cache.stats().evictions());
    }
  }

  @Test
  void loaderThrows_propagatesNothingCached() {
    try (LimeCache<String, String> cache = builder().build()) {
      IllegalStateException boom = new IllegalStateException("boom");
      assertSame(boom, assertThrows(IllegalStateException.class,
          () -> cache.get("k", k -> { throw boom; })));
      assertNull(cache.getIfPresent("k"));
      assertNull(cache.get("n", k -> null));
      assertNull(cache.getIfPresent("n"));
      assertEquals(2, cache.stats().loadFailures());
      assertEquals("v", cache.get("k", k -> "v"));
      assertEquals(1, cache.stats().loadSuccesses());
    }
  }

  @Test
  void expireAfterAccess_readsKeepEntryAlive() {
    try (LimeCache<String, String> cache = builder()
        .expireAfterAccess(Duration.ofSeconds(5)).build()) {
      cache.put("k", "v");
      for (int i = 0; i < 5; i++) {
        clock.addAndGet(4_000);
        assertEquals("v", cache.getIfPresent("k"));
      }
      clock.addAndGet(5_001);
      assertNull(cache.getIfPresent("k"));
      assertEquals(List.of("k=v EXPIRED"), removals);
    }
  }

  @Test
  void refreshAfterWrite_staleRead_returnsOldThenReloads() {
    AtomicInteger version = new AtomicInteger();
    try (LimeCache<String, String> cache = builder().refreshAfterWrite(Duration.ofSeconds(1))
        .build(k -> k + version.incrementAndGet())) {
      assertEquals("k1", cache.get("k"));
      clock.addAndGet(500);
      assertEquals("k1", cache.get("k"));
      clock.addAndGet(600);
      assertEquals("k1", cache.get("k")); // stale: the old value, a reload behind it
      assertEquals("k2", cache.getIfPresent("k"));
      assertEquals(List.of("k=k1 REPLACED"), removals);
    }
  }

  @Test
  void refreshAfterWrite_pastLongMillis_neverRefreshes() {
    // Duration.toMillis threw ArithmeticException at build; past 2^63 ms now saturates
    AtomicInteger version = new AtomicInteger();
    try (LimeCache<String, String> cache = builder()
        .refreshAfterWrite(Duration.ofSeconds(Long.MAX_VALUE))
        .build(k -> k + version.incrementAndGet())) {
      assertEquals("k1", cache.get("k"));
      clock.addAndGet(Duration.ofDays(365 * 1000).toMillis());
      assertEquals("k1", cache.get("k"));
      assertEquals("k1", cache.getIfPresent("k"));
      assertEquals(List.of(), removals);
    }
  }

  @Test
  void getAll_loadsOnlyMissing_inOneCall() {
    try (LimeCache<String, String> cache = builder().build()) {
      cache.put("a", "A");
      List<Set<String>> calls = new ArrayList<>();
      Map<String, String> got = cache.getAll(List.of("a", "b", "c"), missing -> {
        calls.add(Set.copyOf(missing));
        Map<String, String> m = new HashMap<>();
        missing.forEach(k -> m.put(k, k.toUpperCase()));
        return m;
      });
      assertEquals(Map.of("a", "A", "b", "B", "c", "C"), got);
      assertEquals(List.of(Set.of("b", "c")), calls);
      assertEquals("B", cache.getIfPresent("b"));
    }
  }

  @Test
  void maximumMemory_manyPuts_usedMemoryStaysUnder() {
    long max = 256 * 1024;
    try (LimeCache<String, byte[]> cache = LimeCache.builder(Codec.string(), Codec.bytes())
        .maximumMemory(max).evictionPolicy(EvictionPolicy.ALLKEYS_LFU).build()) {
      for (int i = 0; i < 20_000; i++) {
        cache.put("key:" + i, new byte[100]);
        assertTrue(cache.usedMemory() <= max, "at " + i);
      }
      assertTrue(cache.stats().evictions() > 10_000);
    }
  }
}
