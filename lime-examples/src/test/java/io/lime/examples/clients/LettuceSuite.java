package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lettuce 6 against LIME: the HELLO handshake, sync, async and reactive APIs over strings,
 * keys and expiry (on the manual clock). Run once per protocol by {@link LettuceResp3Test}
 * (Lettuce's default) and {@link LettuceResp2Test}.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
abstract class LettuceSuite {
  /** Netty threads shared by every test's client (creating them per test costs ~0.5 s). */
  static final ClientResources RESOURCES = DefaultClientResources.create();
  @LimePort int port;
  LimeClock clock;
  KeyValueStore store;
  RedisClient client;
  StatefulRedisConnection<String, String> connection;
  RedisCommands<String, String> redis;

  abstract ProtocolVersion protocol();

  @BeforeEach
  void connect() {
    client = RedisClient.create(RESOURCES, RedisURI.builder().withHost("127.0.0.1").withPort(port)
        .withClientName("lettuce-suite").build());
    client.setOptions(ClientOptions.builder().protocolVersion(protocol()).build());
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterEach
  void disconnect() {
    connection.close();
    client.shutdown(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void handshake_hello_negotiatesProtocolAndName() {
    String info = redis.clientInfo();
    assertTrue(info.contains(protocol() == ProtocolVersion.RESP3 ? "resp=3" : "resp=2"), info);
    assertTrue(info.contains("name=lettuce-suite"), info);
    assertEquals("lettuce-suite", redis.clientGetname());
    assertEquals("PONG", redis.ping());
    assertEquals(Map.of("maxmemory", "0"), redis.configGet("maxmemory"));
    assertTrue(redis.info("server").contains("redis_version:7.0.15"));
    assertEquals(2, redis.time().size());
  }

  @Test
  void sync_strings_behaveAsRedis() {
    assertEquals("OK", redis.set("k", "v"));
    assertNull(redis.set("k", "w", SetArgs.Builder.nx()));
    assertEquals("v", redis.setGet("k", "w"));
    assertEquals("w", redis.get("k"));
    assertEquals(4L, redis.append("k", "xyz"));
    assertEquals("xy", redis.getrange("k", 1, 2));
    assertEquals(4L, redis.strlen("k"));
    assertEquals("wxyz", redis.getdel("k"));
    assertEquals("OK", redis.mset(Map.of("a", "1", "b", "2")));
    assertEquals(List.of(KeyValue.just("a", "1"), KeyValue.empty("nope")), redis.mget("a", "nope"));
    assertFalse(redis.msetnx(Map.of("a", "3", "c", "3")));
    assertEquals(3L, redis.incrby("a", 2));
    assertEquals(2L, redis.decr("a"));
    assertEquals(2.25, redis.incrbyfloat("a", 0.25));
    assertEquals("int", encoding("i", "42"));
    assertEquals("embstr", encoding("e", "text"));
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
        () -> redis.incr("e"));
    assertEquals("ERR value is not an integer or out of range", e.getMessage());
  }

  private String encoding(String key, String value) {
    redis.set(key, value);
    return redis.objectEncoding(key);
  }

  @Test
  void sync_keys_renameTypeScanCopyMove() {
    redis.mset(Map.of("user:1", "a", "user:2", "b", "other", "c"));
    assertEquals(Set.of("user:1", "user:2"), new HashSet<>(redis.keys("user:*")));
    assertEquals(3L, redis.exists("user:1", "user:2", "other"));
    assertEquals("string", redis.type("other"));
    assertEquals("none", redis.type("missing"));
    assertEquals("OK", redis.rename("other", "renamed"));
    assertFalse(redis.renamenx("renamed", "user:1"));
    assertTrue(redis.copy("renamed", "copied"));
    assertEquals(4L, redis.dbsize());
    Set<String> scanned = new HashSet<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("user:*").limit(1));
      scanned.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    assertEquals(Set.of("user:1", "user:2"), scanned);
    assertTrue(redis.move("copied", 1));
    assertEquals("c", store.database(1).get("copied"));
    assertEquals(2L, redis.del("renamed", "missing", "user:1"));
    assertEquals(1L, redis.unlink("user:2"));
    assertEquals(0L, redis.dbsize());
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
        () -> redis.rename("missing", "x"));
    assertEquals("ERR no such key", e.getMessage());
  }

  @Test
  void sync_expiry_manualClock_keysExpireWithoutSleeping() {
    redis.set("session", "alice", SetArgs.Builder.ex(Duration.ofSeconds(30)));
    redis.setex("token", 2, "t");
    redis.set("forever", "x");
    assertEquals(30L, redis.ttl("session"));
    assertEquals(-1L, redis.ttl("forever"));
    assertEquals(-2L, redis.pttl("missing"));
    assertEquals((clock.currentTimeMillis() + 30_500) / 1000, redis.expiretime("session"));

    clock.advance(Duration.ofMillis(2001));
    assertNull(redis.get("token"));
    assertEquals(27_999L, redis.pttl("session"));
    assertTrue(redis.expire("session", 100, ExpireArgs.Builder.gt()));
    assertFalse(redis.expire("session", Duration.ofSeconds(10), ExpireArgs.Builder.gt()));
    assertTrue(redis.pexpire("session", Duration.ofSeconds(10)));

    clock.advance(Duration.ofSeconds(10).plusMillis(1));
    assertNull(redis.get("session"));
    assertEquals(0L, redis.exists("session"));
    assertEquals(1L, redis.dbsize());

    assertEquals("x", redis.getex("forever", GetExArgs.Builder.ex(Duration.ofSeconds(5))));
    assertEquals(5L, redis.ttl("forever"));
    assertTrue(redis.persist("forever"));
    assertTrue(redis.expireat("forever", clock.instant().plusSeconds(1)));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(0L, redis.dbsize());
  }

  @Test
  void sync_collections_listsHashesSetsSortedSets() {
    assertEquals(3L, redis.rpush("list", "a", "b", "c"));
    assertEquals(List.of("a", "b", "c"), redis.lrange("list", 0, -1));
    assertEquals("a", redis.lpop("list"));
    assertEquals(Map.of("name", "Ada", "visits", "1"),
        hset("user:1", Map.of("name", "Ada", "visits", "1")));
    assertEquals(4L, redis.hincrby("user:1", "visits", 3));
    assertEquals(3L, redis.sadd("tags", "x", "y", "z"));
    assertEquals(Set.of("x", "y", "z"), redis.smembers("tags"));
    assertEquals(3L, redis.zadd("board", 10.0, "alice", 7.5, "bob", 12.0, "carol"));
    assertEquals(List.of(io.lettuce.core.ScoredValue.just(12, "carol")),
        redis.zrevrangeWithScores("board", 0, 0));
    assertEquals(13.5, redis.zincrby("board", 6, "bob"));
    assertEquals(KeyValue.just("list", "b"), redis.blpop(1, "list"));
    RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
        () -> redis.get("board"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        e.getMessage());
  }

  private Map<String, String> hset(String key, Map<String, String> fields) {
    redis.hset(key, fields);
    return redis.hgetall(key);
  }

  @Test
  void async_pipelinedCommands_completeInOrder() throws Exception {
    RedisAsyncCommands<String, String> async = connection.async();
    List<CompletableFuture<Long>> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      replies.add(async.incr("counter").toCompletableFuture());
    }
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100; i++) {
      assertEquals(i + 1L, replies.get(i).get());
    }
    assertEquals("100", store.get("counter"));
  }

  @Test
  void reactive_setGetIncrAndExpiry_composeAsStreams() {
    RedisReactiveCommands<String, String> rx = connection.reactive();
    assertEquals("OK", rx.set("greeting", "hello", SetArgs.Builder.px(500)).block());
    assertEquals("hello", rx.get("greeting").block());
    Long last = Flux.range(0, 50).concatMap(i -> rx.incr("hits")).last().block();
    assertEquals(50L, last);
    assertEquals(List.of("hello", "50"),
        rx.mget("greeting", "hits").map(kv -> kv.getValue()).collectList().block());
    clock.advance(Duration.ofMillis(501));
    assertNull(rx.get("greeting").block());
    assertEquals(Boolean.FALSE, rx.exists("greeting").map(n -> n > 0).block());
    assertEquals("ERR value is not an integer or out of range",
        rx.set("t", "x").then(rx.incr("t")).map(String::valueOf)
            .onErrorResume(e -> Mono.just(e.getMessage())).block());
  }
}
