package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.redis.util.RedisLockRegistry;
import org.springframework.integration.redis.util.RedisLockRegistry.RedisLockType;

/**
 * Example: Spring Integration's {@link RedisLockRegistry} against LIME. A lock is a key set
 * and released by Lua scripts; the pub/sub lock type also waits for the release message.
 * Two registries on one server stand for two application instances.
 */
@LimeTest(flushBetweenTests = true)
class RedisLockRegistryTest {
  static LettuceConnectionFactory factory;
  // Given to the registries so that it outlives them: a pub/sub release message can still be
  // in flight to a registry's listener container when the test destroys the registry.
  static ExecutorService executor;

  @BeforeAll
  static void connect(@LimePort int port) {
    factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
    factory.afterPropertiesSet();
    factory.start();
    executor = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void close() {
    factory.destroy();
    executor.shutdown();
  }

  @ParameterizedTest
  @EnumSource(RedisLockType.class)
  void lock_heldLockRefusesOthersUntilUnlocked(RedisLockType type) throws Exception {
    RedisLockRegistry registry = new RedisLockRegistry(factory, "orders", 60_000);
    RedisLockRegistry otherInstance = new RedisLockRegistry(factory, "orders", 60_000);
    registry.setRedisLockType(type);
    otherInstance.setRedisLockType(type);
    registry.setExecutor(executor);
    otherInstance.setExecutor(executor);
    try {
      Lock lock = registry.obtain("order-42");
      lock.lock();
      StringRedisTemplate redis = new StringRedisTemplate(factory);
      assertTrue(Boolean.TRUE.equals(redis.hasKey("orders:order-42")));
      assertTrue(redis.getExpire("orders:order-42", TimeUnit.MILLISECONDS) > 0);

      // Another thread of this instance, and another instance, cannot take it while held.
      assertFalse(CompletableFuture.supplyAsync(() -> tryLock(registry))
          .get(10, TimeUnit.SECONDS));
      assertFalse(CompletableFuture.supplyAsync(() -> tryLock(otherInstance))
          .get(10, TimeUnit.SECONDS));
      // Nor can another instance release it.
      assertThrows(IllegalStateException.class, () -> otherInstance.obtain("order-42").unlock());

      lock.unlock();
      assertFalse(Boolean.TRUE.equals(redis.hasKey("orders:order-42")));

      // Free again: the other instance takes it (waiting at most a moment), then this one
      // waits in vain, and after the other's unlock locks again.
      assertTrue(CompletableFuture.supplyAsync(() -> {
        Lock other = otherInstance.obtain("order-42");
        boolean got = tryLock(otherInstance);
        if (got) {
          other.unlock();
        }
        return got;
      }).get(10, TimeUnit.SECONDS));
      lock.lock();
      assertTrue(Boolean.TRUE.equals(redis.hasKey("orders:order-42")));
      lock.unlock();
    } finally {
      registry.destroy();
      otherInstance.destroy();
    }
  }

  private static boolean tryLock(RedisLockRegistry registry) {
    try {
      return registry.obtain("order-42").tryLock(100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
