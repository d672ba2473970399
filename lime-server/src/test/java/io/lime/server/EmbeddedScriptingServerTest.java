package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.Scripting;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded scripting API and RESP clients share the engine's scripts and functions. */
class EmbeddedScriptingServerTest {
  @Test
  void scriptsAndFunctions_sharedBetweenStoreAndClients() {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         TestClient c = new TestClient(server.port())) {
      Scripting lua = server.store().scripting();
      String sha = lua.scriptLoad("return redis.call('INCR', KEYS[1])");
      assertEquals(new RespValue.Integer(1), c.call("EVALSHA", sha, "1", "n"));
      assertEquals(new RespValue.Integer(2), lua.evalsha(sha, List.of("n"), List.of()));
      assertEquals("l", TestClient.text(c.call("FUNCTION", "LOAD",
          "#!lua name=l\nredis.register_function('twice', "
              + "function(keys, args) return args[1] .. args[1] end)")));
      assertEquals(new RespValue.Bulk("abab".getBytes(StandardCharsets.UTF_8)),
          lua.fcall("twice", List.of(), List.of("ab")));
      lua.functionDelete("l");
      assertEquals("ERR Function not found", TestClient.text(c.call("FCALL", "twice", "0")));
    }
  }
}
