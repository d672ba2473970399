package io.lime.internal.command;

import static io.lime.internal.command.ListFixture.array;
import static io.lime.internal.command.ListFixture.bulk;
import static io.lime.internal.command.ListFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The non-blocking list commands through the dispatcher. */
class ListCommandsTest {
  private static final String NIL = "$-1\r\n";
  private static final String NIL_ARRAY = "*-1\r\n";
  private static final String EMPTY = "*0\r\n";
  private static final String OK = "+OK\r\n";
  private static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

  private final ListFixture f = new ListFixture();

  @Test
  void lpush_manyElements_lastEndsFirst() {
    assertEquals(i(3), f.run("LPUSH", "l", "a", "b", "c"));
    assertEquals(array("c", "b", "a"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals(i(5), f.run("RPUSH", "l", "d", "e"));
    assertEquals(array("c", "b", "a", "d", "e"), f.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void pushx_missingKey_createsNothing() {
    assertEquals(i(0), f.run("LPUSHX", "l", "a"));
    assertEquals(i(0), f.run("RPUSHX", "l", "a"));
    assertEquals(i(0), f.run("EXISTS", "l"));
    f.run("RPUSH", "l", "x");
    assertEquals(i(3), f.run("RPUSHX", "l", "y", "z"));
  }

  @Test
  void pop_lastElement_removesKey() {
    f.run("RPUSH", "l", "a", "b");
    assertEquals(bulk("a"), f.run("LPOP", "l"));
    assertEquals(bulk("b"), f.run("RPOP", "l"));
    assertEquals(i(0), f.run("EXISTS", "l"));
    assertEquals(NIL, f.run("LPOP", "l"));
    assertEquals(NIL_ARRAY, f.run("LPOP", "l", "1"));
  }

  @Test
  void pop_withCount_repliesArrays() {
    f.run("RPUSH", "l", "a", "b", "c", "d");
    assertEquals(EMPTY, f.run("LPOP", "l", "0"));
    assertEquals(array("a", "b"), f.run("LPOP", "l", "2"));
    assertEquals(array("d", "c"), f.run("RPOP", "l", "5"));
    assertEquals(i(0), f.run("EXISTS", "l"));
    assertEquals("-ERR value is out of range, must be positive\r\n", f.run("LPOP", "l", "-1"));
    assertEquals("-ERR wrong number of arguments for 'lpop' command\r\n",
        f.run("LPOP", "l", "1", "2"));
  }

  @Test
  void pop_resp3MissingKey_isNull() {
    f.main.protocol(3);
    assertEquals("_\r\n", f.run("LPOP", "l"));
    assertEquals("_\r\n", f.run("LPOP", "l", "2"));
  }

  @Test
  void lrange_outOfRange_clamps() {
    f.run("RPUSH", "l", "a", "b", "c");
    assertEquals(array("b", "c"), f.run("LRANGE", "l", "-2", "100"));
    assertEquals(array("a"), f.run("LRANGE", "l", "-100", "0"));
    assertEquals(EMPTY, f.run("LRANGE", "l", "2", "1"));
    assertEquals(EMPTY, f.run("LRANGE", "l", "5", "10"));
    assertEquals(EMPTY, f.run("LRANGE", "missing", "0", "-1"));
    assertEquals("-ERR value is not an integer or out of range\r\n",
        f.run("LRANGE", "l", "x", "1"));
  }

  @Test
  void lindex_negativeAndOutOfRange() {
    f.run("RPUSH", "l", "a", "b", "c");
    assertEquals(bulk("c"), f.run("LINDEX", "l", "-1"));
    assertEquals(bulk("a"), f.run("LINDEX", "l", "0"));
    assertEquals(NIL, f.run("LINDEX", "l", "3"));
    assertEquals(NIL, f.run("LINDEX", "missing", "x"));
    assertEquals("-ERR value is not an integer or out of range\r\n", f.run("LINDEX", "l", "x"));
  }

  @Test
  void lset_errors_areRedisTexts() {
    assertEquals("-ERR no such key\r\n", f.run("LSET", "l", "0", "x"));
    f.run("RPUSH", "l", "a", "b");
    assertEquals("-ERR index out of range\r\n", f.run("LSET", "l", "2", "x"));
    assertEquals(OK, f.run("LSET", "l", "-1", "longer-value"));
    assertEquals(array("a", "longer-value"), f.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void linsert_pivotMissing_isMinusOne() {
    assertEquals(i(0), f.run("LINSERT", "l", "BEFORE", "a", "x"));
    f.run("RPUSH", "l", "a", "b");
    assertEquals(i(-1), f.run("LINSERT", "l", "BEFORE", "z", "x"));
    assertEquals(i(3), f.run("LINSERT", "l", "after", "a", "x"));
    assertEquals(i(4), f.run("LINSERT", "l", "before", "a", "y"));
    assertEquals(array("y", "a", "x", "b"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals("-ERR syntax error\r\n", f.run("LINSERT", "l", "middle", "a", "x"));
  }

  @Test
  void lrem_signOfCount_choosesDirection() {
    f.run("RPUSH", "l", "a", "b", "a", "c", "a");
    assertEquals(i(1), f.run("LREM", "l", "-1", "a"));
    assertEquals(array("a", "b", "a", "c"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals(i(1), f.run("LREM", "l", "1", "a"));
    assertEquals(array("b", "a", "c"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals(i(1), f.run("LREM", "l", "0", "a"));
    assertEquals(i(1), f.run("LREM", "l", "0", "b"));
    assertEquals(i(1), f.run("LREM", "l", "0", "c"));
    assertEquals(i(0), f.run("EXISTS", "l"));
  }

  @Test
  void ltrim_emptyRange_removesKey() {
    f.run("RPUSH", "l", "a", "b", "c", "d");
    assertEquals(OK, f.run("LTRIM", "l", "1", "-2"));
    assertEquals(array("b", "c"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals(OK, f.run("LTRIM", "l", "5", "10"));
    assertEquals(i(0), f.run("EXISTS", "l"));
    assertEquals(OK, f.run("LTRIM", "missing", "0", "1"));
  }

  @Test
  void lpos_rankCountMaxlen() {
    f.run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
    assertEquals(i(2), f.run("LPOS", "l", "c"));
    assertEquals(i(6), f.run("LPOS", "l", "c", "RANK", "2"));
    assertEquals(i(7), f.run("LPOS", "l", "c", "RANK", "-1"));
    assertEquals("*3\r\n:2\r\n:6\r\n:7\r\n", f.run("LPOS", "l", "c", "COUNT", "0"));
    assertEquals("*2\r\n:7\r\n:6\r\n", f.run("LPOS", "l", "c", "RANK", "-1", "COUNT", "2"));
    assertEquals(EMPTY, f.run("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "1"));
    assertEquals(NIL, f.run("LPOS", "l", "zz"));
    assertEquals(NIL, f.run("LPOS", "missing", "zz"));
    assertEquals(EMPTY, f.run("LPOS", "missing", "zz", "COUNT", "1"));
    assertEquals("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
        + "second ... or use negative to start from the end of the list\r\n",
        f.run("LPOS", "l", "c", "RANK", "0"));
    assertEquals("-ERR COUNT can't be negative\r\n", f.run("LPOS", "l", "c", "COUNT", "-1"));
    assertEquals("-ERR MAXLEN can't be negative\r\n", f.run("LPOS", "l", "c", "MAXLEN", "-1"));
    assertEquals("-ERR syntax error\r\n", f.run("LPOS", "l", "c", "RANK"));
  }

  @Test
  void lmove_sameKey_rotates() {
    f.run("RPUSH", "l", "a", "b", "c");
    assertEquals(bulk("c"), f.run("LMOVE", "l", "l", "RIGHT", "LEFT"));
    assertEquals(array("c", "a", "b"), f.run("LRANGE", "l", "0", "-1"));
    assertEquals(bulk("b"), f.run("RPOPLPUSH", "l", "m"));
    assertEquals(bulk("c"), f.run("LMOVE", "l", "m", "LEFT", "RIGHT"));
    assertEquals(array("b", "c"), f.run("LRANGE", "m", "0", "-1"));
    assertEquals(bulk("a"), f.run("LMOVE", "l", "m", "LEFT", "LEFT"));
    assertEquals(i(0), f.run("EXISTS", "l"));
    assertEquals(NIL, f.run("LMOVE", "l", "m", "LEFT", "LEFT"));
    assertEquals("-ERR syntax error\r\n", f.run("LMOVE", "l", "m", "UP", "LEFT"));
  }

  @Test
  void wrongType_everyCommand_repliesWrongtype() {
    f.run("SET", "s", "x");
    for (String[] c : new String[][] {{"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"},
        {"LLEN", "s"}, {"LRANGE", "s", "0", "1"}, {"LINDEX", "s", "0"}, {"LSET", "s", "0", "a"},
        {"LINSERT", "s", "BEFORE", "a", "b"}, {"LREM", "s", "0", "a"}, {"LTRIM", "s", "0", "1"},
        {"LPOS", "s", "a"}, {"LMOVE", "s", "d", "LEFT", "LEFT"}, {"LMPOP", "1", "s", "LEFT"},
        {"BLPOP", "s", "0"}}) {
      assertEquals(WRONGTYPE, f.run(c), String.join(" ", c));
    }
    f.run("RPUSH", "l", "a");
    assertEquals(WRONGTYPE, f.run("LMOVE", "l", "s", "LEFT", "LEFT"));
    assertEquals(array("a"), f.run("LRANGE", "l", "0", "-1"));
  }

  @Test
  void lmpop_firstNonEmptyKey_withCount() {
    f.run("RPUSH", "b", "1", "2", "3");
    assertEquals("*2\r\n" + bulk("b") + array("3", "2"),
        f.run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"));
    assertEquals(NIL_ARRAY, f.run("LMPOP", "1", "a", "LEFT"));
    assertEquals("-ERR numkeys should be greater than 0\r\n", f.run("LMPOP", "0", "a", "LEFT"));
    assertEquals("-ERR syntax error\r\n", f.run("LMPOP", "2", "a", "LEFT"));
    assertEquals("-ERR count should be greater than 0\r\n",
        f.run("LMPOP", "1", "a", "LEFT", "COUNT", "0"));
  }

  @Test
  void objectEncoding_anyList_isQuicklist() {
    f.run("RPUSH", "l", "a");
    assertEquals(bulk("quicklist"), f.run("OBJECT", "ENCODING", "l"));
    assertEquals("+list\r\n", f.run("TYPE", "l"));
  }
}
