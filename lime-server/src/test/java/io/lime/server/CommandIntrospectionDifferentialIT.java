package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import io.lime.testing.RealRedis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * COMMAND against redis-server 7.0.15, under RESP2 and RESP3: COMMAND INFO and COMMAND DOCS of
 * every command LIME implements compared as decoded replies (types kept, so equal means equal
 * bytes), with the order Redis leaves unspecified sorted (a container's subcommands, which
 * Redis lists in its dict's order); COMMAND COUNT; COMMAND LIST FILTERBY ACLCAT for every
 * category, PATTERN and MODULE (sorted).
 *
 * <p>Allowed differences, and only these: the commands LIME does not implement (cluster,
 * replication, modules, DEBUG...) are absent from LIME's replies, so Redis's lists are
 * compared restricted to LIME's commands and the counts differ by exactly those; LIME adds
 * Redis 7.2's {@code CLIENT NO-TOUCH} and {@code CLIENT SETINFO}, and lacks {@code SCRIPT DEBUG}
 * (no Lua debugger), so those subcommands are left out of CLIENT's and SCRIPT's entries.
 */
class CommandIntrospectionDifferentialIT {
  private static final Set<String> LIME_ONLY = Set.of("client|no-touch", "client|setinfo");
  private static final Set<String> REDIS_ONLY = Set.of("script|debug");

  private static RealRedis redis;
  private static LimeServer lime;

  @BeforeAll
  static void up() {
    redis = RealRedis.start();
    lime = LimeServer.builder().ephemeralPort().args("--save", "", "--lime-loops", "1").start();
  }

  @AfterAll
  static void down() {
    try {
      if (lime != null) {
        lime.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static String text(RespValue v) {
    return v instanceof RespValue.Bulk b ? b.string()
        : v instanceof RespValue.SimpleString s ? s.value() : v.toString();
  }

  private static List<RespValue> elements(RespValue v) {
    if (v instanceof RespValue.Array a) {
      return a.elements();
    }
    if (v instanceof RespValue.Set s) {
      return s.elements();
    }
    throw new AssertionError("not an array: " + v);
  }

  private static TreeSet<String> names(RespValue v) {
    TreeSet<String> out = new TreeSet<>();
    for (RespValue e : elements(v)) {
      out.add(text(e));
    }
    return out;
  }

  /** A COMMAND INFO entry with its subcommands (element 10) sorted, allowed ones removed. */
  private static RespValue normInfo(RespValue entry) {
    if (!(entry instanceof RespValue.Array a) || a.elements().size() < 10) {
      return entry;
    }
    List<RespValue> f = new ArrayList<>(a.elements());
    List<RespValue> subs = new ArrayList<>();
    for (RespValue s : elements(f.get(9))) {
      String name = text(elements(s).get(0));
      if (!LIME_ONLY.contains(name) && !REDIS_ONLY.contains(name)) {
        subs.add(normInfo(s));
      }
    }
    subs.sort(Comparator.comparing(s -> text(elements(s).get(0))));
    f.set(9, new RespValue.Array(subs));
    return new RespValue.Array(f);
  }

  /** A COMMAND DOCS reply (name → doc map) with its entries and subcommands sorted. */
  private static RespValue normDocs(RespValue v) {
    List<RespValue[]> pairs = new ArrayList<>();
    if (v instanceof RespValue.Map m) {
      for (RespValue.Pair p : m.entries()) {
        pairs.add(new RespValue[] {p.key(), p.value()});
      }
    } else {
      List<RespValue> e = elements(v);
      for (int i = 0; i < e.size(); i += 2) {
        pairs.add(new RespValue[] {e.get(i), e.get(i + 1)});
      }
    }
    List<RespValue[]> kept = new ArrayList<>();
    for (RespValue[] p : pairs) {
      String k = text(p[0]);
      if (LIME_ONLY.contains(k) || REDIS_ONLY.contains(k)) {
        continue;
      }
      kept.add(new RespValue[] {p[0], docFields(p[1])});
    }
    kept.sort(Comparator.comparing(p -> text(p[0])));
    if (v instanceof RespValue.Map) {
      List<RespValue.Pair> out = new ArrayList<>();
      for (RespValue[] p : kept) {
        out.add(new RespValue.Pair(p[0], p[1]));
      }
      return new RespValue.Map(out);
    }
    List<RespValue> out = new ArrayList<>();
    for (RespValue[] p : kept) {
      out.add(p[0]);
      out.add(p[1]);
    }
    return new RespValue.Array(out);
  }

  /** One command's doc fields, its "subcommands" value normalised as a DOCS reply. */
  private static RespValue docFields(RespValue v) {
    if (v instanceof RespValue.Map m) {
      List<RespValue.Pair> out = new ArrayList<>();
      for (RespValue.Pair p : m.entries()) {
        out.add(text(p.key()).equals("subcommands") ? new RespValue.Pair(p.key(),
            normDocs(p.value())) : p);
      }
      return new RespValue.Map(out);
    }
    List<RespValue> e = new ArrayList<>(elements(v));
    for (int i = 0; i < e.size(); i += 2) {
      if (text(e.get(i)).equals("subcommands")) {
        e.set(i + 1, normDocs(e.get(i + 1)));
      }
    }
    return new RespValue.Array(e);
  }

  private static TestClient client(int port, int resp) {
    TestClient c = new TestClient(port);
    if (resp == 3) {
      c.call("HELLO", "3");
    }
    return c;
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void infoAndDocs_everyLimeCommand_sameAsRedis(int resp) {
    try (TestClient r = client(redis.port(), resp); TestClient l = client(lime.port(), resp)) {
      TreeSet<String> mine = names(l.call("COMMAND", "LIST"));
      List<String> diffs = new ArrayList<>();
      int compared = 0;
      for (String name : mine) {
        if (name.contains("|")) {
          continue; // compared inside their container
        }
        RespValue ri = r.call("COMMAND", "INFO", name);
        RespValue li = l.call("COMMAND", "INFO", name);
        if (!normInfo(elements(ri).get(0)).equals(normInfo(elements(li).get(0)))) {
          diffs.add("INFO " + name + "\n  redis: " + ri + "\n  lime:  " + li);
        }
        RespValue rd = r.call("COMMAND", "DOCS", name);
        RespValue ld = l.call("COMMAND", "DOCS", name);
        if (!normDocs(rd).equals(normDocs(ld))) {
          diffs.add("DOCS " + name + "\n  redis: " + rd + "\n  lime:  " + ld);
        }
        compared++;
      }
      assertEquals(List.of(), diffs);
      assertTrue(compared > 200, "compared " + compared);
      // several names at once, an unknown one included: replies in argument order
      assertEquals(r.call("COMMAND", "INFO", "get", "nosuch", "SET").toString(),
          l.call("COMMAND", "INFO", "get", "nosuch", "SET").toString());
      assertEquals(normDocs(r.call("COMMAND", "DOCS", "get", "nosuch", "SET")),
          normDocs(l.call("COMMAND", "DOCS", "get", "nosuch", "SET")));
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void countAndListFilters_sameAsRedisForLimesCommands(int resp) {
    try (TestClient r = client(redis.port(), resp); TestClient l = client(lime.port(), resp)) {
      TreeSet<String> mine = names(l.call("COMMAND", "LIST"));
      TreeSet<String> theirs = names(r.call("COMMAND", "LIST"));
      TreeSet<String> extra = new TreeSet<>(mine);
      extra.removeAll(theirs);
      assertEquals(new TreeSet<>(LIME_ONLY), extra);
      TreeSet<String> missing = new TreeSet<>(theirs);
      missing.removeAll(mine);
      long missingTop = missing.stream().filter(n -> !n.contains("|")).count();
      long redisCount = ((RespValue.Integer) r.call("COMMAND", "COUNT")).value();
      long limeCount = ((RespValue.Integer) l.call("COMMAND", "COUNT")).value();
      assertEquals(redisCount - missingTop, limeCount, "missing: " + missing);
      assertEquals(mine.stream().filter(n -> !n.contains("|")).count(), limeCount);
      assertEquals(limeCount, elements(l.call("COMMAND")).size());

      List<String> diffs = new ArrayList<>();
      List<String[]> filters = new ArrayList<>();
      for (String cat : names(r.call("ACL", "CAT"))) {
        filters.add(new String[] {"ACLCAT", cat});
      }
      for (String p : new String[] {"x*", "*range*", "client|*", "CONFIG|*", "[gs]et", "z?dd",
          "nosuch", "*"}) {
        filters.add(new String[] {"PATTERN", p});
      }
      filters.add(new String[] {"MODULE", "nosuch"});
      filters.add(new String[] {"ACLCAT", "nosuch"});
      for (String[] f : filters) {
        RespValue rv = r.call("COMMAND", "LIST", "FILTERBY", f[0], f[1]);
        RespValue lv = l.call("COMMAND", "LIST", "FILTERBY", f[0], f[1]);
        if (rv instanceof RespValue.Error || lv instanceof RespValue.Error) {
          if (!rv.equals(lv)) {
            diffs.add(String.join(" ", f) + ": " + rv + " / " + lv);
          }
          continue;
        }
        TreeSet<String> expected = names(rv);
        expected.retainAll(mine);
        TreeSet<String> actual = names(lv);
        actual.removeAll(LIME_ONLY);
        if (!expected.equals(actual) || !rv.getClass().equals(lv.getClass())) {
          diffs.add(String.join(" ", f) + ": redis " + expected + " lime " + actual);
        }
      }
      assertEquals(List.of(), diffs);
      // syntax errors
      for (String[] bad : new String[][] {{"COMMAND", "LIST", "FILTERBY"},
          {"COMMAND", "LIST", "FILTERBY", "FOO", "x"}, {"COMMAND", "LIST", "x"},
          {"COMMAND", "COUNT", "x"}, {"COMMAND", "NOSUCH"}}) {
        assertEquals(r.call(bad), l.call(bad), String.join(" ", bad));
      }
      // without names, INFO and DOCS describe every command (in an unspecified order)
      assertEquals(limeCount, elements(l.call("COMMAND", "INFO")).size());
      RespValue docs = l.call("COMMAND", "DOCS");
      assertEquals(limeCount, docs instanceof RespValue.Map m ? m.entries().size()
          : elements(docs).size() / 2);
    }
  }
}
