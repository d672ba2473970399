package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.BitFieldSubCommands;
import org.springframework.data.redis.connection.BitFieldSubCommands.BitFieldType;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Spring Data Redis 3 over Lettuce against LIME: {@link StringRedisTemplate} and a
 * {@link RedisTemplate} with JDK-serialized values, over strings, keys and expiry.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
class SpringDataRedisTest {
  static LettuceConnectionFactory factory;
  static StringRedisTemplate strings;
  static RedisTemplate<String, Serializable> objects;
  LimeClock clock;
  KeyValueStore store;

  record Cart(String owner, List<String> items) implements Serializable {}

  @BeforeAll
  static void connect(@LimePort int port) {
    factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
    factory.afterPropertiesSet();
    factory.start();
    strings = new StringRedisTemplate(factory);
    objects = new RedisTemplate<>();
    objects.setConnectionFactory(factory);
    objects.setKeySerializer(RedisSerializer.string());
    objects.setValueSerializer(RedisSerializer.java());
    objects.afterPropertiesSet();
  }

  @AfterAll
  static void disconnect() {
    factory.destroy();
  }

  @Test
  void bitmapsAndHyperLogLog_templates_behaveAsRedis() {
    var ops = strings.opsForValue();
    assertEquals(Boolean.FALSE, ops.setBit("flags", 7, true));
    assertEquals(Boolean.TRUE, ops.getBit("flags", 7));
    assertEquals("\u0001", ops.get("flags"));
    List<Long> fields = ops.bitField("flags", BitFieldSubCommands.create()
        .set(BitFieldType.unsigned(8)).valueAt(8).to(200)
        .incr(BitFieldType.signed(8)).valueAt(8).by(100));
    assertEquals(List.of(0L, 44L), fields); // 200 as i8 is -56; -56 + 100 = 44
    assertTrue(store.getBit("flags", 7));
    assertEquals(4L, store.bitCount("flags")); // 0x01 and 44 = 0b00101100

    var hll = strings.opsForHyperLogLog();
    assertEquals(1L, hll.add("visitors", "a", "b", "c"));
    assertEquals(0L, hll.add("visitors", "a"));
    assertEquals(3L, hll.size("visitors"));
    hll.add("other", "c", "d");
    assertEquals(4L, hll.union("all", "visitors", "other"));
    assertEquals(4L, store.hyperLogLog("all").count());
  }

  @Test
  void stringTemplate_valueOps_behaveAsRedis() {
    var ops = strings.opsForValue();
    ops.set("greeting", "hello");
    assertEquals("hello", ops.get("greeting"));
    assertEquals(Boolean.FALSE, ops.setIfAbsent("greeting", "other"));
    assertEquals(Boolean.TRUE, ops.setIfPresent("greeting", "hi"));
    assertEquals("hi", ops.getAndSet("greeting", "hey"));
    assertEquals(6, ops.append("greeting", "!!!"));
    assertEquals("ey", ops.get("greeting", 1, 2));
    assertEquals(6L, ops.size("greeting"));
    assertEquals(5L, ops.increment("counter", 5));
    assertEquals(4L, ops.decrement("counter"));
    assertEquals(4.5, ops.increment("counter", 0.5));
    ops.multiSet(Map.of("a", "1", "b", "2"));
    assertEquals(java.util.Arrays.asList("1", "2", null), ops.multiGet(List.of("a", "b", "c")));
    assertEquals("hey!!!", ops.getAndDelete("greeting"));
    assertEquals("1", store.get("a"));
  }

  @Test
  void stringTemplate_keys_renameTypeScanDelete() {
    strings.opsForValue().multiSet(Map.of("user:1", "a", "user:2", "b", "other", "c"));
    assertEquals(Set.of("user:1", "user:2"), strings.keys("user:*"));
    assertEquals(Boolean.TRUE, strings.hasKey("other"));
    assertEquals(3L, strings.countExistingKeys(List.of("user:1", "user:2", "other")));
    assertEquals(DataType.STRING, strings.type("other"));
    strings.rename("other", "renamed");
    assertEquals(Boolean.FALSE, strings.renameIfAbsent("renamed", "user:1"));
    assertEquals(Boolean.TRUE, strings.copy("renamed", "copied", false));
    Set<String> scanned = new HashSet<>();
    try (Cursor<String> c = strings.scan(ScanOptions.scanOptions().match("user:*").count(1).build())) {
      c.forEachRemaining(scanned::add);
    }
    assertEquals(Set.of("user:1", "user:2"), scanned);
    assertEquals(2L, strings.delete(List.of("renamed", "copied")));
    assertEquals(Boolean.TRUE, strings.unlink("user:1"));
    assertEquals(Boolean.TRUE, strings.move("user:2", 3));
    assertEquals("b", store.database(3).get("user:2"));
    Long size = strings.execute(c -> c.serverCommands().dbSize(), true);
    assertEquals(0L, size);
  }

  @Test
  void stringTemplate_expiry_manualClock() {
    strings.opsForValue().set("session", "alice", Duration.ofSeconds(30));
    strings.opsForValue().set("forever", "x");
    assertEquals(30L, strings.getExpire("session"));
    assertEquals(30_000L, strings.getExpire("session", TimeUnit.MILLISECONDS));
    assertEquals(-1L, strings.getExpire("forever"));
    assertEquals(-2L, strings.getExpire("missing"));
    assertEquals(Boolean.TRUE, strings.opsForValue().setIfAbsent("lock", "me", Duration.ofSeconds(5)));
    assertEquals(Boolean.TRUE, strings.expire("forever", Duration.ofMillis(1500)));

    clock.advance(Duration.ofSeconds(5).plusMillis(1));
    assertNull(strings.opsForValue().get("lock"));
    assertNull(strings.opsForValue().get("forever"));
    assertEquals("alice", strings.opsForValue().getAndExpire("session", Duration.ofSeconds(2)));
    assertEquals(2L, strings.getExpire("session"));
    assertEquals(Boolean.TRUE, strings.persist("session"));
    assertEquals(Boolean.TRUE, strings.expireAt("session", clock.instant().plusSeconds(1)));
    clock.advance(Duration.ofMillis(1001));
    assertEquals(Boolean.FALSE, strings.hasKey("session"));
  }

  @Test
  void stringTemplate_collections_listHashSetZSet() {
    assertEquals(2L, strings.opsForList().rightPushAll("queue", "a", "b"));
    assertEquals("a", strings.opsForList().leftPop("queue"));
    assertEquals("b", strings.opsForList().leftPop("queue", Duration.ofSeconds(1)));
    strings.opsForHash().putAll("user:1", Map.of("name", "Ada", "visits", "1"));
    assertEquals(3L, strings.opsForHash().increment("user:1", "visits", 2));
    assertEquals(Map.of("name", "Ada", "visits", "3"), strings.opsForHash().entries("user:1"));
    assertEquals(2L, strings.opsForSet().add("tags", "x", "y"));
    assertEquals(Set.of("x", "y"), strings.opsForSet().members("tags"));
    strings.opsForZSet().add("board", "alice", 10);
    strings.opsForZSet().add("board", "bob", 7.5);
    assertEquals(Set.of("bob", "alice"), strings.opsForZSet().range("board", 0, -1));
    assertEquals(17.5, strings.opsForZSet().incrementScore("board", "bob", 10));
    assertEquals(DataType.ZSET, strings.type("board"));
  }

  @Test
  void stringTemplate_geoSortDumpRestore() {
    var geo = strings.opsForGeo();
    assertEquals(2L, geo.add("Sicily", Map.of(
        "Palermo", new org.springframework.data.geo.Point(13.361389, 38.115556),
        "Catania", new org.springframework.data.geo.Point(15.087269, 37.502669))));
    assertEquals(166.2742, geo.distance("Sicily", "Palermo", "Catania",
        org.springframework.data.redis.connection.RedisGeoCommands.DistanceUnit.KILOMETERS)
        .getValue(), 1e-9);
    assertEquals(List.of("sqc8b49rny0"), geo.hash("Sicily", "Palermo"));
    assertEquals(13.36138933897018433, geo.position("Sicily", "Palermo").get(0).getX(), 1e-12);
    var near = geo.search("Sicily",
        org.springframework.data.redis.domain.geo.GeoReference.fromCoordinate(15, 37),
        new org.springframework.data.geo.Distance(100,
            org.springframework.data.redis.connection.RedisGeoCommands.DistanceUnit.KILOMETERS),
        org.springframework.data.redis.connection.RedisGeoCommands.GeoSearchCommandArgs
            .newGeoSearchArgs().includeDistance().sortAscending());
    assertEquals("Catania", near.getContent().get(0).getContent().getName());
    assertEquals(56.4413, near.getContent().get(0).getDistance().getValue(), 1e-9);

    strings.opsForList().rightPushAll("ids", "3", "1", "2");
    strings.opsForValue().set("name_1", "one");
    strings.opsForValue().set("name_2", "two");
    strings.opsForValue().set("name_3", "three");
    assertEquals(List.of("one", "two", "three"), strings.sort(
        org.springframework.data.redis.core.query.SortQueryBuilder.sort("ids").get("name_*")
            .build()));

    byte[] payload = strings.dump("ids");
    strings.restore("ids:copy", payload, 0, TimeUnit.SECONDS);
    assertEquals(List.of("3", "1", "2"), strings.opsForList().range("ids:copy", 0, -1));
  }

  @Test
  void redisTemplate_serializedValues_roundTrip() {
    Cart cart = new Cart("alice", List.of("apple", "pear"));
    objects.opsForValue().set("cart:alice", cart, Duration.ofMinutes(30));
    assertEquals(cart, objects.opsForValue().get("cart:alice"));
    byte[] raw = store.get("cart:alice".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(RedisSerializer.java().serialize(cart), raw);
    assertEquals(1800L, objects.getExpire("cart:alice"));
    clock.advance(Duration.ofMinutes(31));
    assertNull(objects.opsForValue().get("cart:alice"));
    assertFalse(objects.hasKey("cart:alice"));
    assertTrue(objects.opsForValue().multiSetIfAbsent(Map.of("x", 1, "y", 2)));
    assertEquals(List.of(1, 2), objects.opsForValue().multiGet(List.of("x", "y")));
  }
}
