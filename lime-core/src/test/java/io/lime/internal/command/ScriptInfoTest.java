package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * INFO's scripting fields of the Memory section (Redis 7.0's names and relations): counts are
 * exact, byte figures are estimates that start at a fresh Redis interpreter's size and grow
 * with what is cached or loaded, and drop back on SCRIPT FLUSH / FUNCTION FLUSH.
 */
class ScriptInfoTest {
  private final Engine engine = new Engine(16, 4, System::currentTimeMillis, 0);
  private final ServerState state = new ServerState(engine, new ConfigRegistry());
  private final Dispatcher dispatcher = CommandLayer.install(state);
  private final Call call = new Call(state, state.newClient(true), new RespWriter());

  private String run(String... args) {
    RespWriter out = new RespWriter();
    dispatcher.execute(call, Argv.of(args), out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private Map<String, Long> memory() {
    Map<String, Long> m = new HashMap<>();
    for (String line : run("INFO", "memory").split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(colon + 1).matches("\\d+")) {
        m.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1)));
      }
    }
    return m;
  }

  private static void consistent(Map<String, Long> m) {
    assertEquals(m.get("used_memory_lua"), m.get("used_memory_vm_eval"));
    assertEquals(m.get("used_memory_vm_eval") + m.get("used_memory_vm_functions"),
        m.get("used_memory_vm_total"));
    assertEquals(m.get("used_memory_scripts_eval") + m.get("used_memory_functions"),
        m.get("used_memory_scripts"));
  }

  @Test
  void scriptingMemoryFields_followTheCacheAndLibraries() {
    Map<String, Long> fresh = memory();
    consistent(fresh);
    assertEquals(32768L, fresh.get("used_memory_vm_eval"));
    assertEquals(0L, fresh.get("number_of_cached_scripts"));
    assertEquals(0L, fresh.get("used_memory_scripts"));
    run("SCRIPT", "LOAD", "return redis.call('incr', KEYS[1])");
    run("SCRIPT", "LOAD", "return 2");
    run("FUNCTION", "LOAD", "#!lua name=m\nredis.register_function('f', function(k) "
        + "return 1 end)\nredis.register_function('g', function(k) return 2 end)");
    Map<String, Long> loaded = memory();
    consistent(loaded);
    assertEquals(2L, loaded.get("number_of_cached_scripts"));
    assertEquals(2L, loaded.get("number_of_functions"));
    assertTrue(loaded.get("used_memory_vm_eval") > fresh.get("used_memory_vm_eval"));
    assertTrue(loaded.get("used_memory_vm_functions") > fresh.get("used_memory_vm_functions"));
    assertTrue(loaded.get("used_memory_scripts_eval") > 0);
    assertTrue(loaded.get("used_memory_functions") > 0);
    run("SCRIPT", "FLUSH");
    run("FUNCTION", "FLUSH");
    Map<String, Long> flushed = memory();
    consistent(flushed);
    assertEquals(0L, flushed.get("number_of_cached_scripts"));
    assertEquals(0L, flushed.get("number_of_functions"));
    assertEquals(0L, flushed.get("used_memory_scripts"));
    assertEquals(fresh.get("used_memory_vm_total"), flushed.get("used_memory_vm_total"));
  }
}
