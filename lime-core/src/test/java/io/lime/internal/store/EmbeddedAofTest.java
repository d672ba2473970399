package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.ExpireCondition;
import io.lime.GetExOptions;
import io.lime.HashView;
import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.ListView;
import io.lime.SetOptions;
import io.lime.SetView;
import io.lime.SortedSetView;
import io.lime.SortedSetView.AddOptions;
import io.lime.SortedSetView.LexRange;
import io.lime.SortedSetView.ScoreRange;
import io.lime.persistence.AofOptions;
import io.lime.persistence.Persistence;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store with {@code Persistence.aof(dir)}: every typed write is logged, close
 * flushes, build replays to identical data (types, values, deadlines).
 */
class EmbeddedAofTest {
  private static final long T0 = 1_700_000_000_000L;
  private final AtomicLong clock = new AtomicLong(T0);
  @TempDir Path dir;

  private static final AofOptions ALWAYS = AofOptions.defaults().fsync(AofOptions.Fsync.ALWAYS);

  private KeyValueStore open(Persistence p) {
    return KeyValueStore.builder().ticker(clock::get).activeExpiryHz(0).persistence(p).build();
  }

  private KeyValueStore openAof() {
    return open(Persistence.aof(dir, ALWAYS));
  }

  /** Writes with {@code writes}, closes, reopens: same dump; returns the commands logged. */
  private List<String> roundTrip(Consumer<KeyValueStore> writes) throws Exception {
    String before;
    try (KeyValueStore s = openAof()) {
      writes.accept(s);
      before = dump(s);
      // appendfsync always: on disk before close
      assertFalse(incrCommands().isEmpty());
    }
    List<String> logged = incrCommands();
    try (KeyValueStore s = openAof()) {
      assertEquals(before, dump(s));
    }
    return logged;
  }

  private Path aofDir() {
    return dir.resolve("appendonlydir");
  }

  /** The commands of the current incr file, as "CMD arg arg". */
  private List<String> incrCommands() throws Exception {
    String manifest = Files.readString(aofDir().resolve("appendonly.aof.manifest"));
    String incr = null;
    for (String line : manifest.split("\n")) {
      String[] f = line.split(" ");
      if (f.length >= 6 && f[5].equals("i")) {
        incr = f[1];
      }
    }
    List<String> out = new ArrayList<>();
    for (RespValue v : RespDecoder.decodeAll(Files.readAllBytes(aofDir().resolve(incr)))) {
      StringBuilder sb = new StringBuilder();
      for (RespValue e : ((RespValue.Array) v).elements()) {
        sb.append(sb.length() == 0 ? "" : " ").append(((RespValue.Bulk) e).string());
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Every key of every database: type, deadline, value (sets and hashes sorted). */
  static String dump(KeyValueStore store) {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < 16; d++) {
      KeyValueStore db = store.database(d);
      List<String> keys = new ArrayList<>(db.keys("*"));
      Collections.sort(keys);
      for (String k : keys) {
        KeyType t = db.type(k);
        sb.append(d).append(' ').append(k).append(' ').append(t).append(" at=")
            .append(db.expireTime(k).map(Instant::toEpochMilli).orElse(-1L)).append(" = ");
        switch (t) {
          case STRING -> sb.append(db.get(k));
          case LIST -> sb.append(db.list(k).rangeStrings(0, -1));
          case SET -> sb.append(new java.util.TreeSet<>(db.set(k).memberStrings()));
          case HASH -> sb.append(new TreeMap<>(db.hash(k).getAll()));
          case ZSET -> sb.append(db.sortedSet(k).range(0, -1, false));
          default -> sb.append('?');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void strings_everyWrite_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      s.set("a", "1");
      s.set("ex", "v", SetOptions.defaults().expireIn(Duration.ofHours(1)));
      s.set("ex", "w", SetOptions.ifPresent().keepTtl());
      s.set("at", "v", SetOptions.defaults().expireAt(Instant.ofEpochMilli(T0 + 7_000_000)));
      s.setAndGet("a", "2", SetOptions.defaults());
      s.setIfAbsent("nx", "1");
      s.setEx("se", "v", Duration.ofMinutes(5));
      s.getSet("gs", "new");
      s.set("gd", "x");
      s.getDel("gd");
      s.set("ge", "x");
      s.getEx("ge", GetExOptions.expireIn(Duration.ofSeconds(90)));
      s.set("gp", "x", SetOptions.defaults().expireIn(Duration.ofSeconds(9)));
      s.getEx("gp", GetExOptions.persist());
      s.mset(Map.of("m1", "1", "m2", "2"));
      s.msetnx(Map.of("m3", "3"));
      s.append("m1", "23");
      s.setRange(b("m2"), 3, b("z"));
      s.incr("n");
      s.incrBy("n", 10);
      s.decr("n");
      s.decrBy("n", 3);
      s.set("fl", "1", SetOptions.defaults().expireIn(Duration.ofHours(2)));
      s.incrByFloat("fl", 0.1);
      s.database(7).set("db7", "x");
    });
    assertTrue(log.contains("SET ex v PXAT " + (T0 + 3_600_000)), log.toString());
    assertTrue(log.contains("SET fl 1.1 KEEPTTL"), log.toString());
    assertTrue(log.contains("PEXPIREAT ge " + (T0 + 90_000)), log.toString());
    assertTrue(log.contains("DEL gd"), log.toString());
    assertTrue(log.contains("SELECT 7"), log.toString());
  }

  @Test
  void keys_everyWrite_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      s.mset(Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
      s.delete("a");
      s.unlink("b");
      s.rename("c", "c2");
      s.renameNx("d", "d2");
      s.copy("c2", "c3", false);
      s.copy("c2", "c4", 2, true);
      s.move("d2", 3);
      s.expire("e", Duration.ofMinutes(3));
      s.expire("e", Duration.ofMinutes(10), ExpireCondition.GT);
      s.expireAt("c3", Instant.ofEpochMilli(T0 + 1_000_000));
      s.persist("c3");
      s.set("gone", "x");
      s.expire("gone", Duration.ofMillis(-5));
      s.database(9).set("x", "y");
      s.database(9).flushDb();
    });
    assertTrue(log.contains("PEXPIREAT e " + (T0 + 600_000)), log.toString());
    assertTrue(log.contains("DEL gone"), log.toString());
    assertTrue(log.contains("COPY c2 c4 DB 2 REPLACE"), log.toString());
    assertTrue(log.contains("FLUSHDB"), log.toString());
  }

  @Test
  void lists_everyWrite_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      ListView l = s.list("l");
      l.rightPush("a", "b", "c", "d", "e", "f");
      l.leftPush("z");
      l.leftPushIfExists("y");
      l.rightPushIfExists("g");
      l.leftPop();
      l.rightPop();
      l.leftPop(2);
      l.rightPop(1);
      l.set(0, "B");
      l.insert(true, "B", "x");
      l.remove(1, "x");
      l.trim(0, 1);
      l.move("m", ListView.End.LEFT, ListView.End.RIGHT);
      try {
        l.blockingLeftPop(Duration.ofSeconds(1));
        s.list("m").blockingMove(b("m2"), ListView.End.RIGHT, ListView.End.LEFT,
            Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      s.list("keep").rightPush("1", "2", "3");
    });
    assertTrue(log.contains("LMOVE m m2 RIGHT LEFT"), log.toString());
    assertFalse(log.stream().anyMatch(c -> c.startsWith("BL")), log.toString());
  }

  @Test
  void sets_everyWrite_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      SetView a = s.set("a");
      a.add("1", "2", "3", "4", "5", "6");
      a.remove("6");
      a.pop();
      a.pop(2);
      a.move(a.members().get(0), b("b"));
      s.set("c").add("x", "y", "z");
      s.set("u").storeUnion("a", "b", "c");
      s.set("i").storeIntersection("u", "c");
      s.set("d").storeDifference("u", "c");
      s.set("gone").add("p");
      s.set("gone").pop(5);
    });
    assertFalse(log.stream().anyMatch(c -> c.startsWith("SPOP")), log.toString());
    assertTrue(log.contains("DEL gone"), log.toString());
  }

  @Test
  void hashes_everyWrite_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      HashView h = s.hash("h");
      h.put("f", "v");
      h.putAll(Map.of("a", "1", "b", "2"));
      h.putIfAbsent("n", "1");
      h.delete("b");
      h.incrBy("c", 5);
      h.incrByFloat("fl", 0.1);
      h.incrByFloatText("fl", "2.5");
      s.hash("big").put(b("k"), new byte[100]); // hashtable encoding
    });
    assertTrue(log.stream().filter(c -> c.startsWith("HSET h fl ")).count() == 2, log.toString());
    assertFalse(log.stream().anyMatch(c -> c.startsWith("HINCRBYFLOAT")), log.toString());
  }

  @Test
  void sortedSets_everyWrite_replayedIdentically() throws Exception {
    roundTrip(s -> {
      SortedSetView z = s.sortedSet("z");
      z.add("a", 1);
      z.add("b", 0.1);
      z.add("c", Double.POSITIVE_INFINITY);
      z.add("d", -1e300);
      z.add("e", 1e-7);
      z.add(b("a"), 5, new AddOptions(false, true, true, false, true));
      z.incrBy(b("f"), 0.3, new AddOptions(true, false, false, false, false));
      z.incrBy("f", 0.1);
      z.remove("b");
      z.popMin(1);
      z.popMax(1);
      for (int i = 0; i < 10; i++) {
        z.add("r" + i, 100 + i);
      }
      z.removeRangeByRank(-2, -1);
      z.removeRangeByScore(new ScoreRange(100, true, 103, false));
      SortedSetView lex = s.sortedSet("lex");
      for (String m : List.of("a", "b", "c", "d", "e")) {
        lex.add(m, 0);
      }
      lex.removeRangeByLex(new LexRange(b("b"), false, b("d"), true));
      lex.removeRangeByLex(new LexRange(null, true, b("a"), false));
    });
  }

  @Test
  void transaction_loggedAsMultiExec_replayedIdentically() throws Exception {
    List<String> log = roundTrip(s -> {
      s.transaction(tx -> {
        tx.set("a", "1");
        tx.list("l").rightPush("x");
        tx.database(1).hash("h").put("f", "v");
        return null;
      });
      s.watch(List.of("a"), r -> r.get("a"), (tx, v) -> tx.set("a", v + "!"));
    });
    int multi = log.indexOf("MULTI");
    assertTrue(multi >= 0, log.toString());
    assertEquals(List.of("MULTI", "SET a 1", "RPUSH l x", "SELECT 1", "HSET h f v", "EXEC"),
        log.subList(multi, multi + 6));
    assertTrue(log.contains("SET a 1!"), log.toString());
  }

  @Test
  void everysec_closeFlushes_reopenHasData() {
    Persistence p = Persistence.aof(dir, AofOptions.defaults()); // everysec
    try (KeyValueStore s = open(p)) {
      for (int i = 0; i < 100; i++) {
        s.incr("n");
      }
    }
    try (KeyValueStore s = open(Persistence.aof(dir))) {
      assertEquals("100", s.get("n"));
    }
  }

  @Test
  void aofBaseAsCommands_customNames_reloaded() throws Exception {
    AofOptions o = ALWAYS.rdbPreamble(false).names("log", "store.aof").loadTruncated(false);
    try (KeyValueStore s = open(Persistence.aof(dir, o))) {
      s.set("k", "v");
    }
    assertTrue(Files.exists(dir.resolve("log").resolve("store.aof.manifest")));
    assertTrue(Files.exists(dir.resolve("log").resolve("store.aof.1.base.aof")));
    try (KeyValueStore s = open(Persistence.aof(dir, o))) {
      assertEquals("v", s.get("k"));
    }
  }

  @Test
  void rdbAndAof_loadsAofNotDumpRdb_andSavesBoth() throws Exception {
    Path rdb = dir.resolve("dump.rdb");
    // a dump.rdb with other data (as left by an earlier snapshot-only configuration)
    try (KeyValueStore s = open(Persistence.rdb(rdb))) {
      s.set("from-rdb", "1");
    }
    try (KeyValueStore s = open(Persistence.all(Persistence.rdb(rdb),
        Persistence.aof(dir, ALWAYS)))) {
      assertFalse(s.exists("from-rdb")); // new AOF: created from the empty data set
      s.set("from-aof", "1");
      s.sortedSet("z").add("m", 2);
    }
    try (KeyValueStore s = open(Persistence.rdb(rdb))) { // the snapshot saved on close
      assertEquals("1", s.get("from-aof"));
      assertFalse(s.exists("from-rdb"));
    }
    Files.delete(rdb);
    try (KeyValueStore s = open(Persistence.all(Persistence.rdb(rdb),
        Persistence.aof(dir, ALWAYS)))) {
      assertEquals("1", s.get("from-aof"));
      assertEquals(2.0, s.sortedSet("z").score("m"));
    }
  }

  @Test
  void options_invalid_rejected() {
    assertThrows(IllegalArgumentException.class, () -> AofOptions.defaults().names("a/b", "x"));
    assertThrows(IllegalArgumentException.class, () -> AofOptions.defaults().names("d", ".."));
    assertThrows(IllegalArgumentException.class, () -> AofOptions.defaults().autoRewrite(-1, 0));
    assertThrows(NullPointerException.class, () -> AofOptions.defaults().fsync(null));
  }
}
