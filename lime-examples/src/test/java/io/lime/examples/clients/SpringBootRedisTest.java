package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lime.KeyValueStore;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot 3 application context whose Redis auto-configuration (Lettuce) points at the
 * extension's server through {@code spring.data.redis.*} properties: no
 * {@code @ServiceConnection}, no container.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
@SpringBootTest(classes = SpringBootRedisTest.App.class,
    properties = {"spring.main.banner-mode=off", "logging.level.root=warn"})
@DirtiesContext
class SpringBootRedisTest {
  @LimePort static int port;   // set before the Spring context starts

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", () -> port);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class})
  static class App {}

  @Autowired RedisConnectionFactory connectionFactory;
  @Autowired StringRedisTemplate strings;
  @Autowired RedisTemplate<Object, Object> redisTemplate;
  @Autowired ReactiveStringRedisTemplate reactive;
  LimeClock clock;
  KeyValueStore store;

  @Test
  void autoConfiguration_lettuceFactory_pointsAtExtensionPort() {
    LettuceConnectionFactory lettuce =
        assertInstanceOf(LettuceConnectionFactory.class, connectionFactory);
    assertEquals(port, lettuce.getPort());
    assertEquals("PONG", strings.execute(c -> c.ping(), true));
  }

  @Test
  void stringTemplate_writes_visibleInStoreAndBack() {
    strings.opsForValue().set("from-spring", "1");
    assertEquals("1", store.get("from-spring"));
    store.set("from-store", "2");
    assertEquals("2", strings.opsForValue().get("from-store"));
    assertEquals(3L, strings.opsForValue().increment("from-spring", 2));
    assertEquals(List.of("3", "2"), strings.opsForValue().multiGet(List.of("from-spring", "from-store")));
  }

  @Test
  void redisTemplate_jdkSerializedValue_expiresOnManualClock() {
    redisTemplate.opsForValue().set("order:7", List.of("book", "pen"), Duration.ofMinutes(10));
    assertEquals(List.of("book", "pen"), redisTemplate.opsForValue().get("order:7"));
    assertEquals(600L, redisTemplate.getExpire("order:7"));
    clock.advance(Duration.ofMinutes(10).plusMillis(1));
    assertNull(redisTemplate.opsForValue().get("order:7"));
  }

  @Test
  void reactiveTemplate_setWithTtl_expires() {
    assertEquals(Boolean.TRUE,
        reactive.opsForValue().set("token", "abc", Duration.ofSeconds(5)).block());
    assertEquals("abc", reactive.opsForValue().get("token").block());
    assertEquals(Duration.ofSeconds(5), reactive.getExpire("token").block());
    clock.advance(Duration.ofSeconds(6));
    assertEquals(Boolean.FALSE, reactive.hasKey("token").block());
  }
}
