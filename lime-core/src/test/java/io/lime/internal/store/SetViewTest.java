package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.ScanResult;
import io.lime.SetView;
import io.lime.WrongTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed set view of the embedded store. */
class SetViewTest {
  private final KeyValueStore store =
      KeyValueStore.builder().ticker(() -> 1_700_000_000_000L).activeExpiryHz(0).build();

  @AfterEach
  void close() {
    store.close();
  }

  private String encoding(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    try (io.lime.internal.engine.LockedKey locked = io.lime.internal.engine.LockedKey.lock(
        ((LocalKeyValueStore) store).engine().db(0), k, 1_700_000_000_000L)) {
      return io.lime.internal.type.KeyOps.encoding(locked);
    }
  }

  private static Set<String> strings(List<byte[]> members) {
    Set<String> out = new HashSet<>();
    for (byte[] m : members) {
      out.add(new String(m, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void addRemoveContains_behaveAsCommands() {
    SetView s = store.set("s");
    assertEquals(3, s.add("3", "1", "2", "1"));
    assertEquals(List.of("1", "2", "3"), List.copyOf(s.memberStrings()));
    assertEquals("intset", encoding("s"));
    assertTrue(s.contains("2"));
    assertFalse(s.contains("02"));
    assertArrayEquals(new boolean[] {true, false}, s.containsEach("1".getBytes(), "x".getBytes()));
    assertEquals(3, s.size());
    assertEquals(1, s.add("x"));
    assertEquals("hashtable", encoding("s"));
    assertEquals(2, s.remove("x", "1", "nope"));
    assertEquals(2, s.remove("2", "3"));
    assertFalse(store.exists("s"));
    assertEquals(0, s.size());
    assertEquals(0, s.add(new String[0]));
    assertFalse(store.exists("s"));
  }

  @Test
  void wrongType_throwsAndChangesNothing() {
    store.set("str", "v");
    SetView s = store.set("str");
    assertThrows(WrongTypeException.class, () -> s.add("1"));
    assertThrows(WrongTypeException.class, () -> s.contains("1"));
    assertThrows(WrongTypeException.class, s::members);
    assertThrows(WrongTypeException.class, () -> store.set("a").union("str"));
    store.set("a").add("1");
    assertThrows(WrongTypeException.class, () -> store.set("a").move("1", "str"));
    assertTrue(store.set("a").contains("1"));
    assertEquals("v", store.get("str"));
  }

  @Test
  void popAndRandom_takeFromTheSet() {
    SetView s = store.set("s");
    assertNull(s.pop());
    assertNull(s.randomMember());
    assertEquals(List.of(), s.pop(3));
    s.add("a", "b", "c", "d");
    String r = s.randomMemberString();
    assertTrue(Set.of("a", "b", "c", "d").contains(r));
    assertEquals(6, s.randomMembers(-6).size());
    assertEquals(3, new HashSet<>(strings(s.randomMembers(3))).size());
    assertEquals(4, s.randomMembers(10).size());
    String p = s.popString();
    assertFalse(s.contains(p));
    List<byte[]> two = s.pop(2);
    assertEquals(2, strings(two).size());
    assertEquals(1, s.size());
    assertEquals(1, s.pop(5).size());
    assertFalse(store.exists("s"));
    assertThrows(IllegalArgumentException.class, () -> s.pop(-1));
    assertThrows(IllegalArgumentException.class, () -> s.randomMembers(Long.MIN_VALUE));
  }

  @Test
  void move_createsDestinationAndDeletesEmptySource() {
    store.set("src").add("m");
    assertTrue(store.set("src").move("m", "dst"));
    assertFalse(store.exists("src"));
    assertTrue(store.set("dst").contains("m"));
    assertFalse(store.set("src").move("m", "dst"));
    assertTrue(store.set("dst").move("m", "dst"));
  }

  @Test
  void algebra_andStores_matchSetSemantics() {
    store.set("a").add("1", "2", "3", "x");
    store.set("b").add("2", "3", "4");
    store.set("c").add("3", "x");
    assertEquals(Set.of("3"), store.set("a").intersect("b", "c"));
    assertEquals(Set.of(), store.set("a").intersect("b", "missing"));
    assertEquals(2, store.set("a").intersectSize(0, "b".getBytes()));
    assertEquals(1, store.set("a").intersectSize(1, "b".getBytes()));
    assertEquals(Set.of("1", "2", "3", "4", "x"), store.set("a").union("b", "c"));
    assertEquals(Set.of("1"), store.set("a").difference("b", "c"));
    assertEquals(Set.of(), store.set("missing").difference("a"));
    assertEquals(List.of("2", "3", "4"), List.copyOf(store.set("b").union("b")));

    store.set("d", "string");
    assertEquals(2, store.set("d").storeIntersection("a", "b"));
    assertEquals("intset", encoding("d"));
    assertEquals(5, store.set("d").storeUnion("a", "b", "c"));
    assertEquals("hashtable", encoding("d"));
    assertEquals(1, store.set("d").storeDifference("a", "b", "c"));
    assertEquals(0, store.set("d").storeDifference("a", "a"));
    assertFalse(store.exists("d"));
    assertEquals(0, store.set("d").storeIntersection("a", "missing"));
  }

  @Test
  void scan_intsetWhole_hashtableComplete() {
    store.set("i").add("10", "2", "33");
    ScanResult r = store.set("i").scan(0, "?", 1);
    assertEquals(0, r.cursor());
    assertEquals(List.of("2"), r.keysAsStrings());
    SetView h = store.set("h");
    Set<String> all = new HashSet<>();
    for (int k = 0; k < 200; k++) {
      h.add("m" + k);
      all.add("m" + k);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      ScanResult step = h.scan(cursor, null, 10);
      seen.addAll(step.keysAsStrings());
      cursor = step.cursor();
    } while (cursor != 0);
    assertEquals(all, seen);
  }

  @Test
  void binaryKeysAndMembers_copied() {
    byte[] key = {0, 1, 2};
    byte[] member = {(byte) 0xff, 0};
    SetView s = store.set(key);
    s.add(member);
    member[0] = 1;
    key[0] = 9;
    assertArrayEquals(new byte[] {0, 1, 2}, s.key());
    List<byte[]> members = new ArrayList<>(s.members());
    assertArrayEquals(new byte[] {(byte) 0xff, 0}, members.get(0));
    members.get(0)[0] = 5;
    assertTrue(s.contains(new byte[] {(byte) 0xff, 0}));
  }
}
