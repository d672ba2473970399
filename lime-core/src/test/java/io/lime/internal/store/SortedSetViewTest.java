package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.SortedSetView;
import io.lime.SortedSetView.AddOptions;
import io.lime.SortedSetView.Entry;
import io.lime.SortedSetView.LexRange;
import io.lime.SortedSetView.ScoreRange;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed sorted set view: same semantics as the commands, no RESP. */
class SortedSetViewTest {
  private final Engine engine = new Engine(1, 4, () -> 1_700_000_000_000L, 0);
  private final KeyValueStore store = LocalKeyValueStore.over(engine, 0);
  private final SortedSetView z = store.sortedSet("z");

  private static Entry e(String m, double s) {
    return new Entry(m.getBytes(StandardCharsets.UTF_8), s);
  }

  @Test
  void add_scoreRankAndRange_followScoreThenMemberOrder() {
    assertTrue(z.add("b", 2));
    assertTrue(z.add("a", 2));
    assertTrue(z.add("c", 1));
    assertFalse(z.add("c", 3));
    assertEquals(3, z.size());
    assertEquals(2.0, z.score("a"));
    assertNull(z.score("nope"));
    assertEquals(0L, z.rank(bytes("a")));
    assertEquals(0L, z.revRank(bytes("c")));
    assertEquals(List.of(e("a", 2), e("b", 2), e("c", 3)), z.range(0, -1, false));
    assertEquals(List.of(e("c", 3), e("b", 2)), z.range(0, 1, true));
  }

  @Test
  void addOptions_conditionsAndChanged() {
    z.add("a", 5);
    assertEquals(0, z.add(bytes("a"), 1, new AddOptions(true, false, false, false, false)));
    assertEquals(1, z.add(bytes("a"), 9, new AddOptions(false, false, true, false, true)));
    assertEquals(0, z.add(bytes("a"), 1, new AddOptions(false, false, true, false, true)));
    assertEquals(0, z.add(bytes("new"), 1, new AddOptions(false, true, false, false, false)));
    assertEquals(9.0, z.score("a"));
    assertThrows(IllegalArgumentException.class,
        () -> new AddOptions(true, true, false, false, false));
  }

  @Test
  void incrBy_createsAndRejectsNaN() {
    assertEquals(2.5, z.incrBy("a", 2.5));
    assertEquals(3.5, z.incrBy("a", 1));
    assertNull(z.incrBy(bytes("a"), -10, new AddOptions(false, false, true, false, false)));
    z.add("inf", Double.POSITIVE_INFINITY);
    assertThrows(IllegalArgumentException.class, () -> z.incrBy("inf", Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> z.add("x", Double.NaN));
  }

  @Test
  void ranges_byScoreAndLex_withLimits() {
    for (String m : new String[] {"a", "b", "c", "d", "e"}) {
      z.add(m, 0);
    }
    assertEquals(5, z.count(ScoreRange.all()));
    assertEquals(0, z.count(new ScoreRange(0, true, 1, false)));
    assertEquals(List.of(e("b", 0), e("c", 0)),
        z.rangeByLex(new LexRange(bytes("a"), true, bytes("c"), false), false, 0, -1));
    assertEquals(List.of(e("d", 0)), z.rangeByLex(LexRange.all(), true, 1, 1));
    assertEquals(4, z.lexCount(LexRange.closed("b", null)));
    assertEquals(List.of(e("c", 0), e("d", 0)), z.rangeByScore(ScoreRange.all(), false, 2, 2));
  }

  @Test
  void pops_andRemovals_deleteTheKeyWhenEmpty() {
    z.add("a", 1);
    z.add("b", 2);
    z.add("c", 3);
    assertEquals(List.of(e("a", 1)), z.popMin(1));
    assertEquals(List.of(e("c", 3)), z.popMax(5).subList(0, 1));
    assertFalse(store.exists("z"));
    z.add("a", 1);
    z.add("b", 2);
    assertEquals(1, z.removeRangeByScore(ScoreRange.closed(1, 1)));
    assertEquals(1, z.removeRangeByRank(0, -1));
    assertEquals(0, z.size());
    assertEquals(0, z.remove("x"));
  }

  @Test
  void wrongType_throwsAndChangesNothing() {
    store.set("s", "v");
    SortedSetView s = store.sortedSet("s");
    assertThrows(WrongTypeException.class, () -> s.add("a", 1));
    assertThrows(WrongTypeException.class, s::size);
    assertEquals("v", store.get("s"));
  }

  @Test
  void conversion_toSkiplistPastThreshold_keepsContent() {
    engine.limits().zsetMaxListpackEntries = 3;
    for (int i = 0; i < 10; i++) {
      z.add("m" + i, 10 - i);
    }
    assertEquals(10, z.size());
    assertEquals(e("m9", 1), z.range(0, 0, false).get(0));
    assertEquals(9L, z.rank(bytes("m0")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
