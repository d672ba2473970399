package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DatabaseScanProperties {

  /**
   * Redis's SCAN guarantee: every key present from the start to the end of a full scan is
   * returned, even when keys are added and removed (growing and shrinking tables) between
   * steps.
   */
  @Property(tries = 60)
  void scan_withConcurrentChurn_returnsEveryStableKey(
      @ForAll @IntRange(min = 0, max = 600) int stable,
      @ForAll @Size(max = 40) List<@IntRange(min = -400, max = 400) Integer> churn) {
    Engine engine = new Engine(1, 8, () -> 0L, 0);
    Database db = engine.db(0);
    for (int i = 0; i < stable; i++) {
      insert(db, "s" + i);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    int added = 0;
    do {
      cursor = db.scanStep(cursor, e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
      if (step < churn.size()) {
        int c = churn.get(step);
        if (c > 0) {
          for (int i = 0; i < c; i++) {
            insert(db, "t" + (added++));
          }
        } else {
          for (int i = 0; i < -c && i < added; i++) {
            delete(db, "t" + i);
          }
        }
      }
      step++;
    } while (cursor != 0);
    for (int i = 0; i < stable; i++) {
      assertTrue(seen.contains("s" + i), "missing s" + i);
    }
  }

  private static void insert(Database db, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = db.shard(h);
    s.lock();
    try {
      if (s.find(k, h, 0) == null) {
        s.insert(k, h, "v");
      }
    } finally {
      s.unlock();
    }
  }

  private static void delete(Database db, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, 0);
      if (e != null) {
        s.delete(e);
      }
    } finally {
      s.unlock();
    }
  }
}
