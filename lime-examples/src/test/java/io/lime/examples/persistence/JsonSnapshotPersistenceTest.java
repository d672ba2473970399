package io.lime.examples.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.SetOptions;
import io.lime.SortedSetView;
import io.lime.persistence.PersistenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON snapshot plug-in, written on the public persistence SPI only. */
class JsonSnapshotPersistenceTest {
  private static final byte[] BINARY = {0, (byte) 0xff, (byte) 0xc3, '"', '\n'};

  @TempDir Path dir;

  private KeyValueStore open(Path file) {
    return KeyValueStore.builder()
        .persistence(new JsonSnapshotPersistence(file, Duration.ofHours(1)))
        .build();
  }

  @Test
  void everyType_withExpiryAndBinary_survivesRestart() throws IOException {
    Path file = dir.resolve("data.json");
    try (KeyValueStore store = open(file)) {
      store.set("greeting", "héllo \"world\"\n");
      store.set(BINARY, BINARY);
      store.set("session", "token", SetOptions.ifAbsent().expireIn(Duration.ofHours(2)));
      store.list("queue").rightPush("a", "b", "c");
      store.list(new byte[] {1, (byte) 0xfe}).rightPush(BINARY);
      store.set("tags").add("x", "y");
      store.set("ints").add("1", "2", "300"); // an intset
      store.hash("user").put("name", "Ada");
      store.hash("user").put(BINARY, BINARY);
      store.sortedSet("board").add("alice", 1.5);
      store.sortedSet("board").add("bob", Double.POSITIVE_INFINITY);
      store.sortedSet("board").add("carol", -0.25);
      store.database(3).set("other", "db3");
    }
    String json = Files.readString(file);
    assertTrue(json.contains("\"key\":\"greeting\",\"type\":\"string\""), json);
    assertTrue(json.contains("{\"base64\":\"AP/DIgo=\"}"), json); // not valid UTF-8
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList()); // no temporary file left
    }
    try (KeyValueStore store = open(file)) {
      assertEquals("héllo \"world\"\n", store.get("greeting"));
      assertArrayEquals(BINARY, store.get(BINARY));
      assertEquals("token", store.get("session"));
      long ttl = store.ttl("session");
      assertTrue(ttl > 7000 && ttl <= 7200, "ttl " + ttl);
      assertEquals(-1, store.ttl("greeting"));
      assertEquals(List.of("a", "b", "c"), store.list("queue").rangeStrings(0, -1));
      assertArrayEquals(BINARY, store.list(new byte[] {1, (byte) 0xfe}).index(0));
      assertEquals(Set.of("x", "y"), store.set("tags").memberStrings());
      assertEquals(Set.of("1", "2", "300"), store.set("ints").memberStrings());
      assertEquals("Ada", store.hash("user").get("name"));
      assertArrayEquals(BINARY, store.hash("user").get(BINARY));
      List<SortedSetView.Entry> board = store.sortedSet("board").range(0, -1, false);
      assertEquals(List.of("carol", "alice", "bob"),
          board.stream().map(SortedSetView.Entry::memberString).toList());
      assertEquals(Double.POSITIVE_INFINITY, board.get(2).score());
      assertEquals("db3", store.database(3).get("other"));
    }
  }

  @Test
  void expiredKeys_areNotLoaded() throws IOException {
    Path file = dir.resolve("data.json");
    Files.writeString(file, "{\"format\":\"lime-json-snapshot\",\"version\":1,\"keys\":["
        + "{\"db\":0,\"key\":\"old\",\"type\":\"string\",\"expireAt\":1000,\"value\":\"x\"},"
        + "{\"db\":0,\"key\":\"kept\",\"type\":\"string\",\"value\":\"y\"}],\"keyCount\":2}");
    try (KeyValueStore store = open(file)) {
      assertNull(store.get("old"));
      assertEquals("y", store.get("kept"));
    }
  }

  @Test
  void truncatedFile_refusedWithClearMessage_andKept() throws IOException {
    Path file = dir.resolve("data.json");
    try (KeyValueStore store = open(file)) {
      for (int i = 0; i < 50; i++) {
        store.set("k" + i, "v" + i);
      }
    }
    byte[] whole = Files.readAllBytes(file);
    byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
    Files.write(file, half);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(file).close());
    PersistenceException cause = assertInstanceOf(PersistenceException.class, e.getCause());
    assertTrue(cause.getMessage().startsWith("JSON snapshot " + file.toAbsolutePath()
        + " is truncated or corrupt ("), cause.getMessage());
    assertTrue(cause.getMessage().contains(" at offset "), cause.getMessage());
    assertTrue(cause.getMessage().endsWith("not loaded, and left unchanged"), cause.getMessage());
    assertArrayEquals(half, Files.readAllBytes(file));
  }

  @Test
  void saveIfDirty_savesOnlyAfterChanges() throws IOException {
    Path file = dir.resolve("data.json");
    JsonSnapshotPersistence p = new JsonSnapshotPersistence(file, Duration.ofHours(1));
    try (KeyValueStore store = KeyValueStore.builder().persistence(p).build()) {
      assertFalse(p.saveIfDirty()); // nothing changed since start
      store.set("a", "1");
      assertTrue(p.saveIfDirty()); // what the schedule runs
      assertTrue(Files.readString(file).contains("\"key\":\"a\""));
      assertFalse(p.saveIfDirty());
      store.hash("h").putAll(Map.of("f", "v"));
      assertTrue(p.saveIfDirty());
      assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("[[\"f\",\"v\"]]"));
    }
  }
}
