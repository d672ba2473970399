package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.MemoryLayout;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The memory accounting stays exact under writes of every family: after each command, every
 * key's counted bytes equal a fresh measure of its entry, and the engine's dataset counter
 * equals their sum (no write path forgets to re-count, none counts twice).
 */
class MemoryAccountingTest {
  private static final String[][] COMMANDS = {
    {"SET", "k%d", "v%d"}, {"SET", "k%d", "12345"}, {"APPEND", "k%d", "more-bytes-%d"},
    {"SETRANGE", "k%d", "40", "x"}, {"INCR", "n%d"}, {"INCRBYFLOAT", "n%d", "1.5"},
    {"DEL", "k%d"}, {"MSET", "k%d", "a", "m%d", "b"}, {"GETDEL", "m%d"},
    {"RPUSH", "l%d", "element-%d", "x"}, {"LPUSH", "l%d", "%d"}, {"LPOP", "l%d"},
    {"LTRIM", "l%d", "0", "3"}, {"LSET", "l%d", "0", "replaced-%d"},
    {"LREM", "l%d", "0", "x"}, {"LMOVE", "l%d", "l3", "LEFT", "RIGHT"},
    {"SADD", "s%d", "%d", "member-%d"}, {"SADD", "s%d", "7"}, {"SREM", "s%d", "%d"},
    {"SPOP", "s%d"}, {"SMOVE", "s%d", "s2", "7"}, {"SUNIONSTORE", "s9", "s%d", "s2"},
    {"HSET", "h%d", "f%d", "v%d"}, {"HSET", "h%d", "f1", "%d%d%d%d%d%d%d%d%d%d%d%d%d%d"},
    {"HDEL", "h%d", "f%d"}, {"HINCRBY", "h%d", "n", "3"},
    {"ZADD", "z%d", "%d", "m%d"}, {"ZINCRBY", "z%d", "2", "m1"}, {"ZREM", "z%d", "m%d"},
    {"ZPOPMIN", "z%d"}, {"ZUNIONSTORE", "z9", "2", "z%d", "z2"},
    {"EXPIRE", "k%d", "100"}, {"PERSIST", "k%d"}, {"RENAME", "k%d", "r%d"},
    {"COPY", "h%d", "c%d"}, {"GETSET", "k%d", "gs"}, {"SETEX", "e%d", "10", "v"},
    {"XADD", "x%d", "*", "field", "value-%d"}, {"XADD", "x%d", "*", "other", "%d"},
    {"XTRIM", "x%d", "MAXLEN", "5"}, {"XDEL", "x%d", "0-1"}, {"COPY", "x%d", "xc%d"},
  };

  @Test
  void stream_accountedSize_growsWithEntriesAndGroups() {
    CommandFixture f = new CommandFixture();
    f.run("XADD", "s", "*", "field", "v");
    long one = usage(f, "s");
    for (int i = 0; i < 1000; i++) {
      f.run("XADD", "s", "*", "field", "value-" + i);
    }
    long many = usage(f, "s");
    assertTrue(many > one + 1000 * 20, one + " -> " + many); // at least the field and value bytes
    f.run("XGROUP", "CREATE", "s", "g", "0");
    f.run("XREADGROUP", "GROUP", "g", "c", "COUNT", "500", "STREAMS", "s", ">");
    long pending = usage(f, "s");
    assertTrue(pending > many + 500 * 40, many + " -> " + pending); // 500 pending entries
    assertExact(f, "stream with a group");
  }

  private static long usage(CommandFixture f, String key) {
    return Long.parseLong(f.run("MEMORY", "USAGE", key).toString().replaceAll("[^0-9]", ""));
  }

  @Test
  void randomWrites_everyFamily_countersMatchFreshMeasure() {
    CommandFixture f = new CommandFixture();
    f.run("CONFIG", "SET", "hash-max-listpack-entries", "8", "zset-max-listpack-entries", "8",
        "list-max-listpack-size", "4");
    Random rnd = new Random(18);
    for (int i = 0; i < 3000; i++) {
      String[] t = COMMANDS[rnd.nextInt(COMMANDS.length)];
      String[] args = new String[t.length];
      int n = rnd.nextInt(12);
      for (int a = 0; a < t.length; a++) {
        args[a] = t[a].replace("%d", Integer.toString(a == 1 ? n % 6 : rnd.nextInt(40)));
      }
      f.run(args);
      if (i % 3 == 0) {
        assertExact(f, String.join(" ", args));
      }
    }
    f.run("FLUSHALL");
    assertEquals(0, f.engine.memory().datasetBytes());
    assertEquals(f.engine.startupMemoryBytes(), f.engine.memory().usedBytes());
  }

  @Test
  void memoryUsage_smallString_entryKeyValueAndSlot() {
    CommandFixture f = new CommandFixture();
    f.run("SET", "key:000000001", "value00001");
    // a small string shares the key's array (embedded): one array of 13 + 10 bytes
    long expected = MemoryLayout.ENTRY_BYTES + MemoryLayout.byteArray(13 + 10)
        + MemoryLayout.REFERENCE_BYTES;
    assertEquals(":" + expected + "\r\n", f.run("MEMORY", "USAGE", "key:000000001"));
    assertEquals(":" + expected + "\r\n",
        f.run("MEMORY", "USAGE", "key:000000001", "SAMPLES", "0"));
    assertEquals("$-1\r\n", f.run("MEMORY", "USAGE", "missing"));
  }

  @Test
  void infoMemory_usedMemory_isAccountedNotHeap() {
    CommandFixture f = new CommandFixture();
    long before = f.engine.memory().usedBytes();
    for (int i = 0; i < 100; i++) {
      f.run("SET", "key" + i, "value" + i);
    }
    long after = f.engine.memory().usedBytes();
    // each key costs at least an entry and one array of its shortest key and value (embedded)
    long least = 100 * (MemoryLayout.ENTRY_BYTES + MemoryLayout.byteArray("key0value0".length()));
    assertTrue(after - before >= least && after - before < 100 * 200, "grew " + (after - before));
    String info = f.run("INFO", "memory");
    assertTrue(info.contains("used_memory:" + after + "\r\n"), info);
    assertTrue(info.contains("used_memory_dataset:" + f.engine.memory().datasetBytes()), info);
    assertTrue(info.contains("lime_heap_used:"), info);
  }

  private static void assertExact(CommandFixture f, String after) {
    AtomicLong sum = new AtomicLong();
    for (int d = 0; d < f.engine.databaseCount(); d++) {
      Database db = f.engine.db(d);
      for (int s = 0; s < db.shardCount(); s++) {
        db.shardAt(s).forEach((Entry e) -> {
          // INCR keeps a counter in the key's array also in the shared range (Shard.replaceInteger)
          long fresh = e.embeddedInteger()
              ? MemoryLayout.ENTRY_BYTES + MemoryLayout.byteArray(e.key().length + Long.BYTES)
              : MemoryLayout.entryBytes(e.key(), e.value());
          assertEquals(fresh, e.memoryBytes(), () -> "stale count of "
              + new String(e.key()) + " after " + after);
          sum.addAndGet(e.memoryBytes());
        });
      }
    }
    assertEquals(sum.get(), f.engine.memory().datasetBytes(), "dataset after " + after);
  }
}
