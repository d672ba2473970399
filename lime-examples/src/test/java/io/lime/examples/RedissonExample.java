package io.lime.examples;

import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The Redisson examples' client: one per test class (an instance field, as the classes run in
 * parallel), of its server, with small pools.
 */
@LimeTest(flushBetweenTests = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedissonExample {
  RedissonClient redisson;

  @BeforeAll
  void connect(@LimePort int port) {
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:" + port)
        .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2)
        .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(1);
    redisson = Redisson.create(config);
  }

  @AfterAll
  void close() {
    redisson.shutdown();
  }
}
