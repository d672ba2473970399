package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.KeyFixture.bulk;
import static io.lime.internal.command.KeyFixture.err;
import static io.lime.internal.command.KeyFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The set commands through the dispatcher, with a manual clock and no real server. */
class SetCommandsTest {
  private final KeyFixture f = new KeyFixture();

  private static String arr(String... bulks) {
    StringBuilder sb = new StringBuilder("*" + bulks.length + "\r\n");
    for (String b : bulks) {
      sb.append(bulk(b));
    }
    return sb.toString();
  }

  private static String set(String... bulks) {
    return "~" + arr(bulks).substring(1);
  }

  /** The bulk strings of a flat aggregate reply. */
  private static List<String> members(String reply) {
    String[] lines = reply.split("\r\n");
    List<String> out = new ArrayList<>();
    for (int k = 2; k < lines.length; k += 2) {
      out.add(lines[k]);
    }
    return out;
  }

  @Test
  void sadd_integers_intsetAscending() {
    assertEquals(i(4), f.run("SADD", "s", "30", "-2", "7", "1000000", "7"));
    assertEquals(arr("-2", "7", "30", "1000000"), f.run("SMEMBERS", "s"));
    assertEquals(bulk("intset"), f.run("OBJECT", "ENCODING", "s"));
    assertEquals("+set\r\n", f.run("TYPE", "s"));
    assertEquals(i(0), f.run("SADD", "s", "30"));
    assertEquals(i(4), f.run("SCARD", "s"));
  }

  @Test
  void sadd_nonCanonicalInteger_hashtable() {
    f.run("SADD", "s", "1", "2");
    assertEquals(i(1), f.run("SADD", "s", "02"));
    assertEquals(bulk("hashtable"), f.run("OBJECT", "ENCODING", "s"));
    assertEquals(i(1), f.run("SREM", "s", "02"));
    assertEquals(bulk("hashtable"), f.run("OBJECT", "ENCODING", "s"));
    assertEquals(i(1), f.run("SISMEMBER", "s", "2"));
    assertEquals(i(0), f.run("SISMEMBER", "s", "02"));
  }

  @Test
  void sadd_pastMaxIntsetEntries_convertsAndNeverConvertsBack() {
    f.run("CONFIG", "SET", "set-max-intset-entries", "3");
    f.run("SADD", "s", "1", "2", "3");
    assertEquals(bulk("intset"), f.run("OBJECT", "ENCODING", "s"));
    f.run("SADD", "s", "4");
    assertEquals(bulk("hashtable"), f.run("OBJECT", "ENCODING", "s"));
    f.run("SREM", "s", "2", "3", "4");
    f.run("CONFIG", "SET", "set-max-intset-entries", "512");
    assertEquals(bulk("hashtable"), f.run("OBJECT", "ENCODING", "s"));
    assertEquals(arr("1"), f.run("SMEMBERS", "s"));
  }

  @Test
  void srem_lastMember_deletesKey() {
    f.run("SADD", "s", "a", "b");
    assertEquals(i(2), f.run("SREM", "s", "a", "b", "c"));
    assertEquals(i(0), f.run("EXISTS", "s"));
    assertEquals(i(0), f.run("SREM", "s", "a"));
  }

  @Test
  void wrongType_everyCommand_wrongtypeError() {
    f.put("str", "x");
    String wrong = err(Errors.WRONGTYPE);
    for (String[] cmd : List.of(new String[] {"SADD", "str", "1"}, new String[] {"SREM", "str", "1"},
        new String[] {"SMEMBERS", "str"}, new String[] {"SISMEMBER", "str", "1"},
        new String[] {"SMISMEMBER", "str", "1"}, new String[] {"SCARD", "str"},
        new String[] {"SPOP", "str"}, new String[] {"SPOP", "str", "1"},
        new String[] {"SRANDMEMBER", "str"}, new String[] {"SRANDMEMBER", "str", "2"},
        new String[] {"SINTER", "nokey", "str"}, new String[] {"SINTERCARD", "2", "nokey", "str"},
        new String[] {"SINTERSTORE", "d", "nokey", "str"}, new String[] {"SUNION", "str"},
        new String[] {"SUNIONSTORE", "d", "str"}, new String[] {"SDIFF", "nokey", "str"},
        new String[] {"SDIFFSTORE", "d", "nokey", "str"}, new String[] {"SSCAN", "str", "0"},
        new String[] {"SMOVE", "str", "d", "1"})) {
      assertEquals(wrong, f.run(cmd), String.join(" ", cmd));
    }
    assertEquals(bulk("x"), f.run("GET", "str"));
  }

  @Test
  void resp3_wholeSetReplies_areSets() {
    f.run("SADD", "s", "2", "1");
    f.protocol(3);
    assertEquals(set("1", "2"), f.run("SMEMBERS", "s"));
    assertEquals(set("1", "2"), f.run("SINTER", "s"));
    assertEquals(set("1", "2"), f.run("SUNION", "s", "nokey"));
    assertEquals(set("1", "2"), f.run("SDIFF", "s", "nokey"));
    assertEquals("~0\r\n", f.run("SMEMBERS", "nokey"));
    assertEquals("*0\r\n", f.run("SRANDMEMBER", "nokey", "3"));
    assertEquals(arr("1", "2"), f.run("SRANDMEMBER", "s", "3"));
    assertEquals("~0\r\n", f.run("SPOP", "nokey", "3"));
    assertEquals("_\r\n", f.run("SPOP", "nokey"));
    assertEquals(set("1", "2"), f.run("SPOP", "s", "2"));
  }

  @Test
  void spop_countRules_asRedis() {
    assertEquals(err("ERR value is out of range, must be positive"), f.run("SPOP", "s", "-1"));
    assertEquals(err("ERR value is out of range, must be positive"), f.run("SPOP", "s", "x"));
    assertEquals(err(Errors.SYNTAX), f.run("SPOP", "s", "1", "2"));
    f.run("SADD", "s", "a", "b", "c", "d");
    assertEquals("*0\r\n", f.run("SPOP", "s", "0"));
    List<String> popped = members(f.run("SPOP", "s", "3"));
    assertEquals(3, popped.size());
    assertEquals(3, new HashSet<>(popped).size());
    assertEquals(i(1), f.run("SCARD", "s"));
    f.run("SPOP", "s");
    assertEquals(i(0), f.run("EXISTS", "s"));
  }

  @Test
  void srandmember_negativeCount_repeats() {
    f.run("SADD", "s", "only");
    assertEquals(arr("only", "only", "only"), f.run("SRANDMEMBER", "s", "-3"));
    assertEquals(arr("only"), f.run("SRANDMEMBER", "s", "5"));
    f.run("SADD", "s", "a", "b", "c", "d");
    List<String> some = members(f.run("SRANDMEMBER", "s", "3"));
    assertEquals(3, new HashSet<>(some).size());
    assertEquals(err("ERR value is out of range, value must between -9223372036854775807 and "
        + "9223372036854775807"), f.run("SRANDMEMBER", "s", "-9223372036854775808"));
  }

  @Test
  void smove_toMissingDestination_createsWithMemberEncoding() {
    f.run("SADD", "src", "5", "x");
    assertEquals(i(1), f.run("SMOVE", "src", "dst", "5"));
    assertEquals(bulk("intset"), f.run("OBJECT", "ENCODING", "dst"));
    assertEquals(i(1), f.run("SMOVE", "src", "dst", "x"));
    assertEquals(i(0), f.run("EXISTS", "src"));
    assertEquals(bulk("hashtable"), f.run("OBJECT", "ENCODING", "dst"));
    assertEquals(i(1), f.run("SMOVE", "dst", "dst", "x"));
    assertEquals(i(0), f.run("SMOVE", "dst", "dst", "nope"));
  }

  @Test
  void sintercard_limit_stopsCounting() {
    f.run("SADD", "a", "1", "2", "3", "4");
    f.run("SADD", "b", "2", "3", "4", "5");
    assertEquals(i(3), f.run("SINTERCARD", "2", "a", "b"));
    assertEquals(i(2), f.run("SINTERCARD", "2", "a", "b", "LIMIT", "2"));
    assertEquals(i(3), f.run("SINTERCARD", "2", "a", "b", "LIMIT", "0"));
    assertEquals(err("ERR numkeys should be greater than 0"), f.run("SINTERCARD", "0", "a"));
    assertEquals(err("ERR Number of keys can't be greater than number of args"),
        f.run("SINTERCARD", "3", "a", "b"));
    assertEquals(err("ERR LIMIT can't be negative"), f.run("SINTERCARD", "1", "a", "LIMIT", "-2"));
  }

  @Test
  void store_replacesValueAndTtl_deletesOnEmpty() {
    f.put("d", "string");
    f.run("PEXPIRE", "d", "100000");
    f.run("SADD", "a", "1", "2");
    f.run("SADD", "b", "2", "3");
    assertEquals(i(1), f.run("SINTERSTORE", "d", "a", "b"));
    assertEquals(i(-1), f.run("PTTL", "d"));
    assertEquals(arr("2"), f.run("SMEMBERS", "d"));
    assertEquals(i(3), f.run("SUNIONSTORE", "d", "a", "b"));
    assertEquals(arr("1", "2", "3"), f.run("SMEMBERS", "d"));
    assertEquals(i(1), f.run("SDIFFSTORE", "d", "a", "b"));
    assertEquals(arr("1"), f.run("SMEMBERS", "d"));
    assertEquals(i(0), f.run("SDIFFSTORE", "d", "a", "a"));
    assertEquals(i(0), f.run("EXISTS", "d"));
  }

  @Test
  void expiredKey_readsAsMissing() {
    f.run("SADD", "s", "1");
    f.run("PEXPIRE", "s", "10");
    f.advance(11);
    assertEquals(i(0), f.run("SCARD", "s"));
    assertEquals(i(1), f.run("SADD", "s", "2"));
    assertEquals(arr("2"), f.run("SMEMBERS", "s"));
  }

  @Test
  void sscan_intset_allAtOnceWithCursorZero() {
    f.run("SADD", "s", "1", "10", "2", "20");
    assertEquals("*2\r\n" + bulk("0") + arr("1", "2", "10", "20"),
        f.run("SSCAN", "s", "12345", "COUNT", "1"));
    assertEquals("*2\r\n" + bulk("0") + arr("10", "20"), f.run("SSCAN", "s", "0", "MATCH", "?0"));
    assertEquals(err(Errors.INVALID_CURSOR), f.run("SSCAN", "s", "x"));
    assertEquals(err(Errors.SYNTAX), f.run("SSCAN", "s", "0", "COUNT", "0"));
  }

  @Test
  void sscan_hashtable_fullIterationSeesEveryMember() {
    Set<String> all = new HashSet<>();
    List<String> cmd = new ArrayList<>(List.of("SADD", "h"));
    for (int k = 0; k < 1000; k++) {
      all.add("m" + k);
      cmd.add("m" + k);
    }
    f.run(cmd.toArray(String[]::new));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int steps = 0;
    do {
      String reply = f.run("SSCAN", "h", cursor, "COUNT", "25");
      String[] lines = reply.split("\r\n");
      cursor = lines[2];
      for (int k = 5; k < lines.length; k += 2) {
        seen.add(lines[k]);
      }
      steps++;
      if (steps == 10) {
        // shrink the table mid-scan: members present throughout must still be returned
        for (int k = 0; k < 950; k += 1) {
          if (k % 20 != 0) {
            f.run("SREM", "h", "m" + k);
            all.remove("m" + k);
          }
        }
      }
    } while (!cursor.equals("0") && steps < 100_000);
    assertTrue(seen.containsAll(all));
  }
}
