package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.LimeException;
import io.lime.command.CustomCommand;
import io.lime.resp.RespValue;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A command on an event loop that waits for a lock a running script holds (it passed the BUSY
 * check just before the script started, or is allowed while busy, as WATCH) must not wedge
 * its loop: with one loop, SCRIPT KILL and FUNCTION KILL from another client of that loop
 * still work, the waiting command then runs after the script (its reply, not BUSY: it
 * arrived before the script, as it would have run before it in Redis; LIME runs it just
 * after, nothing interleaving with the script), and the server keeps serving.
 *
 * <p>No step depends on timing. "Passed the check, then waits for a key" is made
 * deterministic with a custom command with no declared key (so the dispatcher locks nothing)
 * whose handler, on the loop thread, waits until the script runs (its thread is in the Lua
 * interpreter), then writes a key through the store, which waits for the script's lock. The
 * client sending SCRIPT KILL is only read while that wait serves the loop's other clients:
 * without that, its read times out and the test fails.
 */
@Timeout(120)
class ScriptBusyLockWaitTest {
  private static final String SPIN = "#!lua name=l\n"
      + "redis.register_function('spin', function() while true do end end)";

  private LimeServer server;
  private Thread runner;
  private final CountDownLatch passed = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<LimeServer> self = new AtomicReference<>();
  /** The loop thread of the last LOOPTHREAD (test classes run in parallel: names repeat). */
  private final AtomicReference<Thread> loop = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * SETAFTER: on the loop thread, waits for {@link #release}, then SET k v via the store.
   * LOOPTHREAD: records the client's loop thread in {@link #loop}.
   */
  private void start(String loops) {
    CustomCommand loopThread = CustomCommand.builder("loopthread").arity(1)
        .handler(ctx -> {
          loop.set(Thread.currentThread());
          ctx.reply().ok();
        }).build();
    CustomCommand setAfter = CustomCommand.builder("setafter").arity(1)
        .handler(ctx -> {
          passed.countDown();
          await(release);
          self.get().store().set("k", "v"); // waits for the shard lock the script holds
          ctx.reply().ok();
        }).build();
    server = LimeServer.builder().ephemeralPort().command(setAfter).command(loopThread)
        .args("--lime-loops", loops, "--busy-reply-threshold", "20").start();
    self.set(server);
  }

  private static void await(CountDownLatch l) {
    try {
      assertTrue(l.await(30, TimeUnit.SECONDS), "latch");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs {@code body} on a thread of its own (an embedded caller), kept in {@link #runner}. */
  private FutureTask<RespValue> runEmbedded(java.util.concurrent.Callable<RespValue> body) {
    FutureTask<RespValue> task = new FutureTask<>(body);
    runner = new Thread(task, "embedded-script");
    runner.setDaemon(true);
    runner.start();
    return task;
  }

  private static boolean inFrames(Thread t, String classPrefix) {
    for (StackTraceElement f : t.getStackTrace()) {
      if (f.getClassName().startsWith(classPrefix)) {
        return true;
      }
    }
    return false;
  }

  /** Polls (bounded) until {@code t} runs code of a class named {@code classPrefix}*. */
  private static void awaitFrames(Thread t, String classPrefix) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (inFrames(t, classPrefix)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(t.getName() + " never ran " + classPrefix);
  }

  /**
   * The script runs on {@code t}: it is in the Lua interpreter, and it is the server's running
   * script past the busy threshold (so it holds every shard lock: being in LuaJ alone could
   * still be compiling, before the locks are taken).
   */
  private void awaitLua(Thread t) {
    awaitFrames(t, "org.luaj");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!server.net().state().scriptBusyElsewhere()) {
      assertTrue(System.nanoTime() < deadline, "the script never became the running one");
      Thread.onSpinWait();
    }
  }

  private static LimeException failure(FutureTask<RespValue> run) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> run.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof LimeException, String.valueOf(e.getCause()));
    return (LimeException) e.getCause();
  }

  @Test
  void scriptKill_oneLoopCommandWaitingForTheScriptsLock_killedThenCommandRuns()
      throws Exception {
    start("1");
    try (TestClient b = new TestClient(server.port());
         TestClient c = new TestClient(server.port())) {
      b.send("SETAFTER");
      await(passed); // B's command passed the dispatcher's checks: no script ran yet
      var scripting = server.store().scripting();
      FutureTask<RespValue> run = runEmbedded(
          () -> scripting.eval("while true do end", List.of(), List.of()));
      awaitLua(runner);
      release.countDown(); // B now waits for k's shard, held by the script
      assertEquals(new RespValue.SimpleString("OK"), c.call("SCRIPT", "KILL"));
      assertTrue(failure(run).getMessage().startsWith(
          "ERR Script killed by user with SCRIPT KILL... script: "));
      assertEquals(new RespValue.SimpleString("OK"), b.read()); // ran after the script
      assertEquals("v", TestClient.text(c.call("GET", "k")));
      assertEquals(new RespValue.SimpleString("PONG"), b.call("PING"));
    }
  }

  @Test
  void functionKill_oneLoopCommandWaitingForTheFunctionsLock_killed() throws Exception {
    start("1");
    var scripting = server.store().scripting();
    scripting.functionLoad(SPIN, false);
    try (TestClient b = new TestClient(server.port());
         TestClient c = new TestClient(server.port())) {
      b.send("SETAFTER");
      await(passed);
      FutureTask<RespValue> run = runEmbedded(
          () -> scripting.fcall("spin", List.of(), List.of()));
      awaitLua(runner);
      release.countDown();
      assertEquals(ScriptBusyOneLoopTest.BUSY_FUNCTION, TestClient.text(c.call("SCRIPT", "KILL")));
      assertEquals(ScriptBusyOneLoopTest.BUSY_FUNCTION, TestClient.text(c.call("GET", "k")));
      assertEquals(new RespValue.SimpleString("OK"), c.call("FUNCTION", "KILL"));
      assertTrue(failure(run).getMessage().startsWith("ERR Script killed by user"));
      assertEquals(new RespValue.SimpleString("OK"), b.read());
      assertEquals("v", TestClient.text(c.call("GET", "k")));
    }
  }

  /** WATCH is allowed while busy: it passes the check while the script runs, then waits. */
  @Test
  void scriptKill_oneLoopWatchWaitingForTheScriptsLock_killedThenWatchWorks() throws Exception {
    start("1");
    var scripting = server.store().scripting();
    try (TestClient b = new TestClient(server.port());
         TestClient c = new TestClient(server.port())) {
      assertEquals(new RespValue.SimpleString("OK"), b.call("LOOPTHREAD"));
      FutureTask<RespValue> run = runEmbedded(
          () -> scripting.eval("while true do end", List.of(), List.of()));
      ScriptBusyOneLoopTest.awaitBusy(c, ScriptBusyOneLoopTest.BUSY_EVAL, "PING");
      b.send("WATCH", "k");
      awaitFrames(loop.get(), "io.lime.internal.engine.LockWaits"); // waiting for k's shard
      assertEquals(ScriptBusyOneLoopTest.BUSY_EVAL, TestClient.text(c.call("PING")));
      assertEquals(new RespValue.SimpleString("OK"), c.call("SCRIPT", "KILL"));
      assertTrue(failure(run).getMessage().startsWith("ERR Script killed by user"));
      assertEquals(new RespValue.SimpleString("OK"), b.read());
      assertEquals(new RespValue.SimpleString("OK"), b.call("MULTI"));
      assertEquals(new RespValue.SimpleString("QUEUED"), b.call("SET", "k", "w"));
      assertEquals(new RespValue.Array(List.of(new RespValue.SimpleString("OK"))),
          b.call("EXEC"));
    }
  }

  /**
   * Over sockets with two loops: A's EVAL runs on loop 0; B's command on loop 1 waits for the
   * script's lock; C, on loop 1 too (connections go to the loops in turn: A, B, an idle one,
   * C), kills the script through loop 1's wait.
   */
  @Test
  void scriptKill_twoLoopsEvalOverTheNetwork_otherLoopsWaitingCommandDoesNotWedgeIt()
      throws Exception {
    start("2");
    try (TestClient a = new TestClient(server.port());
         TestClient b = new TestClient(server.port());
         TestClient idle = new TestClient(server.port());
         TestClient c = new TestClient(server.port())) {
      assertEquals(new RespValue.SimpleString("PONG"), idle.call("PING"));
      assertEquals(new RespValue.SimpleString("OK"), c.call("LOOPTHREAD"));
      Thread cLoop = loop.get();
      assertEquals(new RespValue.SimpleString("OK"), a.call("LOOPTHREAD"));
      assertTrue(cLoop != loop.get(), "C must not be on the script's loop");
      b.send("SETAFTER");
      await(passed);
      a.send("EVAL", "while true do end", "0");
      awaitLua(loop.get());
      release.countDown();
      assertEquals(new RespValue.SimpleString("OK"), c.call("SCRIPT", "KILL"));
      assertTrue(TestClient.text(a.read()).startsWith("ERR Script killed by user"));
      assertEquals(new RespValue.SimpleString("OK"), b.read());
      assertEquals("v", TestClient.text(a.call("GET", "k")));
    }
  }
}
