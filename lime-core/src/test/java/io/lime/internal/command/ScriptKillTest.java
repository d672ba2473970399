package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Long scripts: BUSY for the other clients past busy-reply-threshold, SCRIPT KILL and
 * FUNCTION KILL stop a looping script or function (pcall cannot catch it), UNKILLABLE once it
 * wrote. The threshold is 0, so no step depends on timing: the other client waits only until
 * the script is published as running.
 */
class ScriptKillTest {
  private final Engine engine = new Engine(16, 4, System::currentTimeMillis, 0);
  private final ServerState state = new ServerState(engine, new ConfigRegistry());
  private final Dispatcher dispatcher = CommandLayer.install(state);

  private String run(Call call, String... args) {
    RespWriter out = new RespWriter();
    dispatcher.execute(call, Argv.of(args), out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private Call client() {
    return new Call(state, state.newClient(true), new RespWriter());
  }

  private CompletableFuture<String> inBackground(String... args) {
    Call looper = client();
    CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> run(looper, args));
    while (state.runningScript == null) {
      Thread.onSpinWait(); // until the script is published as running
    }
    return reply;
  }

  @Test
  void scriptKill_loopingScript_killedAndOthersGetBusy() throws Exception {
    Call other = client();
    run(other, "CONFIG", "SET", "busy-reply-threshold", "0");
    CompletableFuture<String> reply = inBackground("EVAL",
        "local i = 0 while true do pcall(function() i = i + 1 end) end", "0");
    assertEquals("-BUSY Redis is busy running a script. You can only call SCRIPT KILL or "
        + "SHUTDOWN NOSAVE.\r\n", run(other, "GET", "k"));
    assertEquals("-BUSY Redis is busy running a script. You can only call SCRIPT KILL or "
        + "SHUTDOWN NOSAVE.\r\n", run(other, "FUNCTION", "KILL"));
    assertEquals("+OK\r\n", run(other, "SCRIPT", "KILL"));
    String killed = reply.get(30, TimeUnit.SECONDS);
    assertTrue(killed.startsWith("-ERR Script killed by user with SCRIPT KILL... script: "),
        killed);
    assertEquals("$-1\r\n", run(other, "GET", "k"));
    assertEquals("-NOTBUSY No scripts in execution right now.\r\n", run(other, "SCRIPT", "KILL"));
  }

  @Test
  void scriptKill_afterWrite_unkillable() throws Exception {
    Call other = client();
    run(other, "CONFIG", "SET", "busy-reply-threshold", "0");
    CompletableFuture<String> reply = inBackground("EVAL",
        "redis.call('set', 'w', '1') while true do end", "0");
    while (!state.runningScript.caller.wrote()) {
      Thread.onSpinWait(); // until the script has written
    }
    assertEquals("-UNKILLABLE Sorry the script already executed write commands against the "
        + "dataset. You can either wait the script termination or kill the server in a hard way "
        + "using the SHUTDOWN NOSAVE command.\r\n", run(other, "SCRIPT", "KILL"));
    ScriptCommands.vm(other).kill(); // what SHUTDOWN NOSAVE leaves behind: end the thread
    assertTrue(reply.get(30, TimeUnit.SECONDS).startsWith("-ERR Script killed"));
  }

  @Test
  void functionKill_loopingFunction_killed() throws Exception {
    Call other = client();
    run(other, "CONFIG", "SET", "busy-reply-threshold", "0");
    run(other, "FUNCTION", "LOAD", "#!lua name=l\nredis.register_function('spin', "
        + "function() while true do end end)");
    CompletableFuture<String> reply = inBackground("FCALL", "spin", "0");
    assertEquals("-BUSY Redis is busy running a script. You can only call FUNCTION KILL or "
        + "SHUTDOWN NOSAVE.\r\n", run(other, "PING"));
    assertTrue(run(other, "FUNCTION", "STATS").contains("spin"));
    assertEquals("+OK\r\n", run(other, "FUNCTION", "KILL"));
    assertTrue(reply.get(30, TimeUnit.SECONDS).startsWith("-ERR Script killed by user"));
  }
}
