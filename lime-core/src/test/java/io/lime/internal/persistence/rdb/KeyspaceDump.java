package io.lime.internal.persistence.rdb;

import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A canonical text of a whole keyspace read through commands (so it works the same on LIME
 * and on a real redis-server): per database and key, TYPE, OBJECT ENCODING, whether it has a
 * TTL (and PTTL rounded to the minute), and the value (sets and hashes sorted).
 */
final class KeyspaceDump {
  private KeyspaceDump() {}

  static String dump(Function<String[], byte[]> exec, int databases) {
    return dump(exec, databases, true);
  }

  /** As {@link #dump(Function, int)}, without OBJECT ENCODING when {@code encodings} is false. */
  static String dump(Function<String[], byte[]> exec, int databases, boolean encodings) {
    StringBuilder sb = new StringBuilder();
    for (int db = 0; db < databases; db++) {
      exec.apply(new String[] {"SELECT", String.valueOf(db)});
      List<String> keys = strings(exec.apply(new String[] {"KEYS", "*"}));
      Collections.sort(keys);
      for (String k : keys) {
        String type = text(exec.apply(new String[] {"TYPE", k}));
        String enc = encodings ? text(exec.apply(new String[] {"OBJECT", "ENCODING", k})) : "-";
        long pttl = Long.parseLong(text(exec.apply(new String[] {"PTTL", k})));
        sb.append(db).append(' ').append(k).append(' ').append(type).append(' ').append(enc)
            .append(" ttl=").append(pttl < 0 ? "none" : (pttl + 30_000) / 60_000 + "m")
            .append(" = ");
        switch (type) {
          case "string" -> sb.append(text(exec.apply(new String[] {"GET", k})));
          case "list" -> sb.append(strings(exec.apply(new String[] {"LRANGE", k, "0", "-1"})));
          case "set" -> {
            List<String> m = strings(exec.apply(new String[] {"SMEMBERS", k}));
            Collections.sort(m);
            sb.append(m);
          }
          case "hash" -> {
            List<String> all = strings(exec.apply(new String[] {"HGETALL", k}));
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 2) {
              pairs.add(all.get(i) + "=" + all.get(i + 1));
            }
            Collections.sort(pairs);
            sb.append(pairs);
          }
          case "zset" -> sb.append(strings(exec.apply(
              new String[] {"ZRANGE", k, "0", "-1", "WITHSCORES"})));
          default -> sb.append('?');
        }
        sb.append('\n');
      }
    }
    exec.apply(new String[] {"SELECT", "0"});
    return sb.toString();
  }

  /** Asserts two dumps are equal, reporting only the differing lines. */
  static void assertSame(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    StringBuilder diff = new StringBuilder();
    java.util.Set<String> as = new java.util.HashSet<>(a);
    java.util.Set<String> es = new java.util.HashSet<>(e);
    for (String l : e) {
      if (!as.contains(l)) {
        diff.append("- ").append(l.length() > 300 ? l.substring(0, 300) + "..." : l).append('\n');
      }
    }
    for (String l : a) {
      if (!es.contains(l)) {
        diff.append("+ ").append(l.length() > 300 ? l.substring(0, 300) + "..." : l).append('\n');
      }
    }
    if (diff.length() > 0 || e.size() != a.size()) {
      throw new AssertionError("keyspaces differ (- expected, + actual):\n" + diff);
    }
  }

  private static RespValue decode(byte[] reply) {
    try {
      return RespDecoder.decode(reply);
    } catch (Exception e) {
      throw new AssertionError("bad reply " + new String(reply, StandardCharsets.UTF_8), e);
    }
  }

  static String text(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    if (s.startsWith("+") || s.startsWith(":") || s.startsWith("-")) {
      return s.substring(1, s.length() - 2);
    }
    if (s.startsWith("$")) {
      int nl = s.indexOf("\r\n");
      int len = Integer.parseInt(s.substring(1, nl));
      if (len < 0) {
        return "(nil)";
      }
      return s.substring(nl + 2, nl + 2 + len);
    }
    return decode(reply).toString();
  }

  static List<String> strings(byte[] reply) {
    String s = new String(reply, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int p = s.indexOf("\r\n");
    int n = Integer.parseInt(s.substring(1, p));
    p += 2;
    for (int i = 0; i < n; i++) {
      int nl = s.indexOf("\r\n", p);
      int len = Integer.parseInt(s.substring(p + 1, nl));
      out.add(s.substring(nl + 2, nl + 2 + len));
      p = nl + 2 + len + 2;
    }
    return out;
  }
}
