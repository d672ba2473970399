package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lettuce 6 against a LIME server with {@code requirepass}: HELLO AUTH (RESP3), AUTH (RESP2). */
@LimeTest(config = "requirepass secret")
class LettuceAuthTest {
  @LimePort int port;

  private RedisClient client(ProtocolVersion protocol, String password) {
    RedisClient client = RedisClient.create(LettuceSuite.RESOURCES, RedisURI.builder().withHost("127.0.0.1")
        .withPort(port).withPassword(password.toCharArray()).build());
    client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
    return client;
  }

  @ParameterizedTest
  @EnumSource(ProtocolVersion.class)
  void password_configured_authenticatesInHandshake(ProtocolVersion protocol) {
    RedisClient client = client(protocol, "secret");
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      assertEquals("OK", c.sync().set("k", "v"));
      assertEquals("v", c.sync().get("k"));
    } finally {
      client.shutdown(0, 1, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(ProtocolVersion.class)
  void password_wrong_connectFails(ProtocolVersion protocol) {
    // Every attempt must fail. The cause names WRONGPASS, except when Lettuce loses a race of
    // its own (the handshake fails so fast that its handler is gone when the connect listener
    // looks for it: "RedisHandshakeHandler not registered"); so up to 5 attempts, and one of
    // them must report the server's WRONGPASS.
    String last = "";
    for (int attempt = 0; attempt < 5 && !last.contains("WRONGPASS"); attempt++) {
      RedisClient client = client(protocol, "wrong");
      try {
        RedisConnectionException e = assertThrows(RedisConnectionException.class, client::connect);
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        last = root.toString();
      } finally {
        client.shutdown(0, 1, TimeUnit.SECONDS);
      }
    }
    assertTrue(last.contains("WRONGPASS"), last);
  }
}
