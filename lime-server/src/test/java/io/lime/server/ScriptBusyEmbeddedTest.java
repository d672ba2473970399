package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.LimeException;
import io.lime.resp.RespValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A script run through the embedded typed API ({@code KeyValueStore.scripting()}) is the
 * server's running script for its network clients: past busy-reply-threshold they get BUSY,
 * and SCRIPT KILL / FUNCTION KILL from a network client stop it (the embedded call then fails
 * with Redis's killed-script error). No step depends on timing: the network client polls
 * (bounded) with PING, which takes no key lock, until it sees BUSY (a key command sent just
 * before the script took every shard lock waits for the script instead, its loop serving the
 * others meanwhile: see {@link ScriptBusyLockWaitTest}).
 */
class ScriptBusyEmbeddedTest {
  private static final String BUSY_EVAL = ScriptBusyOneLoopTest.BUSY_EVAL;
  private static final String BUSY_FUNCTION = ScriptBusyOneLoopTest.BUSY_FUNCTION;

  private LimeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static LimeException failure(CompletableFuture<?> run) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> run.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof LimeException, String.valueOf(e.getCause()));
    return (LimeException) e.getCause();
  }

  @Test
  void embeddedEval_networkClientsGetBusy_andScriptKillStopsIt() throws Exception {
    server = LimeServer.builder().ephemeralPort().args("--busy-reply-threshold", "20").start();
    var scripting = server.store().scripting();
    try (TestClient b = new TestClient(server.port())) {
      CompletableFuture<RespValue> run = CompletableFuture.supplyAsync(
          () -> scripting.eval("local i = 0 while true do i = i + 1 end", List.of(), List.of()));
      // PING: a key command could pass the BUSY check and then wait for the shard locks
      ScriptBusyOneLoopTest.awaitBusy(b, BUSY_EVAL, "PING");
      assertEquals(BUSY_EVAL, TestClient.text(b.call("FUNCTION", "KILL")));
      assertEquals(new RespValue.SimpleString("OK"), b.call("SCRIPT", "KILL"));
      String killed = failure(run).getMessage();
      assertTrue(killed.startsWith("ERR Script killed by user with SCRIPT KILL... script: "),
          killed);
      assertEquals(new RespValue.SimpleString("OK"), b.call("SET", "k", "v"));
    }
  }

  @Test
  void embeddedFcall_functionKillFromTheNetwork() throws Exception {
    server = LimeServer.builder().ephemeralPort().args("--busy-reply-threshold", "20").start();
    var scripting = server.store().scripting();
    scripting.functionLoad(
        "#!lua name=l\nredis.register_function('spin', function() while true do end end)",
        false);
    try (TestClient b = new TestClient(server.port())) {
      CompletableFuture<RespValue> run = CompletableFuture.supplyAsync(
          () -> scripting.fcall("spin", List.of(), List.of()));
      ScriptBusyOneLoopTest.awaitBusy(b, BUSY_FUNCTION, "PING");
      assertEquals(new RespValue.SimpleString("OK"), b.call("FUNCTION", "KILL"));
      assertTrue(failure(run).getMessage().startsWith("ERR Script killed by user"));
      assertEquals(new RespValue.SimpleString("PONG"), b.call("PING"));
    }
  }
}
