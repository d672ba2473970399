package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.GetExOptions;
import io.lime.KeyValueStore;
import io.lime.SetOptions;
import io.lime.StringOperations;
import io.lime.internal.doors.TwoDoors.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The string family through both doors ({@link TwoDoors}): random sequences of string
 * operations run through {@link StringOperations} on one store and as the equivalent GET,
 * MGET, STRLEN, GETRANGE, SET (NX/XX, EX/PX/EXAT/PXAT/KEEPTTL, GET), SETNX, SETEX, PSETEX,
 * GETSET, GETDEL, GETEX, MSET, MSETNX, APPEND, SETRANGE, INCR, DECR, INCRBY, DECRBY and
 * INCRBYFLOAT commands on the other, mixed with expiry (PEXPIRE, the clock moving), DEL and a
 * hash key (WRONGTYPE). After each step the results must agree (errors by text), and both
 * stores must have published the same keyspace events and appended the same AOF bytes: the
 * rewritten forms (SET ... PXAT, PEXPIREAT, PERSIST, DEL, SET ... KEEPTTL) included.
 */
class StringDoorsProperties {
  private static final long T0 = 1_700_000_000_000L; // TwoDoors' clock at the start
  private static final String LONG = "x".repeat(50); // past the embstr limit

  /** How a step's two results are compared. */
  enum Check {
    /** Equal after {@link #normal}. */
    SAME,
    /** A typed boolean against SET's OK or nil. */
    OK_OR_NIL,
    /** A typed void against OK. */
    OK,
    /** A typed double against the stored text. */
    DOUBLE
  }

  /** One operation, as a typed call and as the equivalent command. */
  record Step(String label, @Nullable Function<KeyValueStore, ?> typed, String[] resp,
      Check check, long advanceMillis) implements TwoDoors.Step {
    @Override
    public String toString() {
      return label;
    }
  }

  @Property(tries = 60)
  void typedAndRespDoors_agreeOnResultsEventsAndAof(@ForAll("sequences") List<Step> steps) {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.hash("h").put("f", "v"));
      d.resp("HSET", "h", "f", "v");
      d.assertSameEffects("setup");
      d.run(steps, StringDoorsProperties::compare);
    }
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step.label() + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), what);
      return;
    }
    switch (step.check()) {
      case SAME -> assertEquals(resp, normal(typed), what);
      case OK_OR_NIL -> assertEquals(resp, (Boolean) typed ? "OK" : null, what);
      case OK -> assertEquals("OK", resp, what);
      case DOUBLE -> assertEquals(Double.parseDouble((String) resp), (Double) typed, what);
    }
  }

  /** A typed result in the shape {@link TwoDoors#java} gives the RESP reply. */
  private static @Nullable Object normal(@Nullable Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    } else if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    } else if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      l.forEach(o -> out.add(normal(o)));
      return out;
    }
    return v;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Step>> sequences() {
    return Arbitraries.frequencyOf(Tuple.of(5, sets()), Tuple.of(4, updates()),
        Tuple.of(4, reads()), Tuple.of(2, keyOps())).list().ofMaxSize(30);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("a", "a", "b", "n", "h");
  }

  private static Arbitrary<String> values() {
    return Arbitraries.of("1", "-7", "0", "10", "9223372036854775807", "2.5", "abc", "", LONG,
        "-9223372036854775808", "9223372036854775808", "-0", "01", "+1", " 1", "1e3", "0x10",
        "inf", "nan", "\u00e9t\u00e9", "1.0E21");
  }

  private static Step step(String[] resp, Function<KeyValueStore, ?> typed, Check check) {
    return new Step(String.join(" ", resp), typed, resp, check, 0);
  }

  private static String[] cmd(String... parts) {
    return parts;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A SET's options as typed options and as the command's arguments, in one shape; the typed
   * options are made in the step (an option that cannot be made fails the step, not the draw).
   */
  record Opts(Supplier<SetOptions> options, List<String> args) {
    Opts(SetOptions options, List<String> args) {
      this(() -> options, args);
    }
  }

  private static Arbitrary<Opts> setOptions() {
    Arbitrary<Tuple.Tuple2<SetOptions, List<String>>> conditions = Arbitraries.of(
        Tuple.of(SetOptions.defaults(), List.of()),
        Tuple.of(SetOptions.ifAbsent(), List.of("NX")),
        Tuple.of(SetOptions.ifPresent(), List.of("XX")));
    Arbitrary<Integer> expiries = Arbitraries.integers().between(0, 10);
    return Combinators.combine(conditions, expiries).as((c, e) -> switch (e) {
      case 1 -> new Opts(c.get1().keepTtl(), concat(c.get2(), "KEEPTTL"));
      case 2 -> new Opts(c.get1().expireIn(Duration.ofSeconds(10)), concat(c.get2(), "EX", "10"));
      case 3 -> new Opts(c.get1().expireIn(Duration.ofMillis(300)), concat(c.get2(), "PX", "300"));
      case 4 -> new Opts(c.get1().expireAt(Instant.ofEpochMilli(T0 + 2_000)),
          concat(c.get2(), "PXAT", Long.toString(T0 + 2_000)));
      case 5 -> new Opts(c.get1().expireAt(Instant.ofEpochMilli(T0 + 5_000)),
          concat(c.get2(), "EXAT", Long.toString((T0 + 5_000) / 1000)));
      case 6 -> new Opts(c.get1().expireIn(Duration.ofMillis(Long.MAX_VALUE)), // overflows
          concat(c.get2(), "PX", Long.toString(Long.MAX_VALUE)));
      // past 64-bit milliseconds: what a client sends for them, EX and EXAT in seconds
      case 7 -> new Opts(() -> c.get1().expireIn(Duration.ofSeconds(Long.MAX_VALUE)),
          concat(c.get2(), "EX", Long.toString(Long.MAX_VALUE)));
      case 8 -> new Opts(() -> c.get1().expireAt(Instant.MAX),
          concat(c.get2(), "EXAT", Long.toString(Instant.MAX.getEpochSecond())));
      case 9 -> new Opts(() -> c.get1().expireIn(Duration.ofNanos(1_999_999)), // truncated
          concat(c.get2(), "PX", "1"));
      default -> new Opts(c.get1(), c.get2());
    });
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static String[] set(String k, String v, List<String> options, boolean get) {
    List<String> all = new ArrayList<>(List.of("SET", k, v));
    all.addAll(options);
    if (get) {
      all.add("GET");
    }
    return all.toArray(new String[0]);
  }

  private static Arbitrary<Step> sets() {
    return Arbitraries.oneOf(
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("SET", k, v), s -> {
              s.set(k, v);
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values(), setOptions()).as((k, v, o) ->
            step(set(k, v, o.args(), false), s -> s.set(k, v, o.options().get()), Check.OK_OR_NIL)),
        Combinators.combine(keys(), values(), setOptions()).as((k, v, o) ->
            step(set(k, v, o.args(), true), s -> s.setAndGet(k, v, o.options().get()), Check.SAME)),
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("SETNX", k, v), s -> s.setIfAbsent(k, v), Check.SAME)),
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("SETEX", k, "3", v), s -> {
              s.setEx(k, v, Duration.ofSeconds(3));
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("PSETEX", k, "150", v), s -> {
              s.setEx(b(k), b(v), Duration.ofMillis(150));
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values()).as((k, v) -> // past 64-bit milliseconds
            step(cmd("SETEX", k, Long.toString(Long.MAX_VALUE), v), s -> {
              s.setEx(k, v, Duration.ofSeconds(Long.MAX_VALUE));
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values()).as((k, v) -> // overflows when added to now
            step(cmd("PSETEX", k, Long.toString(Long.MAX_VALUE), v), s -> {
              s.setEx(k, v, Duration.ofMillis(Long.MAX_VALUE));
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("GETSET", k, v), s -> s.getSet(k, v), Check.SAME)),
        Combinators.combine(keys(), values(), keys(), values()).as((k1, v1, k2, v2) ->
            step(cmd("MSET", k1, v1, k2, v2), s -> {
              s.mset(b(k1), b(v1), b(k2), b(v2));
              return null;
            }, Check.OK)),
        Combinators.combine(keys(), values(), keys(), values()).as((k1, v1, k2, v2) ->
            step(cmd("MSETNX", k1, v1, k2, v2), s -> s.msetnx(b(k1), b(v1), b(k2), b(v2)),
                Check.SAME)));
  }

  private static Arbitrary<Step> updates() {
    Arbitrary<Long> deltas = Arbitraries.of(1L, -3L, 0L, -1L, 100L, Long.MAX_VALUE,
        Long.MIN_VALUE, Long.MIN_VALUE + 1);
    return Arbitraries.oneOf(
        Combinators.combine(keys(), values()).as((k, v) ->
            step(cmd("APPEND", k, v), s -> s.append(k, v), Check.SAME)),
        Combinators.combine(keys(), Arbitraries.of(0L, 2L, 10L, 536_870_912L,
            Long.MAX_VALUE), values()).as((k, o, v) ->
            step(cmd("SETRANGE", k, Long.toString(o), v), s -> s.setRange(b(k), o, b(v)),
                Check.SAME)),
        keys().map(k -> step(cmd("INCR", k), s -> s.incr(k), Check.SAME)),
        keys().map(k -> step(cmd("DECR", k), s -> s.decr(k), Check.SAME)),
        Combinators.combine(keys(), deltas).as((k, n) ->
            step(cmd("INCRBY", k, Long.toString(n)), s -> s.incrBy(k, n), Check.SAME)),
        Combinators.combine(keys(), deltas).as((k, n) ->
            step(cmd("DECRBY", k, Long.toString(n)), s -> s.decrBy(k, n), Check.SAME)),
        Combinators.combine(keys(),
            Arbitraries.of(1.5, -0.25, 0.1, 3.0, Double.POSITIVE_INFINITY, Double.NaN, -0.0,
                1e-7, 1e21, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 123_456.789e10,
                Double.NEGATIVE_INFINITY, 9007199254740993.0, 0.3))
            .as((k, x) -> step(cmd("INCRBYFLOAT", k, floatText(x)), s -> s.incrByFloat(k, x),
                Check.DOUBLE)),
        Combinators.combine(keys(), Arbitraries.integers().between(0, 7)).as((k, m) ->
            getEx(k, m)));
  }

  /** The increment text a client sends for {@code x}, as the typed door takes it. */
  private static String floatText(double x) {
    return Double.isNaN(x) ? "nan" : Double.isInfinite(x) ? (x > 0 ? "inf" : "-inf")
        : Double.toString(x);
  }

  private static Step getEx(String k, int mode) {
    return switch (mode) {
      case 0 -> step(cmd("GETEX", k, "PERSIST"), s -> s.getEx(k, GetExOptions.persist()),
          Check.SAME);
      case 1 -> step(cmd("GETEX", k, "EX", "20"),
          s -> s.getEx(k, GetExOptions.expireIn(Duration.ofSeconds(20))), Check.SAME);
      case 2 -> step(cmd("GETEX", k, "PX", "250"),
          s -> s.getEx(k, GetExOptions.expireIn(Duration.ofMillis(250))), Check.SAME);
      case 3 -> step(cmd("GETEX", k, "PXAT", Long.toString(T0 - 1_000)), // past: deletes
          s -> s.getEx(k, GetExOptions.expireAt(Instant.ofEpochMilli(T0 - 1_000))), Check.SAME);
      case 4 -> step(cmd("GETEX", k, "EXAT", Long.toString((T0 + 60_000) / 1000)),
          s -> s.getEx(k, GetExOptions.expireAt(Instant.ofEpochMilli(T0 + 60_000))),
          Check.SAME);
      case 6 -> step(cmd("GETEX", k, "EX", Long.toString(Long.MAX_VALUE)), // past 64-bit ms
          s -> s.getEx(k, GetExOptions.expireIn(Duration.ofSeconds(Long.MAX_VALUE))),
          Check.SAME);
      case 7 -> step(cmd("GETEX", k, "EXAT", Long.toString(Instant.MAX.getEpochSecond())),
          s -> s.getEx(k, GetExOptions.expireAt(Instant.MAX)), Check.SAME);
      default -> step(cmd("GETEX", k, "PX", Long.toString(Long.MAX_VALUE)), // overflows
          s -> s.getEx(k, GetExOptions.expireIn(Duration.ofMillis(Long.MAX_VALUE))),
          Check.SAME);
    };
  }

  private static Arbitrary<Step> reads() {
    Arbitrary<Long> indexes = Arbitraries.of(0L, 1L, -1L, -3L, 5L, 100L, Long.MIN_VALUE,
        Long.MAX_VALUE);
    return Arbitraries.oneOf(
        keys().map(k -> step(cmd("GET", k), s -> s.get(k), Check.SAME)),
        keys().map(k -> step(cmd("STRLEN", k), s -> s.strlen(k), Check.SAME)),
        keys().map(k -> step(cmd("GETDEL", k), s -> s.getDel(k), Check.SAME)),
        Combinators.combine(keys(), indexes, indexes).as((k, from, to) ->
            step(cmd("GETRANGE", k, Long.toString(from), Long.toString(to)),
                s -> s.getRange(b(k), from, to), Check.SAME)),
        keys().list().ofMinSize(1).ofMaxSize(3).map(ks ->
            step(concat(List.of("MGET"), ks.toArray(new String[0])).toArray(new String[0]),
                s -> s.mget(ks.toArray(new String[0])), Check.SAME)));
  }

  private static Arbitrary<Step> keyOps() {
    return Arbitraries.oneOf(
        Combinators.combine(keys(), Arbitraries.of(100L, 5_000L)).as((k, ms) ->
            step(cmd("PEXPIRE", k, Long.toString(ms)),
                s -> s.expire(k, Duration.ofMillis(ms)), Check.SAME)),
        keys().map(k -> step(cmd("DEL", k), s -> s.delete(k), Check.SAME)),
        Arbitraries.of(50L, 200L, 1_000L, 6_000L).map(ms -> new Step("advance " + ms + "ms",
            null, new String[0], Check.SAME, ms)));
  }
}
