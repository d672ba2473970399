package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ACL effects on live connections, as Redis 7.0: ACL SETUSER taking a channel away
 * disconnects that user's subscribers to it (others stay), ACL DELUSER disconnects the
 * user's clients.
 */
class AclServerTest {
  private LimeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void channelRevoked_subscriberDisconnected_deluserDisconnects() throws Exception {
    server = LimeServer.builder().ephemeralPort().args("--lime-loops", "1").start();
    try (TestClient admin = new TestClient(server.port());
        TestClient sub = new TestClient(server.port());
        TestClient other = new TestClient(server.port())) {
      assertEquals(new RespValue.SimpleString("OK"), admin.call("ACL", "SETUSER", "s", "on",
          "nopass", "~*", "+@all", "&news.*", "&x"));
      assertEquals(new RespValue.SimpleString("OK"), sub.call("AUTH", "s", "p"));
      sub.send("SUBSCRIBE", "news.1");
      sub.read();
      assertEquals(new RespValue.SimpleString("OK"), other.call("AUTH", "s", "p"));
      // adding a channel keeps the subscriber
      assertEquals(new RespValue.SimpleString("OK"), admin.call("ACL", "SETUSER", "s", "&y"));
      assertEquals(new RespValue.Integer(1), admin.call("PUBLISH", "news.1", "still"));
      // taking a channel it does not use away keeps it too
      assertEquals(new RespValue.SimpleString("OK"),
          admin.call("ACL", "SETUSER", "s", "resetchannels", "&news.*"));
      assertEquals(new RespValue.Integer(1), admin.call("PUBLISH", "news.1", "again"));
      assertEquals(new RespValue.SimpleString("OK"),
          admin.call("ACL", "SETUSER", "s", "resetchannels", "&other"));
      sub.read(); // the two messages published meanwhile
      sub.read();
      assertTrue(sub.closedByServer());
      assertEquals(new RespValue.SimpleString("PONG"), other.call("PING"));
      assertEquals(new RespValue.Integer(1), admin.call("ACL", "DELUSER", "s"));
      assertTrue(other.closedByServer());
    }
  }
}
