package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.LockedKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * XADD, XDEL, XTRIM (exact and {@code ~}) and XRANGE/XREVRANGE through the type layer against
 * a sorted map, over node limits that force many nodes: after every step the stream holds
 * exactly the model's entries (an approximate trim may only drop a prefix, never below its
 * threshold), and random ranges agree with the model's sub-maps.
 */
class StreamModelProperties {
  private static final byte[] KEY = "s".getBytes(StandardCharsets.UTF_8);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 60)
  void operations_matchSortedMapModel(
      @ForAll @IntRange(min = 1, max = 6) int nodeEntries,
      @ForAll @IntRange(min = 0, max = 200) int nodeBytes,
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 999) Integer> ops) {
    Engine engine = new Engine(1, 1, () -> 1_000L, 0);
    engine.limits().streamNodeMaxEntries = nodeEntries;
    engine.limits().streamNodeMaxBytes = nodeBytes;
    Database db = engine.db(0);
    TreeMap<StreamId, String> model = new TreeMap<>();
    long ms = 1;
    StreamId last = StreamId.MIN; // the stream's last ID: XDEL and trims never lower it
    for (int step = 0; step < ops.size(); step++) {
      int op = ops.get(step);
      try (LockedKey k = LockedKey.lock(db, KEY, 1_000L)) {
        switch (op % 6) {
          case 0, 1, 2 -> {
            ms += op % 3;
            StreamId id = new StreamId(ms, op % 4);
            if (id.compareTo(last) > 0) {
              last = id;
              String v = op % 2 == 0 ? "v" + op : Integer.toString(op * 1000);
              ByteArgs argv = ByteArgs.of(b("XADD"), KEY, b(id.toString()), b("f" + op % 3),
                  b(v));
              StreamAddArgs a = StreamAddArgs.parse(argv, true, nodeEntries);
              assertEquals(id, StreamType.add(k, a, argv));
              model.put(id, v);
            }
          }
          case 3 -> {
            List<StreamId> keys = new ArrayList<>(model.keySet());
            StreamId victim = keys.isEmpty() || op % 5 == 0 ? new StreamId(op, 7)
                : keys.get(op % keys.size());
            long expected = model.remove(victim) != null ? 1 : 0;
            assertEquals(expected, StreamType.delete(k, ByteArgs.of(b(victim.toString()))));
          }
          case 4 -> {
            long maxLen = op % 7;
            boolean approx = op % 2 == 1;
            ByteArgs argv = ByteArgs.of(b("XTRIM"), KEY, b("MAXLEN"), b(approx ? "~" : "="),
                b(Long.toString(maxLen)));
            StreamType.trim(k, StreamAddArgs.parse(argv, false, nodeEntries), argv);
            trimModel(model, approx, e -> model.size() > maxLen, k);
            assertTrue(model.size() >= Math.min(maxLen, model.size()));
            if (!approx) {
              assertTrue(model.size() <= maxLen);
            }
          }
          default -> {
            StreamId min = new StreamId(Math.max(0, ms - op % 5), op % 3);
            boolean approx = op % 2 == 1;
            ByteArgs argv = ByteArgs.of(b("XTRIM"), KEY, b("MINID"), b(approx ? "~" : "="),
                b(min.toString()));
            StreamType.trim(k, StreamAddArgs.parse(argv, false, nodeEntries), argv);
            trimModel(model, approx, e -> e.compareTo(min) < 0, k);
            if (!approx) {
              assertTrue(model.isEmpty() || model.firstKey().compareTo(min) >= 0);
            }
          }
        }
        assertSame(k, model);
        checkRange(k, model, op);
      }
    }
  }

  /**
   * Applies a trim to the model: exactly (drop while {@code drop} holds) or, for {@code ~}, as
   * much as the stream dropped, checking it dropped only a prefix the exact trim would drop.
   */
  private static void trimModel(TreeMap<StreamId, String> model, boolean approx,
      java.util.function.Predicate<StreamId> drop, LockedKey k) {
    if (!approx) {
      while (!model.isEmpty() && drop.test(model.firstKey())) {
        model.pollFirstEntry();
      }
      return;
    }
    StreamValue s = StreamType.lookup(k);
    long remaining = s == null ? 0 : s.length();
    while (model.size() > remaining) {
      assertTrue(drop.test(model.firstKey()), "an approximate trim went past its threshold");
      model.pollFirstEntry();
    }
  }

  private static void assertSame(LockedKey k, TreeMap<StreamId, String> model) {
    List<StreamEntry> all = StreamType.range(k, StreamId.MIN, StreamId.MAX, 0, false);
    List<String> actual = new ArrayList<>();
    if (all != null) {
      for (StreamEntry e : all) {
        actual.add(e.id() + "=" + new String(e.fieldsValues()[1], StandardCharsets.UTF_8));
      }
    }
    List<String> expected = new ArrayList<>();
    for (Map.Entry<StreamId, String> e : model.entrySet()) {
      expected.add(e.getKey() + "=" + e.getValue());
    }
    assertEquals(expected, actual);
    StreamValue s = StreamType.lookup(k);
    assertEquals(model.size(), s == null ? 0 : s.length());
  }

  private static void checkRange(LockedKey k, TreeMap<StreamId, String> model, int op) {
    if (model.isEmpty()) {
      return;
    }
    List<StreamId> keys = new ArrayList<>(model.keySet());
    StreamId lo = keys.get(op % keys.size());
    StreamId hi = keys.get((op / 7) % keys.size());
    long count = op % 4;
    boolean rev = op % 2 == 0;
    List<StreamEntry> got = StreamType.range(k, lo, hi, count, rev);
    List<StreamId> want = new ArrayList<>(lo.compareTo(hi) > 0 ? List.of()
        : (rev ? model.subMap(lo, true, hi, true).descendingMap() : model.subMap(lo, true, hi, true))
            .keySet());
    if (count > 0 && want.size() > count) {
      want = want.subList(0, (int) count);
    }
    List<StreamId> gotIds = new ArrayList<>();
    for (StreamEntry e : got) {
      gotIds.add(e.id());
    }
    assertEquals(want, gotIds);
  }
}
