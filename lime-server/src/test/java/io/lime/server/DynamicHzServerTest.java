package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dynamic-hz over a running server: with hz 1 and over 200 clients the frequency in force
 * (INFO hz) doubles while configured_hz stays, as Redis 7.0; dynamic-hz no restores it.
 */
class DynamicHzServerTest {
  private static String info(TestClient c, String field) {
    String info = TestClient.text(c.call("INFO", "server"));
    int at = info.indexOf("\r\n" + field + ":");
    assertTrue(at >= 0, info);
    int start = at + field.length() + 3;
    return info.substring(start, info.indexOf("\r\n", start));
  }

  @Test
  void manyClients_hzInForceDoubles_configuredStays() {
    List<TestClient> others = new ArrayList<>();
    try (LimeServer s = LimeServer.builder().ephemeralPort().args("--hz", "1").start();
        TestClient c = new TestClient(s.port())) {
      assertEquals("1", info(c, "hz"));
      assertEquals("1", info(c, "configured_hz"));
      for (int i = 0; i < 201; i++) { // 202 clients: 202 / 1 > 200
        TestClient o = new TestClient(s.port());
        others.add(o);
        assertEquals("PONG", TestClient.text(o.call("PING"))); // registered by the server
      }
      // The cron adapts at each run; a CONFIG SET of dynamic-hz adapts at once.
      assertEquals("OK", TestClient.text(c.call("CONFIG", "SET", "dynamic-hz", "no")));
      assertEquals("1", info(c, "hz"));
      assertEquals("OK", TestClient.text(c.call("CONFIG", "SET", "dynamic-hz", "yes")));
      assertEquals("2", info(c, "hz"));
      assertEquals("1", info(c, "configured_hz"));
      assertEquals("OK", TestClient.text(c.call("CONFIG", "SET", "hz", "10")));
      assertEquals("10", info(c, "hz"));
      assertEquals("10", info(c, "configured_hz"));
    } finally {
      others.forEach(TestClient::close);
    }
  }
}
