package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The skiplist against a sorted model, on sets large enough to have nodes of every layout
 * (one level, two, three, and arrays from four): ranks, order both ways, rank lookups and
 * score ranges after random inserts, score changes (in place and moved), deletions and
 * rank-range deletions; and the memory count back to an empty set's after deleting all.
 */
class SortedSetSkiplistTest {
  private record Member(String name, double score) {}

  private static final Comparator<Member> ORDER = Comparator.comparingDouble(Member::score)
      .thenComparing((a, b) -> Arrays.compareUnsigned(bytes(a.name), bytes(b.name)));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void matchesASortedModelThroughInsertsUpdatesAndDeletes() {
    SplittableRandom rnd = new SplittableRandom(7);
    run(rnd, () -> "m" + rnd.nextInt(6_000), 40_000);
  }

  /**
   * Members sharing a long prefix, then differing in bytes 0x00 and 0xFF (unsigned order)
   * and in length (one a prefix of another), with a rare member of another first byte.
   */
  @Test
  void ordersTiesByUnsignedBytesPastACommonPrefix() {
    SplittableRandom rnd = new SplittableRandom(11);
    String common = "key:with:a:rather:long:common:prefix:";
    java.util.function.Supplier<String> names = () -> {
      if (rnd.nextInt(12_000) == 0) {
        return "other" + rnd.nextInt(10);
      }
      StringBuilder b = new StringBuilder(common);
      int n = rnd.nextInt(12);
      for (int i = 0; i < n; i++) {
        b.append("\u0000\u0001a\u00ff".charAt(rnd.nextInt(4)));
      }
      return b.toString();
    };
    run(rnd, names, 40_000);
  }

  private static void run(SplittableRandom rnd, java.util.function.Supplier<String> names, int steps) {
    SortedSetSkiplist z = new SortedSetSkiplist();
    long empty = z.memoryBytes() - new ChainedTable<SkiplistNodes.Node>(0).memoryBytes(0);
    TreeSet<Member> model = new TreeSet<>(ORDER);
    Map<String, Member> byName = new HashMap<>();
    for (int step = 0; step < steps; step++) {
      // few distinct scores, so many members tie and order by their bytes
      String name = names.get();
      double score = rnd.nextInt(300);
      Member old = byName.get(name);
      int op = rnd.nextInt(10);
      if (old == null) {
        z.insert(bytes(name), score);
        add(model, byName, new Member(name, score));
      } else if (op < 7) {
        byte[] b = bytes(name);
        z.updateScore(b, 0, b.length, old.score, score);
        model.remove(old);
        add(model, byName, new Member(name, score));
      } else if (op < 9) {
        byte[] b = bytes(name);
        assertTrue(z.delete(b, 0, b.length));
        model.remove(old);
        byName.remove(name);
      } else {
        if (model.isEmpty()) {
          continue;
        }
        int start = rnd.nextInt(model.size());
        int end = Math.min(model.size() - 1, start + rnd.nextInt(5));
        z.deleteRange(start, end);
        List<Member> all = new ArrayList<>(model);
        for (Member m : all.subList(start, end + 1)) {
          model.remove(m);
          byName.remove(m.name);
        }
      }
      if (step % 10_000 == 0) {
        check(z, model);
      }
    }
    check(z, model);
    for (Member m : new ArrayList<>(model)) {
      byte[] b = bytes(m.name);
      assertTrue(z.delete(b, 0, b.length));
    }
    assertEquals(0, z.size());
    assertEquals(empty, z.memoryBytes() - new ChainedTable<SkiplistNodes.Node>(0).memoryBytes(0));
  }

  private static void add(TreeSet<Member> model, Map<String, Member> byName, Member m) {
    model.add(m);
    byName.put(m.name, m);
  }

  private static void check(SortedSetSkiplist z, TreeSet<Member> model) {
    assertEquals(model.size(), z.size());
    List<Member> all = new ArrayList<>(model);
    List<String> forward = new ArrayList<>();
    z.walk(0, false, (b, off, len, score) -> forward.add(new String(b, off, len, StandardCharsets.ISO_8859_1) + "=" + score));
    List<String> expected = new ArrayList<>();
    for (Member m : all) {
      expected.add(m.name + "=" + m.score);
    }
    assertEquals(expected, forward);
    List<String> backward = new ArrayList<>();
    z.walk(all.size() - 1, true, (b, off, len, score) -> backward.add(new String(b, off, len, StandardCharsets.ISO_8859_1)));
    assertEquals(all.size(), backward.size());
    for (int i = 0; i < all.size(); i++) {
      Member m = all.get(i);
      byte[] b = bytes(m.name);
      assertEquals(i, z.rank(b, 0, b.length));
      assertEquals(m.score, z.score(b, 0, b.length));
      assertEquals(m.name, new String(z.nodeAt(i).key, StandardCharsets.ISO_8859_1));
      assertEquals(m.name, backward.get(all.size() - 1 - i));
    }
  }
}
