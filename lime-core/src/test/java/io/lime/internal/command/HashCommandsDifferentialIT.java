package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every hash command, options and error cases included, compared byte for byte with a real
 * redis-server 7.0 under RESP2 and RESP3. Listpack-encoded hashes are ordered by insertion
 * in both, so whole-hash replies are compared exactly; hashtable-encoded hashes and random
 * replies are compared decoded (as sets) or by their properties.
 */
class HashCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static void reset(int resp) {
    diff.reset(resp);
    diff.check("CONFIG", "SET", "hash-max-listpack-entries", "512");
    diff.check("CONFIG", "SET", "hash-max-listpack-value", "64");
  }

  private static void check(String... command) {
    diff.check(command);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void basics_listpack_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("HSET", "h", "f1", "v1", "f2", "v2", "f3", "v3"),
        c("HSET", "h", "f2", "changed", "f4", "v4"),
        c("HSET", "h", "a", "1", "a", "2"),
        c("HGET", "h", "f2"), c("HGET", "h", "nope"), c("HGET", "missing", "f"),
        c("HMGET", "h", "f1", "nope", "a", "f4"), c("HMGET", "missing", "a", "b"),
        c("HLEN", "h"), c("HLEN", "missing"),
        c("HSTRLEN", "h", "f2"), c("HSTRLEN", "h", "nope"), c("HSTRLEN", "missing", "f"),
        c("HEXISTS", "h", "f1"), c("HEXISTS", "h", "nope"), c("HEXISTS", "missing", "f"),
        c("HKEYS", "h"), c("HVALS", "h"), c("HGETALL", "h"),
        c("HKEYS", "missing"), c("HVALS", "missing"), c("HGETALL", "missing"),
        c("TYPE", "h"), c("OBJECT", "ENCODING", "h"),
        c("HMSET", "h", "m1", "x", "m2", "y"), c("HGETALL", "h"),
        c("HSETNX", "h", "m1", "no"), c("HSETNX", "h", "n1", "yes"), c("HSETNX", "new", "f", "v"),
        c("HGETALL", "h"), c("HGETALL", "new"),
        c("HSET", "h", "", ""), c("HGET", "h", ""), c("HSTRLEN", "h", ""), c("HKEYS", "h"),
        c("HSET", "h", "123", "-456"), c("HGET", "h", "123"), c("HSTRLEN", "h", "123"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void binaryFields_identical(int resp) {
    reset(resp);
    byte[] f = {0, (byte) 0xff, '\r', '\n', 1};
    byte[] v = new byte[60];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) i;
    }
    diff.check(b("HSET"), b("bin"), f, b("x"), b("g"), v);
    diff.check(b("HGET"), b("bin"), f);
    diff.check(b("HGETALL"), b("bin"));
    diff.check(b("OBJECT"), b("ENCODING"), b("bin"));
    diff.check(b("HDEL"), b("bin"), f);
    diff.check(b("HGETALL"), b("bin"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void arityAndWrongType_identical(int resp) {
    reset(resp);
    check("SET", "s", "string");
    diff.checkAll(
        c("HSET", "h"), c("HSET", "h", "f"), c("HSET", "h", "f", "v", "g"),
        c("HMSET", "h", "f"), c("HMSET", "h", "f", "v", "g"),
        c("HSETNX", "h", "f"), c("HGET", "h"), c("HMGET", "h"), c("HDEL", "h"),
        c("HLEN"), c("HSTRLEN", "h"), c("HEXISTS", "h"), c("HKEYS"), c("HVALS", "a", "b"),
        c("HGETALL"), c("HINCRBY", "h", "f"), c("HINCRBYFLOAT", "h", "f"), c("HRANDFIELD"),
        c("HSCAN", "h"),
        c("HSET", "s", "f", "v"), c("HMSET", "s", "f", "v"), c("HSETNX", "s", "f", "v"),
        c("HGET", "s", "f"), c("HMGET", "s", "f"), c("HDEL", "s", "f"), c("HLEN", "s"),
        c("HSTRLEN", "s", "f"), c("HEXISTS", "s", "f"), c("HKEYS", "s"), c("HVALS", "s"),
        c("HGETALL", "s"), c("HINCRBY", "s", "f", "1"), c("HINCRBYFLOAT", "s", "f", "1"),
        c("HRANDFIELD", "s"), c("HRANDFIELD", "s", "0"), c("HRANDFIELD", "s", "2", "WITHVALUES"),
        c("HSCAN", "s", "0"), c("HSCAN", "s", "0", "COUNT", "0"),
        c("HINCRBY", "s", "f", "x"), c("HINCRBYFLOAT", "s", "f", "x"),
        c("GET", "s"), c("HSET", "h", "f", "v"), c("GET", "h"), c("INCR", "h"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hdel_removesKeyWhenEmpty(int resp) {
    reset(resp);
    diff.checkAll(
        c("HSET", "h", "a", "1", "b", "2", "c", "3"),
        c("HDEL", "h", "a", "a", "zz"), c("HGETALL", "h"),
        c("HDEL", "h", "b", "c", "b"), c("EXISTS", "h"), c("HGETALL", "h"),
        c("HDEL", "missing", "a"), c("HLEN", "h"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hincrby_cases_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("HINCRBY", "h", "n", "5"), c("HINCRBY", "h", "n", "-12"), c("HGET", "h", "n"),
        c("HINCRBY", "h", "n", "abc"), c("HINCRBY", "h", "n", "1.5"), c("HINCRBY", "h", "n", ""),
        c("HINCRBY", "h", "n", "9223372036854775808"), c("HINCRBY", "h", "n", " 1"),
        c("HSET", "h", "s", "hello", "big", "9223372036854775800", "neg", "-9223372036854775800",
            "sp", " 1", "lead", "01", "fl", "1.0"),
        c("HINCRBY", "h", "s", "1"), c("HINCRBY", "h", "sp", "1"), c("HINCRBY", "h", "lead", "1"),
        c("HINCRBY", "h", "fl", "1"),
        c("HINCRBY", "h", "big", "7"), c("HINCRBY", "h", "big", "1"),
        c("HINCRBY", "h", "neg", "-8"), c("HINCRBY", "h", "neg", "-1"),
        c("HINCRBY", "h", "zero", "-9223372036854775808"), c("HGETALL", "h"),
        c("HINCRBY", "missing", "f", "x"), c("EXISTS", "missing"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hincrbyfloat_cases_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("HINCRBYFLOAT", "h", "f", "10.5"), c("HINCRBYFLOAT", "h", "f", "0.1"),
        c("HINCRBYFLOAT", "h", "f", "-5.0e3"), c("HINCRBYFLOAT", "h", "f", "3.0e3"),
        c("HINCRBYFLOAT", "h2", "g", "1e308"), c("HINCRBYFLOAT", "h2", "g", "1e308"),
        c("OBJECT", "ENCODING", "h2"),
        c("HINCRBYFLOAT", "h", "t", "0x10"), c("HINCRBYFLOAT", "h", "t", ".5"),
        c("HINCRBYFLOAT", "h", "u", "1.23456789012345678901234567890"),
        c("HINCRBYFLOAT", "h", "f", "inf"), c("HINCRBYFLOAT", "h", "f", "-infinity"),
        c("HINCRBYFLOAT", "h", "f", "nan"), c("HINCRBYFLOAT", "h", "f", "abc"),
        c("HINCRBYFLOAT", "h", "f", ""), c("HINCRBYFLOAT", "h", "f", " 1"),
        c("HINCRBYFLOAT", "h", "f", "1e4933"), c("HINCRBYFLOAT", "h", "f", "1e-4960"),
        c("HINCRBYFLOAT", "h", "f", "0x1p3"), c("HINCRBYFLOAT", "h", "f", "1.5abc"),
        c("HINCRBYFLOAT", "h", "f", "-0"), c("HINCRBYFLOAT", "h", "z", "-0.0"), c("HGET", "h", "z"),
        c("HSET", "h", "s", "hello", "i", "17", "big", "1e4932", "in", "inf"),
        c("HINCRBYFLOAT", "h", "s", "1"), c("HINCRBYFLOAT", "h", "i", "0.25"),
        c("HINCRBYFLOAT", "h", "big", "1e4932"), c("HINCRBYFLOAT", "h", "in", "1"),
        c("HINCRBYFLOAT", "h", "i", "-17.25"), c("HGETALL", "h"),
        c("HINCRBYFLOAT", "missing", "f", "nan"), c("EXISTS", "missing"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hrandfield_deterministicCases_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("HRANDFIELD", "missing"), c("HRANDFIELD", "missing", "3"),
        c("HRANDFIELD", "missing", "-3", "WITHVALUES"), c("HRANDFIELD", "missing", "0"),
        c("HSET", "h", "a", "1", "b", "2", "c", "3"),
        c("HRANDFIELD", "h", "0"), c("HRANDFIELD", "h", "0", "WITHVALUES"),
        c("HRANDFIELD", "h", "3"), c("HRANDFIELD", "h", "5", "withvalues"),
        c("HRANDFIELD", "h", "100", "WITHVALUES"),
        c("HRANDFIELD", "h", "x"), c("HRANDFIELD", "h", "1.5"), c("HRANDFIELD", "h", "1", "x"),
        c("HRANDFIELD", "h", "1", "WITHVALUES", "x"),
        c("HRANDFIELD", "h", "-9223372036854775808"),
        c("HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES"),
        c("HRANDFIELD", "h", "9223372036854775808"),
        c("HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"),
        c("HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES"),
        c("HRANDFIELD", "h", "4611686018427387903", "WITHVALUES"),
        c("HRANDFIELD", "missing", "x"), c("HRANDFIELD", "missing", "1", "x"),
        c("HSET", "one", "only", "v"), c("HRANDFIELD", "one"), c("HRANDFIELD", "one", "1"),
        c("HRANDFIELD", "one", "-3"), c("HRANDFIELD", "one", "-2", "WITHVALUES"),
        c("HRANDFIELD", "one", "1", "WITHVALUES"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hrandfield_randomCases_sameShape(int resp) {
    reset(resp);
    for (String enc : new String[] {"listpack", "hashtable"}) {
      diff.check("DEL", "h");
      diff.check("CONFIG", "SET", "hash-max-listpack-entries", enc.equals("listpack") ? "512" : "1");
      List<String> args = new ArrayList<>(List.of("HSET", "h"));
      Map<String, String> all = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        args.add("f" + i);
        args.add("v" + i);
        all.put("f" + i, "v" + i);
      }
      diff.check(args.toArray(String[]::new));
      diff.check("OBJECT", "ENCODING", "h");
      for (String[] cmd : List.of(c("HRANDFIELD", "h"), c("HRANDFIELD", "h", "5"),
          c("HRANDFIELD", "h", "15"), c("HRANDFIELD", "h", "-30"),
          c("HRANDFIELD", "h", "7", "WITHVALUES"), c("HRANDFIELD", "h", "-25", "WITHVALUES"),
          c("HRANDFIELD", "h", "19", "WITHVALUES"), c("HRANDFIELD", "h", "1", "WITHVALUES"))) {
        RespValue r = decode(diff.redis(cmd));
        RespValue l = decode(diff.lime(cmd));
        assertEquals(shape(r), shape(l), () -> String.join(" ", cmd));
        checkRandom(l, cmd, all, resp);
      }
    }
  }

  /** The reply's structure with bulk contents erased. */
  private static String shape(RespValue v) {
    if (v instanceof RespValue.Array a) {
      StringBuilder sb = new StringBuilder("[");
      for (RespValue e : a.elements()) {
        sb.append(shape(e)).append(',');
      }
      return sb.append(']').toString();
    }
    return v.getClass().getSimpleName();
  }

  private static void checkRandom(RespValue l, String[] cmd, Map<String, String> all, int resp) {
    if (cmd.length == 2) {
      assertTrue(all.containsKey(((RespValue.Bulk) l).string()));
      return;
    }
    long count = Long.parseLong(cmd[2]);
    boolean withValues = cmd.length == 4;
    List<String> fields = new ArrayList<>();
    List<RespValue> items = ((RespValue.Array) l).elements();
    for (int i = 0; i < items.size(); ) {
      if (withValues && resp == 3) {
        List<RespValue> pair = ((RespValue.Array) items.get(i)).elements();
        String f = ((RespValue.Bulk) pair.get(0)).string();
        assertEquals(all.get(f), ((RespValue.Bulk) pair.get(1)).string());
        fields.add(f);
        i++;
      } else {
        String f = ((RespValue.Bulk) items.get(i)).string();
        if (withValues) {
          assertEquals(all.get(f), ((RespValue.Bulk) items.get(i + 1)).string());
          i += 2;
        } else {
          i++;
        }
        fields.add(f);
      }
    }
    assertEquals(Math.abs(count) > all.size() && count > 0 ? all.size() : Math.abs(count),
        fields.size());
    assertTrue(all.keySet().containsAll(fields));
    if (count > 0) {
      assertEquals(fields.size(), new TreeSet<>(fields).size(), "distinct");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hscan_listpack_identical(int resp) {
    reset(resp);
    diff.checkAll(
        c("HSCAN", "missing", "0"), c("HSCAN", "missing", "x"),
        c("HSCAN", "missing", "0", "TYPE", "string"), c("HSCAN", "missing", "0", "COUNT", "0"),
        c("HSET", "h", "alpha", "1", "beta", "2", "gamma", "3", "alps", "4"),
        c("HSCAN", "h", "0"), c("HSCAN", "h", "0", "COUNT", "1"), c("HSCAN", "h", "7"),
        c("HSCAN", "h", "0", "MATCH", "al*"), c("HSCAN", "h", "0", "match", "*", "count", "2"),
        c("HSCAN", "h", "0", "MATCH", "zz*"), c("HSCAN", "h", "0", "MATCH", "[ab]*"),
        c("HSCAN", "h", "x"), c("HSCAN", "h", "-1"), c("HSCAN", "h", "18446744073709551615"),
        c("HSCAN", "h", "18446744073709551616"), c("HSCAN", "h", " 1"), c("HSCAN", "h", ""),
        c("HSCAN", "h", "0", "COUNT", "0"), c("HSCAN", "h", "0", "COUNT", "-1"),
        c("HSCAN", "h", "0", "COUNT", "x"), c("HSCAN", "h", "0", "COUNT"),
        c("HSCAN", "h", "0", "MATCH"), c("HSCAN", "h", "0", "TYPE", "hash"),
        c("HSCAN", "h", "0", "NOPE", "1"), c("HSCAN", "h", "x", "COUNT", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void hashtable_wholeReplies_sameContents(int resp) {
    reset(resp);
    List<String> args = new ArrayList<>(List.of("HSET", "big"));
    for (int i = 0; i < 600; i++) {
      args.add("field:" + i);
      args.add("value:" + i);
    }
    diff.check(args.toArray(String[]::new));
    diff.checkAll(c("OBJECT", "ENCODING", "big"), c("HLEN", "big"), c("HGET", "big", "field:77"),
        c("HMGET", "big", "field:1", "nope", "field:599"), c("HSTRLEN", "big", "field:300"),
        c("HEXISTS", "big", "field:599"), c("HINCRBY", "big", "n", "3"),
        c("HINCRBYFLOAT", "big", "n", "0.5"), c("HSETNX", "big", "n", "x"),
        c("HDEL", "big", "field:0", "field:1", "nope"), c("HLEN", "big"));
    for (String[] cmd : List.of(c("HKEYS", "big"), c("HVALS", "big"), c("HGETALL", "big"),
        c("HRANDFIELD", "big", "1000"), c("HRANDFIELD", "big", "1000", "WITHVALUES"))) {
      assertEquals(sortedItems(diff.redis(cmd)), sortedItems(diff.lime(cmd)), String.join(" ", cmd));
    }
    assertEquals(fullScan(true, "0", null), fullScan(false, "0", null));
    assertEquals(fullScan(true, "0", "field:1*"), fullScan(false, "0", "field:1*"));
  }

  private static List<String> fullScan(boolean redis, String start, String match) {
    TreeSet<String> seen = new TreeSet<>();
    String cursor = start;
    int steps = 0;
    do {
      List<String> cmd = new ArrayList<>(List.of("HSCAN", "big", cursor, "COUNT", "7"));
      if (match != null) {
        cmd.add("MATCH");
        cmd.add(match);
      }
      String[] a = cmd.toArray(String[]::new);
      RespValue.Array reply = (RespValue.Array) decode(redis ? diff.redis(a) : diff.lime(a));
      cursor = ((RespValue.Bulk) reply.elements().get(0)).string();
      List<RespValue> items = ((RespValue.Array) reply.elements().get(1)).elements();
      for (int i = 0; i < items.size(); i += 2) {
        seen.add(((RespValue.Bulk) items.get(i)).string() + "=" + ((RespValue.Bulk) items.get(i + 1)).string());
      }
      steps++;
    } while (!cursor.equals("0") && steps < 10_000);
    return new ArrayList<>(seen);
  }

  /** A whole-hash reply's items as sorted strings (pairs kept together for maps). */
  private static List<String> sortedItems(byte[] reply) {
    RespValue v = decode(reply);
    List<String> out = new ArrayList<>();
    if (v instanceof RespValue.Map m) {
      for (RespValue.Pair p : m.entries()) {
        out.add(((RespValue.Bulk) p.key()).string() + "=" + ((RespValue.Bulk) p.value()).string());
      }
    } else {
      for (RespValue e : ((RespValue.Array) v).elements()) {
        out.add(e instanceof RespValue.Bulk b ? b.string() : e.toString());
      }
    }
    Collections.sort(out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void encodingConversions_identical(int resp) {
    reset(resp);
    String v64 = "x".repeat(64);
    String v65 = "x".repeat(65);
    diff.checkAll(
        c("HSET", "a", "f", v64), c("OBJECT", "ENCODING", "a"),
        c("HSET", "a", "g", v65), c("OBJECT", "ENCODING", "a"),
        c("HDEL", "a", "g"), c("OBJECT", "ENCODING", "a"), c("HGETALL", "a"),
        c("HSET", "b", v65, "1"), c("OBJECT", "ENCODING", "b"),
        c("HSETNX", "c", "f", v65), c("OBJECT", "ENCODING", "c"),
        c("HSET", "d", "f", "1"), c("HSETNX", "d", "f", v65), c("OBJECT", "ENCODING", "d"),
        c("HINCRBY", "e", v65, "1"), c("OBJECT", "ENCODING", "e"),
        c("HINCRBYFLOAT", "e2", "f", "1e70"), c("OBJECT", "ENCODING", "e2"), c("HGET", "e2", "f"),
        c("HSET", "m", "a", "1", "b", v65), c("OBJECT", "ENCODING", "m"),
        c("CONFIG", "SET", "hash-max-listpack-entries", "3"),
        c("HSET", "p", "a", "1", "b", "2", "c", "3"), c("OBJECT", "ENCODING", "p"),
        c("HGETALL", "p"), c("HSET", "p", "c", "33"), c("OBJECT", "ENCODING", "p"),
        c("HSET", "p", "d", "4"), c("OBJECT", "ENCODING", "p"),
        c("HDEL", "p", "a", "b", "c"), c("OBJECT", "ENCODING", "p"), c("HGETALL", "p"),
        c("HSET", "q", "a", "1", "b", "2", "c", "3", "d", "4"), c("OBJECT", "ENCODING", "q"),
        c("CONFIG", "SET", "hash-max-listpack-entries", "0"),
        c("HSET", "z", "a", "1"), c("OBJECT", "ENCODING", "z"),
        c("HSETNX", "z2", "a", "1"), c("OBJECT", "ENCODING", "z2"),
        c("CONFIG", "SET", "hash-max-listpack-entries", "512"),
        c("CONFIG", "SET", "hash-max-listpack-value", "0"),
        c("HSET", "e0", "", ""), c("OBJECT", "ENCODING", "e0"),
        c("HSET", "e0", "", "x"), c("OBJECT", "ENCODING", "e0"),
        c("CONFIG", "SET", "hash-max-listpack-value", "64"),
        c("HSET", "r", "a", "1"), c("COPY", "r", "r2"), c("OBJECT", "ENCODING", "r2"),
        c("COPY", "a", "a2"), c("OBJECT", "ENCODING", "a2"), c("RENAME", "a2", "a3"),
        c("OBJECT", "ENCODING", "a3"), c("TYPE", "a3"), c("HGETALL", "r2"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void boundaryOf513Fields_convertsAt513(int resp) {
    reset(resp);
    List<String> args = new ArrayList<>(List.of("HSET", "h"));
    for (int i = 0; i < 512; i++) {
      args.add("f" + i);
      args.add("v");
    }
    diff.check(args.toArray(String[]::new));
    diff.checkAll(c("OBJECT", "ENCODING", "h"), c("HKEYS", "h"), c("HSET", "h", "f0", "w"),
        c("OBJECT", "ENCODING", "h"), c("HSET", "h", "extra", "1"), c("OBJECT", "ENCODING", "h"),
        c("HLEN", "h"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void genericKeyCommands_onHashes_identical(int resp) {
    reset(resp);
    List<String> args = new ArrayList<>(List.of("HSET", "wide"));
    for (int i = 0; i < 513; i++) {
      args.add("f" + i);
      args.add("v");
    }
    diff.check(args.toArray(String[]::new));
    diff.checkAll(
        c("OBJECT", "ENCODING", "wide"), c("DEL", "wide"),
        c("HSET", "h", "a", "1", "b", "2"), c("TYPE", "h"), c("SCAN", "0", "TYPE", "hash"),
        c("SCAN", "0", "TYPE", "string"), c("KEYS", "*"), c("OBJECT", "REFCOUNT", "h"),
        c("EXISTS", "h"), c("RENAME", "h", "h2"), c("HGETALL", "h2"), c("COPY", "h2", "h3"),
        c("HSET", "h3", "c", "3"), c("HGETALL", "h2"), c("HGETALL", "h3"),
        c("MOVE", "h3", "1"), c("SELECT", "1"), c("HGETALL", "h3"), c("OBJECT", "ENCODING", "h3"),
        c("SELECT", "0"), c("RENAMENX", "h2", "h3"), c("DEL", "h2", "h3"), c("EXISTS", "h2"));
  }

  private static RespValue decode(byte[] reply) {
    try {
      return RespDecoder.decode(reply);
    } catch (io.lime.resp.ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
