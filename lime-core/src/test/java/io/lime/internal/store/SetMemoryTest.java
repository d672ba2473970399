package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.KeyValueStore;
import io.lime.testing.RealRedis;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Memory per key of small integer sets, LIME against Redis: 100,000 keys ({@code set:N}),
 * each a set of 10 integers, in two shapes: 16-bit members (0..9, an intset of 2-byte
 * values) and 32-bit members (N*10 + 0..9). LIME's figure is the growth of the live heap
 * after full GCs; Redis's the growth of {@code used_memory}. Opt-in (it fills the heap and
 * takes seconds): {@code mvn -pl lime-core test -Dtest=SetMemoryTest -Dlime.memory=true};
 * the Redis half needs redis-server on PATH.
 */
@EnabledIfSystemProperty(named = "lime.memory", matches = "true")
class SetMemoryTest {
  private static final int KEYS = 100_000;
  private static final int MEMBERS = 10;

  private static String member(int key, int j, boolean wide) {
    return String.valueOf(wide ? key * 10L + j : j);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }

  private static double limeBytesPerKey(boolean wide) {
    long before = usedHeap();
    KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build();
    String[] members = new String[MEMBERS];
    for (int k = 0; k < KEYS; k++) {
      for (int j = 0; j < MEMBERS; j++) {
        members[j] = member(k, j, wide);
      }
      store.set("set:" + k).add(members);
    }
    long after = usedHeap();
    assertEquals(MEMBERS, store.set("set:" + (KEYS - 1)).size());
    Reference.reachabilityFence(store);
    store.close();
    return (after - before) / (double) KEYS;
  }

  private static long usedMemory(RealRedis.RawConnection c) {
    String info = new String(c.call("INFO", "memory"), StandardCharsets.UTF_8);
    for (String line : info.split("\r\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()));
      }
    }
    throw new IllegalStateException(info);
  }

  private static byte[] command(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double redisBytesPerKey(RealRedis.RawConnection c, boolean wide) {
    c.call("FLUSHALL");
    long before = usedMemory(c);
    int batch = 1000;
    for (int k = 0; k < KEYS; k += batch) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = k; i < k + batch; i++) {
        String[] args = new String[2 + MEMBERS];
        args[0] = "SADD";
        args[1] = "set:" + i;
        for (int j = 0; j < MEMBERS; j++) {
          args[2 + j] = member(i, j, wide);
        }
        out.writeBytes(command(args));
      }
      c.send(out.toByteArray());
      for (int i = 0; i < batch; i++) {
        c.readReply();
      }
    }
    return (usedMemory(c) - before) / (double) KEYS;
  }

  @Test
  void smallIntegerSets_bytesPerKey_printed() {
    double lime16 = limeBytesPerKey(false);
    double lime32 = limeBytesPerKey(true);
    System.out.printf("LIME  heap bytes/key: 10 x int16 = %.1f, 10 x int32 = %.1f%n", lime16, lime32);
    try (RealRedis redis = RealRedis.start(); RealRedis.RawConnection c = redis.connect()) {
      double r16 = redisBytesPerKey(c, false);
      double r32 = redisBytesPerKey(c, true);
      System.out.printf("Redis used_memory/key: 10 x int16 = %.1f, 10 x int32 = %.1f%n", r16, r32);
    }
  }
}
