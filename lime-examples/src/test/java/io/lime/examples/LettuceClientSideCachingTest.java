package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import io.lime.KeyValueStore;
import io.lime.server.junit.LimeTest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Example: Lettuce's server-assisted client-side caching against LIME. Lettuce keeps values
 * in a local map and enables CLIENT TRACKING on a RESP3 connection; LIME pushes an
 * invalidation when a cached key changes, whoever changes it (another client, the embedded
 * API, expiry), and Lettuce drops its copy.
 */
@LimeTest
class LettuceClientSideCachingTest {
  RedisClient client;
  StatefulRedisConnection<String, String> connection;
  final Map<String, String> local = new ConcurrentHashMap<>();
  CacheFrontend<String, String> cache;

  @BeforeEach
  void connect(URI uri) {
    client = RedisClient.create(uri.toString());
    connection = client.connect();
    cache = ClientSideCaching.enable(CacheAccessor.forMap(local), connection,
        TrackingArgs.Builder.enabled());
  }

  @AfterEach
  void disconnect() {
    cache.close();
    client.shutdown(0, 1, TimeUnit.SECONDS);
  }

  /** Waits (bounded) until the invalidation pushed by the server reached the local map. */
  private void awaitEvicted(String key) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (local.containsKey(key) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void cachedValue_invalidatedWhenTheEmbeddedApiWrites(KeyValueStore store) {
    store.set("greeting", "hello");
    assertEquals("hello", cache.get("greeting")); // read from the server, kept locally
    assertEquals("hello", local.get("greeting"));

    store.set("greeting", "bonjour"); // not through Lettuce
    awaitEvicted("greeting");
    assertTrue(!local.containsKey("greeting"), "invalidation received");
    assertEquals("bonjour", cache.get("greeting"));
  }

  @Test
  void cachedValue_invalidatedWhenAnotherClientWrites() {
    connection.sync().set("counter", "1");
    assertEquals("1", cache.get("counter"));
    try (StatefulRedisConnection<String, String> other = client.connect()) {
      other.sync().incr("counter");
    }
    awaitEvicted("counter");
    assertEquals("2", cache.get("counter"));
  }
}
