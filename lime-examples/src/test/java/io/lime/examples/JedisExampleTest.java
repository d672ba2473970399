package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Example: testing code that uses Jedis against an in-process LIME server. Copy this class:
 * the annotation starts a server on a free port for the class and hands its port in.
 */
@LimeTest(manualClock = true, flushBetweenTests = true)
class JedisExampleTest {

  /** The code under test: a rate limiter allowing {@code limit} calls per minute per user. */
  static final class RateLimiter {
    private final JedisPooled redis;
    private final int limit;

    RateLimiter(JedisPooled redis, int limit) {
      this.redis = redis;
      this.limit = limit;
    }

    boolean allow(String user) {
      String key = "rate:" + user;
      long calls = redis.incr(key);
      if (calls == 1) {
        redis.expire(key, 60);
      }
      return calls <= limit;
    }
  }

  @Test
  void allow_overLimit_refusesUntilTheMinuteIsOver(@LimePort int port, LimeClock clock) {
    try (JedisPooled redis = new JedisPooled("127.0.0.1", port)) {
      RateLimiter limiter = new RateLimiter(redis, 2);
      assertEquals(true, limiter.allow("alice"));
      assertEquals(true, limiter.allow("alice"));
      assertEquals(false, limiter.allow("alice"));
      assertEquals(true, limiter.allow("bob"));

      clock.advance(Duration.ofSeconds(61));   // no sleeping: the server's clock moves
      assertNull(redis.get("rate:alice"));
      assertEquals(true, limiter.allow("alice"));
    }
  }
}
