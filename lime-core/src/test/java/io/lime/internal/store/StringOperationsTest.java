package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.GetExOptions;
import io.lime.LimeException;
import io.lime.NotFloatException;
import io.lime.NotIntegerException;
import io.lime.OverflowException;
import io.lime.SetOptions;
import io.lime.StringOperations;
import io.lime.StringTooLongException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed string API over an engine with a manual clock (expiry without sleeping). */
class StringOperationsTest {
  static final long START = 1_700_000_000_000L;

  AtomicLong clock;
  Engine engine;
  StringOperations strings;

  @BeforeEach
  void setUp() {
    clock = new AtomicLong(START);
    engine = new Engine(16, 16, clock::get, 0);
    strings = new LocalStringOperations(engine, 0);
  }

  private void putOther(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, engine.now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, new Object());
    } finally {
      s.unlock();
    }
  }

  private String encoding(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = engine.db(0).shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, engine.now());
      return e == null ? "none" : StringType.encoding(e.value());
    } finally {
      s.unlock();
    }
  }

  @Test
  void setGet_roundTripsAndCopies() {
    byte[] v = {1, 2, 3};
    strings.set("k".getBytes(StandardCharsets.UTF_8), v);
    v[0] = 9;
    byte[] got = strings.get("k".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {1, 2, 3}, got);
    got[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, strings.get("k".getBytes(StandardCharsets.UTF_8)));
    strings.set("s", "héllo");
    assertEquals("héllo", strings.get("s"));
    assertNull(strings.get("missing"));
    assertEquals(2, engine.dirty());
  }

  @Test
  void set_withTtl_expiresOnTheTicker() {
    strings.set("k", "v", SetOptions.defaults().expireIn(Duration.ofMillis(1500)));
    clock.addAndGet(1500);
    assertEquals("v", strings.get("k")); // alive at its deadline, as in Redis (now > when)
    clock.addAndGet(1);
    assertNull(strings.get("k"));
    strings.setEx("e", "v", Duration.ofSeconds(2));
    clock.addAndGet(2001);
    assertNull(strings.get("e"));
  }

  @Test
  void set_expireAtPast_expiresImmediately() {
    strings.set("k", "v", SetOptions.defaults().expireAt(Instant.ofEpochMilli(1)));
    assertNull(strings.get("k"));
    strings.set("k", "v", SetOptions.defaults().expireAt(Instant.ofEpochMilli(START + 10)));
    clock.addAndGet(11);
    assertNull(strings.get("k"));
  }

  @Test
  void set_conditionsAndKeepTtl() {
    assertFalse(strings.set("k", "v", SetOptions.ifPresent()));
    assertNull(strings.get("k"));
    assertTrue(strings.set("k", "v", SetOptions.ifAbsent().expireIn(Duration.ofSeconds(10))));
    assertFalse(strings.set("k", "w", SetOptions.ifAbsent()));
    assertTrue(strings.set("k", "w", SetOptions.ifPresent().keepTtl()));
    clock.addAndGet(10_001);
    assertNull(strings.get("k"));
    assertTrue(strings.setIfAbsent("k", "x"));
    assertFalse(strings.setIfAbsent("k", "y"));
    assertEquals("x", strings.get("k"));
  }

  @Test
  void setAndGet_returnsOldEvenWhenConditionFails() {
    assertNull(strings.setAndGet("k", "v", SetOptions.ifAbsent()));
    assertEquals("v", strings.setAndGet("k", "w", SetOptions.ifAbsent()));
    assertEquals("v", strings.get("k"));
    assertEquals("v", strings.setAndGet("k", "w", SetOptions.defaults()));
    putOther("l");
    assertThrows(WrongTypeException.class, () -> strings.setAndGet("l", "v", SetOptions.defaults()));
    strings.set("l", "v");
    assertEquals("v", strings.get("l"));
  }

  @Test
  void options_rejectNonPositiveTimes() {
    assertThrows(IllegalArgumentException.class, () -> SetOptions.defaults().expireIn(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> SetOptions.defaults().expireIn(Duration.ofNanos(10)));
    assertThrows(IllegalArgumentException.class, () -> SetOptions.defaults().expireIn(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> SetOptions.defaults().expireAt(Instant.EPOCH));
    assertThrows(IllegalArgumentException.class, () -> GetExOptions.expireIn(Duration.ZERO));
    LimeException overflow = assertThrows(LimeException.class,
        () -> strings.set("k", "v", SetOptions.defaults().expireIn(Duration.ofMillis(Long.MAX_VALUE))));
    assertEquals("ERR invalid expire time in 'set' command", overflow.getMessage());
  }

  @Test
  void getSetGetDelGetEx() {
    assertNull(strings.getSet("k", "v"));
    strings.set("k", "v", SetOptions.defaults().expireIn(Duration.ofSeconds(5)));
    assertEquals("v", strings.getSet("k", "w"));
    clock.addAndGet(5001);
    assertEquals("w", strings.get("k"));
    assertEquals("w", strings.getDel("k"));
    assertNull(strings.getDel("k"));
    assertNull(strings.getEx("k", GetExOptions.persist()));
    strings.set("k", "v");
    assertEquals("v", strings.getEx("k", GetExOptions.expireIn(Duration.ofSeconds(1))));
    assertEquals("v", strings.getEx("k", GetExOptions.persist()));
    clock.addAndGet(1001);
    assertEquals("v", strings.get("k"));
    assertEquals("v", strings.getEx("k", GetExOptions.expireAt(Instant.ofEpochMilli(1))));
    assertNull(strings.get("k"));
    putOther("l");
    assertThrows(WrongTypeException.class, () -> strings.getDel("l"));
    assertThrows(WrongTypeException.class, () -> strings.getSet("l", "x"));
    assertThrows(WrongTypeException.class, () -> strings.getEx("l", GetExOptions.persist()));
  }

  @Test
  void msetMgetMsetnx() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", "1");
    m.put("b", "2");
    strings.mset(m);
    putOther("l");
    assertEquals(Arrays.asList("1", "2", null, null), strings.mget("a", "b", "l", "nokey"));
    assertFalse(strings.msetnx(Map.of("x", "1", "a", "2")));
    assertNull(strings.get("x"));
    assertTrue(strings.msetnx(Map.of("x", "1", "y", "2")));
    strings.mset("p".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8),
        "p".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8));
    List<byte[]> got = strings.mget("p".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("2".getBytes(StandardCharsets.UTF_8), got.get(0));
    assertThrows(IllegalArgumentException.class, () -> strings.mset(new byte[1][]));
    assertThrows(IllegalArgumentException.class, () -> strings.mget(new byte[0][]));
  }

  @Test
  void incrFamily_semanticsAndErrors() {
    assertEquals(1, strings.incr("n"));
    assertEquals(11, strings.incrBy("n", 10));
    assertEquals(1, strings.decrBy("n", 10));
    assertEquals(0, strings.decr("n"));
    assertEquals("int", encoding("n"));
    strings.set("s", "01");
    assertThrows(NotIntegerException.class, () -> strings.incr("s"));
    strings.set("max", String.valueOf(Long.MAX_VALUE));
    OverflowException o = assertThrows(OverflowException.class, () -> strings.incr("max"));
    assertEquals(OverflowException.INCR_OVERFLOW, o.getMessage());
    OverflowException d = assertThrows(OverflowException.class, () -> strings.decrBy("n", Long.MIN_VALUE));
    assertEquals(OverflowException.DECR_OVERFLOW, d.getMessage());
    putOther("l");
    assertThrows(WrongTypeException.class, () -> strings.incr("l"));
    strings.set("t", "5", SetOptions.defaults().expireIn(Duration.ofSeconds(1)));
    assertEquals(6, strings.incr("t"));
    clock.addAndGet(1001);
    assertNull(strings.get("t"));
  }

  @Test
  void incrByFloat_semanticsAndErrors() {
    strings.set("f", "10.5");
    assertEquals(10.6, strings.incrByFloat("f", 0.1));
    assertEquals("10.6", strings.get("f")); // 0.1 is sent as its shortest text, as clients do
    assertEquals(1.0E20, strings.incrByFloat("g", 1e20));
    assertEquals("100000000000000000000", strings.get("g"));
    assertEquals("embstr", encoding("f"));
    assertThrows(NotFloatException.class, () -> strings.incrByFloat("f", Double.NaN));
    OverflowException inf = assertThrows(OverflowException.class,
        () -> strings.incrByFloat("f", Double.POSITIVE_INFINITY));
    assertEquals(OverflowException.NAN_OR_INFINITY, inf.getMessage());
    strings.set("s", "abc");
    assertThrows(NotFloatException.class, () -> strings.incrByFloat("s", 1));
    assertEquals(3, strings.incrByFloat("new", 3));
    assertEquals("3", strings.get("new"));
  }

  @Test
  void appendStrlenRanges() {
    assertEquals(3, strings.append("k", "abc"));
    assertEquals(6, strings.append("k", "def"));
    assertEquals("raw", encoding("k"));
    assertEquals(6, strings.strlen("k"));
    assertEquals(0, strings.strlen("nokey"));
    assertArrayEquals("cde".getBytes(StandardCharsets.UTF_8),
        strings.getRange("k".getBytes(StandardCharsets.UTF_8), 2, -2));
    assertArrayEquals(new byte[0], strings.getRange("nokey".getBytes(StandardCharsets.UTF_8), 0, -1));
    byte[] key = "r".getBytes(StandardCharsets.UTF_8);
    assertEquals(5, strings.setRange(key, 3, "xy".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(new byte[] {0, 0, 0, 'x', 'y'}, strings.get(key));
    assertEquals(0, strings.setRange("nokey".getBytes(StandardCharsets.UTF_8), 10, new byte[0]));
    assertNull(strings.get("nokey"));
    assertThrows(IllegalArgumentException.class, () -> strings.setRange(key, -1, new byte[1]));
    assertThrows(StringTooLongException.class,
        () -> strings.setRange(key, 512L * 1024 * 1024, new byte[1]));
    putOther("l");
    assertThrows(WrongTypeException.class, () -> strings.append("l", "x"));
    assertThrows(WrongTypeException.class, () -> strings.strlen("l"));
    assertThrows(WrongTypeException.class, () -> strings.getRange("l".getBytes(StandardCharsets.UTF_8), 0, 1));
  }

  @Test
  void append_respectsConfiguredLimit() {
    StringOperations small = new LocalStringOperations(engine, 1, () -> 8);
    assertEquals(5, small.append("k", "12345"));
    assertThrows(StringTooLongException.class, () -> small.append("k", "6789"));
    assertEquals("12345", small.get("k"));
    assertEquals(8, small.append("k", "678"));
  }

  @Test
  void incr_fromManyThreads_losesNoUpdate() throws Exception {
    int threads = 4;
    int each = 5_000;
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        for (int n = 0; n < each; n++) {
          strings.incr("counter");
          strings.append("log", "x");
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(String.valueOf(threads * each), strings.get("counter"));
    assertEquals(threads * each, strings.strlen("log"));
  }

  @Test
  void constructor_rejectsBadDatabase() {
    assertThrows(IllegalArgumentException.class, () -> new LocalStringOperations(engine, 16));
    assertThrows(IllegalArgumentException.class, () -> new LocalStringOperations(engine, -1));
  }
}
