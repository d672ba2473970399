package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Example: a Bucket4j rate limiter whose buckets live in LIME (Lettuce proxy manager, the
 * bucket state swapped by compare-and-set Lua scripts). Bucket4j's clock and the server's are
 * one manual {@link LimeClock}, so refill and key expiry happen when the test moves time.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
class Bucket4jRateLimiterTest {
  static RedisClient client;
  static StatefulRedisConnection<String, byte[]> connection;
  LimeClock clock;

  @BeforeAll
  static void connect(@LimePort int port) {
    client = RedisClient.create("redis://127.0.0.1:" + port);
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  @AfterAll
  static void close() {
    connection.close();
    client.shutdown();
  }

  private ProxyManager<String> proxyManager() {
    LimeClock c = clock;
    TimeMeter limeTime = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(c.currentTimeMillis());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    return Bucket4jLettuce.casBasedBuilder(connection)
        .clientClock(limeTime)
        .expirationAfterWrite(ExpirationAfterWriteStrategy
            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .build();
  }

  @Test
  void bucket_allowsCapacityThenRefusesUntilRefill() {
    BucketConfiguration fivePerMinute = BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(5).refillIntervally(5, Duration.ofMinutes(1)))
        .build();
    BucketProxy bucket = proxyManager().getProxy("api:alice", () -> fivePerMinute);
    for (int i = 0; i < 5; i++) {
      assertTrue(bucket.tryConsume(1), "token " + i);
    }
    ConsumptionProbe refused = bucket.tryConsumeAndReturnRemaining(1);
    assertFalse(refused.isConsumed());
    assertEquals(Duration.ofMinutes(1).toNanos(), refused.getNanosToWaitForRefill());
    assertTrue(connection.sync().pttl("api:alice") > 0); // state kept in LIME, with a TTL

    // Another client of the same server sees the same empty bucket.
    BucketProxy sameKey = proxyManager().getProxy("api:alice", () -> fivePerMinute);
    assertEquals(0, sameKey.getAvailableTokens());
    // Other keys are separate buckets.
    assertTrue(proxyManager().getProxy("api:bob", () -> fivePerMinute).tryConsume(5));

    clock.advance(Duration.ofSeconds(59));
    assertFalse(bucket.tryConsume(1));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(5, bucket.getAvailableTokens());
    assertTrue(bucket.tryConsume(5));
    assertFalse(bucket.tryConsume(1));

    // Untouched past its refill time plus the keep-alive, the bucket key expires.
    clock.advance(Duration.ofMinutes(2));
    assertEquals(0, connection.sync().exists("api:alice"));
  }
}
