package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store with {@code Persistence.rdb(file)}: close saves, build loads. */
class EmbeddedSnapshotTest {
  @TempDir Path dir;

  @Test
  void closeSaves_buildLoads() {
    Path file = dir.resolve("store.rdb");
    try (KeyValueStore s = KeyValueStore.builder().persistence(Persistence.rdb(file)).build()) {
      s.set("greeting", "hello");
      s.setEx("temp", "v", Duration.ofHours(1));
      s.list("l").rightPush("a", "b");
      s.database(2).set("other", "db2");
    }
    assertTrue(Files.exists(file));
    try (KeyValueStore s = KeyValueStore.builder().persistence(Persistence.rdb(file)).build()) {
      assertEquals("hello", s.get("greeting"));
      assertTrue(s.pttl("temp") > 3_500_000);
      assertEquals(List.of("a", "b"), s.list("l").rangeStrings(0, -1));
      assertEquals("db2", s.database(2).get("other"));
    }
  }

  @Test
  void noneByDefault_writesNothing() throws Exception {
    try (KeyValueStore s = KeyValueStore.open()) {
      s.set("k", "v");
    }
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void corruptFile_buildFailsNamingFile() throws Exception {
    Path file = dir.resolve("bad.rdb");
    Files.write(file, "REDIS0010\u00fa".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> KeyValueStore.builder().persistence(Persistence.rdb(file)).build());
    assertInstanceOf(PersistenceException.class, e.getCause());
    assertTrue(e.getMessage().contains("bad.rdb"), e.getMessage());
  }
}
