package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.HashView;
import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.OverflowException;
import io.lime.WrongTypeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed hash view over an embedded store. */
class HashViewTest {
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final KeyValueStore store =
      KeyValueStore.builder().ticker(clock::get).activeExpiryHz(0).build();
  private final HashView h = store.hash("h");

  @AfterEach
  void close() {
    store.close();
  }

  private String encodingOf(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    var engine = ((LocalKeyValueStore) store).engine();
    int hash = io.lime.internal.engine.Hashing.hash(k);
    var s = engine.db(0).shard(hash);
    s.lock();
    try {
      var e = s.find(k, hash, engine.now());
      return e == null ? "none" : io.lime.internal.type.HashType.encoding(e.value());
    } finally {
      s.unlock();
    }
  }

  @Test
  void put_get_roundTripsAndKeepsInsertionOrder() {
    assertTrue(h.put("b", "2"));
    assertTrue(h.put("a", "1"));
    assertFalse(h.put("b", "22"));
    assertEquals("22", h.get("b"));
    assertNull(h.get("zz"));
    assertEquals(List.of("b", "a"), h.keys());
    assertEquals(List.of("22", "1"), h.values());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("b", "22");
    expected.put("a", "1");
    assertEquals(expected, h.getAll());
    assertEquals(List.of("b", "a"), List.copyOf(h.getAll().keySet()));
    assertEquals(KeyType.HASH, store.type("h"));
  }

  @Test
  void binaryForms_areByteExact() {
    byte[] f = {0, (byte) 0xff};
    byte[] v = {1, 2, 3};
    HashView bin = store.hash(new byte[] {9, 9});
    assertTrue(bin.put(f, v));
    assertArrayEquals(v, bin.get(f));
    assertEquals(3, bin.strlen(f));
    assertTrue(bin.exists(f));
    assertArrayEquals(f, bin.keyBytes().get(0));
    assertArrayEquals(v, bin.valueBytes().get(0));
    assertArrayEquals(f, bin.entries().get(0).getKey());
    assertArrayEquals(new byte[] {9, 9}, bin.key());
  }

  @Test
  void missingKey_readsAreEmpty() {
    assertEquals(0, h.size());
    assertEquals(Map.of(), h.getAll());
    assertEquals(List.of(), h.keys());
    assertFalse(h.exists("f"));
    assertEquals(0, h.strlen("f"));
    assertNull(h.randomField());
    assertEquals(List.of(), h.randomFields(-3));
    assertEquals(Arrays.asList(null, null), h.getMany("a", "b"));
    assertEquals(0, h.delete("a"));
    assertTrue(h.scan(0, null, 10).isComplete());
    assertFalse(store.exists("h"));
  }

  @Test
  void putAll_countsNewFields_emptyMapCreatesNothing() {
    assertEquals(0, h.putAll(Map.of()));
    assertFalse(store.exists("h"));
    Map<String, String> m = new LinkedHashMap<>();
    m.put("x", "1");
    m.put("y", "2");
    assertEquals(2, h.putAll(m));
    m.put("z", "3");
    assertEquals(1, h.putAll(m));
    assertEquals(3, h.size());
  }

  @Test
  void putIfAbsent_existingField_false() {
    assertTrue(h.putIfAbsent("f", "1"));
    assertFalse(h.putIfAbsent("f", "2"));
    assertEquals("1", h.get("f"));
  }

  @Test
  void delete_lastField_removesKey() {
    h.put("a", "1");
    h.put("b", "2");
    assertEquals(2, h.delete("a", "b", "a"));
    assertFalse(store.exists("h"));
  }

  @Test
  void incrBy_errorsAsRedis() {
    assertEquals(5, h.incrBy("n", 5));
    assertEquals(-1, h.incrBy("n", -6));
    h.put("s", "abc");
    LimeException e = assertThrows(LimeException.class, () -> h.incrBy("s", 1));
    assertEquals("ERR hash value is not an integer", e.getMessage());
    h.put("max", Long.toString(Long.MAX_VALUE));
    assertThrows(OverflowException.class, () -> h.incrBy("max", 1));
  }

  @Test
  void incrByFloat_formatsAsRedis() {
    assertEquals("10.5", h.incrByFloatText("f", "10.5"));
    assertEquals("10.6", h.incrByFloatText("f", "0.1"));
    assertEquals(10.6, h.get("f") == null ? 0 : Double.parseDouble(h.get("f")));
    assertEquals(11.6, h.incrByFloat("f", 1.0));
    assertThrows(NotFloatException.class, () -> h.incrByFloat("f", Double.NaN));
    LimeException inf = assertThrows(LimeException.class,
        () -> h.incrByFloat("f", Double.POSITIVE_INFINITY));
    assertEquals("ERR value is NaN or Infinity", inf.getMessage());
    h.put("s", "x");
    LimeException nf = assertThrows(LimeException.class, () -> h.incrByFloat("s", 1));
    assertEquals("ERR hash value is not a float", nf.getMessage());
    HashView other = store.hash("other");
    assertThrows(LimeException.class, () -> other.incrByFloat("f", Double.NEGATIVE_INFINITY));
    assertFalse(store.exists("other"));
  }

  @Test
  void wrongType_everyMethodThrows() {
    store.set("h", "string");
    assertThrows(WrongTypeException.class, () -> h.put("f", "v"));
    assertThrows(WrongTypeException.class, () -> h.get("f"));
    assertThrows(WrongTypeException.class, () -> h.getAll());
    assertThrows(WrongTypeException.class, () -> h.size());
    assertThrows(WrongTypeException.class, () -> h.delete("f"));
    assertThrows(WrongTypeException.class, () -> h.incrBy("f", 1));
    assertThrows(WrongTypeException.class, () -> h.incrByFloat("f", 1));
    assertThrows(WrongTypeException.class, () -> h.putIfAbsent("f", "v"));
    assertThrows(WrongTypeException.class, () -> h.randomField());
    assertThrows(WrongTypeException.class, () -> h.scan(0, null, 10));
    assertEquals("string", store.get("h"));
  }

  @Test
  void randomFields_countRules() {
    for (int i = 0; i < 10; i++) {
      h.put("f" + i, "v" + i);
    }
    assertEquals(h.keys(), h.randomFields(100));
    List<String> five = h.randomFields(5);
    assertEquals(5, new HashSet<>(five).size());
    assertEquals(25, h.randomFields(-25).size());
    assertTrue(h.keys().contains(h.randomField()));
    for (Map.Entry<String, String> e : h.randomEntries(-20)) {
      assertEquals(h.get(e.getKey()), e.getValue());
    }
    assertEquals(List.of(), h.randomFields(0));
    assertThrows(IllegalArgumentException.class, () -> h.randomFields(Long.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> h.randomFields(-3_000_000_000L));
    assertThrows(IllegalArgumentException.class, () -> h.randomEntries(Long.MAX_VALUE));
  }

  @Test
  void scan_hashtable_coversAllFields() {
    ((LocalKeyValueStore) store).engine().limits().hashMaxListpackEntries = 16;
    for (int i = 0; i < 500; i++) {
      h.put("f" + i, "v");
    }
    assertEquals("hashtable", encodingOf("h"));
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      HashView.ScanPage page = h.scan(cursor, "f1*", 5);
      for (Map.Entry<byte[], byte[]> e : page.entries()) {
        seen.add(new String(e.getKey(), StandardCharsets.UTF_8));
      }
      cursor = page.cursor();
    } while (cursor != 0);
    assertEquals(111, seen.size()); // f1, f10..f19, f100..f199
    assertThrows(IllegalArgumentException.class, () -> h.scan(0, null, 0));
  }

  @Test
  void encoding_followsLimitsAndNeverConvertsBack() {
    var limits = ((LocalKeyValueStore) store).engine().limits();
    limits.hashMaxListpackValue = 4;
    h.put("a", "1234");
    assertEquals("listpack", encodingOf("h"));
    h.put("b", "12345");
    assertEquals("hashtable", encodingOf("h"));
    h.delete("b");
    assertEquals("hashtable", encodingOf("h"));
    limits.hashMaxListpackValue = 64;
    HashView g = store.hash("g");
    g.put("x", "12345");
    assertEquals("listpack", encodingOf("g"));
  }

  @Test
  void copyOfHash_isIndependent() {
    h.put("a", "1");
    assertTrue(store.copy("h", "h2", false));
    store.hash("h2").put("b", "2");
    assertEquals(1, h.size());
    assertEquals(2, store.hash("h2").size());
  }

  @Test
  void expiry_hashDisappears() {
    h.put("a", "1");
    store.expire("h", java.time.Duration.ofSeconds(1));
    clock.addAndGet(1001);
    assertEquals(0, h.size());
    assertNull(h.get("a"));
  }
}
