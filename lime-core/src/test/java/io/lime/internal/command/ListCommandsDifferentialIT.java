package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every list command, options and error cases included, compared byte for byte with a real
 * redis-server 7.0 under RESP2 and RESP3. Blocking commands are compared here only where
 * they do not block (data present, errors); a session of the in-process side cannot block,
 * and the empty case with a short timeout answers the same null. Blocking over sockets is
 * in lime-server's {@code BlockingListDifferentialIT}.
 */
class ListCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static void all(String[]... commands) {
    diff.checkAll(commands);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void push_pop_len(int resp) {
    diff.reset(resp);
    all(c("LPUSH", "l", "a", "b", "c"), c("RPUSH", "l", "d", "e"), c("LLEN", "l"),
        c("LLEN", "nokey"), c("LPUSHX", "nokey", "a"), c("RPUSHX", "nokey", "a", "b"),
        c("LPUSHX", "l", "x", "y"), c("RPUSHX", "l", "z"), c("LRANGE", "l", "0", "-1"),
        c("LPOP", "l"), c("RPOP", "l"), c("LPOP", "l", "0"), c("LPOP", "l", "2"),
        c("RPOP", "l", "2"), c("RPOP", "l", "100"), c("EXISTS", "l"), c("LPOP", "l"),
        c("RPOP", "l"), c("LPOP", "l", "0"), c("LPOP", "l", "3"), c("RPOP", "nokey", "1"),
        c("LPOP", "l", "-1"), c("LPOP", "l", "x"), c("RPOP", "l", "1", "2"), c("LPUSH", "l"),
        c("LLEN"), c("LPUSH", "n", "1", "-2", "3.5", "18446744073709551616", ""),
        c("LRANGE", "n", "0", "-1"), c("OBJECT", "ENCODING", "n"), c("TYPE", "n"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void lrange_lindex_lset(int resp) {
    diff.reset(resp);
    all(c("RPUSH", "l", "a", "b", "c", "d", "e"));
    String[] idx = {"0", "1", "-1", "-5", "-6", "4", "5", "100", "-100",
        "9223372036854775807", "-9223372036854775808"};
    for (String s : idx) {
      diff.check("LINDEX", "l", s);
      for (String e : idx) {
        diff.check("LRANGE", "l", s, e);
      }
    }
    all(c("LINDEX", "l", "x"), c("LINDEX", "nokey", "x"), c("LINDEX", "nokey", "0"),
        c("LRANGE", "l", "x", "1"), c("LRANGE", "l", "1", "1.5"), c("LRANGE", "nokey", "0", "-1"),
        c("LSET", "l", "0", "A"), c("LSET", "l", "-1", "longer-element-value"),
        c("LSET", "l", "5", "x"), c("LSET", "l", "-6", "x"), c("LSET", "nokey", "0", "x"),
        c("LSET", "nokey", "x", "x"), c("LSET", "l", "x", "x"), c("LRANGE", "l", "0", "-1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void linsert_lrem_ltrim(int resp) {
    diff.reset(resp);
    all(c("RPUSH", "l", "a", "b", "a", "c", "a", "b"),
        c("LINSERT", "l", "BEFORE", "a", "x"), c("LINSERT", "l", "after", "b", "y"),
        c("LINSERT", "l", "AFTER", "zz", "y"), c("LINSERT", "l", "middle", "a", "y"),
        c("LINSERT", "nokey", "BEFORE", "a", "y"), c("LINSERT", "nokey", "foo", "a", "y"),
        c("LRANGE", "l", "0", "-1"), c("LREM", "l", "1", "a"), c("LREM", "l", "-1", "b"),
        c("LRANGE", "l", "0", "-1"), c("LREM", "l", "0", "a"), c("LREM", "l", "0", "zz"),
        c("LREM", "l", "x", "a"), c("LREM", "nokey", "1", "a"),
        c("LREM", "l", "-9223372036854775808", "y"), c("LRANGE", "l", "0", "-1"),
        c("RPUSH", "t", "1", "2", "3", "4", "5", "6"), c("LTRIM", "t", "1", "-2"),
        c("LRANGE", "t", "0", "-1"), c("LTRIM", "t", "-100", "100"), c("LTRIM", "t", "2", "1"),
        c("EXISTS", "t"), c("LTRIM", "nokey", "0", "1"), c("LTRIM", "t", "x", "1"),
        c("RPUSH", "t", "a"), c("LTRIM", "t", "0", "x"), c("LREM", "l", "0", "x"),
        c("LREM", "l", "0", "c"), c("EXISTS", "l"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void lpos_everyOption(int resp) {
    diff.reset(resp);
    all(c("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"));
    String[][] opts = {{}, {"RANK", "1"}, {"RANK", "2"}, {"RANK", "-1"}, {"RANK", "-3"},
        {"RANK", "9"}, {"COUNT", "0"}, {"COUNT", "1"}, {"COUNT", "2"}, {"MAXLEN", "3"},
        {"MAXLEN", "0"}, {"RANK", "-1", "COUNT", "0"}, {"RANK", "2", "COUNT", "0", "MAXLEN", "7"},
        {"RANK", "-9223372036854775808"}, {"RANK", "0"}, {"RANK", "x"}, {"COUNT", "-1"},
        {"COUNT", "x"}, {"MAXLEN", "-1"}, {"MAXLEN", "x"}, {"RANK"}, {"FOO", "1"},
        {"count", "1", "count", "2"}};
    for (String elem : new String[] {"c", "a", "zz"}) {
      for (String[] o : opts) {
        List<String> cmd = new ArrayList<>(List.of("LPOS", "l", elem));
        cmd.addAll(List.of(o));
        diff.check(cmd.toArray(String[]::new));
      }
    }
    all(c("LPOS", "nokey", "a"), c("LPOS", "nokey", "a", "COUNT", "0"),
        c("LPOS", "nokey", "a", "RANK", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void lmove_rpoplpush(int resp) {
    diff.reset(resp);
    all(c("RPUSH", "s", "a", "b", "c"));
    for (String from : new String[] {"LEFT", "RIGHT"}) {
      for (String to : new String[] {"LEFT", "right"}) {
        diff.check("LMOVE", "s", "d", from, to);
        diff.check("LMOVE", "s", "s", from, to);
        diff.check("LRANGE", "s", "0", "-1");
        diff.check("LRANGE", "d", "0", "-1");
      }
    }
    all(c("RPOPLPUSH", "d", "s"), c("RPOPLPUSH", "s", "s"), c("RPOPLPUSH", "nokey", "s"),
        c("LMOVE", "nokey", "s", "LEFT", "LEFT"), c("LMOVE", "s", "d", "UP", "LEFT"),
        c("LMOVE", "s", "d", "LEFT", "DOWN"), c("LMOVE", "nokey", "d", "UP", "LEFT"),
        c("SET", "str", "x"), c("LMOVE", "s", "str", "LEFT", "LEFT"),
        c("LMOVE", "str", "s", "LEFT", "LEFT"), c("RPOPLPUSH", "str", "nokey"),
        c("RPOPLPUSH", "nokey", "str"), c("LRANGE", "s", "0", "-1"),
        c("LMOVE", "s", "new", "LEFT", "LEFT"), c("LRANGE", "new", "0", "-1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void lmpop_and_nonBlockingPathsOfBlockingCommands(int resp) {
    diff.reset(resp);
    all(c("RPUSH", "b", "1", "2", "3", "4"), c("LMPOP", "2", "a", "b", "LEFT"),
        c("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"), c("LMPOP", "1", "b", "left", "count", "9"),
        c("LMPOP", "1", "b", "LEFT"), c("LMPOP", "0", "a", "LEFT"), c("LMPOP", "-1", "a", "LEFT"),
        c("LMPOP", "x", "a", "LEFT"), c("LMPOP", "2", "a", "LEFT"), c("LMPOP", "1", "a", "UP"),
        c("LMPOP", "1", "a", "LEFT", "COUNT", "0"), c("LMPOP", "1", "a", "LEFT", "COUNT", "-1"),
        c("LMPOP", "1", "a", "LEFT", "COUNT", "x"), c("LMPOP", "1", "a", "LEFT", "COUNT"),
        c("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"), c("LMPOP", "1", "a", "LEFT", "X"),
        c("LMPOP", "1", "a"), c("LMPOP", "9223372036854775807", "a", "LEFT"),
        c("RPUSH", "x", "1", "2"), c("RPUSH", "y", "3"), c("SET", "str", "v"),
        c("BLPOP", "nokey", "x", "0"), c("BRPOP", "x", "y", "0"), c("BLPOP", "nokey", "str", "0"),
        c("BLPOP", "y", "str", "0"), c("BLPOP", "x", "-1"), c("BLPOP", "x", "abc"),
        c("BLPOP", "x", "inf"), c("BLPOP", "x", "nan"), c("BLPOP", "x", "1e16"),
        c("BLPOP", "nokey", "0.01"), c("BRPOP", "nokey", "0.01"), c("RPUSH", "x", "a", "b"),
        c("BLMOVE", "x", "d", "LEFT", "RIGHT", "0"), c("BLMOVE", "x", "d", "UP", "RIGHT", "0"),
        c("BLMOVE", "x", "d", "LEFT", "RIGHT", "-1"), c("BRPOPLPUSH", "x", "d", "0"),
        c("BRPOPLPUSH", "x", "d", "x"), c("BRPOPLPUSH", "str", "d", "0"),
        c("BRPOPLPUSH", "d", "str", "0"), c("BLMOVE", "nokey", "d", "LEFT", "LEFT", "0.01"),
        c("BRPOPLPUSH", "nokey", "d", "0.01"), c("RPUSH", "m", "1", "2", "3"),
        c("BLMPOP", "0", "2", "nokey", "m", "RIGHT", "COUNT", "2"),
        c("BLMPOP", "0", "0", "m", "LEFT"), c("BLMPOP", "x", "1", "m", "LEFT"),
        c("BLMPOP", "-1", "1", "m", "LEFT"), c("BLMPOP", "x", "0", "m", "LEFT"),
        c("BLMPOP", "0", "1", "m", "UP"), c("BLMPOP", "0", "1", "str", "LEFT"),
        c("BLMPOP", "0.01", "1", "nokey", "LEFT"), c("BLPOP", "k"),
        c("BLMOVE", "a", "b", "LEFT", "LEFT"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wrongType_everyCommand(int resp) {
    diff.reset(resp);
    all(c("SET", "s", "v"), c("LPUSH", "s", "a"), c("RPUSH", "s", "a"), c("LPUSHX", "s", "a"),
        c("RPUSHX", "s", "a"), c("LPOP", "s"), c("RPOP", "s", "2"), c("LPOP", "s", "0"),
        c("LLEN", "s"), c("LRANGE", "s", "0", "-1"), c("LINDEX", "s", "0"),
        c("LINDEX", "s", "x"), c("LSET", "s", "0", "a"), c("LSET", "s", "x", "a"),
        c("LINSERT", "s", "BEFORE", "a", "b"), c("LREM", "s", "0", "a"),
        c("LTRIM", "s", "0", "1"), c("LPOS", "s", "a"), c("LPOS", "s", "a", "RANK", "0"),
        c("LMPOP", "1", "s", "LEFT"), c("RPOPLPUSH", "s", "d"), c("OBJECT", "ENCODING", "s"));
  }

  /** Long lists and elements through many quicklist nodes, under several node limits. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void largeLists_manyNodes(int resp) {
    diff.reset(resp);
    Random rnd = new Random(resp);
    for (String fill : new String[] {"-2", "1", "3", "-1", "128"}) {
      diff.check("CONFIG", "SET", "list-max-listpack-size", fill);
      diff.check("DEL", "big");
      for (int i = 0; i < 40; i++) {
        int n = 1 + rnd.nextInt(30);
        List<String> cmd = new ArrayList<>(List.of(rnd.nextBoolean() ? "LPUSH" : "RPUSH", "big"));
        for (int j = 0; j < n; j++) {
          int size = rnd.nextInt(10) == 0 ? 100 + rnd.nextInt(3000) : rnd.nextInt(12);
          cmd.add("v" + rnd.nextInt(20) + "x".repeat(size));
        }
        diff.check(cmd.toArray(String[]::new));
        switch (rnd.nextInt(6)) {
          case 0 -> diff.check("LREM", "big", String.valueOf(rnd.nextInt(5) - 2), "v" + rnd.nextInt(20));
          case 1 -> diff.check("LTRIM", "big", String.valueOf(rnd.nextInt(10)), "-" + (1 + rnd.nextInt(10)));
          case 2 -> diff.check("LINSERT", "big", "BEFORE", "v" + rnd.nextInt(20), "ins");
          case 3 -> diff.check("LSET", "big", String.valueOf(rnd.nextInt(40) - 20), "set" + "y".repeat(rnd.nextInt(200)));
          case 4 -> diff.check("LPOP", "big", String.valueOf(rnd.nextInt(8)));
          default -> diff.check("RPOP", "big", String.valueOf(rnd.nextInt(8)));
        }
        diff.check("LINDEX", "big", String.valueOf(rnd.nextInt(60) - 30));
        diff.check("LPOS", "big", "v" + rnd.nextInt(20), "RANK", "-1", "COUNT", "0");
      }
      diff.check("LRANGE", "big", "0", "-1");
      diff.check("LLEN", "big");
      diff.check("OBJECT", "ENCODING", "big");
    }
    diff.check("CONFIG", "SET", "list-max-listpack-size", "-2");
  }
}
