package io.lime.internal.store;

import io.lime.KeyValueStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bytes per key, LIME against Redis (issue 18): 1,000,000 strings of 14-byte names and
 * 10-byte values, and 100,000 keys of each collection type holding 10 small elements. For
 * each, the heap after full GCs per key and LIME's own accounting ({@code used_memory}) per
 * key. Runs only with {@code -Dlime.memory=true} (it needs a few hundred MB of heap):
 * <pre>
 * ./mvnw -o -q -pl lime-core -am test -Dtest=MemoryPerKeyMeasurement -Dlime.memory=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The Redis figures: {@code used_memory} before and after piping the same commands
 * ({@link #commands}) into {@code redis-server} 7.0.15 with default settings; the table is in
 * docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "lime.memory", matches = "true")
class MemoryPerKeyMeasurement {
  static final int STRING_KEYS = 1_000_000;
  static final int COLLECTION_KEYS = 100_000;

  @Test
  void bytesPerKey_allTypes() {
    for (String type : new String[] {"hash", "set", "zset", "list", "string"}) {
      measure(type, type.equals("string") ? STRING_KEYS : COLLECTION_KEYS);
    }
  }

  private static void measure(String type, int keys) {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build();
    store.set("warm-up", "x"); // re-aims this thread's key handle: the last store is garbage
    store.delete("warm-up");
    long before = usedAfterGc(mx);
    long accountedBefore = store.usedMemory();
    for (int i = 0; i < keys; i++) {
      load(store, type, i);
    }
    long after = usedAfterGc(mx);
    System.out.printf("LIME %-6s %,9d keys: heap %.1f bytes/key, accounted %.1f bytes/key%n",
        type, keys, (after - before) / (double) keys,
        (store.usedMemory() - accountedBefore) / (double) keys);
    store.close();
  }

  /** Key {@code i} of {@code type}: 14 bytes. */
  static String key(String type, int i) {
    return String.format("%s:%0" + (13 - type.length()) + "d", type, i);
  }

  /** A 10-byte value that is not an integer. */
  static String value(int i) {
    return String.format("v%09d", i);
  }

  private static void load(KeyValueStore store, String type, int i) {
    String k = key(type, i);
    switch (type) {
      case "string" -> store.set(k, value(i));
      case "hash" -> {
        Map<String, String> m = new LinkedHashMap<>();
        for (int f = 0; f < 10; f++) {
          m.put("f" + f, value(i * 10 + f));
        }
        store.hash(k).putAll(m);
      }
      case "set" -> store.set(k).add(elements(i).toArray(new String[0]));
      case "zset" -> {
        List<String> e = elements(i);
        for (int f = 0; f < e.size(); f++) {
          store.sortedSet(k).add(e.get(f), f);
        }
      }
      default -> store.list(k).rightPush(elements(i).toArray(new String[0]));
    }
  }

  private static List<String> elements(int i) {
    List<String> e = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      e.add(value(i * 10 + f));
    }
    return e;
  }

  /** The same data as Redis commands, one per line (for {@code redis-cli --pipe}-style loading). */
  static String commands(String type, int i) {
    String k = key(type, i);
    List<String> e = elements(i);
    return switch (type) {
      case "string" -> "SET " + k + " " + value(i);
      case "hash" -> {
        StringBuilder sb = new StringBuilder("HSET " + k);
        for (int f = 0; f < 10; f++) {
          sb.append(" f").append(f).append(' ').append(value(i * 10 + f));
        }
        yield sb.toString();
      }
      case "set" -> "SADD " + k + " " + String.join(" ", e);
      case "zset" -> {
        StringBuilder sb = new StringBuilder("ZADD " + k);
        for (int f = 0; f < e.size(); f++) {
          sb.append(' ').append(f).append(' ').append(e.get(f));
        }
        yield sb.toString();
      }
      default -> "RPUSH " + k + " " + String.join(" ", e);
    };
  }

  private static long usedAfterGc(MemoryMXBean mx) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
