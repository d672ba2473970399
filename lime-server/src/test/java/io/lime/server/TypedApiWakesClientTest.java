package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.resp.RespValue;
import org.junit.jupiter.api.Test;

/** A RESP client blocked in BLPOP/BZPOPMIN is woken by a push through the typed API. */
class TypedApiWakesClientTest {

  private static void awaitBlocked(TestClient control, int n) {
    while (!TestClient.text(control.call("INFO", "clients")).contains("blocked_clients:" + n)) {
      Thread.onSpinWait();
    }
  }

  @Test
  void blpop_wokenByTypedRightPush() {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         TestClient waiter = new TestClient(server.port());
         TestClient control = new TestClient(server.port())) {
      waiter.send("BLPOP", "jobs", "0");
      awaitBlocked(control, 1);
      server.store().list("jobs").rightPush("job-1");
      assertEquals(RespValue.array(RespValue.bulk("jobs"), RespValue.bulk("job-1")), waiter.read());
      assertEquals(0L, server.store().list("jobs").size());
    }
  }

  @Test
  void bzpopmin_wokenByTypedAdd() {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         TestClient waiter = new TestClient(server.port());
         TestClient control = new TestClient(server.port())) {
      waiter.send("BZPOPMIN", "board", "0");
      awaitBlocked(control, 1);
      server.store().sortedSet("board").add("ada", 3.0);
      assertEquals(RespValue.array(RespValue.bulk("board"), RespValue.bulk("ada"),
          RespValue.bulk("3")), waiter.read());
    }
  }
}
