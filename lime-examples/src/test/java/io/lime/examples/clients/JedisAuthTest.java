package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Jedis 5 against a LIME server with {@code requirepass}: AUTH (RESP2) and HELLO AUTH (RESP3). */
@LimeTest(config = "requirepass secret")
class JedisAuthTest {
  @LimePort int port;

  @ParameterizedTest
  @EnumSource(RedisProtocol.class)
  void password_configured_authenticatesAtConnect(RedisProtocol protocol) {
    try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder().protocol(protocol).password("secret").build())) {
      assertEquals("OK", jedis.set("k", "v"));
      assertEquals("v", jedis.get("k"));
    }
  }

  @ParameterizedTest
  @EnumSource(RedisProtocol.class)
  void password_wrong_failsWithRedisText(RedisProtocol protocol) {
    JedisDataException e = assertThrows(JedisDataException.class, () -> {
      try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
          DefaultJedisClientConfig.builder().protocol(protocol).password("wrong").build())) {
        jedis.ping();
      }
    });
    assertTrue(e instanceof JedisAccessControlException
        || e.getMessage().startsWith("WRONGPASS"), e.toString());
    assertTrue(e.getMessage().contains(
        "WRONGPASS invalid username-password pair or user is disabled."), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(RedisProtocol.class)
  void password_missing_commandsGetNoauth(RedisProtocol protocol) {
    try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder().build())) {
      JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.get("k"));
      assertEquals("NOAUTH Authentication required.", e.getMessage());
    }
  }
}
