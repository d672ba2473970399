package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Jedis 5 against LIME: strings, keys, expiry (on the manual clock), pipelining, pooled
 * connections. Run once per protocol by {@link JedisResp2Test} and {@link JedisResp3Test}.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
abstract class JedisSuite {
  @LimePort int port;
  LimeClock clock;
  KeyValueStore store;
  Jedis jedis;

  abstract RedisProtocol protocol();

  DefaultJedisClientConfig.Builder config() {
    return DefaultJedisClientConfig.builder().protocol(protocol());
  }

  @BeforeEach
  void connect() {
    jedis = new Jedis(new HostAndPort("127.0.0.1", port), config().build());
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  @Test
  void connection_handshake_negotiatesProtocol() {
    assertEquals("PONG", jedis.ping());
    assertEquals("hi", jedis.echo("hi"));
    String info = jedis.clientInfo();
    String resp = protocol() == RedisProtocol.RESP3 ? "resp=3" : "resp=2";
    assertTrue(info.contains(resp), info);
    assertTrue(jedis.info("server").contains("redis_version:7.0.15"));
    assertEquals(Map.of("maxmemory", "0"), jedis.configGet("maxmemory"));
    jedis.clientSetname("suite");
    assertEquals("suite", jedis.clientGetname());
    assertEquals(2, jedis.time().size());
  }

  @Test
  void strings_setGetAndOptions_behaveAsRedis() {
    assertEquals("OK", jedis.set("k", "v"));
    assertEquals("v", jedis.get("k"));
    assertNull(jedis.set("k", "w", SetParams.setParams().nx()));
    assertEquals("OK", jedis.set("k", "w", SetParams.setParams().xx()));
    assertEquals("w", jedis.setGet("k", "x"));
    assertEquals(1, jedis.setnx("n", "1"));
    assertEquals(0, jedis.setnx("n", "2"));
    assertEquals(6, jedis.append("k", "yzabc"));
    assertEquals(6, jedis.strlen("k"));
    assertEquals("yza", jedis.getrange("k", 1, 3));
    assertEquals(6, jedis.setrange("k", 0, "X"));
    assertEquals("Xyzabc", jedis.getDel("k"));
    assertFalse(jedis.exists("k"));
    assertEquals("OK", jedis.mset("a", "1", "b", "2"));
    assertEquals(List.of("1", "2"), jedis.mget("a", "b"));
    assertEquals(java.util.Arrays.asList("1", null), jedis.mget("a", "missing"));
    assertEquals(0, jedis.msetnx("a", "9", "c", "3"));
    assertEquals("ohmytext", lcs());
  }

  private String lcs() {
    jedis.set("s1", "ohmytext");
    jedis.set("s2", "ohmytext");
    return jedis.lcs("s1", "s2", LCSParams.LCSParams()).getMatchString();
  }

  @Test
  void counters_incrDecrAndFloat_returnNewValues() {
    assertEquals(1, jedis.incr("c"));
    assertEquals(11, jedis.incrBy("c", 10));
    assertEquals(10, jedis.decr("c"));
    assertEquals(5, jedis.decrBy("c", 5));
    assertEquals(5.5, jedis.incrByFloat("c", 0.5));
    assertEquals("int", objectEncoding("i", "12"));
    assertEquals("embstr", objectEncoding("e", "hello"));
    jedis.set("text", "abc");
    JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.incr("text"));
    assertEquals("ERR value is not an integer or out of range", e.getMessage());
  }

  private String objectEncoding(String key, String value) {
    jedis.set(key, value);
    return jedis.objectEncoding(key);
  }

  @Test
  void keys_deleteRenameTypeScanCopy() {
    jedis.mset("user:1", "a", "user:2", "b", "other", "c");
    assertEquals(Set.of("user:1", "user:2"), new HashSet<>(jedis.keys("user:*")));
    assertEquals(3, jedis.exists("user:1", "user:2", "other"));
    assertEquals("string", jedis.type("other"));
    assertEquals("none", jedis.type("missing"));
    assertEquals("OK", jedis.rename("other", "renamed"));
    assertEquals(0, jedis.renamenx("renamed", "user:1"));
    assertTrue(jedis.copy("renamed", "copied", false));
    assertEquals("c", jedis.get("copied"));
    assertEquals(2, jedis.touch("copied", "renamed"));
    assertEquals(4, jedis.dbSize());
    assertEquals(scanAll("user:*"), Set.of("user:1", "user:2"));
    assertEquals(1, jedis.del("copied"));
    assertEquals(1, jedis.unlink("renamed"));
    assertTrue(Set.of("user:1", "user:2").contains(jedis.randomKey()));
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.rename("missing", "x"));
    assertEquals("ERR no such key", e.getMessage());
  }

  private Set<String> scanAll(String pattern) {
    Set<String> seen = new HashSet<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1));
      seen.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return seen;
  }

  @Test
  void databases_selectMoveSwap_isolateKeys() {
    jedis.set("k", "db0");
    assertEquals(1, jedis.move("k", 2));
    assertNull(jedis.get("k"));
    jedis.select(2);
    assertEquals("db0", jedis.get("k"));
    assertEquals("db0", store.database(2).get("k"));
    assertEquals("OK", jedis.swapDB(0, 2));
    assertNull(jedis.get("k"));
    assertEquals("db0", store.get("k"));
    assertEquals("OK", jedis.flushDB());
  }

  @Test
  void expiry_manualClock_keysExpireWithoutSleeping() {
    jedis.setex("session", 30, "alice");
    jedis.set("token", "t", SetParams.setParams().px(1500));
    jedis.set("forever", "x");
    assertEquals(30, jedis.ttl("session"));
    assertEquals(-1, jedis.ttl("forever"));
    assertEquals(-2, jedis.ttl("missing"));
    // EXPIRETIME rounds to the nearest second, as Redis's (ms + 500) / 1000
    assertEquals((clock.currentTimeMillis() + 30_000 + 500) / 1000, jedis.expireTime("session"));
    assertEquals(clock.currentTimeMillis() + 1500, jedis.pexpireTime("token"));

    clock.advance(Duration.ofMillis(1501));
    assertNull(jedis.get("token"));
    assertEquals(28_499, jedis.pttl("session"));
    assertEquals(1, jedis.expire("session", 100, ExpiryOption.GT));
    assertEquals(0, jedis.expire("session", 10, ExpiryOption.GT));
    assertEquals(1, jedis.expire("session", 10, ExpiryOption.LT));
    assertEquals(10, jedis.ttl("session"));

    clock.advance(Duration.ofSeconds(11));
    assertNull(jedis.get("session"));
    assertFalse(jedis.exists("session"));
    assertEquals(1, jedis.dbSize());

    assertEquals("x", jedis.getEx("forever", GetExParams.getExParams().ex(5)));
    assertEquals(5, jedis.ttl("forever"));
    assertEquals(1, jedis.persist("forever"));
    assertEquals(-1, jedis.ttl("forever"));
    assertEquals(1, jedis.pexpireAt("forever", clock.currentTimeMillis() + 100));
    clock.advance(Duration.ofMillis(101));
    assertEquals(0, jedis.dbSize());
  }

  @Test
  void collections_listsHashesSetsSortedSets_behaveAsRedis() {
    assertEquals(3, jedis.rpush("list", "a", "b", "c"));
    assertEquals(4, jedis.lpush("list", "z"));
    assertEquals(List.of("z", "a", "b", "c"), jedis.lrange("list", 0, -1));
    assertEquals("z", jedis.lpop("list"));
    assertEquals(List.of("c", "b"), jedis.rpop("list", 2));
    assertEquals(1, jedis.llen("list"));
    assertEquals("list", jedis.type("list"));

    assertEquals(2, jedis.hset("user:1", Map.of("name", "Ada", "visits", "1")));
    assertEquals(5, jedis.hincrBy("user:1", "visits", 4));
    assertEquals(Map.of("name", "Ada", "visits", "5"), jedis.hgetAll("user:1"));
    assertEquals(java.util.Arrays.asList("Ada", null), jedis.hmget("user:1", "name", "nope"));

    assertEquals(3, jedis.sadd("s1", "x", "y", "z"));
    jedis.sadd("s2", "y", "z", "w");
    assertEquals(Set.of("y", "z"), jedis.sinter("s1", "s2"));
    assertTrue(jedis.sismember("s1", "x"));

    jedis.zadd("board", Map.of("alice", 10.0, "bob", 7.5, "carol", 12.0));
    assertEquals(List.of("bob", "alice", "carol"), jedis.zrange("board", 0, -1));
    assertEquals(13.5, jedis.zincrby("board", 6, "bob"));
    assertEquals(List.of(new redis.clients.jedis.resps.Tuple("bob", 13.5)),
        jedis.zrevrangeWithScores("board", 0, 0));
    assertEquals(12.0, jedis.zscore("board", "carol"));
    assertEquals(1, jedis.zrank("board", "carol"));

    JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.get("board"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        e.getMessage());
  }

  @Test
  void blockingPop_pushFromAnotherConnection_wakesTheWaiter() throws Exception {
    java.util.concurrent.CompletableFuture<List<String>> popped =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try (Jedis waiter = new Jedis(new HostAndPort("127.0.0.1", port), config().build())) {
            return waiter.blpop(0, "jobs");   // waits without a timeout
          }
        });
    jedis.rpush("jobs", "job-1");
    assertEquals(List.of("jobs", "job-1"), popped.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, jedis.llen("jobs"));
  }

  @Test
  void pipeline_manyCommands_repliesInOrder() {
    List<Response<Long>> counts = new ArrayList<>();
    try (Pipeline p = jedis.pipelined()) {
      for (int i = 0; i < 100; i++) {
        counts.add(p.incr("counter"));
      }
      Response<String> last = p.get("counter");
      p.sync();
      assertEquals("100", last.get());
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i + 1, counts.get(i).get());
    }
  }

  @Test
  void pooled_clientFromPool_sharesServerWithStore() {
    store.set("seeded", "by-store");
    try (JedisPooled pooled = new JedisPooled(new HostAndPort("127.0.0.1", port),
        config().clientName("pooled").build())) {
      assertEquals("by-store", pooled.get("seeded"));
      pooled.set("written", "by-pool");
    }
    assertEquals("by-pool", store.get("written"));
  }
}
