package io.lime.examples;

import io.lime.KeyValueStore;
import io.lime.persistence.Persistence;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Embedded stores that survive a restart, with each of Redis's persistence formats: data
 * written, the store closed, then a new store on the same files finds it again.
 */
public final class PersistenceExample {
  private PersistenceExample() {}

  public static void main(String[] args) throws IOException {
    run(System.out, Files.createTempDirectory("lime-example"));
  }

  /** Runs the example with its files in {@code dir}, printing what it does to {@code out}. */
  public static void run(PrintStream out, Path dir) throws IOException {
    // 1. RDB snapshot (Redis's dump.rdb format): saved when the store closes (and by save
    //    rules, if given), loaded when a store is built on the file.
    Path snapshot = dir.resolve("dump.rdb");
    out.println("-- rdb");
    try (KeyValueStore store = KeyValueStore.builder()
        .persistence(Persistence.rdb(snapshot)).build()) {
      write(out, store);
    }
    out.println("snapshot saved: " + Files.exists(snapshot));
    try (KeyValueStore store = KeyValueStore.builder()
        .persistence(Persistence.rdb(snapshot)).build()) {
      read(out, store);
    }

    // 2. Append-only file (Redis 7's multi-part AOF in dir/appendonlydir): every write is
    //    logged as it happens (fsynced every second by default) and replayed on start.
    out.println("-- aof");
    try (KeyValueStore store = KeyValueStore.builder()
        .persistence(Persistence.aof(dir)).build()) {
      write(out, store);
    }
    out.println("log written: " + Files.isDirectory(dir.resolve("appendonlydir")));
    try (KeyValueStore store = KeyValueStore.builder()
        .persistence(Persistence.aof(dir)).build()) {
      read(out, store);
    }
  }

  private static void write(PrintStream out, KeyValueStore store) {
    store.set("user:1:name", "Ada");
    store.expire("user:1:name", Duration.ofDays(7));
    store.incr("visits");
    store.list("recent").rightPush("home", "pricing", "signup");
    store.hash("user:1").put("lang", "en");
    out.println("keys written: " + store.dbSize());
  }

  private static void read(PrintStream out, KeyValueStore store) {
    out.println("keys found: " + store.dbSize());
    out.println("user:1:name = " + store.get("user:1:name") + " (expires in about "
        + Math.round(store.ttl("user:1:name") / 86_400.0) + " days)");
    out.println("visits = " + store.get("visits"));
    out.println("recent = " + store.list("recent").rangeStrings(0, -1));
    out.println("user:1 lang = " + store.hash("user:1").get("lang"));
  }
}
