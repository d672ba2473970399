package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** SCAN through the type layer: coverage under churn, filters, termination. */
class KeyScanProperties {

  @Property(tries = 50)
  void scan_withChurnAndCount_returnsEveryStableKeyAndTerminates(
      @ForAll @IntRange(min = 0, max = 400) int stable,
      @ForAll @IntRange(min = 1, max = 50) int count,
      @ForAll @IntRange(min = 1, max = 16) int shardsLog,
      @ForAll @Size(max = 30) List<@IntRange(min = -200, max = 200) Integer> churn) {
    int shards = Integer.highestOneBit(shardsLog);
    Engine engine = new Engine(1, shards, () -> 1_000L, 0);
    Database db = engine.db(0);
    for (int i = 0; i < stable; i++) {
      put(db, "s" + i);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    int added = 0;
    do {
      List<byte[]> out = new ArrayList<>();
      cursor = KeyspaceOps.scan(db, cursor, null, 0, 0, count, null, 1_000L, out);
      for (byte[] k : out) {
        seen.add(new String(k, StandardCharsets.UTF_8));
      }
      if (step < churn.size()) {
        int c = churn.get(step);
        for (int i = 0; i < Math.abs(c); i++) {
          if (c > 0) {
            put(db, "t" + (added++));
          } else {
            try (LockedKey k = LockedKey.lock(db, ("t" + i).getBytes(StandardCharsets.UTF_8),
                1_000L)) {
              KeyOps.delete(k);
            }
          }
        }
      }
      step++;
      assertTrue(step < 100_000, "scan does not terminate");
    } while (cursor != 0);
    for (int i = 0; i < stable; i++) {
      assertTrue(seen.contains("s" + i), "missing s" + i);
    }
  }

  @Property(tries = 50)
  void scan_matchAndExpiry_filtersExactly(@ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 30) int count) {
    Engine engine = new Engine(1, 4, () -> 1_000L, 0);
    Database db = engine.db(0);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String k = (i % 3 == 0 ? "user:" : "item:") + i;
      Entry e = put(db, k);
      if (i % 5 == 0) {
        Shard s = db.shard(e.hash());
        s.lock();
        try {
          s.setExpireAt(e, 999L);
        } finally {
          s.unlock();
        }
      } else if (k.startsWith("user:")) {
        expected.add(k);
      }
    }
    byte[] pattern = "user:*".getBytes(StandardCharsets.UTF_8);
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      List<byte[]> out = new ArrayList<>();
      cursor = KeyspaceOps.scan(db, cursor, pattern, 0, pattern.length, count, "string", 1_000L, out);
      for (byte[] k : out) {
        seen.add(new String(k, StandardCharsets.UTF_8));
      }
    } while (cursor != 0);
    assertTrue(seen.equals(expected), () -> "seen " + seen + " expected " + expected);
  }

  private static Entry put(Database db, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, 1_000L);
      return e != null ? e : s.insert(k, h, StringType.encode(k, 0, k.length));
    } finally {
      s.unlock();
    }
  }
}
