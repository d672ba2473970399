package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.resp.DoubleFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stateful property: random sequences of sorted set writes run through the Dispatcher
 * against a TreeMap model, with small listpack thresholds so both conversions happen
 * (listpack to skiplist when growing or adding a long member; skiplist back to listpack
 * through ZUNIONSTORE of the key onto itself). After every step the whole content, the
 * ranks, scores, counts and OBJECT ENCODING must match the model.
 */
class SortedSetModelProperties {
  private static final int MAX_ENTRIES = 4;
  private static final int MAX_VALUE = 6;
  private static final List<String> MEMBERS =
      List.of("a", "b", "c", "d", "e", "f", "ab", "longmember", "verylongmember");
  private static final List<String> SCORES =
      List.of("0", "1", "2", "-1", "1.5", "3", "+inf", "-inf", "10", "0.25");

  /** One step: kind selects the command; the other fields are its arguments. */
  record Op(int kind, String member, String score, int flag, int a, int b) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 8),
        Arbitraries.of(MEMBERS), Arbitraries.of(SCORES), Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(-5, 5), Arbitraries.integers().between(-5, 5))
        .as(Op::new);
    return op.list().ofMaxSize(60);
  }

  /** The model: member to score, plus the expected encoding. */
  private static final class Model {
    final Map<String, Double> scores = new TreeMap<>();
    boolean listpack;

    List<Map.Entry<String, Double>> sorted() {
      List<Map.Entry<String, Double>> l = new ArrayList<>(scores.entrySet());
      l.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
          .thenComparing(Map.Entry::getKey));
      return l;
    }

    void create(String firstMember) {
      listpack = firstMember.length() <= MAX_VALUE;
    }

    void added(String member) {
      if (listpack && (scores.size() + 1 > MAX_ENTRIES || member.length() > MAX_VALUE)) {
        listpack = false;
      }
    }
  }

  @Property(tries = 150)
  void commands_matchTreeMapModel(@ForAll("ops") List<Op> ops) {
    SortedSetFixture f = new SortedSetFixture();
    f.line("CONFIG SET zset-max-listpack-entries " + MAX_ENTRIES);
    f.line("CONFIG SET zset-max-listpack-value " + MAX_VALUE);
    Model m = new Model();
    for (Op op : ops) {
      apply(f, m, op);
      verify(f, m, op);
    }
  }

  private static void apply(SortedSetFixture f, Model m, Op op) {
    double s = parse(op.score());
    switch (op.kind()) {
      case 0, 1 -> {
        String flag = switch (op.flag()) {
          case 1 -> "NX";
          case 2 -> "XX";
          case 3 -> "GT";
          case 4 -> "LT";
          default -> "CH";
        };
        f.run("ZADD", "z", flag, op.score(), op.member());
        Double cur = m.scores.get(op.member());
        boolean apply = switch (flag) {
          case "NX" -> cur == null;
          case "XX" -> cur != null;
          case "GT" -> cur == null || s > cur;
          case "LT" -> cur == null || s < cur;
          default -> true;
        };
        if (apply) {
          put(m, op.member(), s);
        }
      }
      case 2 -> {
        String reply = f.run("ZINCRBY", "z", op.score(), op.member());
        Double cur = m.scores.get(op.member());
        double next = cur == null ? s : cur + s;
        if (Double.isNaN(next)) {
          assertEquals("-" + Errors.ZSET_NAN + "\r\n", reply);
        } else {
          put(m, op.member(), next);
        }
      }
      case 3 -> {
        f.run("ZREM", "z", op.member());
        m.scores.remove(op.member());
      }
      case 4 -> {
        int count = Math.abs(op.a());
        f.run(op.b() >= 0 ? "ZPOPMIN" : "ZPOPMAX", "z", Integer.toString(count));
        List<Map.Entry<String, Double>> sorted = m.sorted();
        for (int i = 0; i < count && i < sorted.size(); i++) {
          m.scores.remove(sorted.get(op.b() >= 0 ? i : sorted.size() - 1 - i).getKey());
        }
      }
      case 5 -> {
        f.run("ZREMRANGEBYRANK", "z", Integer.toString(op.a()), Integer.toString(op.b()));
        List<Map.Entry<String, Double>> sorted = m.sorted();
        int n = sorted.size();
        int start = op.a() < 0 ? n + op.a() : op.a();
        int end = op.b() < 0 ? n + op.b() : op.b();
        start = Math.max(start, 0);
        end = Math.min(end, n - 1);
        for (int i = start; i <= end; i++) {
          m.scores.remove(sorted.get(i).getKey());
        }
      }
      case 6 -> {
        double lo = Math.min(op.a(), op.b());
        double hi = Math.max(op.a(), op.b());
        f.run("ZREMRANGEBYSCORE", "z", "(" + lo, Double.toString(hi));
        m.scores.values().removeIf(v -> v > lo && v <= hi);
      }
      default -> {
        f.run("ZUNIONSTORE", "z", "1", "z");
        int maxLen = m.scores.keySet().stream().mapToInt(String::length).max().orElse(0);
        m.listpack = m.scores.size() <= MAX_ENTRIES && maxLen <= MAX_VALUE;
      }
    }
  }

  private static void put(Model m, String member, double score) {
    boolean isNew = !m.scores.containsKey(member);
    if (m.scores.isEmpty()) {
      m.create(member);
    }
    if (isNew) {
      m.added(member);
    }
    m.scores.put(member, score);
  }

  private static void verify(SortedSetFixture f, Model m, Op op) {
    List<Map.Entry<String, Double>> sorted = m.sorted();
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, Double> e : sorted) {
      expected.add(e.getKey());
      expected.add(DoubleFormat.g17(e.getValue() == 0 ? 0.0 : e.getValue()));
    }
    assertEquals(SortedSetFixture.array(expected.toArray(String[]::new)),
        f.run("ZRANGE", "z", "0", "-1", "WITHSCORES"), () -> "after " + op);
    assertEquals(SortedSetFixture.i(sorted.size()), f.run("ZCARD", "z"));
    if (!sorted.isEmpty()) {
      assertEquals(SortedSetFixture.bulk(m.listpack ? "listpack" : "skiplist"),
          f.run("OBJECT", "ENCODING", "z"), () -> "encoding after " + op);
    }
    for (int r = 0; r < sorted.size(); r++) {
      String member = sorted.get(r).getKey();
      assertEquals(SortedSetFixture.i(r), f.run("ZRANK", "z", member));
      assertEquals(SortedSetFixture.i(sorted.size() - 1 - r), f.run("ZREVRANK", "z", member));
    }
    assertEquals(SortedSetFixture.NIL, f.run("ZRANK", "z", "absent"));
    double lo = Math.min(op.a(), op.b());
    double hi = Math.max(op.a(), op.b());
    long count = m.scores.values().stream().filter(v -> v >= lo && v < hi).count();
    assertEquals(SortedSetFixture.i(count), f.run("ZCOUNT", "z", Double.toString(lo), "(" + hi));
    List<String> byScore = new ArrayList<>();
    for (Map.Entry<String, Double> e : sorted) {
      if (e.getValue() >= lo && e.getValue() <= hi) {
        byScore.add(e.getKey());
      }
    }
    List<String> window = byScore.subList(Math.min(1, byScore.size()),
        Math.min(3, byScore.size()));
    assertEquals(SortedSetFixture.array(window.toArray(String[]::new)),
        f.run("ZRANGEBYSCORE", "z", Double.toString(lo), Double.toString(hi), "LIMIT", "1", "2"));
  }

  private static double parse(String s) {
    return switch (s) {
      case "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
