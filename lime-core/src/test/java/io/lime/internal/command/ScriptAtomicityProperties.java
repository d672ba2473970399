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
