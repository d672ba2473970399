package io.lime.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.examples.persistence.JsonSnapshotPersistence;
import io.lime.persistence.AofOptions;
import io.lime.persistence.Persistence;
import io.lime.resp.RespValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom commands on the embedded store: registered on its builder, run by call(). */
class EmbeddedCustomCommandsTest {
  @TempDir Path dir;

  private static KeyValueStore.Builder builder() {
    return KeyValueStore.builder().module(new CasCommand()).module(new JsonModule());
  }

  @Test
  void call_runsCustomAndBuiltinCommands() {
    try (KeyValueStore store = builder().build()) {
      store.set("k", "a");
      assertEquals(new RespValue.Integer(1), store.call("CAS", "k", "a", "b"));
      assertEquals("b", store.get("k"));
      assertEquals(new RespValue.Integer(0), store.call("cas", "k", "a", "c"));
      LimeException arity = assertThrows(LimeException.class, () -> store.call("CAS", "k"));
      assertEquals("ERR wrong number of arguments for 'cas' command", arity.getMessage());
      store.list("l").rightPush("x");
      LimeException wrong = assertThrows(LimeException.class, () -> store.call("CAS", "l", "x", "y"));
      assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
          wrong.getMessage());
      store.call("JSON.SET", "doc", "$", "{\"a\": 1}");
      assertEquals(new RespValue.SimpleString("ReJSON-RL"), store.call("TYPE", "doc"));
      assertEquals(KeyType.CUSTOM, store.type("doc"));
      assertEquals("{\"a\":1}", ((RespValue.Bulk) store.call("JSON.GET", "doc")).string());
      store.database(2).call("SET", "only-in-2", "v"); // each view calls in its own database
      assertEquals(new RespValue.Integer(1), store.database(2).call("DBSIZE"));
      assertEquals(null, store.get("only-in-2"));
      assertThrows(UnsupportedOperationException.class, () -> store.call("BLPOP", "l", "0"));
    }
  }

  @Test
  void aof_replaysCustomCommandsAtOpen() {
    Persistence aof = Persistence.aof(dir, AofOptions.defaults().fsync(AofOptions.Fsync.ALWAYS));
    try (KeyValueStore store = builder().persistence(aof).build()) {
      store.call("JSON.SET", "doc", "$", "[1,2]");
      store.set("k", "a");
      store.call("CAS", "k", "a", "b");
    }
    try (KeyValueStore store = builder()
        .persistence(Persistence.aof(dir, AofOptions.defaults())).build()) {
      assertEquals("[1,2]", ((RespValue.Bulk) store.call("JSON.GET", "doc")).string());
      assertEquals("b", store.get("k"));
    }
  }

  @Test
  void jsonSnapshot_keepsCustomTypes() throws Exception {
    Path file = dir.resolve("data.json");
    try (KeyValueStore store = builder()
        .persistence(new JsonSnapshotPersistence(file, Duration.ofHours(1))).build()) {
      store.call("JSON.SET", "doc", "$", "{\"x\":true}");
    }
    assertTrue(Files.readString(file).contains("\"type\":\"custom\",\"customType\":\"ReJSON-RL\""));
    try (KeyValueStore store = builder()
        .persistence(new JsonSnapshotPersistence(file, Duration.ofHours(1))).build()) {
      assertEquals("{\"x\":true}", ((RespValue.Bulk) store.call("JSON.GET", "doc")).string());
    }
  }
}
