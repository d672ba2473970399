package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream commands on entries (XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID) and the
 * key commands on streams, options and errors included, compared byte for byte with a real
 * redis-server 7.0 under RESP2 and RESP3. IDs are explicit (auto IDs depend on the clock and
 * are checked by shape elsewhere); XINFO STREAM shows node counts, counters and edges.
 */
class StreamCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  static String[] c(String... args) {
    return args;
  }

  private static void reset(int resp) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "stream-node-max-entries", "100");
    diff.check("CONFIG", "SET", "stream-node-max-bytes", "4096");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xadd_idForms_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("XADD", "s", "1-1", "f", "v"), c("XADD", "s", "1-1", "f", "v"),
        c("XADD", "s", "1-*", "f", "v"), c("XADD", "s", "1", "f", "v"),
        c("XADD", "s", "5-*", "a", "1", "b", "2"), c("XADD", "s", "5-*", "a", "1"),
        c("XADD", "s", "4-*", "a", "1"), c("XADD", "s", " 7", "f", "v"),
        c("XADD", "s", "\t8", "f", "v"), c("XADD", "s", "+9", "f", "v"),
        c("XADD", "s", "10 ", "f", "v"), c("XADD", "s", "00", "f", "v"),
        c("XADD", "s", "-0", "f", "v"), c("XADD", "s", "12-", "f", "v"),
        c("XADD", "s", "13-+1", "f", "v"), c("XADD", "s", "14- 2", "f", "v"),
        c("XADD", "s", "15-*-1", "f", "v"), c("XADD", "s", "*-1", "f", "v"),
        c("XADD", "s", "18446744073709551616", "f", "v"), c("XADD", "s", "-", "f", "v"),
        c("XADD", "s", "+", "f", "v"), c("XADD", "s", "0-0", "f", "v"),
        c("XADD", "new", "0-0", "f", "v"), c("EXISTS", "new"),
        c("XADD", "new", "0-*", "f", "v"), c("XADD", "new2", "0", "f", "v"),
        c("XADD", "s", "18446744073709551615-*", "f", "v"),
        c("XADD", "s", "18446744073709551615-*", "f", "v"),
        c("XADD", "s", "18446744073709551615-18446744073709551615", "f", "v"),
        c("XADD", "s", "*", "f", "v"), c("XADD", "s", "18446744073709551615-*", "f", "v"),
        c("XLEN", "s"), c("XRANGE", "s", "-", "+"), c("TYPE", "s"),
        c("OBJECT", "ENCODING", "s"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xadd_optionsAndErrors_identical(int resp) {
    reset(resp);
    diff.check("SET", "str", "x");
    diff.checkAll(
        c("XADD", "s"), c("XADD", "s", "1"), c("XADD", "s", "1", "f"),
        c("XADD", "s", "1", "f", "v", "g"), c("XADD", "s", "MAXLEN", "1"),
        c("XADD", "s", "LIMIT", "10", "*", "f", "v"),
        c("XADD", "s", "MAXLEN", "5", "LIMIT", "10", "*", "f", "v"),
        c("XADD", "s", "MAXLEN", "-1", "*", "f", "v"),
        c("XADD", "s", "MAXLEN", "x", "*", "f", "v"),
        c("XADD", "s", "MAXLEN", "~", "3", "MINID", "1", "*", "f", "v"),
        c("XADD", "s", "LIMIT", "-1", "MAXLEN", "2", "*", "f", "v"),
        c("XADD", "s", "MINID", "+", "*", "f", "v"), c("XADD", "s", "MINID", "bad", "1", "f", "v"),
        c("XADD", "s", "LIMIT", "0", "1", "f", "v"), c("XADD", "s", "BOGUS", "1", "f", "v"),
        c("XADD", "str", "1", "f", "v"), c("XADD", "str", "NOMKSTREAM", "1", "f", "v"),
        c("XADD", "nos", "NOMKSTREAM", "1", "f", "v"), c("EXISTS", "nos"),
        c("XADD", "s", "nomkstream", "1", "f", "v"),
        c("XADD", "s", "NOMKSTREAM", "MAXLEN", "=", "1", "2", "f", "v"),
        c("XADD", "s", "MAXLEN", "~", "1", "LIMIT", "5", "3", "f", "v"),
        c("XADD", "s", "maxlen", "0", "4", "f", "v"), c("XLEN", "s"),
        c("XRANGE", "s", "-", "+"), c("XADD", "s", "MINID", "=", "10", "10", "f", "v"),
        c("XADD", "s", "MINID", "11", "11", "f", "v"), c("XRANGE", "s", "-", "+"),
        c("XADD", "s", "MAXLEN", "=", "*", "f", "v"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xrange_boundsAndCount_identical(int resp) {
    reset(resp);
    for (int i = 1; i <= 12; i++) {
      diff.check("XADD", "s", i + "-" + (i % 3), "f", "v" + i, "g", Integer.toString(i));
    }
    diff.check("XADD", "s", "13-0", "other", "x");
    diff.checkAll(
        c("XRANGE", "s", "-", "+"), c("XREVRANGE", "s", "+", "-"),
        c("XRANGE", "s", "3", "5"), c("XRANGE", "s", "3-0", "5-0"), c("XRANGE", "s", "(3-0", "(5-2"),
        c("XREVRANGE", "s", "(9", "(3"), c("XRANGE", "s", "-", "+", "COUNT", "3"),
        c("XREVRANGE", "s", "+", "-", "count", "2"), c("XRANGE", "s", "-", "+", "COUNT", "0"),
        c("XRANGE", "s", "-", "+", "COUNT", "-5"), c("XRANGE", "s", "-", "+", "COUNT"),
        c("XRANGE", "s", "-", "+", "COUNT", "x"), c("XRANGE", "s", "-", "+", "LIMIT", "1"),
        c("XRANGE", "s", "-", "+", "COUNT", "1", "COUNT", "2"),
        c("XRANGE", "s", "(-", "+"), c("XRANGE", "s", "-", "(+"),
        c("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"),
        c("XRANGE", "s", "-", "(0-0"), c("XRANGE", "s", "(0", "(1"),
        c("XRANGE", "s", "(", "+"), c("XRANGE", "s", "5", "3"), c("XREVRANGE", "s", "3", "5"),
        c("XRANGE", "s", "x", "+"), c("XRANGE", "s", "-", "y"), c("XRANGE", "missing", "-", "+"),
        c("XRANGE", "missing", "-", "+", "COUNT", "0"), c("XREVRANGE", "missing", "+", "-"),
        c("XRANGE", "s", "12", "+"), c("XRANGE", "s", "12-0", "12"),
        c("XLEN", "s"), c("XLEN", "missing"), c("XRANGE", "s"), c("XLEN"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xdel_and_xtrim_identical(int resp) {
    reset(resp);
    diff.check("CONFIG", "SET", "stream-node-max-entries", "4");
    diff.check("SET", "str", "x");
    for (int i = 1; i <= 30; i++) {
      diff.check("XADD", "s", Integer.toString(i), "f", "v" + i);
    }
    diff.checkAll(
        c("XDEL", "s", "3", "4-0", "3", "99"), c("XDEL", "s", "bad"), c("XDEL", "s", "5", "bad"),
        c("XLEN", "s"), c("XDEL", "missing", "bad"), c("XDEL", "str", "1"), c("XDEL", "s", "+"),
        c("XDEL", "s", "1", "2"), c("XRANGE", "s", "-", "+", "COUNT", "3"),
        c("XTRIM", "s"), c("XTRIM", "s", "MAXLEN"), c("XTRIM", "s", "FOO", "1"),
        c("XTRIM", "s", "MAXLEN", "x"), c("XTRIM", "missing", "MAXLEN", "1"),
        c("XTRIM", "str", "MAXLEN", "1"), c("XTRIM", "s", "LIMIT", "1"),
        c("XTRIM", "s", "MAXLEN", "1", "LIMIT", "1"),
        c("XTRIM", "s", "MAXLEN", "~", "20"), c("XLEN", "s"),
        c("XTRIM", "s", "MAXLEN", "~", "5", "LIMIT", "3"), c("XLEN", "s"),
        c("XTRIM", "s", "MAXLEN", "~", "5", "LIMIT", "10"), c("XLEN", "s"),
        c("XRANGE", "s", "-", "+"),
        c("XTRIM", "s", "MAXLEN", "=", "6"), c("XRANGE", "s", "-", "+"),
        c("XTRIM", "s", "MINID", "~", "25"), c("XRANGE", "s", "-", "+"),
        c("XTRIM", "s", "MINID", "27"), c("XRANGE", "s", "-", "+"),
        c("XTRIM", "s", "MINID", "-"), c("XTRIM", "s", "MAXLEN", "0"), c("XLEN", "s"),
        c("EXISTS", "s"), c("TYPE", "s"), c("XRANGE", "s", "-", "+"),
        c("XADD", "s", "29", "f", "v"), c("XADD", "s", "31", "f", "v"),
        c("XTRIM", "s", "MAXLEN", "0", "MAXLEN", "1"), c("XTRIM", "s", "MINID", "1", "MAXLEN", "1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void xsetid_identical(int resp) {
    reset(resp);
    diff.check("SET", "str", "x");
    diff.checkAll(
        c("XSETID", "missing", "1"), c("XSETID", "str", "1"), c("XSETID", "s", "bad"),
        c("XADD", "s", "5", "f", "v"), c("XADD", "s", "6", "f", "v"),
        c("XSETID", "s", "4"), c("XSETID", "s", "-"), c("XSETID", "s", "6"),
        c("XSETID", "s", "100", "ENTRIESADDED", "1"), c("XSETID", "s", "100", "ENTRIESADDED", "-1"),
        c("XSETID", "s", "100", "ENTRIESADDED", "x"), c("XSETID", "s", "100", "ENTRIESADDED"),
        c("XSETID", "s", "100", "MAXDELETEDID", "200"), c("XSETID", "s", "100", "FOO", "1"),
        c("XSETID", "s", "100", "ENTRIESADDED", "7", "MAXDELETEDID", "50"),
        c("XADD", "s", "99", "f", "v"), c("XADD", "s", "100-*", "f", "v"),
        c("XSETID", "s", "40"), c("XDEL", "s", "5", "6", "100-1"), c("XLEN", "s"),
        c("XSETID", "s", "40"), c("XSETID", "s", "60", "ENTRIESADDED", "0"),
        // "*" after an ID ahead of the clock: the next sequence of that millisecond, the same
        // on both servers (after an ID behind the clock, "*" is each server's own now).
        c("XSETID", "s", "9999999999999-5"), c("XADD", "s", "*", "f", "v"),
        c("XSETID"), c("XSETID", "s"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keyCommands_onStreams_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("XADD", "s", "1", "a", "1"), c("XADD", "s", "2", "b", "2"),
        c("TYPE", "s"), c("OBJECT", "ENCODING", "s"), c("COPY", "s", "t"),
        c("XADD", "t", "3", "c", "3"), c("XRANGE", "s", "-", "+"), c("XRANGE", "t", "-", "+"),
        c("RENAME", "t", "u"), c("XLEN", "u"), c("DEL", "s"), c("SCAN", "0", "TYPE", "stream"),
        c("SCAN", "0", "TYPE", "list"), c("MOVE", "u", "1"), c("EXISTS", "u"), c("SELECT", "1"), c("XLEN", "u"), c("SELECT", "0"), c("EXISTS", "s"),
        c("SET", "s", "x"), c("XLEN", "s"), c("XRANGE", "s", "-", "+"),
        c("XREVRANGE", "s", "+", "-"), c("XADD", "s", "*", "f", "v"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void nodeLimits_splitAsRedis_identical(int resp) {
    reset(resp);
    diff.check("CONFIG", "SET", "stream-node-max-bytes", "120");
    diff.check("CONFIG", "SET", "stream-node-max-entries", "0");
    String[] values = {"1", "-5", "300", "70000", "-9000000", "4000000000", "x", "longer-text-value",
        "0123", "12345678901234567890", "-0", "9223372036854775807"};
    for (int i = 0; i < 40; i++) {
      String v = values[i % values.length];
      if (i % 3 == 0) {
        diff.check("XADD", "s", (1000 + i * 7) + "-" + (i % 5), "f", v, "g", v);
      } else {
        diff.check("XADD", "s", (1000 + i * 7) + "-" + (i % 5), "other" + (i % 4), v);
      }
      diff.check("XINFO", "STREAM", "s");
    }
    diff.check("CONFIG", "SET", "stream-node-max-bytes", "0");
    diff.check("CONFIG", "SET", "stream-node-max-entries", "3");
    for (int i = 0; i < 20; i++) {
      diff.check("XADD", "s", Integer.toString(2000 + i), "f", "v");
    }
    diff.check("CONFIG", "SET", "stream-node-max-entries", "1");
    for (String id : new String[] {"1-0", "1-1", "1-256", "1-65536", "255-0", "256-0", "257-3",
        "65536-0", "4294967296-0", "4294967296-4294967296", "1099511627781-0",
        "18446744073709551615-0", "18446744073709551615-7"}) {
      diff.check("XADD", "r", id, "f", "v");
      diff.check("XINFO", "STREAM", "r");
    }
    diff.checkAll(c("XDEL", "r", "256-0", "1-1"), c("XINFO", "STREAM", "r"),
        c("XTRIM", "r", "MAXLEN", "3"), c("XINFO", "STREAM", "r"));
    diff.check("CONFIG", "SET", "stream-node-max-entries", "3");
    diff.checkAll(c("XDEL", "s", "1007-1", "1014-2", "1021-3"), c("XTRIM", "s", "MAXLEN", "~", "50"),
        c("XLEN", "s"), c("XTRIM", "s", "MINID", "~", "1100"), c("XLEN", "s"),
        c("XTRIM", "s", "MAXLEN", "~", "10", "LIMIT", "2"), c("XLEN", "s"));
  }
}
