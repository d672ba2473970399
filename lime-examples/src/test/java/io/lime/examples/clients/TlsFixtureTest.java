package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lime.server.LimeTls;
import io.lime.server.junit.LimeTest;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Example: testing code that talks TLS to Redis. {@code @LimeTest(tls = true)} starts the
 * server with a TLS port and a certificate made for it; {@link LimeTls} hands the port and
 * the trust material to the clients (no certificate files to prepare).
 */
@LimeTest(tls = true, flushBetweenTests = true)
class TlsFixtureTest {

  @Test
  void jedis_trustsTheFixture(LimeTls tls) {
    try (JedisPooled jedis = new JedisPooled(new HostAndPort("localhost", tls.port()),
        DefaultJedisClientConfig.builder().ssl(true).sslSocketFactory(tls.socketFactory())
            .build())) {
      assertEquals("OK", jedis.set("k", "over tls"));
      assertEquals("over tls", jedis.get("k"));
    }
  }

  @Test
  void lettuce_trustsTheFixture(LimeTls tls) {
    RedisClient client = RedisClient.create(RedisURI.builder().withHost("localhost")
        .withPort(tls.port()).withSsl(true).build());
    client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
        .trustManager(tls.caCertificate().toFile()).build()).build());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      assertEquals("PONG", c.sync().ping());
    } finally {
      client.shutdown();
    }
  }
}
