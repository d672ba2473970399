package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.LimeException;
import io.lime.Scripting;
import io.lime.resp.RespValue;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deep and unbounded recursion in scripts: the event loops' stacks reach Lua 5.1's limits, and
 * a caller thread of the embedded API with a small stack gets an error, not a crash, with
 * every lock released.
 */
class ScriptRecursionServerTest {
  private static final String DEEP =
      "local function f(n) return n == 0 and 0 or 1 + f(n-1) end return f(tonumber(ARGV[1]))";
  private static final String UNBOUNDED =
      "local function f() redis.call('INCR', 'calls') return 1 + f() end return f()";

  @Test
  void loopThreads_recurseAsDeepAsLua51() {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         TestClient c = new TestClient(server.port())) {
      assertEquals(new RespValue.Integer(16000), c.call("EVAL", DEEP, "0", "16000"));
      String err = TestClient.text(c.call("EVAL", DEEP, "0", "100000"));
      assertTrue(err.startsWith("ERR user_script:1: stack overflow script: "), err);
      err = TestClient.text(c.call("EVAL", UNBOUNDED, "0"));
      assertTrue(err.startsWith("ERR user_script:1: stack overflow script: "), err);
      assertEquals(new RespValue.Integer(19_997), c.call("EVAL", DEEP, "0", "19997"));
      err = TestClient.text(c.call("EVAL", DEEP, "0", "19998"));
      assertTrue(err.startsWith("ERR user_script:1: stack overflow script: "), err);
      assertEquals("PONG", TestClient.text(c.call("PING")));
    }
  }

  @Test
  void smallCallerStack_failsCleanlyAndReleasesLocks() throws Exception {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         TestClient c = new TestClient(server.port())) {
      Scripting lua = server.store().scripting();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(null, () -> {
        try {
          for (int i = 0; i < 3; i++) {
            LimeException e = assertThrows(LimeException.class,
                () -> lua.eval(UNBOUNDED, List.of(), List.of()));
            assertTrue(e.getMessage().contains("stack overflow"), e.getMessage());
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "small-stack", 256L << 10);
      t.start();
      t.join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertEquals("OK", TestClient.text(c.call("SET", "k", "v")));
      assertEquals(new RespValue.Integer(3), c.call("EVAL", DEEP, "0", "3"));
      assertEquals(new RespValue.Integer(1), c.call("EXISTS", "calls"));
    }
  }
}
