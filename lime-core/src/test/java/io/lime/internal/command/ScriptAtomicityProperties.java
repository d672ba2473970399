package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Scripts are atomic as in Redis: a script's read-modify-write of keys it did not declare
 * (GET then SET), run on several threads at once beside plain INCRs of the same key, loses no
 * update; and no other client ever sees a script's two writes apart (b and c are written
 * together, only by scripts, so any read of both finds them equal).
 */
class ScriptAtomicityProperties {
  private static final String ADD_TO_A = "local v = tonumber(redis.call('get', 'a') or '0') "
      + "redis.call('set', 'a', v + 1)";
  private static final String READ_B_THEN_C = "return {redis.call('get', 'b') or '0', "
      + "redis.call('get', 'c') or '0'}";
  private static final String ADD_TO_B_AND_C = "local v = tonumber(redis.call('get', 'b') or '0') "
      + "redis.call('set', 'b', v + 1) redis.call('set', 'c', v + 1)";

  private static String run(Dispatcher d, Call call, String... args) {
    RespWriter out = new RespWriter();
    d.execute(call, Argv.of(args), out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  @Property(tries = 5)
  void concurrentScriptsAndIncrs_noLostUpdate(@ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll @IntRange(min = 20, max = 120) int perThread) throws Exception {
    Engine engine = new Engine(16, 4, System::currentTimeMillis, 0);
    ServerState state = new ServerState(engine, new ConfigRegistry());
    Dispatcher d = CommandLayer.install(state);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean scripted = t % 2 == 0;
      Call call = new Call(state, state.newClient(true), new RespWriter());
      done.add(CompletableFuture.supplyAsync(() -> {
        await(start);
        int torn = 0;
        for (int i = 0; i < perThread; i++) {
          if (scripted) {
            run(d, call, "EVAL", ADD_TO_A, "0");
            run(d, call, "EVAL", ADD_TO_B_AND_C, "0");
          } else {
            run(d, call, "INCR", "a");
            String[] bc = run(d, call, "EVAL", READ_B_THEN_C, "0").split("\r\n");
            if (!bc[2].equals(bc[4])) {
              torn++; // a script's two writes seen apart
            }
          }
        }
        return torn;
      }));
    }
    await(start);
    int torn = 0;
    for (CompletableFuture<Integer> f : done) {
      torn += f.get();
    }
    assertEquals(0, torn);
    Call check = new Call(state, state.newClient(true), new RespWriter());
    int scripted = (threads + 1) / 2;
    assertEquals(bulk(threads * perThread), run(d, check, "GET", "a"));
    assertEquals(bulk(scripted * perThread), run(d, check, "GET", "b"));
    assertEquals(run(d, check, "GET", "b"), run(d, check, "GET", "c"));
  }

  /** Read-modify-write of 'a' in the other database (1 from 0, 0 from 1), then of 'a' in its own. */
  private static final String ADD_TO_A_IN_BOTH = "local here = tonumber(ARGV[1]) "
      + "redis.call('select', 1 - here) "
      + "redis.call('set', 'a', tonumber(redis.call('get', 'a') or '0') + 1) "
      + "redis.call('select', here) "
      + "redis.call('set', 'a', tonumber(redis.call('get', 'a') or '0') + 1)";

  /**
   * A script locks only its own database until it reaches another (ScriptLocks): scripts
   * starting in database 0 and in database 1 that each reach the other one (so one of them
   * widens downwards, out of ascending order), beside INCRs in both databases through the
   * typed API (which locks shards directly, with no dispatcher waiting for the running script)
   * and COPY ... DB (which holds shards of two databases), lose no update and never deadlock.
   */
  @Property(tries = 5)
  void scriptsReachingAnotherDatabase_noLostUpdateNoDeadlock(
      @ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll @IntRange(min = 20, max = 100) int perThread) throws Exception {
    Engine engine = new Engine(16, 4, System::currentTimeMillis, 0);
    ServerState state = new ServerState(engine, new ConfigRegistry());
    Dispatcher d = CommandLayer.install(state);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int here = t % 2;
      boolean scripted = t < 2;
      Call call = new Call(state, state.newClient(true), new RespWriter());
      run(d, call, "SELECT", Integer.toString(here));
      io.lime.KeyValueStore typed = io.lime.internal.store.LocalKeyValueStore.over(engine, here);
      done.add(CompletableFuture.runAsync(() -> {
        await(start);
        for (int i = 0; i < perThread; i++) {
          if (scripted) {
            run(d, call, "EVAL", ADD_TO_A_IN_BOTH, "0", Integer.toString(here));
          } else {
            typed.incr("a");
            run(d, call, "COPY", "a", "copy", "DB", Integer.toString(1 - here), "REPLACE");
          }
        }
      }));
    }
    await(start);
    for (CompletableFuture<Void> f : done) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS); // a deadlock fails here
    }
    Call check = new Call(state, state.newClient(true), new RespWriter());
    int scripts = Math.min(threads, 2);
    int incrs = threads - scripts;
    int perDb0 = (scripts + (incrs + 1) / 2) * perThread; // every script adds 1 to both
    int perDb1 = (scripts + incrs / 2) * perThread;
    assertEquals(bulk(perDb0), run(d, check, "GET", "a"));
    run(d, check, "SELECT", "1");
    assertEquals(bulk(perDb1), run(d, check, "GET", "a"));
  }

  private static String bulk(int n) {
    String s = Integer.toString(n);
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
