package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.HashView;
import io.lime.KeyValueStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Memory per key of small hashes (COLLECTIONS.md): 100,000 hashes of 10 fields with 10-byte
 * values, loaded through the typed view, heap measured after forced GCs. Runs only with
 * {@code -Dlime.memory=true}:
 * <pre>
 * mvn -o -q -pl lime-core test -Dtest=HashMemoryMeasurement -Dlime.memory=true
 * </pre>
 * The Redis figure for the same data: {@code used_memory} before and after piping
 * {@code HSET hash:NNNNNN field0 vvvvvvvvv0 ... field9 vvvvvvvvv9} for the same keys
 * (see the report of the hash work; Redis 7.0.15 with default thresholds).
 */
@EnabledIfSystemProperty(named = "lime.memory", matches = "true")
class HashMemoryMeasurement {
  static final int KEYS = 100_000;
  static final int FIELDS = 10;

  @Test
  void smallHashes_heapBytesPerKey() {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build();
    long before = usedAfterGc(mx);
    for (int i = 0; i < KEYS; i++) {
      HashView h = store.hash(key(i));
      Map<String, String> m = new LinkedHashMap<>();
      for (int f = 0; f < FIELDS; f++) {
        m.put("field" + f, value(i, f));
      }
      h.putAll(m);
    }
    long after = usedAfterGc(mx);
    assertEquals(KEYS, store.dbSize());
    assertEquals("listpack", encoding(store, key(7)));
    System.out.printf("LIME hash memory: %d keys x %d fields: %.1f heap bytes/key%n", KEYS,
        FIELDS, (after - before) / (double) KEYS);
    store.close();
  }

  static String key(int i) {
    return String.format("hash:%06d", i);
  }

  /** A 10-byte value: 9 letters and the field digit. */
  static String value(int i, int f) {
    return "v" + String.format("%08d", i).substring(0, 8) + f;
  }

  private static String encoding(KeyValueStore store, String key) {
    var engine = ((LocalKeyValueStore) store).engine();
    byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int h = io.lime.internal.engine.Hashing.hash(k);
    var s = engine.db(0).shard(h);
    s.lock();
    try {
      return io.lime.internal.type.HashType.encoding(s.find(k, h, engine.now()).value());
    } finally {
      s.unlock();
    }
  }

  private static long usedAfterGc(MemoryMXBean mx) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
