package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A script that loops forever on a server with ONE event loop (the client running it and the
 * others share a thread): the others are still served, with BUSY, and SCRIPT KILL, FUNCTION
 * KILL and SHUTDOWN NOSAVE work over the network, as Redis's processEventsWhileBlocked. No
 * step depends on timing: the other client polls (bounded) until it sees BUSY, which only
 * happens once the script runs past the threshold.
 */
class ScriptBusyOneLoopTest {
  static final String BUSY_EVAL = "BUSY Redis is busy running a script. You can only "
      + "call SCRIPT KILL or SHUTDOWN NOSAVE.";
  static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can "
      + "only call FUNCTION KILL or SHUTDOWN NOSAVE.";

  private LimeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start() {
    start("0");
  }

  private void start(String thresholdMillis) {
    server = LimeServer.builder().ephemeralPort().args("--lime-loops", "1",
        "--busy-reply-threshold", thresholdMillis).start();
  }

  /** Sends {@code args} until the reply is {@code busy} (the script runs); bounded. */
  static void awaitBusy(TestClient c, String busy, String... args) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String last = null;
    while (System.nanoTime() < deadline) {
      last = TestClient.text(c.call(args));
      if (busy.equals(last)) {
        return;
      }
    }
    throw new AssertionError("never busy; last reply " + last);
  }

  @Test
  void scriptKill_loopingScriptOneLoop_othersBusyThenKilled() {
    start();
    try (TestClient a = new TestClient(server.port());
         TestClient b = new TestClient(server.port())) {
      a.send("EVAL", "local i = 0 while true do pcall(function() i = i + 1 end) end", "0");
      awaitBusy(b, BUSY_EVAL, "GET", "k");
      try (TestClient late = new TestClient(server.port())) { // accepted while busy
        assertEquals(BUSY_EVAL, TestClient.text(late.call("PING")));
      }
      assertEquals(BUSY_EVAL, TestClient.text(b.call("FUNCTION", "KILL")));
      assertEquals(new RespValue.SimpleString("OK"), b.call("SCRIPT", "KILL"));
      String killed = TestClient.text(a.read());
      assertTrue(killed.startsWith("ERR Script killed by user with SCRIPT KILL... script: "),
          killed);
      assertEquals(new RespValue.SimpleString("PONG"), a.call("PING"));
      assertEquals("NOTBUSY No scripts in execution right now.",
          TestClient.text(b.call("SCRIPT", "KILL")));
      assertEquals(new RespValue.SimpleString("OK"), b.call("SET", "k", "v"));
    }
  }

  @Test
  void functionKill_loopingFunctionOneLoop_killed() {
    start("50"); // the others wait for the script until the threshold, then get BUSY
    try (TestClient a = new TestClient(server.port());
         TestClient b = new TestClient(server.port())) {
      assertEquals("l", TestClient.text(a.call("FUNCTION", "LOAD",
          "#!lua name=l\nredis.register_function('spin', function() while true do end end)")));
      a.send("FCALL", "spin", "0");
      awaitBusy(b, BUSY_FUNCTION, "PING");
      assertEquals(BUSY_FUNCTION, TestClient.text(b.call("SCRIPT", "KILL")));
      assertEquals(BUSY_FUNCTION, TestClient.text(b.call("SHUTDOWN")));
      assertEquals(new RespValue.SimpleString("OK"), b.call("FUNCTION", "KILL"));
      String killed = TestClient.text(a.read());
      assertTrue(killed.startsWith("ERR Script killed by user with SCRIPT KILL..."), killed);
      assertEquals(new RespValue.SimpleString("PONG"), b.call("PING"));
    }
  }

  @Test
  void shutdownNosave_scriptThatWrote_unkillableButServerStops() {
    start();
    try (TestClient a = new TestClient(server.port());
         TestClient b = new TestClient(server.port())) {
      a.send("EVAL", "redis.call('set', 'w', '1') while true do end", "0");
      awaitBusy(b, BUSY_EVAL, "GET", "w");
      assertEquals("UNKILLABLE Sorry the script already executed write commands against the "
          + "dataset. You can either wait the script termination or kill the server in a hard "
          + "way using the SHUTDOWN NOSAVE command.", TestClient.text(b.call("SCRIPT", "KILL")));
      assertEquals(BUSY_EVAL, TestClient.text(b.call("SHUTDOWN"))); // as Redis 7.0.15
      b.send("SHUTDOWN", "NOSAVE");
      assertTrue(b.closedByServer());
      // Redis exits: A sees the end of the stream; LIME may first answer the stopped script
      String last;
      try {
        last = TestClient.text(a.read());
      } catch (IllegalStateException | java.io.UncheckedIOException closed) {
        last = "closed";
      }
      assertTrue(last.equals("closed") || last.startsWith("ERR Script killed"), last);
      assertTrue(last.equals("closed") || a.closedByServer());
    }
  }
}
