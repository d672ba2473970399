package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.command.TransactionCommandsTest.Recorder;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notification class m ({@code keymiss}) in process, with a manual clock: published
 * where Redis 7.0's lookupKeyRead misses (read commands, and the read part of SET GET,
 * GETSET, COPY and the STORE variants), never by write lookups or OBJECT, not part of A,
 * and after the {@code expired} event of a key a read meets past its deadline.
 */
class KeyMissEventsTest {
  private final ConnFixture f = new ConnFixture();

  private Recorder subscribe(String flags) {
    f.run("CONFIG", "SET", "notify-keyspace-events", flags);
    Recorder r = new Recorder();
    f.engine.pubsub().psubscribe(r, "__key*__:*".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void get_missingKey_publishesKeymissOnBothChannels() {
    Recorder r = subscribe("KEm");
    f.run("GET", "nokey");
    f.run("SELECT", "3");
    f.run("HGET", "h", "f");
    assertEquals(List.of("__keyspace@0__:nokey keymiss", "__keyevent@0__:keymiss nokey",
        "__keyspace@3__:h keymiss", "__keyevent@3__:keymiss h"), r.lines);
  }

  @Test
  void multiKeyReads_oneEventPerMissingKey() {
    Recorder r = subscribe("Em");
    f.run("SET", "s", "v");
    f.run("MGET", "a", "s", "a", "b");
    f.run("EXISTS", "c", "s");
    f.run("SINTERSTORE", "d", "x", "y");
    assertEquals(List.of("__keyevent@0__:keymiss a", "__keyevent@0__:keymiss a",
        "__keyevent@0__:keymiss b", "__keyevent@0__:keymiss c", "__keyevent@0__:keymiss x",
        "__keyevent@0__:keymiss y"), r.lines);
  }

  @Test
  void allAlias_excludesKeyMiss() {
    Recorder r = subscribe("KEA");
    f.run("GET", "nokey");
    f.run("TYPE", "nokey");
    assertEquals(List.of(), r.lines);
  }

  @Test
  void writeLookupsAndObject_missingKey_noKeymiss() {
    Recorder r = subscribe("Em");
    f.run("LPOP", "a");
    f.run("HDEL", "a", "f");
    f.run("SREM", "a", "m");
    f.run("ZPOPMIN", "a");
    f.run("DEL", "a");
    f.run("EXPIRE", "a", "10");
    f.run("RENAME", "a", "b");
    f.run("OBJECT", "ENCODING", "a");
    f.run("LPUSHX", "a", "x");
    assertEquals(List.of(), r.lines);
  }

  @Test
  void setGet_missingKey_keymissBeforeSet() {
    Recorder r = subscribe("E$m");
    f.run("SET", "k", "v", "GET");
    f.run("GETSET", "j", "v");
    assertEquals(List.of("__keyevent@0__:keymiss k", "__keyevent@0__:set k",
        "__keyevent@0__:keymiss j", "__keyevent@0__:set j"), r.lines);
  }

  @Test
  void get_expiredKey_expiredThenKeymiss() {
    Recorder r = subscribe("KExm");
    f.run("SET", "k", "v", "PX", "10");
    f.clock.addAndGet(20);
    assertEquals("$-1\r\n", f.run("GET", "k"));
    assertEquals(List.of("__keyspace@0__:k expired", "__keyevent@0__:expired k",
        "__keyspace@0__:k keymiss", "__keyevent@0__:keymiss k"), r.lines);
    assertEquals(":0\r\n", f.run("DBSIZE"));
  }

  @Test
  void get_expiredKeyWithAofOn_keymissNowExpiredWhenAWriterMeetsIt() {
    f.engine.persistence(new Persistence() {
      @Override
      public void open(PersistenceContext context) {}

      @Override
      public void onWrite(int db, byte[][] argv) {}

      @Override
      public void close() {}
    });
    Recorder r = subscribe("Exm");
    f.run("SET", "k", "v", "PX", "10");
    f.clock.addAndGet(20);
    f.run("GET", "k"); // documented deviation: a read leaves the deletion to a writer
    assertEquals(List.of("__keyevent@0__:keymiss k"), r.lines);
    f.run("DEL", "k");
    assertEquals(List.of("__keyevent@0__:keymiss k", "__keyevent@0__:expired k"), r.lines);
  }

  @Test
  void stats_wrongTypeIsAHitAndCopyCountsItsSource() {
    f.run("SET", "s", "v");
    f.run("ZSCORE", "s", "m");
    f.run("ZRANGE", "s", "0", "-1");
    f.run("COPY", "nokey", "d");
    f.run("COPY", "s", "d");
    String info = f.run("INFO", "stats");
    assertEquals(3, stat(info, "keyspace_hits"));
    assertEquals(1, stat(info, "keyspace_misses"));
  }

  private static long stat(String info, String name) {
    Matcher m = Pattern.compile(name + ":(\\d+)").matcher(info);
    assertTrue(m.find(), name);
    return Long.parseLong(m.group(1));
  }
}
