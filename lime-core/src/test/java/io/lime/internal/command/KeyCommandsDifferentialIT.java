package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Key, database and OBJECT commands compared byte for byte with a real redis-server 7.0,
 * under RESP2 and RESP3. Keys are seeded with SET on Redis and directly in LIME's engine,
 * so these tests do not depend on LIME's string commands. Nondeterministic replies
 * (RANDOMKEY, SCAN order) are covered by properties elsewhere; here only their
 * deterministic shapes (empty database, single key, errors) are compared.
 */
class KeyCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  /** SET on Redis, direct insert in LIME (database {@code db}). */
  static void seed(int db, String key, String value) {
    seed(diff, db, key, value);
  }

  /** SET on Redis, direct insert in LIME (database {@code db}) of {@code diff}. */
  static void seed(Differential diff, int db, String key, String value) {
    if (db != 0) {
      diff.redis("SELECT", String.valueOf(db));
    }
    diff.redis("SET", key, value);
    if (db != 0) {
      diff.redis("SELECT", "0");
    }
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    Database d = diff.limeState().engine().db(db);
    int h = Hashing.hash(k);
    Shard s = d.shard(h);
    s.lock();
    try {
      Entry e = s.find(k, h, diff.limeState().engine().now());
      if (e != null) {
        s.delete(e);
      }
      s.insert(k, h, StringType.encode(v, 0, v.length));
    } finally {
      s.unlock();
    }
  }

  static void seed(String key, String value) {
    seed(0, key, value);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void delExistsTypeTouch_matchRedis(int resp) {
    diff.reset(resp);
    seed("a", "1");
    seed("b", "hello");
    seed("c", "x".repeat(50));
    diff.check("EXISTS", "a");
    diff.check("EXISTS", "a", "a", "b", "nokey");
    diff.check("TYPE", "a");
    diff.check("TYPE", "nokey");
    diff.check("TOUCH", "a", "b", "nokey", "a");
    diff.check("DEL", "a", "a", "nokey");
    diff.check("UNLINK", "b", "c", "nokey");
    diff.check("EXISTS", "a", "b", "c");
    diff.check("DEL");
    diff.check("UNLINK");
    diff.check("EXISTS");
    diff.check("TOUCH");
    diff.check("TYPE");
    diff.check("TYPE", "a", "b");
    diff.check("DBSIZE");
    diff.check("DBSIZE", "x");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keys_patterns_matchRedis(int resp) {
    diff.reset(resp);
    String[] keys = {"abc", "a[c", "a-c", "a]c", "ab", "a\\c", "A", "a^c", "hello", "hallo",
        "hxllo", "h*llo"};
    for (String k : keys) {
      seed(k, "v");
    }
    String[] patterns = {"[a-]*", "[a-", "a[^", "a[^b", "a[\\]c", "a\\", "[]]*", "[^]",
        "a[b-a]c", "??", "???", "*\\*", "[^a]*", "a[-c]c", "\\", "h?llo", "h*llo", "h[ae]llo",
        "h[^e]llo", "h[a-b]llo", "h\\*llo", "*llo", "nomatch*", "a*", "*c", "[A-Z]", "*"};
    for (String p : patterns) {
      // order of KEYS differs between implementations: compare single-match patterns exactly,
      // the rest by their element count
      byte[] r = diff.redis("KEYS", p);
      byte[] l = diff.lime("KEYS", p);
      org.junit.jupiter.api.Assertions.assertEquals(
          sortedFrames(r), sortedFrames(l), "KEYS " + p);
    }
    diff.check("KEYS");
    diff.check("KEYS", "a", "b");
  }

  /** A multi-bulk reply's header plus its elements sorted (KEYS order is unspecified). */
  static String sortedFrames(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    int first = s.indexOf("\r\n");
    String header = s.substring(0, first);
    String rest = s.substring(first + 2);
    java.util.List<String> items = new java.util.ArrayList<>();
    while (!rest.isEmpty()) {
      int nl = rest.indexOf("\r\n");
      int len = Integer.parseInt(rest.substring(1, nl));
      items.add(rest.substring(nl + 2, nl + 2 + len));
      rest = rest.substring(nl + 2 + len + 2);
    }
    java.util.Collections.sort(items);
    return header + " " + items;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void scan_deterministicShapesAndErrors_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("SCAN", "0");
    diff.check("RANDOMKEY");
    seed("a", "1");
    diff.check("SCAN", "0");
    diff.check("SCAN", "0", "COUNT", "100");
    diff.check("SCAN", "0", "MATCH", "a");
    diff.check("SCAN", "0", "MATCH", "b*");
    diff.check("SCAN", "0", "MATCH", "*");
    diff.check("SCAN", "0", "TYPE", "string");
    diff.check("SCAN", "0", "TYPE", "STRING");
    diff.check("SCAN", "0", "TYPE", "list");
    diff.check("SCAN", "0", "TYPE", "nosuchtype");
    diff.check("SCAN", "0", "COUNT", "5", "COUNT", "7", "MATCH", "x", "MATCH", "a");
    diff.check("SCAN", "", "COUNT", "100");
    diff.check("SCAN", "+0");
    diff.check("SCAN", "-0");
    diff.check("RANDOMKEY");
    diff.check("RANDOMKEY", "x");
    diff.check("SCAN");
    diff.check("SCAN", "x");
    diff.check("SCAN", " 0");
    diff.check("SCAN", "0 ");
    diff.check("SCAN", "-");
    diff.check("SCAN", "+");
    diff.check("SCAN", "0x1");
    diff.check("SCAN", "18446744073709551616");
    diff.check("SCAN", "99999999999999999999999");
    diff.check("SCAN", "0", "COUNT", "0");
    diff.check("SCAN", "0", "COUNT", "-1");
    diff.check("SCAN", "0", "COUNT", "x");
    diff.check("SCAN", "0", "COUNT");
    diff.check("SCAN", "0", "MATCH");
    diff.check("SCAN", "0", "TYPE");
    diff.check("SCAN", "0", "FOO", "bar");
    diff.check("SCAN", "x", "COUNT", "0");
    diff.check("SCAN", "0", "COUNT", "0", "FOO");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void renameAndRenamenx_matchRedis(int resp) {
    diff.reset(resp);
    diff.check("RENAME", "nokey", "x");
    diff.check("RENAME", "nokey", "nokey");
    diff.check("RENAMENX", "nokey", "nokey");
    seed("a", "1");
    seed("b", "2");
    diff.check("EXPIREAT", "a", "4000000000");
    diff.check("RENAME", "a", "a");
    diff.check("RENAMENX", "a", "a");
    diff.check("RENAMENX", "a", "b");
    diff.check("RENAME", "a", "c");
    diff.check("EXISTS", "a");
    diff.check("EXPIRETIME", "c");
    diff.check("RENAME", "c", "b");
    diff.check("EXPIRETIME", "b");
    diff.check("TYPE", "b");
    diff.check("RENAMENX", "b", "d");
    diff.check("EXISTS", "b", "d");
    diff.check("RENAME", "d");
    diff.check("RENAMENX", "d", "e", "f");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void copyAndMove_matchRedis(int resp) {
    diff.reset(resp);
    seed("a", "1");
    seed("s", "hello");
    seed(1, "b", "2");
    diff.check("MOVE", "a", "0");
    diff.check("MOVE", "nokey", "0");
    diff.check("MOVE", "a", "x");
    diff.check("MOVE", "a", "16");
    diff.check("MOVE", "a", "-1");
    diff.check("MOVE", "a", "99999999999");
    diff.check("MOVE", "a", "01");
    diff.check("MOVE", "nokey", "1");
    diff.check("MOVE", "b", "1");
    diff.check("MOVE", "a", "1");
    diff.check("EXISTS", "a");
    diff.check("SELECT", "1");
    diff.check("EXISTS", "a", "b");
    diff.check("MOVE", "b", "0");
    diff.check("SELECT", "0");
    diff.check("COPY", "b", "b");
    diff.check("COPY", "b", "b", "DB", "0");
    diff.check("COPY", "b", "b", "DB", "1");
    diff.check("COPY", "b", "c", "DB");
    diff.check("COPY", "b", "c", "DB", "x");
    diff.check("COPY", "b", "c", "DB", "16");
    diff.check("COPY", "b", "c", "DB", "-1");
    diff.check("COPY", "b", "c", "DB", "99999999999");
    diff.check("COPY", "b", "c", "FOO");
    diff.check("COPY", "nokey", "c");
    diff.check("COPY", "nokey", "nokey");
    diff.check("COPY", "b", "c", "REPLACE", "REPLACE");
    diff.check("COPY", "b", "c");
    diff.check("COPY", "b", "c", "REPLACE");
    diff.check("COPY", "s", "t", "db", "2", "replace");
    diff.check("COPY", "s", "t", "DB", "2");
    diff.check("SELECT", "2");
    diff.check("TYPE", "t");
    diff.check("OBJECT", "ENCODING", "t");
    diff.check("SELECT", "0");
    diff.check("EXPIREAT", "s", "4000000000");
    diff.check("COPY", "s", "u");
    diff.check("EXPIRETIME", "u");
    diff.check("COPY", "b");
    diff.check("MOVE", "b");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void object_matchesRedis(int resp) {
    diff.reset(resp);
    seed("i", "1");
    seed("big", "10000");
    seed("neg", "-1");
    seed("e", "hello");
    seed("r", "x".repeat(45));
    seed("l", "12345678901234567890123");
    for (String k : new String[] {"i", "big", "neg", "e", "r", "l", "nokey"}) {
      diff.check("OBJECT", "ENCODING", k);
      diff.check("OBJECT", "REFCOUNT", k);
      diff.check("OBJECT", "FREQ", k);
    }
    diff.check("OBJECT", "IDLETIME", "nokey");
    diff.check("OBJECT", "HELP");
    diff.check("object", "help");
    diff.check("OBJECT");
    diff.check("OBJECT", "foo");
    diff.check("OBJECT", "foo", "bar");
    diff.check("OBJECT", "ENCODING");
    diff.check("OBJECT", "ENCODING", "a", "b");
    diff.check("OBJECT", "HELP", "x");
    diff.check("OBJECT", "IDLETIME");
    diff.check("OBJECT", "FREQ");
    diff.check("OBJECT", "REFCOUNT");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void databases_matchRedis(int resp) {
    diff.reset(resp);
    seed("a", "1");
    seed(3, "x", "1");
    seed(3, "y", "2");
    diff.check("DBSIZE");
    diff.check("SELECT", "3");
    diff.check("DBSIZE");
    diff.check("SELECT", "16");
    diff.check("SELECT", "-1");
    diff.check("SELECT", "x");
    diff.check("SELECT", "01");
    diff.check("SELECT", "+1");
    diff.check("SELECT", "2147483648");
    diff.check("SELECT", "-2147483649");
    diff.check("SELECT", "1.0");
    diff.check("SELECT", "");
    diff.check("SELECT");
    diff.check("SELECT", "1", "2");
    diff.check("SWAPDB", "x", "1");
    diff.check("SWAPDB", "1", "x");
    diff.check("SWAPDB", "x", "y");
    diff.check("SWAPDB", "1", "16");
    diff.check("SWAPDB", "-1", "0");
    diff.check("SWAPDB", "2147483648", "0");
    diff.check("SWAPDB", "0", "2147483648");
    diff.check("SWAPDB", "0", "0");
    diff.check("SWAPDB", "0");
    diff.check("SWAPDB", "0", "3");
    diff.check("DBSIZE");
    diff.check("SELECT", "0");
    diff.check("DBSIZE");
    diff.check("EXISTS", "x", "y", "a");
    diff.check("FLUSHDB", "x");
    diff.check("FLUSHDB", "ASYNC", "x");
    diff.check("FLUSHDB", "a", "b");
    diff.check("FLUSHALL", "x");
    diff.check("FLUSHALL", "SYNC", "SYNC");
    diff.check("FLUSHDB", "sync");
    diff.check("DBSIZE");
    diff.check("SELECT", "3");
    diff.check("DBSIZE");
    diff.check("FLUSHDB", "ASYNC");
    diff.check("DBSIZE");
    diff.check("SELECT", "0");
    seed("a", "1");
    diff.check("FLUSHALL", "async");
    diff.check("DBSIZE");
    diff.check("FLUSHALL");
  }
}
