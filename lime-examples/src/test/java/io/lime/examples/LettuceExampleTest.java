package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lime.KeyValueStore;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimeTest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Example: testing code that uses Lettuce against an in-process LIME server, seeding and
 * inspecting data through the server's {@link KeyValueStore} without a client.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
class LettuceExampleTest {
  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;

  /** The code under test: a cache of user profiles in front of a slow loader. */
  static final class ProfileCache {
    private final RedisCommands<String, String> redis;
    int loads;

    ProfileCache(RedisCommands<String, String> redis) {
      this.redis = redis;
    }

    String profile(String user) {
      String cached = redis.get("profile:" + user);
      if (cached != null) {
        return cached;
      }
      loads++;
      String loaded = "{\"name\":\"" + user + "\"}";
      redis.set("profile:" + user, loaded, SetArgs.Builder.ex(Duration.ofMinutes(5)));
      return loaded;
    }
  }

  @BeforeAll
  static void connect(URI uri) {   // redis://127.0.0.1:PORT
    client = RedisClient.create(uri.toString());
    connection = client.connect();
  }

  @AfterAll
  static void disconnect() {
    connection.close();
    client.shutdown(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void profile_cachedForFiveMinutes_thenReloaded(KeyValueStore store, LimeClock clock) {
    ProfileCache cache = new ProfileCache(connection.sync());
    assertEquals("{\"name\":\"alice\"}", cache.profile("alice"));
    assertEquals("{\"name\":\"alice\"}", cache.profile("alice"));
    assertEquals(1, cache.loads);
    assertEquals(300, store.ttl("profile:alice"));   // inspect without a client

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertNull(store.get("profile:alice"));
    cache.profile("alice");
    assertEquals(2, cache.loads);
  }

  @Test
  void profile_seededInStore_servedWithoutLoading(KeyValueStore store) {
    store.set("profile:bob", "{\"name\":\"Bob\"}");   // seed without a client
    ProfileCache cache = new ProfileCache(connection.sync());
    assertEquals("{\"name\":\"Bob\"}", cache.profile("bob"));
    assertEquals(0, cache.loads);
  }
}
