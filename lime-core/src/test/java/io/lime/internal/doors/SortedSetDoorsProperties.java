package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.KeyValueStore;
import io.lime.SortedSetView;
import io.lime.SortedSetView.AddOptions;
import io.lime.SortedSetView.Entry;
import io.lime.SortedSetView.LexRange;
import io.lime.SortedSetView.ScoreRange;
import io.lime.internal.engine.Argvs;
import io.lime.internal.store.LocalKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Sorted sets through both doors ({@link TwoDoors}): random sequences of {@link SortedSetView}
 * calls on one store and the equivalent commands (RESP3, so scores are doubles) on the other,
 * compared step by step for the result (or the error text), the keyspace events and the AOF
 * bytes. Small listpack thresholds on both stores, so conversions happen; wrong-type keys,
 * expiry, deletion of emptied keys, NaN increments and negative counts are among the steps.
 *
 * <p>The RESP side sends what the typed door propagates as given: scores written as
 * {@link Argvs#score}, ZADD options in the order {@code NX|XX GT|LT CH INCR}, ZPOPMIN with its
 * count, and score bounds as {@code (1.5} / {@code inf}.
 */
class SortedSetDoorsProperties {
  /** Keys by weight: mostly one sorted set, so steps meet members; "s" may be a string. */
  private static final List<String> KEYS = List.of("z", "z", "z", "y", "s");
  private static final List<String> MEMBERS =
      List.of("a", "b", "c", "d", "\u00e9t\u00e9", "a-longer-member", "", "-", "+", "(a", "[a",
          "-0", "1");
  private static final List<Double> SCORES = List.of(0.0, 1.0, 2.0, -1.0, 1.5, 0.25, 1e-5,
      -3.75, 1e300, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 0.3, 1e21,
      1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 9007199254740993.0,
      Double.NaN);

  /** One step: {@code kind} picks the operation, the other fields are its arguments. */
  record Step(int kind, int key, int member, int member2, int score, int score2, int flags,
      int a, int b) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> small = Arbitraries.integers().between(-3, 5); // see big()
    Arbitrary<Step> step = Combinators.combine(List.of(Arbitraries.integers().between(0, 25),
        Arbitraries.integers().between(0, KEYS.size() - 1),
        Arbitraries.integers().between(0, MEMBERS.size() - 1),
        Arbitraries.integers().between(0, MEMBERS.size()),
        Arbitraries.integers().between(0, SCORES.size() - 1),
        Arbitraries.integers().between(0, SCORES.size() - 1),
        Arbitraries.integers().between(0, 63), small, small))
        .as(l -> new Step(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6),
            l.get(7), l.get(8)));
    return step.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 50)
  void bothDoors_sameResultsEventsAndAof(@ForAll("steps") List<Step> steps) {
    try (TwoDoors d = open()) {
      for (Step s : steps) {
        step(d, s);
      }
    }
  }

  /** The blocking and multi-key pops have no typed form; their AOF forms are Redis's. */
  @Example
  void mpopAndBlockingPops_propagateAsZpop() {
    try (TwoDoors d = open()) {
      step(d, new Step(1, 0, 0, 0, 10, 0, 0, 0, 0)); // ZADD z inf a
      step(d, new Step(2, 0, 0, 0, 11, 0, 0, 0, 0)); // ZADD z INCR -inf a: NaN, both doors
      d.typed(st -> st.delete("z"));
      d.resp("DEL", "z");
      d.typed(st -> st.sortedSet("z").add("a", 1));
      d.resp("ZADD", "z", "1", "a");
      d.assertSameEffects("ZADD");
      d.typed(st -> st.sortedSet("z").popMin(1));
      d.resp("ZMPOP", "2", "nokey", "z", "MIN", "COUNT", "1");
      d.assertSameEffects("ZMPOP as ZPOPMIN z 1");
      d.typed(st -> st.sortedSet("z").add("b", 2));
      d.resp("ZADD", "z", "2", "b");
      d.assertSameEffects("ZADD");
      d.typed(st -> st.sortedSet("z").popMax(1));
      d.resp("BZMPOP", "0", "1", "z", "MAX", "COUNT", "1");
      d.assertSameEffects("BZMPOP as ZPOPMAX z 1");
    }
  }

  private static TwoDoors open() {
    TwoDoors d = TwoDoors.open();
    ((LocalKeyValueStore) d.typed()).engine().limits().zsetMaxListpackEntries = 3;
    ((LocalKeyValueStore) d.typed()).engine().limits().zsetMaxListpackValue = 8;
    d.resp("CONFIG", "SET", "zset-max-listpack-entries", "3");
    d.resp("CONFIG", "SET", "zset-max-listpack-value", "8");
    d.resp("HELLO", "3");
    return d;
  }

  private static void step(TwoDoors d, Step s) {
    String k = KEYS.get(s.key());
    String m = MEMBERS.get(s.member());
    String m2 = s.member2() < MEMBERS.size() ? MEMBERS.get(s.member2()) : null;
    double score = SCORES.get(s.score());
    double score2 = SCORES.get(s.score2());
    AddOptions o = options(s.flags());
    String what = s + " on " + k;
    switch (s.kind() > 17 ? s.kind() % 2 : s.kind()) { // 18..25: more adds
      case 0 -> same(d, what, z -> z.add(m, score) ? 1L : 0L, "ZADD", k, num(score), m);
      case 1 -> same(d, what, z -> z.add(b(m), score, o),
          args("ZADD", k, flags(o, false), num(score), m));
      case 2 -> same(d, what, z -> z.incrBy(b(m), score, o),
          args("ZADD", k, flags(o, true), num(score), m));
      case 3 -> same(d, what, z -> z.incrBy(m, score), "ZINCRBY", k, num(score), m);
      case 4 -> same(d, what, z -> z.remove(m2 == null ? new String[] {m} : new String[] {m, m2}),
          args("ZREM", k, m, m2 == null ? List.of() : List.of(m2)));
      case 5 -> same(d, what,
          z -> entries(s.flags() % 2 == 0 ? z.popMin(big(s.a())) : z.popMax(big(s.a()))),
          s.flags() % 2 == 0 ? "ZPOPMIN" : "ZPOPMAX", k, Long.toString(big(s.a())));
      case 6 -> same(d, what, z -> z.removeRangeByRank(big(s.a()), big(s.b())),
          "ZREMRANGEBYRANK", k, Long.toString(big(s.a())), Long.toString(big(s.b())));
      case 7 -> {
        ScoreRange r = scoreRange(score, score2, s.flags());
        same(d, what, z -> z.removeRangeByScore(r), args("ZREMRANGEBYSCORE", k, bounds(r)));
      }
      case 8 -> {
        LexRange r = lexRange(m, m2, s.flags());
        if (lexDefined(d, k)) {
          same(d, what, z -> z.removeRangeByLex(r), args("ZREMRANGEBYLEX", k, bounds(r)));
        }
      }
      case 9 -> {
        same(d, what, z -> z.score(m), "ZSCORE", k, m);
        same(d, what, z -> z.rank(b(m)), "ZRANK", k, m);
        same(d, what, z -> z.revRank(b(m)), "ZREVRANK", k, m);
        same(d, what, SortedSetView::size, "ZCARD", k);
      }
      case 10 -> {
        ScoreRange r = scoreRange(score, score2, s.flags());
        same(d, what, z -> z.count(r), args("ZCOUNT", k, bounds(r)));
        LexRange l = lexRange(m, m2, s.flags());
        if (lexDefined(d, k)) {
          same(d, what, z -> z.lexCount(l), args("ZLEXCOUNT", k, bounds(l)));
        }
      }
      case 11 -> {
        boolean rev = s.flags() % 2 == 1;
        same(d, what, z -> entries(z.range(big(s.a()), big(s.b()), rev)), args("ZRANGE", k,
            Long.toString(big(s.a())), Long.toString(big(s.b())), rev ? "REV" : List.of(),
            "WITHSCORES"));
      }
      case 12 -> {
        boolean rev = s.flags() % 2 == 1;
        ScoreRange r = scoreRange(score, score2, s.flags() / 2);
        List<String> b = bounds(r);
        same(d, what, z -> entries(z.rangeByScore(r, rev, big(s.a()), big(s.b()))),
            args("ZRANGE", k, rev ? b.get(1) : b.get(0), rev ? b.get(0) : b.get(1), "BYSCORE",
                rev ? "REV" : List.of(), "LIMIT", Long.toString(big(s.a())),
                Long.toString(big(s.b())),
                "WITHSCORES"));
      }
      case 13 -> {
        boolean rev = s.flags() % 2 == 1;
        LexRange r = lexRange(m, m2, s.flags() / 2);
        List<String> b = bounds(r);
        if (lexDefined(d, k)) {
          same(d, what, z -> members(z.rangeByLex(r, rev, big(s.a()), big(s.b()))),
              args("ZRANGE", k, rev ? b.get(1) : b.get(0), rev ? b.get(0) : b.get(1), "BYLEX",
                  rev ? "REV" : List.of(), "LIMIT", Long.toString(big(s.a())),
                  Long.toString(big(s.b()))));
        }
      }
      case 14 -> { // a key of another type
        d.typed(st -> {
          st.set("s", m);
          return null;
        });
        d.resp("SET", "s", m);
        d.assertSameEffects(what);
      }
      case 15 -> {
        long ms = 1 + Math.abs(s.a()) * 500L;
        assertEquals(d.resp("PEXPIRE", k, Long.toString(ms)) instanceof Long l && l == 1L,
            d.typed(st -> st.expire(k, Duration.ofMillis(ms))), what);
        d.assertSameEffects(what);
      }
      case 16 -> d.advance(Duration.ofMillis(1 + Math.abs(s.b()) * 400L));
      case 17 -> {
        assertEquals(d.resp("DEL", k), d.typed(st -> st.delete(k)), what);
        d.assertSameEffects(what);
      }
      default -> throw new AssertionError(s);
    }
  }

  /** Runs {@code typed} on the view of the RESP command's key and the command; compares all. */
  private static void same(TwoDoors d, String what, Function<SortedSetView, ?> typed,
      String... command) {
    Object t = d.typed(st -> call(st, command[1], typed));
    Object r = d.resp(command);
    String context = what + ": " + String.join(" ", command);
    if (t instanceof TwoDoors.Failure || r instanceof TwoDoors.ErrorReply) {
      assertEquals(true, TwoDoors.sameError(t, r), context + ": " + t + " vs " + r);
    } else {
      assertEquals(r, t, context);
    }
    d.assertSameEffects(context);
  }

  /**
   * Whether lex ranges on {@code k} are defined: Redis leaves them undefined unless every member
   * has the same score, and on a skiplist the answer then depends on its random node levels,
   * which differ between the two stores (the property failed on such a set, 2 vs 4 for one
   * ZLEXCOUNT). Absent keys and other types are compared (empty replies, WRONGTYPE). Reads the
   * typed store only: reads raise no KEA event and write no AOF.
   */
  private static boolean lexDefined(TwoDoors d, String k) {
    Object t = d.typed(st -> call(st, k, z -> z.range(0, -1, false)));
    return !(t instanceof List<?> l)
        || l.stream().map(e -> ((Entry) e).score()).distinct().count() <= 1;
  }

  /** A typed call; the view's IllegalArgumentException (NaN, negative count) as its text. */
  private static @Nullable Object call(KeyValueStore st, String key,
      Function<SortedSetView, ?> op) {
    try {
      return op.apply(st.sortedSet(key));
    } catch (IllegalArgumentException e) {
      return new TwoDoors.Failure(e.getMessage());
    }
  }

  /** A count, rank or LIMIT argument: -3 and 5 stand for Long.MIN_VALUE and Long.MAX_VALUE. */
  private static long big(int v) {
    return v == -3 ? Long.MIN_VALUE : v == 5 ? Long.MAX_VALUE : v;
  }

  private static AddOptions options(int f) {
    boolean nx = (f & 1) != 0;
    boolean xx = !nx && (f & 2) != 0;
    boolean gt = !nx && (f & 4) != 0;
    boolean lt = !nx && !gt && (f & 8) != 0;
    return new AddOptions(nx, xx, gt, lt, (f & 16) != 0);
  }

  /** ZADD's option tokens in the order the typed door writes them. */
  private static List<String> flags(AddOptions o, boolean incr) {
    List<String> l = new ArrayList<>();
    if (o.nx() || o.xx()) {
      l.add(o.nx() ? "NX" : "XX");
    }
    if (o.gt() || o.lt()) {
      l.add(o.gt() ? "GT" : "LT");
    }
    if (o.ch()) {
      l.add("CH");
    }
    if (incr) {
      l.add("INCR");
    }
    return l;
  }

  private static ScoreRange scoreRange(double x, double y, int f) {
    // a NaN bound is ScoreRange's documented IllegalArgumentException: none is drawn
    double a = Double.isNaN(x) ? 0 : x;
    double b = Double.isNaN(y) ? 0 : y;
    return new ScoreRange(Math.min(a, b), (f & 1) != 0, (f & 2) != 0 ? Math.min(a, b)
        : Math.max(a, b), (f & 4) != 0);
  }

  private static LexRange lexRange(String a, @Nullable String b, int f) {
    byte[] min = (f & 8) != 0 ? null : b(a);
    byte[] max = b == null ? null : b(b);
    return new LexRange(min, (f & 1) != 0, max, (f & 4) != 0);
  }

  private static List<String> bounds(ScoreRange r) {
    return List.of((r.minExclusive() ? "(" : "") + num(r.min()),
        (r.maxExclusive() ? "(" : "") + num(r.max()));
  }

  private static List<String> bounds(LexRange r) {
    return List.of(lex(r.min(), r.minExclusive(), "-"), lex(r.max(), r.maxExclusive(), "+"));
  }

  private static String lex(byte @Nullable [] b, boolean exclusive, String infinite) {
    return b == null ? infinite : (exclusive ? "(" : "[") + new String(b, StandardCharsets.UTF_8);
  }

  private static String num(double d) {
    return Argvs.score(d);
  }

  /** Entries as RESP3 replies them: {@code [[member, score], ...]}. */
  private static List<List<Object>> entries(List<Entry> l) {
    return l.stream().map(e -> List.<Object>of(e.memberString(), e.score())).toList();
  }

  private static List<String> members(List<Entry> l) {
    return l.stream().map(Entry::memberString).toList();
  }

  /** Flattens strings and lists of strings into a command. */
  private static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof List<?> l) {
        l.forEach(x -> out.add((String) x));
      } else {
        out.add((String) p);
      }
    }
    return out.toArray(String[]::new);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
