package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.HashView;
import io.lime.KeyValueStore;
import io.lime.internal.doors.TwoDoors.Failure;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.store.LocalKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The hash family through both doors ({@link TwoDoors}): random sequences of hash operations
 * run through {@link HashView} on one store and as HSET/HSETNX/HDEL/HINCRBY/HINCRBYFLOAT/
 * HGET/HMGET/HGETALL/HKEYS/HVALS/HEXISTS/HLEN/HSTRLEN/HRANDFIELD/HSCAN commands on the other,
 * mixed with expiry (PEXPIRE, the clock moving), DEL and a string key (WRONGTYPE). After each
 * step the results must agree (errors by text; random picks by size), and both stores must
 * have published the same keyspace events and appended the same AOF bytes. Encoding limits
 * are lowered on both stores (4 entries, 8 bytes) so conversions to {@code hashtable} happen
 * within a short sequence.
 */
class HashDoorsProperties {
  private static final String LONG = "0123456789abc"; // past hash-max-listpack-value 8

  /** How a step's two results are compared. */
  enum Check { SAME, DOUBLE, SAME_SIZE, BOTH_NULL_OR_NOT, NONE }

  /** One operation, as a typed call and as the equivalent command. */
  record Step(String label, @Nullable Function<KeyValueStore, ?> typed, String[] resp,
      Check check, long advanceMillis) implements TwoDoors.Step {
    @Override
    public String toString() {
      return label;
    }
  }

  @Property(tries = 100)
  void typedAndRespDoors_agreeOnResultsEventsAndAof(@ForAll("sequences") List<Step> steps) {
    try (TwoDoors d = TwoDoors.open()) {
      EncodingLimits limits = ((LocalKeyValueStore) d.typed()).engine().limits();
      limits.hashMaxListpackEntries = 4;
      limits.hashMaxListpackValue = 8;
      d.resp("CONFIG", "SET", "hash-max-listpack-entries", "4");
      d.resp("CONFIG", "SET", "hash-max-listpack-value", "8");
      d.typed(s -> {
        s.set("str", "text");
        return null;
      });
      d.resp("SET", "str", "text");
      d.assertSameEffects("setup");
      d.run(steps, HashDoorsProperties::compare);
    }
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step.label() + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), what);
      return;
    }
    Object t = normal(typed);
    switch (step.check()) {
      case SAME -> assertEquals(resp, t, what);
      case DOUBLE -> assertEquals(Double.parseDouble((String) resp), (Double) typed, what);
      case SAME_SIZE -> assertEquals(((List<?>) resp).size(), ((List<?>) t).size(), what);
      case BOTH_NULL_OR_NOT -> assertEquals(resp == null, t == null, what);
      case NONE -> { }
    }
  }

  /** A typed result in the shape {@link TwoDoors#java} gives the RESP reply. */
  private static @Nullable Object normal(@Nullable Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    } else if (v instanceof Integer i) {
      return (long) i;
    } else if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    } else if (v instanceof Map<?, ?> m) {
      return normal(new ArrayList<>(m.entrySet()));
    } else if (v instanceof HashView.ScanPage p) {
      return List.of(Long.toString(p.cursor()), normal(p.entries()));
    } else if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Object o : l) {
        if (o instanceof Map.Entry<?, ?> e) {
          out.add(normal(e.getKey()));
          out.add(normal(e.getValue()));
        } else {
          out.add(normal(o));
        }
      }
      return out;
    }
    return v;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Step>> sequences() {
    return Arbitraries.frequencyOf(Tuple.of(6, writes()), Tuple.of(4, reads()),
        Tuple.of(1, keyOps())).list().ofMaxSize(30);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("h", "h", "h", "g", "str");
  }

  private static Arbitrary<String> fields() {
    return Arbitraries.of("a", "b", "c", "d", "e", "", LONG, "1", "-0", "01",
        "-9223372036854775808", "\u00e9");
  }

  private static Arbitrary<String> values() {
    return Arbitraries.of("1", "-7", "0", "9223372036854775807", "2.5", "abc", "", LONG,
        "-9223372036854775808", "9223372036854775808", "-0", "01", " 1", "1e3", "\u00e9",
        "1.7976931348623157E308");
  }

  private static Arbitrary<List<String>> someFields() {
    return fields().list().ofMinSize(1).ofMaxSize(3);
  }

  private static Step step(String[] resp, Function<KeyValueStore, ?> typed, Check check) {
    return new Step(String.join(" ", resp), typed, resp, check, 0);
  }

  private static String[] cmd(String name, String key, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.add(key);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  private static String[] cmd(String... parts) {
    return parts;
  }

  private static Arbitrary<Step> writes() {
    return Arbitraries.oneOf(
        Combinators.combine(keys(), fields(), values()).as((k, f, v) ->
            step(cmd("HSET", k, f, v), s -> s.hash(k).put(f, v), Check.SAME)),
        Combinators.combine(keys(), Combinators.combine(fields(), values()).as(List::of)
            .list().ofMinSize(1).ofMaxSize(4)).as((k, pairs) -> {
              Map<String, String> map = new LinkedHashMap<>();
              pairs.forEach(p -> map.putIfAbsent(p.get(0), p.get(1)));
              List<String> flat = new ArrayList<>();
              map.forEach((f, v) -> {
                flat.add(f);
                flat.add(v);
              });
              return step(cmd("HSET", k, flat), s -> s.hash(k).putAll(map), Check.SAME);
            }),
        Combinators.combine(keys(), fields(), values()).as((k, f, v) ->
            step(cmd("HSETNX", k, f, v), s -> s.hash(k).putIfAbsent(f, v), Check.SAME)),
        Combinators.combine(keys(), someFields()).as((k, fs) ->
            step(cmd("HDEL", k, fs), s -> s.hash(k).delete(fs.toArray(new String[0])),
                Check.SAME)),
        Combinators.combine(keys(), fields(),
            Arbitraries.of(1L, -3L, 0L, -1L, 100L, Long.MAX_VALUE, Long.MIN_VALUE))
            .as((k, f, n) ->
            step(cmd("HINCRBY", k, f, Long.toString(n)), s -> s.hash(k).incrBy(f, n),
                Check.SAME)),
        Combinators.combine(keys(), fields(),
            Arbitraries.of("1", "-2.5", "0.1", "abc", "inf", "1e3", "-0", "", "-inf", "+inf",
                "nan", " 1", "1 ", "0x10", "1e400", "1e-400", "5e-324", "1.0E-7", "+.5", "1."))
            .as((k, f, t) ->
            step(cmd("HINCRBYFLOAT", k, f, t), s -> s.hash(k).incrByFloatText(f, t),
                Check.SAME)),
        Combinators.combine(keys(), fields(),
            Arbitraries.of(1.5, -0.25, 0.1, 1e-7, 3.0, Double.POSITIVE_INFINITY, Double.NaN,
                Double.NEGATIVE_INFINITY, -0.0, 1e21, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                9007199254740993.0, 0.3)).as((k, f, x) ->
            step(cmd("HINCRBYFLOAT", k, f, text(x)),
                s -> s.hash(k).incrByFloat(f, x), Check.DOUBLE)));
  }

  /** The increment text a client sends for {@code x}, as the typed door takes it. */
  private static String text(double x) {
    return Double.isNaN(x) ? "nan" : Double.isInfinite(x) ? (x > 0 ? "inf" : "-inf")
        : Double.toString(x);
  }

  private static Arbitrary<Step> reads() {
    Arbitrary<Long> counts = Arbitraries.of(-3L, 0L, 1L, 2L, 5L, 100L, Long.MAX_VALUE / 2);
    return Arbitraries.oneOf(
        Combinators.combine(keys(), fields()).as((k, f) ->
            step(cmd("HGET", k, f), s -> s.hash(k).get(f), Check.SAME)),
        Combinators.combine(keys(), someFields()).as((k, fs) ->
            step(cmd("HMGET", k, fs), s -> s.hash(k).getMany(fs.toArray(new String[0])),
                Check.SAME)),
        keys().map(k -> step(cmd("HGETALL", k), s -> s.hash(k).getAll(), Check.SAME)),
        keys().map(k -> step(cmd("HKEYS", k), s -> s.hash(k).keys(), Check.SAME)),
        keys().map(k -> step(cmd("HVALS", k), s -> s.hash(k).values(), Check.SAME)),
        keys().map(k -> step(cmd("HLEN", k), s -> s.hash(k).size(), Check.SAME)),
        Combinators.combine(keys(), fields()).as((k, f) ->
            step(cmd("HEXISTS", k, f), s -> s.hash(k).exists(f), Check.SAME)),
        Combinators.combine(keys(), fields()).as((k, f) ->
            step(cmd("HSTRLEN", k, f), s -> s.hash(k).strlen(f), Check.SAME)),
        keys().map(k -> step(cmd("HRANDFIELD", k), s -> s.hash(k).randomField(),
            Check.BOTH_NULL_OR_NOT)),
        Combinators.combine(keys(), Arbitraries.oneOf(counts, Arbitraries.just(Long.MAX_VALUE)))
            .as((k, n) ->
            step(cmd("HRANDFIELD", k, Long.toString(n)), s -> s.hash(k).randomFields(n),
                Check.SAME_SIZE)),
        Combinators.combine(keys(), counts).as((k, n) ->
            step(cmd("HRANDFIELD", k, Long.toString(n), "WITHVALUES"),
                s -> s.hash(k).randomEntries(n), Check.SAME_SIZE)),
        Combinators.combine(keys(), Arbitraries.of("", "a*", "*", "?", "[", "\\", "\u00e9", "[a-c]"),
            Arbitraries.of(1L, 10L)).as((k, m, n) -> step(
                m.isEmpty() ? cmd("HSCAN", k, "0", "COUNT", Long.toString(n))
                    : cmd("HSCAN", k, "0", "MATCH", m, "COUNT", Long.toString(n)),
                s -> s.hash(k).scan(0, m.isEmpty() ? null : m, n), Check.SAME)));
  }

  private static Arbitrary<Step> keyOps() {
    return Arbitraries.oneOf(
        Combinators.combine(keys(), Arbitraries.of(100L, 5_000L)).as((k, ms) ->
            step(cmd("PEXPIRE", k, Long.toString(ms)),
                s -> s.expire(k, Duration.ofMillis(ms)), Check.SAME)),
        keys().map(k -> step(cmd("DEL", k), s -> s.delete(k), Check.SAME)),
        Arbitraries.of(50L, 1_000L).map(ms -> new Step("advance " + ms + "ms", null,
            new String[0], Check.NONE, ms)));
  }
}
