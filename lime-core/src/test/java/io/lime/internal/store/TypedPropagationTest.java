package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.ExpireCondition;
import io.lime.GetExOptions;
import io.lime.HashView;
import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.ListView;
import io.lime.SetOptions;
import io.lime.SetView;
import io.lime.SortedSetView;
import io.lime.SortedSetView.AddOptions;
import io.lime.SortedSetView.LexRange;
import io.lime.SortedSetView.ScoreRange;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the typed API hands to the persistence: for every write method, the command a client
 * would have sent, in the form the dispatcher propagates it (Redis 7.0's rewrites included).
 */
class TypedPropagationTest {
  private static final long T0 = 1_700_000_000_000L;
  private final AtomicLong clock = new AtomicLong(T0);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean wants = true;
  private KeyValueStore store;

  /** Records onWrite calls as "db:ARG ARG ...". */
  private final class Recorder implements Persistence {
    @Override
    public void open(PersistenceContext context) {}

    @Override
    public void onWrite(int db, byte[][] argv) {
      StringBuilder sb = new StringBuilder().append(db).append(':');
      for (int i = 0; i < argv.length; i++) {
        sb.append(i == 0 ? "" : " ").append(new String(argv[i], StandardCharsets.UTF_8));
      }
      log.add(sb.toString());
    }

    @Override
    public void close() {}

    @Override
    public boolean wantsCommands() {
      return wants;
    }
  }

  @BeforeEach
  void setUp() {
    store = KeyValueStore.builder().ticker(clock::get).activeExpiryHz(0).shards(4)
        .persistence(new Recorder()).build();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private List<String> logged(Runnable r) {
    log.clear();
    r.run();
    return List.copyOf(log);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void strings_eachWrite_loggedAsItsCommand() {
    long now = clock.get();
    assertEquals(List.of("0:SET k v"), logged(() -> store.set("k", "v")));
    assertEquals(List.of("0:SET k v PXAT " + (now + 10_000)),
        logged(() -> store.set("k", "v", SetOptions.defaults().expireIn(Duration.ofSeconds(10)))));
    assertEquals(List.of("0:SET k v PXAT 4000000000000"), logged(() -> store.set("k", "v",
        SetOptions.ifPresent().expireAt(Instant.ofEpochMilli(4_000_000_000_000L)))));
    assertEquals(List.of("0:SET k w XX KEEPTTL"),
        logged(() -> store.set("k", "w", SetOptions.ifPresent().keepTtl())));
    assertEquals(List.of(), logged(() -> store.set("k", "v", SetOptions.ifAbsent())));
    assertEquals(List.of("0:SET k x"),
        logged(() -> store.setAndGet("k", "x", SetOptions.defaults())));
    assertEquals(List.of("0:SETNX n 1"), logged(() -> store.setIfAbsent("n", "1")));
    assertEquals(List.of(), logged(() -> store.setIfAbsent("n", "1")));
    assertEquals(List.of("0:SET e v PXAT " + (now + 5)),
        logged(() -> store.setEx("e", "v", Duration.ofMillis(5))));
    assertEquals(List.of("0:GETSET k y"), logged(() -> store.getSet("k", "y")));
    assertEquals(List.of("0:DEL k"), logged(() -> store.getDel("k")));
    assertEquals(List.of(), logged(() -> store.getDel("k")));
    store.set("g", "v");
    assertEquals(List.of("0:PEXPIREAT g " + (now + 1000)),
        logged(() -> store.getEx("g", GetExOptions.expireIn(Duration.ofSeconds(1)))));
    assertEquals(List.of("0:PERSIST g"), logged(() -> store.getEx("g", GetExOptions.persist())));
    assertEquals(List.of(), logged(() -> store.getEx("g", GetExOptions.persist())));
    assertEquals(List.of("0:DEL g"), logged(() -> store.getEx("g",
        GetExOptions.expireAt(Instant.ofEpochMilli(now - 1)))));
    assertEquals(List.of("0:MSET a 1 b 2"), logged(() -> store.mset(b("a"), b("1"), b("b"), b("2"))));
    assertEquals(List.of(), logged(() -> store.msetnx(b("a"), b("3"), b("c"), b("4"))));
    assertEquals(List.of("0:MSETNX c 3 d 4"),
        logged(() -> store.msetnx(b("c"), b("3"), b("d"), b("4"))));
    assertEquals(List.of("0:APPEND a xy"), logged(() -> store.append("a", "xy")));
    assertEquals(List.of("0:SETRANGE a 1 Z"), logged(() -> store.setRange(b("a"), 1, b("Z"))));
    assertEquals(List.of("0:INCR i"), logged(() -> store.incr("i")));
    assertEquals(List.of("0:DECR i"), logged(() -> store.decr("i")));
    assertEquals(List.of("0:INCRBY i 5"), logged(() -> store.incrBy("i", 5)));
    assertEquals(List.of("0:DECRBY i 7"), logged(() -> store.decrBy("i", 7)));
    assertEquals(List.of(), logged(() -> assertThrows(LimeException.class, () -> store.incr("a"))));
    assertEquals(List.of("0:SET f 1.5 KEEPTTL"), logged(() -> store.incrByFloat("f", 1.5)));
  }

  @Test
  void keys_eachWrite_loggedAsItsCommand() {
    long now = clock.get();
    store.mset(Map.of("a", "1", "b", "2", "c", "3"));
    assertEquals(List.of("0:DEL a missing"), logged(() -> store.delete("a", "missing")));
    assertEquals(List.of(), logged(() -> store.delete("missing")));
    assertEquals(List.of("0:UNLINK b"), logged(() -> store.unlink("b")));
    store.set("a", "1");
    assertEquals(List.of("0:RENAME a r"), logged(() -> store.rename("a", "r")));
    assertEquals(List.of(), logged(() -> store.rename("r", "r")));
    assertEquals(List.of("0:RENAMENX r s"), logged(() -> store.renameNx("r", "s")));
    assertEquals(List.of(), logged(() -> store.renameNx("s", "c")));
    assertEquals(List.of("0:COPY s t"), logged(() -> store.copy("s", "t", false)));
    assertEquals(List.of("0:COPY s t REPLACE"), logged(() -> store.copy("s", "t", true)));
    assertEquals(List.of("0:COPY s t DB 3"), logged(() -> store.copy("s", "t", 3, false)));
    assertEquals(List.of("0:MOVE t 4"), logged(() -> store.move("t", 4)));
    assertEquals(List.of(), logged(() -> store.touch("s")));
    assertEquals(List.of("0:PEXPIREAT s " + (now + 100_000)),
        logged(() -> store.expire("s", Duration.ofSeconds(100))));
    assertEquals(List.of(), logged(() -> store.expire("s", Duration.ofSeconds(1), ExpireCondition.NX)));
    assertEquals(List.of("0:PEXPIREAT s 4000000000000"),
        logged(() -> store.expireAt("s", Instant.ofEpochMilli(4_000_000_000_000L))));
    assertEquals(List.of("0:PERSIST s"), logged(() -> store.persist("s")));
    assertEquals(List.of("0:DEL s"), logged(() -> store.expire("s", Duration.ofMillis(-1))));
    assertEquals(List.of("3:FLUSHDB"), logged(() -> store.database(3).flushDb()));
    assertEquals(List.of("5:FLUSHDB"), logged(() -> store.database(5).flushDb())); // forced
    assertEquals(List.of("2:SET x 1"), logged(() -> store.database(2).set("x", "1")));
  }

  @Test
  void lists_eachWrite_loggedAsItsCommand() {
    ListView l = store.list("l");
    assertEquals(List.of("0:RPUSH l a b c d"), logged(() -> l.rightPush("a", "b", "c", "d")));
    assertEquals(List.of("0:LPUSH l z"), logged(() -> l.leftPush("z")));
    assertEquals(List.of("0:LPUSHX l y"), logged(() -> l.leftPushIfExists("y")));
    assertEquals(List.of("0:RPUSHX l e"), logged(() -> l.rightPushIfExists("e")));
    assertEquals(List.of(), logged(() -> store.list("none").rightPushIfExists("e")));
    assertEquals(List.of("0:LPOP l"), logged(() -> l.leftPop()));
    assertEquals(List.of("0:RPOP l"), logged(() -> l.rightPopString()));
    assertEquals(List.of("0:LPOP l 2"), logged(() -> l.leftPop(2)));
    assertEquals(List.of("0:RPOP l 1"), logged(() -> l.rightPop(1)));
    assertEquals(List.of("0:LSET l 0 B"), logged(() -> l.set(0, "B")));
    assertEquals(List.of("0:LINSERT l AFTER B x"), logged(() -> l.insert(true, "B", "x")));
    assertEquals(List.of("0:LINSERT l BEFORE B w"), logged(() -> l.insert(false, "B", "w")));
    assertEquals(List.of(), logged(() -> l.insert(false, "nope", "w")));
    assertEquals(List.of("0:LREM l 0 x"), logged(() -> l.remove(0, "x")));
    assertEquals(List.of("0:LTRIM l 0 -2"), logged(() -> l.trim(0, -2)));
    l.rightPush("p", "q");
    assertEquals(List.of("0:LMOVE l m RIGHT LEFT"),
        logged(() -> l.move("m", ListView.End.RIGHT, ListView.End.LEFT)));
  }

  @Test
  void blockingPops_servedAtOnce_loggedAsPopOrMove() throws Exception {
    ListView l = store.list("l");
    l.rightPush("a", "b", "c");
    List<String> got = new ArrayList<>();
    log.clear();
    l.blockingLeftPop(Duration.ofSeconds(1));
    l.blockingRightPop(Duration.ZERO);
    l.blockingMove(b("m"), ListView.End.LEFT, ListView.End.RIGHT, Duration.ofSeconds(1));
    got.addAll(log);
    assertEquals(List.of("0:LPOP l", "0:RPOP l", "0:LMOVE l m LEFT RIGHT"), got);
  }

  @Test
  void blockingPop_servedByLaterPush_pushThenPop() throws Exception {
    ListView l = store.list("w");
    Thread popper = new Thread(() -> {
      try {
        l.blockingLeftPop(Duration.ZERO);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    popper.start();
    while (popper.getState() != Thread.State.WAITING && popper.isAlive()) {
      Thread.onSpinWait();
    }
    // the waiter is registered before the popper parks; push until it was served
    List<String> seen = new ArrayList<>();
    while (popper.isAlive()) {
      seen.addAll(logged(() -> store.list("w").rightPush("v")));
      popper.join(10);
    }
    assertTrue(seen.contains("0:MULTI") && seen.contains("0:LPOP w"), seen.toString());
    int push = seen.lastIndexOf("0:RPUSH w v");
    int pop = seen.indexOf("0:LPOP w");
    assertTrue(push >= 0 && push < pop && seen.get(pop + 1).equals("0:EXEC"), seen.toString());
  }

  @Test
  void sets_eachWrite_loggedAsItsCommand() {
    SetView s = store.set("s");
    assertEquals(List.of("0:SADD s a b c d"), logged(() -> s.add("a", "b", "c", "d")));
    assertEquals(List.of(), logged(() -> s.add("a")));
    assertEquals(List.of("0:SREM s a x"), logged(() -> s.remove("a", "x")));
    List<String> one = logged(() -> s.pop());
    assertEquals(1, one.size());
    assertTrue(one.get(0).matches("0:SREM s [bcd]"), one.toString());
    List<String> two = logged(() -> s.pop(1));
    assertTrue(two.get(0).matches("0:SREM s [bcd]"), two.toString());
    s.add("e", "f");
    assertEquals(List.of("0:SMOVE s t e"), logged(() -> s.move("e", "t")));
    store.set("u").add("1", "2");
    assertEquals(List.of("0:SUNIONSTORE dst s t u"),
        logged(() -> store.set("dst").storeUnion("s", "t", "u")));
    assertEquals(List.of("0:SINTERSTORE dst s u"),
        logged(() -> store.set("dst").storeIntersection("s", "u"))); // empty: dst deleted
    assertEquals(List.of(), logged(() -> store.set("dst").storeIntersection("s", "u")));
    assertEquals(List.of("0:SDIFFSTORE dst u s"),
        logged(() -> store.set("dst").storeDifference("u", "s")));
    assertEquals(List.of("0:DEL s"), logged(() -> s.pop(10)));
  }

  @Test
  void hashes_eachWrite_loggedAsItsCommand() {
    HashView h = store.hash("h");
    assertEquals(List.of("0:HSET h f v"), logged(() -> h.put("f", "v")));
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", "1");
    m.put("b", "2");
    assertEquals(List.of("0:HSET h a 1 b 2"), logged(() -> h.putAll(m)));
    assertEquals(List.of("0:HSETNX h n 1"), logged(() -> h.putIfAbsent("n", "1")));
    assertEquals(List.of(), logged(() -> h.putIfAbsent("n", "2")));
    assertEquals(List.of("0:HDEL h n x"), logged(() -> h.delete("n", "x")));
    assertEquals(List.of("0:HINCRBY h c 3"), logged(() -> h.incrBy("c", 3)));
    assertEquals(List.of("0:HSET h g 2.5"), logged(() -> h.incrByFloat("g", 2.5)));
    assertEquals(List.of("0:HSET h g 3"), logged(() -> h.incrByFloatText("g", "0.5")));
  }

  @Test
  void sortedSets_eachWrite_loggedAsItsCommand() {
    SortedSetView z = store.sortedSet("z");
    assertEquals(List.of("0:ZADD z 1 a"), logged(() -> z.add("a", 1)));
    assertEquals(List.of("0:ZADD z 2.5 b"), logged(() -> z.add(b("b"), 2.5, AddOptions.NONE)));
    assertEquals(List.of("0:ZADD z XX GT CH 3 a"),
        logged(() -> z.add(b("a"), 3, new AddOptions(false, true, true, false, true))));
    assertEquals(List.of(), logged(() -> z.add(b("a"), 3, new AddOptions(true, false, false, false, false))));
    assertEquals(List.of("0:ZADD z -inf m"), logged(() -> z.add("m", Double.NEGATIVE_INFINITY)));
    assertEquals(List.of("0:ZADD z 1.0E-5 t"), logged(() -> z.add("t", 1e-5)));
    assertEquals(List.of("0:ZADD z NX INCR 0.25 c"),
        logged(() -> z.incrBy(b("c"), 0.25, new AddOptions(true, false, false, false, false))));
    assertEquals(List.of("0:ZINCRBY z 2 c"), logged(() -> z.incrBy("c", 2)));
    assertEquals(List.of("0:ZREM z t x"), logged(() -> z.remove("t", "x")));
    assertEquals(List.of("0:ZPOPMIN z 1"), logged(() -> z.popMin(1)));
    assertEquals(List.of("0:ZPOPMAX z 1"), logged(() -> z.popMax(1)));
    z.add("p", 10);
    z.add("q", 20);
    assertEquals(List.of("0:ZREMRANGEBYSCORE z (9 inf"),
        logged(() -> z.removeRangeByScore(new ScoreRange(9, true, Double.POSITIVE_INFINITY, false))));
    z.add("a", 0);
    z.add("b", 0);
    assertEquals(List.of("0:ZREMRANGEBYLEX z [a (b"),
        logged(() -> z.removeRangeByLex(new LexRange(b("a"), false, b("b"), true))));
    assertEquals(List.of("0:ZREMRANGEBYLEX z - +"),
        logged(() -> z.removeRangeByLex(LexRange.all())));
    z.add("a", 0);
    assertEquals(List.of("0:ZREMRANGEBYRANK z 0 -1"), logged(() -> z.removeRangeByRank(0, -1)));
  }

  @Test
  void transaction_severalWrites_wrappedInMultiExec_oneWriteAlone() {
    assertEquals(List.of("0:MULTI", "0:SET a 1", "0:RPUSH l x", "2:SADD s m", "2:EXEC"),
        logged(() -> store.transaction(tx -> {
          tx.set("a", "1");
          tx.get("a");
          tx.list("l").rightPush("x");
          tx.database(2).set("s").add("m");
          return null;
        })));
    assertEquals(List.of("0:INCR n"), logged(() -> store.transaction(tx -> tx.incr("n"))));
    assertEquals(List.of(), logged(() -> store.transaction(tx -> tx.get("n"))));
    assertEquals(List.of("0:MULTI", "0:INCR n", "0:INCR n", "0:EXEC"), logged(() ->
        assertTrue(store.watch(List.of("n"), r -> r.get("n"), (tx, v) -> {
          tx.incr("n");
          tx.incr("n");
        }))));
  }

  @Test
  void respDoor_operationsBuildNoForm_clientsArgvLogged() {
    // over RESP the command as given is the form: the client's spelling reaches the log, and
    // the typed calls around it still log the forms their operations build
    assertEquals(List.of("0:LPUSH l a", "0:lpush l b", "0:sAdd s m", "0:INCR n", "0:incr n"),
        logged(() -> {
          store.list("l").leftPush(b("a"));
          store.call(b("lpush"), b("l"), b("b"));
          store.call(b("sAdd"), b("s"), b("m"));
          store.incr("n");
          store.call(b("incr"), b("n"));
        }));
    assertEquals(List.of("0:MULTI", "0:lpush l c", "0:RPUSH l d", "0:EXEC"),
        logged(() -> store.transaction(tx -> {
          tx.call(b("lpush"), b("l"), b("c"));
          return tx.list("l").rightPush(b("d"));
        })));
  }

  @Test
  void lazyExpiryInWrite_delBeforeCommand_readLeavesIt() {
    store.set("k", "v", SetOptions.defaults().expireIn(Duration.ofMillis(10)));
    clock.addAndGet(20);
    assertEquals(List.of(), logged(() -> store.get("k")));
    assertEquals(List.of("0:MULTI", "0:DEL k", "0:SET k w", "0:EXEC"),
        logged(() -> store.set("k", "w")));
  }

  @Test
  void publish_notLogged() {
    assertEquals(List.of(), logged(() -> store.publish("ch", "m")));
  }

  @Test
  void persistenceNotWantingCommands_nothingBuiltOrLogged() {
    wants = false;
    assertEquals(List.of(), logged(() -> {
      store.set("k", "v");
      store.hash("h").put("f", "v");
      store.transaction(tx -> tx.incr("n"));
    }));
    assertEquals("v", store.get("k"));
  }
}
