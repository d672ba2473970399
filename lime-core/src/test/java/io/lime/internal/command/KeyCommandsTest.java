package io.lime.internal.command;

import static io.lime.internal.command.KeyFixture.NIL;
import static io.lime.internal.command.KeyFixture.OK;
import static io.lime.internal.command.KeyFixture.bulk;
import static io.lime.internal.command.KeyFixture.err;
import static io.lime.internal.command.KeyFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {
  private final KeyFixture f = new KeyFixture();

  @Test
  void del_existingMissingAndRepeated_countsDeletedOnce() {
    f.put("a", "1");
    f.put("b", "2");
    long dirty = f.engine.dirty();
    assertEquals(i(2), f.run("DEL", "a", "a", "b", "nokey"));
    assertEquals(2, f.engine.dirty() - dirty);
    assertEquals(i(0), f.run("EXISTS", "a", "b"));
  }

  @Test
  void unlink_behavesAsDel() {
    f.put("a", "1");
    assertEquals(i(1), f.run("UNLINK", "a", "x"));
  }

  @Test
  void exists_repeatedKey_countsEachTime() {
    f.put("a", "1");
    assertEquals(i(3), f.run("EXISTS", "a", "a", "nokey", "a"));
  }

  @Test
  void exists_countsKeyspaceHitsAndMisses() {
    f.put("a", "1");
    f.run("EXISTS", "a", "b");
    assertEquals(1, f.state.keyspaceHits.sum());
    assertEquals(1, f.state.keyspaceMisses.sum());
  }

  @Test
  void type_stringAndMissing_simpleStrings() {
    f.put("a", "1");
    assertEquals("+string\r\n", f.run("TYPE", "a"));
    assertEquals("+none\r\n", f.run("TYPE", "nokey"));
  }

  @Test
  void arity_wrongCounts_redisError() {
    assertEquals(err("ERR wrong number of arguments for 'del' command"), f.run("DEL"));
    assertEquals(err("ERR wrong number of arguments for 'type' command"), f.run("TYPE", "a", "b"));
    assertEquals(err("ERR wrong number of arguments for 'rename' command"), f.run("RENAME", "a"));
    assertEquals(err("ERR wrong number of arguments for 'copy' command"), f.run("COPY", "a"));
  }

  @Test
  void keys_patternAndExpiry_listsLiveMatches() {
    f.put("hello", "1");
    f.put("hallo", "1");
    f.put("world", "1");
    f.run("PEXPIRE", "hallo", "10");
    assertEquals("*2\r\n", f.run("KEYS", "h?llo").substring(0, 4));
    f.advance(11);
    assertEquals("*1\r\n" + bulk("hello"), f.run("KEYS", "h?llo"));
    assertEquals("*0\r\n", f.run("KEYS", "x*"));
  }

  @Test
  void rename_missingKey_noSuchKey() {
    assertEquals(err("ERR no such key"), f.run("RENAME", "a", "b"));
    assertEquals(err("ERR no such key"), f.run("RENAME", "a", "a"));
    assertEquals(err("ERR no such key"), f.run("RENAMENX", "a", "a"));
  }

  @Test
  void rename_keepsTtlAndOverwrites() {
    f.put("a", "1");
    f.put("b", "2");
    f.run("EXPIRE", "a", "100");
    assertEquals(OK, f.run("RENAME", "a", "b"));
    assertEquals(i(100), f.run("TTL", "b"));
    assertEquals(i(0), f.run("EXISTS", "a"));
  }

  @Test
  void rename_toItself_okWithoutChange() {
    f.put("a", "1");
    long dirty = f.engine.dirty();
    assertEquals(OK, f.run("RENAME", "a", "a"));
    assertEquals(i(0), f.run("RENAMENX", "a", "a"));
    assertEquals(dirty, f.engine.dirty());
    assertEquals(i(1), f.run("EXISTS", "a"));
  }

  @Test
  void renamenx_targetExists_zero() {
    f.put("a", "1");
    f.put("b", "2");
    assertEquals(i(0), f.run("RENAMENX", "a", "b"));
    assertEquals(i(1), f.run("RENAMENX", "a", "c"));
    assertEquals(i(0), f.run("EXISTS", "a"));
  }

  @Test
  void rename_expiredSource_noSuchKey() {
    f.put("a", "1");
    f.run("PEXPIRE", "a", "5");
    f.advance(6);
    assertEquals(err("ERR no such key"), f.run("RENAME", "a", "b"));
  }

  @Test
  void copy_options_redisSemantics() {
    f.put("a", "hello");
    assertEquals(err("ERR source and destination objects are the same"), f.run("COPY", "a", "a"));
    assertEquals(i(1), f.run("COPY", "a", "a", "DB", "1"));
    assertEquals(i(0), f.run("COPY", "a", "a", "DB", "1"));
    assertEquals(i(1), f.run("COPY", "a", "a", "DB", "1", "REPLACE"));
    assertEquals(err("ERR syntax error"), f.run("COPY", "a", "b", "DB"));
    assertEquals(err("ERR DB index is out of range"), f.run("COPY", "a", "b", "DB", "16"));
    assertEquals(err("ERR value is not an integer or out of range"),
        f.run("COPY", "a", "b", "DB", "x"));
    assertEquals(err("ERR value is out of range, value must between -2147483648 and 2147483647"),
        f.run("COPY", "a", "b", "DB", "4294967296"));
    assertEquals(i(0), f.run("COPY", "nokey", "b"));
  }

  @Test
  void copy_keepsTtl_andCopyIsIndependent() {
    f.put("a", "hello");
    f.run("EXPIRE", "a", "50");
    assertEquals(i(1), f.run("COPY", "a", "b"));
    assertEquals(i(50), f.run("TTL", "b"));
    f.run("PERSIST", "a");
    assertEquals(i(50), f.run("TTL", "b"));
  }

  @Test
  void move_rules() {
    f.put("a", "1");
    f.put(1, "b", "2");
    assertEquals(err("ERR source and destination objects are the same"), f.run("MOVE", "a", "0"));
    assertEquals(err("ERR source and destination objects are the same"),
        f.run("MOVE", "nokey", "0"));
    assertEquals(err("ERR DB index is out of range"), f.run("MOVE", "a", "16"));
    assertEquals(i(0), f.run("MOVE", "nokey", "1"));
    f.put("b", "x");
    assertEquals(i(0), f.run("MOVE", "b", "1"));
    f.run("EXPIRE", "a", "30");
    assertEquals(i(1), f.run("MOVE", "a", "1"));
    assertEquals(i(0), f.run("EXISTS", "a"));
    assertEquals(OK, f.run("SELECT", "1"));
    assertEquals(i(30), f.run("TTL", "a"));
  }

  @Test
  void touch_countsExisting() {
    f.put("a", "1");
    assertEquals(i(2), f.run("TOUCH", "a", "b", "a"));
  }

  @Test
  void object_missingKey_nullInBothProtocols() {
    assertEquals(NIL, f.run("OBJECT", "ENCODING", "nokey"));
    f.protocol(3);
    assertEquals("_\r\n", f.run("OBJECT", "ENCODING", "nokey"));
    assertEquals("_\r\n", f.run("OBJECT", "IDLETIME", "nokey"));
  }

  @Test
  void object_encodingAndRefcount() {
    f.put("i", "1");
    f.put("big", "10000");
    f.put("e", "hello");
    f.put("r", "x".repeat(45));
    assertEquals(bulk("int"), f.run("OBJECT", "ENCODING", "i"));
    assertEquals(bulk("embstr"), f.run("OBJECT", "ENCODING", "e"));
    assertEquals(bulk("raw"), f.run("OBJECT", "ENCODING", "r"));
    assertEquals(i(Integer.MAX_VALUE), f.run("OBJECT", "REFCOUNT", "i"));
    assertEquals(i(1), f.run("OBJECT", "REFCOUNT", "big"));
  }

  @Test
  void object_idletime_followsLruClockWithoutTouching() {
    f.put("a", "1");
    f.advance(5_000);
    assertEquals(i(5), f.run("OBJECT", "IDLETIME", "a"));
    f.run("TTL", "a");
    f.run("EXISTS", "a");
    assertEquals(i(5), f.run("OBJECT", "IDLETIME", "a"));
    f.run("TOUCH", "a");
    assertEquals(i(0), f.run("OBJECT", "IDLETIME", "a"));
  }

  @Test
  void object_freqWithoutLfu_redisError() {
    f.put("a", "1");
    assertTrue(f.run("OBJECT", "FREQ", "a").startsWith("-ERR An LFU maxmemory policy is not"));
  }

  @Test
  void object_help_fifteenLines() {
    String help = f.run("OBJECT", "HELP");
    assertTrue(help.startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]."));
    assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"));
  }

  @Test
  void object_unknownSubcommand_redisError() {
    assertEquals(err("ERR unknown subcommand 'foo'. Try OBJECT HELP."), f.run("OBJECT", "foo"));
    assertEquals(err("ERR wrong number of arguments for 'object|encoding' command"),
        f.run("OBJECT", "ENCODING"));
  }

  @Test
  void randomkey_emptyThenSingle() {
    assertEquals(NIL, f.run("RANDOMKEY"));
    f.put("only", "1");
    assertEquals(bulk("only"), f.run("RANDOMKEY"));
  }

  @Test
  void randomkey_onlyExpiredKeys_null() {
    f.put("a", "1");
    f.run("PEXPIRE", "a", "1");
    f.advance(2);
    assertEquals(NIL, f.run("RANDOMKEY"));
  }

  @Test
  void scan_errors_redisTexts() {
    assertEquals(err("ERR invalid cursor"), f.run("SCAN", "x"));
    assertEquals(err("ERR invalid cursor"), f.run("SCAN", " 1"));
    assertEquals(err("ERR invalid cursor"), f.run("SCAN", "18446744073709551616"));
    assertEquals(err("ERR syntax error"), f.run("SCAN", "0", "COUNT", "0"));
    assertEquals(err("ERR value is not an integer or out of range"),
        f.run("SCAN", "0", "COUNT", "x"));
    assertEquals(err("ERR syntax error"), f.run("SCAN", "0", "MATCH"));
  }

  @Test
  void scan_fullIteration_returnsEveryKeyOnce() {
    for (int k = 0; k < 500; k++) {
      f.put("k" + k, "v");
    }
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      String reply = f.run("SCAN", cursor, "COUNT", "20");
      String[] lines = reply.split("\r\n");
      cursor = lines[2];
      for (int j = 5; j < lines.length; j += 2) {
        seen.add(lines[j]);
      }
      calls++;
    } while (!cursor.equals("0") && calls < 10_000);
    assertEquals(500, seen.size());
  }

  @Test
  void scan_matchAndType_filter() {
    f.put("user:1", "a");
    f.put("user:2", "b");
    f.put("other", "c");
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    do {
      String[] lines = f.run("SCAN", cursor, "MATCH", "user:*", "TYPE", "STRING").split("\r\n");
      cursor = lines[2];
      for (int j = 5; j < lines.length; j += 2) {
        seen.add(lines[j]);
      }
    } while (!cursor.equals("0"));
    assertEquals(Set.of("user:1", "user:2"), seen);
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", lastScan("SCAN", "0", "TYPE", "list", "COUNT", "1000"));
  }

  private String lastScan(String... args) {
    return f.run(args);
  }
}
