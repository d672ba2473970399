package io.lime.internal.command;

import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every string command, options and error cases included, compared byte for byte with a
 * real redis-server 7.0 under RESP2 and RESP3. Both sides run on the wall clock, so expiry
 * is compared through TTL (whole seconds) and EXISTS.
 */
class StringCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  /**
   * A key of another type on both sides: a list in Redis, an opaque non-string value in LIME
   * (lists do not exist yet; only WRONGTYPE behaviour is compared).
   */
  private static void seedOther(String key) {
    diff.redis("DEL", key);
    diff.redis("RPUSH", key, "a");
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int h = Hashing.hash(k);
    Shard s = diff.limeState().engine().db(0).shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, diff.limeState().engine().now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, new Object());
    } finally {
      s.unlock();
    }
  }

  private static void checkAll(String[]... commands) {
    diff.checkAll(commands);
  }

  private static String[] c(String... args) {
    return args;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void getSet_optionsAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("GET", "k"), c("SET", "k", "v"), c("GET", "k"),
        c("SET", "k", "v", "EX", "10", "PX", "10"), c("SET", "k", "v", "PX", "10", "EX", "10"),
        c("SET", "k", "v", "EXAT", "10", "EX", "10"), c("SET", "k", "v", "PXAT", "10", "EXAT", "10"),
        c("SET", "k", "v", "NX", "XX"), c("SET", "k", "v", "XX", "NX"), c("SET", "k", "v", "nx", "nx"),
        c("SET", "k", "v", "KEEPTTL", "EX", "10"), c("SET", "k", "v", "EX", "10", "KEEPTTL"),
        c("SET", "k", "v", "EX"), c("SET", "k", "v", "PERSIST"), c("SET", "k", "v", "FOO"),
        c("SET", "k", "v", "EX", "0"), c("SET", "k", "v", "EX", "-1"), c("SET", "k", "v", "EX", "abc"),
        c("SET", "k", "v", "EX", "9223372036854775807"), c("SET", "k", "v", "EX", "9223372036854775"),
        c("SET", "k", "v", "PX", "9223372036854775000"), c("SET", "k", "v", "EXAT", "9223372036854776"),
        c("SET", "k", "v", "PXAT", "-1"), c("SET", "k", "v", "EXAT", "0"), c("SET", "k", "v", "EX", " 1"),
        c("SET", "k", "v", "EX", "abc", "EX", "100"), c("TTL", "k"),
        c("SET", "k", "v", "KEEPTTL", "KEEPTTL"), c("TTL", "k"), c("SET", "k", "v2"), c("TTL", "k"),
        c("SET", "k", "v", "PX", "100000", "GET"), c("TTL", "k"),
        c("SET", "k", "v", "EXAT", "9223372036854775"), c("TTL", "k"),
        c("SET", "k", "v", "PXAT", "9223372036854775807"),
        c("SET", "k", "v", "EXAT", "1"), c("EXISTS", "k"), c("GET", "k"),
        c("SET", "k", "v", "XX"), c("SET", "k", "v", "NX"), c("SET", "k", "w", "NX"),
        c("SET", "k", "w", "NX", "GET"), c("SET", "k2", "v2", "NX", "GET"), c("GET", "k2"),
        c("SET", "k3", "v3", "XX", "GET"), c("GET", "k3"), c("SET", "k", "z", "get", "GET"),
        c("SET", "k", "z", "XX", "GET", "EX", "100"), c("TTL", "k"),
        c("SET", "k"), c("GET"), c("GET", "a", "b"));
    seedOther("l");
    checkAll(c("GET", "l"), c("SET", "l", "v", "GET"), c("SET", "l", "v", "NX", "GET"),
        c("SET", "l", "v", "NX"), c("SET", "l", "v"), c("GET", "l"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setnxSetexPsetexGetsetGetdel_matchRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("SETNX", "a", "1"), c("SETNX", "a", "2"), c("GET", "a"),
        c("SETEX", "b", "100", "v"), c("TTL", "b"), c("SETEX", "b", "0", "v"), c("SETEX", "b", "-5", "v"),
        c("SETEX", "b", "abc", "v"), c("SETEX", "b", "9223372036854775", "v"),
        c("PSETEX", "c", "100000", "v"), c("TTL", "c"), c("PSETEX", "c", "0", "v"),
        c("PSETEX", "c", "9223372036854775807", "v"), c("SETEX", "b", "1"),
        c("GETSET", "g", "v"), c("GETSET", "g", "w"), c("SETEX", "t", "100", "v"),
        c("GETSET", "t", "x"), c("TTL", "t"), c("GETDEL", "g"), c("GETDEL", "g"), c("GET", "g"),
        c("SET", "n", "123"), c("GETDEL", "n"), c("GETSET", "n", "7"), c("GETSET", "n", "8"));
    seedOther("l");
    checkAll(c("SETNX", "l", "q"), c("GETDEL", "l"), c("GETSET", "l", "x"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void getex_matchesRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("SET", "k", "v"), c("GETEX", "k", "PERSIST", "EX", "10"), c("GETEX", "k", "EX", "10", "PERSIST"),
        c("GETEX", "k", "KEEPTTL"), c("GETEX", "k", "GET"), c("GETEX", "k", "NX"), c("GETEX", "k", "foo"),
        c("GETEX", "k", "PX", "0"), c("GETEX", "nokey", "PX", "0"), c("GETEX", "nokey", "EX", "abc"),
        c("GETEX", "k", "EX", "abc"), c("GETEX", "k", "EX", "9223372036854775807"),
        c("GETEX", "k", "EX", "9223372036854775"), c("GETEX", "k", "PX", "9223372036854775000"),
        c("GETEX", "k", "EXAT", "9223372036854776"), c("GETEX", "k", "EX", "100"), c("TTL", "k"),
        c("GETEX", "k", "PERSIST", "PERSIST"), c("TTL", "k"), c("GETEX", "k"),
        c("GETEX", "k", "PX", "100000"), c("TTL", "k"), c("GETEX", "k", "EXAT", "9223372036854775"),
        c("TTL", "k"), c("GETEX", "k", "EXAT", "1"), c("EXISTS", "k"), c("GETEX", "k"), c("GETEX"));
    seedOther("l");
    checkAll(c("GETEX", "l"), c("GETEX", "l", "EX", "0"), c("GETEX", "l", "FOO"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void msetMgetMsetnx_matchRedis(int resp) {
    diff.reset(resp);
    seedOther("l");
    checkAll(
        c("MSET", "a"), c("MSET", "a", "b", "c"), c("MSETNX", "a"), c("MSETNX", "a", "b", "c"),
        c("MSET", "a", "1", "b", "2", "a", "3"), c("MGET", "a", "b", "l", "nokey"),
        c("MSETNX", "x", "1", "a", "2"), c("EXISTS", "x"), c("MSETNX", "x", "1", "y", "2", "x", "3"),
        c("MGET", "x", "y"), c("MGET"), c("MSET", "l", "z"), c("GET", "l"),
        c("SET", "t", "v", "EX", "100"), c("MSET", "t", "w"), c("TTL", "t"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void incrFamily_matchesRedis(int resp) {
    diff.reset(resp);
    for (String v : new String[] {" 1", "01", "+1", "-0", "1 ", "", "1.0", "abc", "0", "-1",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "12345678901234567890"}) {
      checkAll(c("SET", "a", v), c("INCR", "a"), c("SET", "a", v), c("DECR", "a"));
    }
    checkAll(
        c("SET", "a", "-9223372036854775808"), c("DECRBY", "a", "9223372036854775808"),
        c("DECRBY", "a", "-9223372036854775808"), c("DECRBY", "nokey", "-9223372036854775808"),
        c("INCRBY", "a", "-9223372036854775808"), c("INCRBY", "x", "1.5"), c("INCRBY", "x", "abc"),
        c("INCRBY", "x", ""), c("INCRBY", "x", "9223372036854775807"), c("INCR", "x"),
        c("DECRBY", "x", "9223372036854775807"), c("DECRBY", "x", "9223372036854775807"),
        c("DECR", "x"), c("DECR", "x"), c("INCR", "new"), c("DECR", "new2"), c("INCRBY", "new3", "-5"),
        c("SET", "t", "5", "EX", "100"), c("INCR", "t"), c("TTL", "t"), c("INCR"), c("INCRBY", "t"));
    seedOther("l");
    checkAll(c("INCR", "l"), c("DECR", "l"), c("INCRBY", "l", "abc"), c("INCRBY", "l", "1"),
        c("DECRBY", "l", "abc"), c("DECRBY", "l", "-9223372036854775808"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void incrbyfloat_formattingAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("SET", "f", "10.5"), c("INCRBYFLOAT", "f", "0.1"), c("INCRBYFLOAT", "f", "3.0e3"),
        c("INCRBYFLOAT", "f", "5.0e3"), c("INCRBYFLOAT", "f", "-18010.6"), c("OBJECT", "ENCODING", "f"),
        c("SET", "g", "1"), c("INCRBYFLOAT", "g", "0.3333333333333333"),
        c("INCRBYFLOAT", "g", "0.3333333333333333"), c("INCRBYFLOAT", "g", "0.3333333333333333"),
        c("INCRBYFLOAT", "g", "1e-20"), c("INCRBYFLOAT", "x", "abc"), c("INCRBYFLOAT", "x", " 1"),
        c("INCRBYFLOAT", "x", "1 "), c("INCRBYFLOAT", "x", "0x10"), c("INCRBYFLOAT", "x", "1e5"),
        c("INCRBYFLOAT", "x", "inf"), c("INCRBYFLOAT", "x", "nan"), c("INCRBYFLOAT", "x", "-inf"),
        c("INCRBYFLOAT", "x", "infinity"), c("INCRBYFLOAT", "x", "1e4000"), c("STRLEN", "x"),
        c("OBJECT", "ENCODING", "x"), c("INCRBYFLOAT", "x", "1e4000"), c("INCRBYFLOAT", "y", "1e4932"),
        c("INCRBYFLOAT", "y", "1e4932"), c("INCRBYFLOAT", "h", "0.000003814697265625"),
        c("INCRBYFLOAT", "h2", "1.5e-17"), c("INCRBYFLOAT", "h3", "5e-18"), c("INCRBYFLOAT", "h4", "-5e-18"),
        c("INCRBYFLOAT", "h6", "1e20"), c("INCRBYFLOAT", "h6", "1"), c("OBJECT", "ENCODING", "h6"),
        c("INCRBYFLOAT", "h7", "12345678901234567890123"), c("INCRBYFLOAT", "h8", "0x1p-1"),
        c("INCRBYFLOAT", "h9", "1e-4950"), c("INCRBYFLOAT", "h9", "1e-5000"), c("INCRBYFLOAT", "h10", "1."),
        c("INCRBYFLOAT", "h11", ".5"), c("INCRBYFLOAT", "h12", "+.5e+1"), c("INCRBYFLOAT", "h13", ""),
        c("INCRBYFLOAT", "h14", "1e"), c("INCRBYFLOAT", "h15", "0x"), c("INCRBYFLOAT", "h16", "-0"),
        c("SET", "i", "5"), c("INCRBYFLOAT", "i", "5"), c("OBJECT", "ENCODING", "i"),
        c("SET", "t", "1", "EX", "100"), c("INCRBYFLOAT", "t", "1"), c("TTL", "t"));
    seedOther("l");
    checkAll(c("INCRBYFLOAT", "l", "abc"), c("INCRBYFLOAT", "l", "1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void incrbyfloat_randomValues_matchRedis(int resp) {
    diff.reset(resp);
    Random r = new Random(42 + resp);
    for (int n = 0; n < 300; n++) {
      String a = randomNumber(r);
      String b = randomNumber(r);
      checkAll(c("SET", "f", a), c("INCRBYFLOAT", "f", b), c("INCRBYFLOAT", "f", b));
    }
  }

  private static String randomNumber(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> Long.toString(r.nextLong() % 1_000_000);
      case 1 -> Double.toString((r.nextDouble() - 0.5) * 2000);
      case 2 -> String.format("%.3f", (r.nextDouble() - 0.5) * 200);
      case 3 -> (r.nextInt(199) - 99) + "e" + (r.nextInt(61) - 30);
      case 4 -> Long.toString(r.nextLong());
      case 5 -> String.format("%.17g", r.nextDouble() - 0.5);
      default -> "0." + Long.toString(Math.abs(r.nextLong()));
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void appendStrlenEncodings_matchRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("APPEND", "k", "123"), c("OBJECT", "ENCODING", "k"), c("APPEND", "k", "4"),
        c("OBJECT", "ENCODING", "k"), c("GET", "k"), c("STRLEN", "k"), c("SET", "n", "12345"),
        c("APPEND", "n", ""), c("OBJECT", "ENCODING", "n"), c("APPEND", "e", ""), c("EXISTS", "e"),
        c("OBJECT", "ENCODING", "e"), c("STRLEN", "nokey"), c("SET", "i", "-123"), c("STRLEN", "i"),
        c("SET", "e44", "x".repeat(44)), c("OBJECT", "ENCODING", "e44"),
        c("SET", "e45", "x".repeat(45)), c("OBJECT", "ENCODING", "e45"),
        c("SET", "i20", "-9223372036854775808"), c("OBJECT", "ENCODING", "i20"),
        c("SET", "i20b", "12345678901234567890"), c("OBJECT", "ENCODING", "i20b"),
        c("SET", "s", "9999"), c("OBJECT", "REFCOUNT", "s"), c("SET", "s", "10000"), c("OBJECT", "REFCOUNT", "s"),
        c("MSET", "m", "42"), c("OBJECT", "ENCODING", "m"), c("GETSET", "m", "x"), c("GETSET", "m", "7"),
        c("OBJECT", "ENCODING", "m"), c("SETEX", "se", "100", "77"), c("OBJECT", "ENCODING", "se"),
        c("SET", "t", "v", "EX", "100"), c("APPEND", "t", "x"), c("TTL", "t"), c("STRLEN"));
    StringBuilder big = new StringBuilder();
    for (int n = 0; n < 200; n++) {
      big.append("chunk").append(n);
      diff.check("APPEND", "big", "chunk" + n);
    }
    checkAll(c("GET", "big"), c("STRLEN", "big"), c("OBJECT", "ENCODING", "big"));
    seedOther("l");
    checkAll(c("APPEND", "l", "x"), c("STRLEN", "l"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void getrangeSetrangeSubstr_matchRedis(int resp) {
    diff.reset(resp);
    String[][] ranges = {{"0", "-1"}, {"-1", "-5"}, {"-5", "-1"}, {"5", "3"}, {"-100", "-50"},
        {"-100", "100"}, {"0", "-100"}, {"100", "200"}, {"9223372036854775807", "-9223372036854775808"},
        {"-9223372036854775808", "9223372036854775807"}, {"0", "0"}, {"-1", "-1"}, {"3", "3"},
        {"0", "abc"}, {"abc", "0"}, {"1.5", "2"}, {"10", "10"}, {"11", "11"}, {"-11", "-11"}, {"-12", "-12"}};
    checkAll(c("SET", "s", "Hello World"), c("SET", "e", ""), c("SET", "n", "12345"));
    for (String[] r : ranges) {
      for (String key : new String[] {"s", "e", "n", "nokey"}) {
        checkAll(c("GETRANGE", key, r[0], r[1]), c("SUBSTR", key, r[0], r[1]));
      }
    }
    checkAll(
        c("SETRANGE", "s", "-1", "x"), c("SETRANGE", "s", "536870912", "x"),
        c("SETRANGE", "s", "9223372036854775807", "x"), c("SETRANGE", "s", "9223372036854775807", ""),
        c("SETRANGE", "s", "536870912", ""), c("SETRANGE", "nokey", "536870912", ""),
        c("SETRANGE", "nokey", "536870912", "x"), c("SETRANGE", "nokey", "5", ""), c("EXISTS", "nokey"),
        c("SETRANGE", "nokey", "3", "ab"), c("GET", "nokey"), c("OBJECT", "ENCODING", "nokey"),
        c("SETRANGE", "s", "6", "Redis"), c("GET", "s"), c("SETRANGE", "s", "20", "!"), c("GET", "s"),
        c("SETRANGE", "s", "abc", "x"), c("SETRANGE", "n", "0", ""), c("OBJECT", "ENCODING", "n"),
        c("SETRANGE", "n", "0", "9"), c("OBJECT", "ENCODING", "n"), c("GET", "n"),
        c("SET", "t", "v", "EX", "100"), c("SETRANGE", "t", "1", "x"), c("TTL", "t"), c("SETRANGE", "t", "1"));
    seedOther("l");
    checkAll(c("GETRANGE", "l", "0", "-1"), c("GETRANGE", "l", "a", "0"), c("SETRANGE", "l", "0", "x"),
        c("SETRANGE", "l", "0", ""), c("SETRANGE", "l", "-1", ""), c("SETRANGE", "l", "abc", "x"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void lcs_matchesRedis(int resp) {
    diff.reset(resp);
    checkAll(
        c("MSET", "key1", "ohmytext", "key2", "mynewtext"), c("LCS", "key1", "key2"),
        c("LCS", "key1", "key2", "LEN"), c("LCS", "key1", "key2", "IDX"),
        c("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"),
        c("LCS", "key1", "key2", "IDX", "WITHMATCHLEN"), c("LCS", "key1", "key2", "IDX", "LEN"),
        c("LCS", "key1", "key2", "LEN", "IDX"), c("LCS", "key1", "key2", "MINMATCHLEN"),
        c("LCS", "key1", "key2", "MINMATCHLEN", "abc"), c("LCS", "key1", "key2", "MINMATCHLEN", "-5", "IDX"),
        c("LCS", "key1", "key2", "FOO"), c("LCS", "key1", "nokey"), c("LCS", "nokey", "nokey2", "IDX"),
        c("LCS", "key1", "key2", "LEN", "WITHMATCHLEN", "MINMATCHLEN", "2"),
        c("LCS", "key1", "key2", "IDX", "LEN", "FOO"), c("LCS", "key1", "key1", "IDX", "WITHMATCHLEN"),
        c("LCS", "key1"));
    Random r = new Random(7);
    for (int n = 0; n < 40; n++) {
      String a = randomText(r);
      String b = randomText(r);
      checkAll(c("MSET", "a", a, "b", b), c("LCS", "a", "b"), c("LCS", "a", "b", "LEN"),
          c("LCS", "a", "b", "IDX", "WITHMATCHLEN"), c("LCS", "a", "b", "IDX", "MINMATCHLEN", "2"));
    }
    seedOther("l");
    checkAll(c("LCS", "key1", "l"), c("LCS", "l", "key1", "IDX", "LEN"), c("LCS", "l", "nokey", "FOO"));
  }

  private static String randomText(Random r) {
    int len = r.nextInt(30);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append((char) ('a' + r.nextInt(4)));
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void binaryKeysAndValues_matchRedis(int resp) {
    diff.reset(resp);
    byte[] k = {0, (byte) 0xff, '\r', '\n', ' '};
    byte[] v = new byte[300];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (i * 7);
    }
    diff.check(b("SET"), k, v);
    diff.check(b("GET"), k);
    diff.check(b("APPEND"), k, v);
    diff.check(b("GETRANGE"), k, b("250"), b("350"));
    diff.check(b("SETRANGE"), k, b("1000"), new byte[] {0, 1, 2});
    diff.check(b("GET"), k);
    diff.check(b("STRLEN"), k);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void commandInfoAndDocs_matchRedis(int resp) {
    diff.reset(resp);
    for (String name : new String[] {"get", "set", "setnx", "setex", "psetex", "getset", "getdel",
        "getex", "mget", "mset", "msetnx", "append", "strlen", "incr", "decr", "incrby", "decrby",
        "incrbyfloat", "getrange", "setrange", "substr", "lcs"}) {
      checkAll(c("COMMAND", "INFO", name), c("COMMAND", "DOCS", name));
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
