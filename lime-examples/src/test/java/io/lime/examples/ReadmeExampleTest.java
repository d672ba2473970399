package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lime.KeyValueStore;
import io.lime.server.junit.LimeClock;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The "Use it in tests" example of README.md, verbatim, so that it keeps compiling and passing. */
@LimeTest(manualClock = true)
class ReadmeExampleTest {
  @Test void session_expires(@LimePort int port, LimeClock clock, KeyValueStore store) {
    try (JedisPooled redis = new JedisPooled("127.0.0.1", port)) {
      redis.setex("session:1", 30, "alice");
      clock.advance(Duration.ofSeconds(31));          // keys expire without sleeping
      assertNull(redis.get("session:1"));
      assertEquals(0, store.dbSize());                // the server's data, in-process
    }
  }
}
