package io.lime.internal.command;

import static io.lime.internal.command.Replies.field;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyspaceMemory;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.MemoryLayout;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.KeyOps;
import io.lime.resp.ReplySink;

/**
 * MEMORY and its subcommands (Redis's memoryCommand in src/object.c): USAGE, STATS, DOCTOR,
 * MALLOC-STATS, PURGE, HELP, over LIME's memory accounting ({@link KeyspaceMemory}).
 *
 * <p>Deliberate differences: USAGE accepts {@code SAMPLES} as Redis does but needs no
 * sampling (values keep their size in counters, so the figure is the same for every count);
 * the {@code allocator.*} and fragmentation fields of STATS are the JVM heap's; MALLOC-STATS
 * answers as Redis built without jemalloc; PURGE has nothing to purge (the JVM's collector
 * returns memory) and replies OK.
 */
final class MemoryCommands implements CommandGroup {
  /** MEMORY HELP, line for line as Redis 7.0. */
  private static final String[] HELP = {
    "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "DOCTOR",
    "    Return memory problems reports.",
    "MALLOC-STATS",
    "    Return internal statistics report from the memory allocator.",
    "PURGE",
    "    Attempt to purge dirty pages for reclamation by the allocator.",
    "STATS",
    "    Return information about the memory usage of the server.",
    "USAGE <key> [SAMPLES <count>]",
    "    Return memory in bytes used by <key> and its value. Nested values are",
    "    sampled up to <count> times (default: 5, 0 means sample all).",
    "HELP",
    "    Prints this help.",
  };
  /** Redis's report for an instance under 5 MB. */
  private static final String DOCTOR_EMPTY = "Hi Sam, this instance is empty or is using very "
      + "little memory, my issues detector can't be used in these conditions. Please, leave "
      + "for your mission on Earth and fill it with some data. The new Sam and I will be back "
      + "to our programming as soon as I finished rebooting.\n";
  /** Redis's report when no issue is found. */
  private static final String DOCTOR_OK = "Hi Sam, I can't find any memory issue in your "
      + "instance. I can only account for what occurs on this base.\n";
  /** Redis's threshold for the "empty" report (5 MB). */
  private static final long DOCTOR_EMPTY_BYTES = 5L * 1024 * 1024;

  private MemoryCommands() {}

  /** MEMORY USAGE key [SAMPLES count] — O(1). */
  static void memoryUsage(Call c) {
    int argc = c.argv().size();
    for (int j = 3; j < argc; j += 2) {
      if (!c.argv().is(j, "SAMPLES") || j + 1 >= argc) {
        c.out().error(Errors.SYNTAX);
        return;
      }
      if (!KeyArgs.integerOrReply(c, j + 1)) {
        return;
      }
      if (KeyArgs.longValue(c.argv(), j + 1) < 0) {
        c.out().error(Errors.SYNTAX);
        return;
      }
    }
    long bytes;
    try (LockedKey k = c.lockKey(2)) {
      bytes = KeyOps.memoryUsage(k);
    }
    if (bytes < 0) {
      c.out().nullBulk();
    } else {
      c.out().integer(bytes);
    }
  }

  /** MEMORY STATS — O(databases * shards). */
  static void memoryStats(Call c) {
    Engine engine = c.server().engine();
    KeyspaceMemory mem = engine.memory();
    long used = mem.usedBytes();
    long peak = mem.peakBytes();
    long startup = engine.startupMemoryBytes();
    long dataset = mem.datasetBytes();
    long overhead = used - dataset;
    Runtime rt = Runtime.getRuntime();
    long heapUsed = rt.totalMemory() - rt.freeMemory();
    long committed = rt.totalMemory();
    long keys = 0;
    int nonEmpty = 0;
    for (int i = 0; i < engine.databaseCount(); i++) {
      long n = engine.db(i).size();
      keys += n;
      nonEmpty += n > 0 ? 1 : 0;
    }
    ReplySink out = c.out();
    out.mapHeader(27 + nonEmpty);
    field(out, "peak.allocated", peak);
    field(out, "total.allocated", used);
    field(out, "startup.allocated", startup);
    for (String zero : new String[] {"replication.backlog", "clients.slaves", "clients.normal",
        "cluster.links", "aof.buffer", "lua.caches", "functions.caches"}) {
      field(out, zero, 0);
    }
    for (int i = 0; i < engine.databaseCount(); i++) {
      Database db = engine.db(i);
      if (db.size() == 0) {
        continue;
      }
      out.bulk("db." + i);
      out.mapHeader(3);
      long main = 0;
      long expires = 0;
      for (int s = 0; s < db.shardCount(); s++) {
        Shard shard = db.shardAt(s);
        main += MemoryLayout.refArray(shard.tableCapacity())
            + (long) shard.size() * MemoryLayout.ENTRY_BYTES;
        expires += MemoryLayout.refArray(shard.volatileCapacity())
            + (long) shard.volatileCount() * MemoryLayout.EXPIRY_BYTES;
      }
      field(out, "overhead.hashtable.main", main);
      field(out, "overhead.hashtable.expires", expires);
      field(out, "overhead.hashtable.slot-to-keys", 0);
    }
    field(out, "overhead.total", overhead);
    field(out, "keys.count", keys);
    field(out, "keys.bytes-per-key", keys == 0 ? 0 : (used - startup) / keys);
    field(out, "dataset.bytes", dataset);
    out.bulk("dataset.percentage");
    out.doubleValue(used <= startup ? 0 : dataset * 100.0 / (used - startup));
    out.bulk("peak.percentage");
    out.doubleValue(peak == 0 ? 0 : used * 100.0 / peak);
    field(out, "allocator.allocated", heapUsed);
    field(out, "allocator.active", committed);
    field(out, "allocator.resident", committed);
    out.bulk("allocator-fragmentation.ratio");
    out.doubleValue(heapUsed == 0 ? 0 : (double) committed / heapUsed);
    field(out, "allocator-fragmentation.bytes", committed - heapUsed);
    out.bulk("allocator-rss.ratio");
    out.doubleValue(1.0);
    field(out, "allocator-rss.bytes", 0);
    out.bulk("rss-overhead.ratio");
    out.doubleValue(1.0);
    field(out, "rss-overhead.bytes", 0);
    out.bulk("fragmentation");
    out.doubleValue(used == 0 ? 0 : (double) committed / used);
    field(out, "fragmentation.bytes", committed - used);
  }

  /** MEMORY DOCTOR — O(1). */
  static void memoryDoctor(Call c) {
    long used = c.server().engine().memory().usedBytes();
    text(c, used < DOCTOR_EMPTY_BYTES ? DOCTOR_EMPTY : DOCTOR_OK);
  }

  /** MEMORY MALLOC-STATS — O(1). */
  static void memoryMallocStats(Call c) {
    text(c, "Stats not supported for the current allocator");
  }

  /** MEMORY PURGE — O(1). */
  static void memoryPurge(Call c) {
    c.out().ok();
  }

  /** MEMORY HELP — O(1). */
  static void memoryHelp(Call c) {
    c.replyHelp(HELP);
  }

  /** A report: verbatim text in RESP3, a bulk string in RESP2 (addReplyVerbatim). */
  private static void text(Call c, String s) {
    c.out().verbatim("txt", s);
  }
}
