package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two set encodings in isolation: the packed intset and the dict-like hashtable. */
class SetEncodingTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void intset_widthUpgrades_keepOrderAndNeverNarrow() {
    byte[] s = SetIntset.empty();
    s = SetIntset.add(s, 5);
    s = SetIntset.add(s, -3);
    assertEquals(2, SetIntset.width(s));
    assertEquals(1 + 2 * 2, s.length);
    s = SetIntset.add(s, 70_000);
    assertEquals(4, SetIntset.width(s));
    s = SetIntset.add(s, -5_000_000_000L);
    assertEquals(8, SetIntset.width(s));
    assertEquals(1 + 4 * 8, s.length);
    long[] expected = {-5_000_000_000L, -3, 5, 70_000};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], SetIntset.get(s, i));
    }
    s = SetIntset.remove(s, -5_000_000_000L);
    s = SetIntset.remove(s, 70_000);
    assertEquals(8, SetIntset.width(s));
    assertEquals(2, SetIntset.count(s));
    assertTrue(SetIntset.contains(s, -3));
    assertFalse(SetIntset.contains(s, 70_000));
  }

  @Test
  void intset_duplicateAddAndAbsentRemove_returnSameArray() {
    byte[] s = SetIntset.add(SetIntset.empty(), 1);
    assertSame(s, SetIntset.add(s, 1));
    assertSame(s, SetIntset.remove(s, 2));
    assertSame(s, SetIntset.remove(s, Long.MAX_VALUE));
  }

  @Test
  void intset_extremes_roundTrip() {
    byte[] s = SetIntset.empty();
    for (long v : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, Short.MIN_VALUE,
        Short.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L}) {
      s = SetIntset.add(s, v);
    }
    assertEquals(Long.MIN_VALUE, SetIntset.get(s, 0));
    assertEquals(Long.MAX_VALUE, SetIntset.get(s, SetIntset.count(s) - 1));
    assertEquals(6, SetIntset.count(s));
  }

  @Test
  void hashtable_growsAndShrinksLikeRedisDict() {
    SetHashtable t = new SetHashtable(0);
    assertEquals(4, t.buckets());
    for (int i = 0; i < 4; i++) {
      t.add(b("m" + i), 0, 2);
    }
    assertEquals(4, t.buckets());
    t.add(b("m4"), 0, 2);
    assertEquals(8, t.buckets());
    for (int i = 5; i < 100; i++) {
      byte[] m = b("m" + i);
      t.add(m, 0, m.length);
    }
    assertEquals(128, t.buckets());
    for (int i = 0; i < 95; i++) {
      byte[] m = b("m" + i);
      assertTrue(t.remove(m, 0, m.length));
    }
    // at 12 members (under 10% of 128) it shrank to 16 buckets, and 5 of 16 is not sparse
    assertEquals(16, t.buckets());
    assertEquals(5, t.size());
  }

  @Test
  void hashtable_scan_visitsEveryMemberOnce() {
    SetHashtable t = new SetHashtable(0);
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      byte[] m = b("x" + i);
      t.add(m, 0, m.length);
      all.add("x" + i);
    }
    Set<String> seen = new HashSet<>();
    int[] visits = {0};
    long cursor = 0;
    do {
      cursor = t.scan(cursor, m -> {
        seen.add(new String(m, StandardCharsets.UTF_8));
        visits[0]++;
      });
    } while (cursor != 0);
    assertEquals(all, seen);
    assertEquals(500, visits[0]);
  }

  @Test
  void setValue_conversionAtLimitAndOnNonInteger() {
    SetValue v = SetValue.emptyIntset();
    assertTrue(v.add(b("1"), 0, 1, 2));
    assertTrue(v.add(b("2"), 0, 1, 2));
    assertEquals("intset", v.encoding());
    assertTrue(v.add(b("3"), 0, 1, 2));
    assertEquals("hashtable", v.encoding());
    assertEquals(3, v.size());
    SetValue w = SetValue.createFor(b("1"), 0, 1);
    w.add(b("1"), 0, 1, 512);
    assertEquals("intset", w.encoding());
    w.add(b("a"), 0, 1, 512);
    assertEquals("hashtable", w.encoding());
    assertTrue(w.contains(b("1"), 0, 1));
    SetValue d = w.duplicate();
    d.remove(b("1"), 0, 1);
    assertTrue(w.contains(b("1"), 0, 1));
    assertFalse(d.contains(b("1"), 0, 1));
  }
}
