package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.StreamView;
import io.lime.internal.doors.TwoDoors.Failure;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.store.LocalKeyValueStore;
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
 * Issue 11's proof for the typed stream view: random sequences of XADD (explicit, partial and
 * generated IDs), XDEL, XTRIM, XRANGE, XREVRANGE, XLEN, XGROUP CREATE/DESTROY, XREADGROUP,
 * XPENDING, XCLAIM, XAUTOCLAIM and XACK, mixed with DEL, a string key (WRONGTYPE) and the clock
 * moving, run through {@link StreamView} on one store and as RESP commands on the other
 * ({@link TwoDoors}). After each step the results must agree (errors by text), and both
 * stores must have published the same keyspace events and appended the same AOF bytes.
 * Nodes hold 3 entries so trims remove whole nodes within a short sequence.
 */
class StreamDoorsProperties {

  /** One operation, as a typed call and as the equivalent command. */
  record Step(String label, @Nullable Function<KeyValueStore, ?> typed, String[] resp,
      long advanceMillis) implements TwoDoors.Step {
    @Override
    public String toString() {
      return label;
    }
  }

  @Property(tries = 60)
  void typedAndRespDoors_agreeOnResultsEventsAndAof(@ForAll("sequences") List<Step> steps) {
    try (TwoDoors d = TwoDoors.open()) {
      EncodingLimits limits = ((LocalKeyValueStore) d.typed()).engine().limits();
      limits.streamNodeMaxEntries = 3;
      d.resp("CONFIG", "SET", "stream-node-max-entries", "3");
      d.typed(s -> {
        s.set("str", "text");
        return null;
      });
      d.resp("SET", "str", "text");
      d.assertSameEffects("setup");
      d.run(steps, StreamDoorsProperties::compare);
    }
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step.label() + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), what);
      return;
    }
    Object r = resp;
    if (step.resp()[0].equals("XREADGROUP")) {
      r = readGroupEntries(resp);
    } else if (step.resp()[0].equals("XGROUP") && step.resp()[1].equals("DESTROY")) {
      r = Long.valueOf(1).equals(resp);
    }
    assertEquals(r, normal(typed), what);
  }

  /** XREADGROUP's reply (one stream, RESP2 or RESP3) as the list of its entries. */
  private static @Nullable Object readGroupEntries(@Nullable Object resp) {
    if (resp == null) {
      return List.of();
    }
    List<?> l = (List<?>) resp;
    return l.get(0) instanceof List<?> pair ? pair.get(1) : l.get(1);
  }

  /** A typed result in the shape {@link TwoDoors#java} gives the RESP reply. */
  private static @Nullable Object normal(@Nullable Object v) {
    if (v instanceof StreamView.Entry e) {
      List<String> fv = new ArrayList<>();
      e.fields().forEach((f, x) -> {
        fv.add(f);
        fv.add(x);
      });
      return List.of(e.id(), fv);
    } else if (v instanceof StreamView.Pending p) {
      return List.of(p.id(), p.consumer(), p.idleMillis(), p.deliveries());
    } else if (v instanceof StreamView.AutoClaimed a) {
      return List.of(a.next(), normal(a.claimed()), a.deleted());
    } else if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(normal(o));
      }
      return out;
    } else if (v == null) {
      return "OK"; // createGroup
    }
    return v;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Step>> sequences() {
    return Arbitraries.frequencyOf(Tuple.of(6, writes()), Tuple.of(3, reads()),
        Tuple.of(4, groups()), Tuple.of(1, keyOps())).list().ofMaxSize(30);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("s", "s", "s", "t", "str");
  }

  private static Arbitrary<String> ids() {
    return Arbitraries.of("1-1", "2-0", "2-*", "5", "7-3", "9-9", "*", "*", "0-0", "bad");
  }

  private static Arbitrary<String> existingIds() {
    return Arbitraries.of("1-1", "2-0", "2-1", "5-0", "7-3", "9-9", "bad", "+");
  }

  /** IDs XCLAIM takes as IDs (other words are its options). */
  private static Arbitrary<String> validIds() {
    return Arbitraries.of("1-1", "2-0", "2-1", "5-0", "7-3", "9-9");
  }

  private static Arbitrary<String> bounds() {
    return Arbitraries.of("-", "+", "2", "(2-0", "5-0", "(9-9", "x");
  }

  private static Step step(String[] resp, Function<KeyValueStore, ?> typed) {
    return new Step(String.join(" ", resp), typed, resp, 0);
  }

  private static String[] cmd(String... parts) {
    return parts;
  }

  private static Arbitrary<Step> writes() {
    Arbitrary<Map<String, String>> fields = Combinators.combine(
        Arbitraries.of("f", "g", "n"), Arbitraries.of("v", "1", "-7", "long-value-text"))
        .as((f, v) -> {
          Map<String, String> m = new LinkedHashMap<>();
          m.put(f, v);
          if (!f.equals("g")) {
            m.put("g", "w");
          }
          return m;
        });
    return Arbitraries.oneOf(
        Combinators.combine(keys(), ids(), fields).as((k, id, m) -> {
          List<String> argv = new ArrayList<>(List.of("XADD", k, id));
          m.forEach((f, v) -> {
            argv.add(f);
            argv.add(v);
          });
          return step(argv.toArray(new String[0]), s -> s.stream(k).add(id, m));
        }),
        Combinators.combine(keys(), existingIds(), existingIds()).as((k, a, b) ->
            step(cmd("XDEL", k, a, b), s -> s.stream(k).delete(a, b))),
        Combinators.combine(keys(), Arbitraries.of(0L, 1L, 2L, 5L), Arbitraries.of(true, false))
            .as((k, n, approx) -> step(cmd("XTRIM", k, "MAXLEN", approx ? "~" : "=",
                Long.toString(n)), s -> s.stream(k).trimToLength(n, approx))),
        Combinators.combine(keys(), Arbitraries.of("2-0", "6", "0-0"),
            Arbitraries.of(true, false)).as((k, id, approx) -> step(cmd("XTRIM", k, "MINID",
                approx ? "~" : "=", id), s -> s.stream(k).trimBefore(id, approx))));
  }

  private static Arbitrary<Step> reads() {
    Arbitrary<Long> counts = Arbitraries.of(0L, 1L, 3L);
    return Arbitraries.oneOf(
        keys().map(k -> step(cmd("XLEN", k), s -> s.stream(k).length())),
        Combinators.combine(keys(), bounds(), bounds(), counts).as((k, a, b, n) ->
            step(n == 0 ? cmd("XRANGE", k, a, b) : cmd("XRANGE", k, a, b, "COUNT",
                Long.toString(n)), s -> s.stream(k).range(a, b, n))),
        Combinators.combine(keys(), bounds(), bounds(), counts).as((k, a, b, n) ->
            step(n == 0 ? cmd("XREVRANGE", k, a, b) : cmd("XREVRANGE", k, a, b, "COUNT",
                Long.toString(n)), s -> s.stream(k).reverseRange(a, b, n))));
  }

  private static Arbitrary<Step> groups() {
    Arbitrary<String> group = Arbitraries.of("g", "g", "h");
    Arbitrary<String> consumer = Arbitraries.of("alice", "bob");
    return Arbitraries.oneOf(
        Combinators.combine(keys(), group, Arbitraries.of("0", "$", "2-0"),
            Arbitraries.of(true, false)).as((k, g, id, mk) -> step(
                mk ? cmd("XGROUP", "CREATE", k, g, id, "MKSTREAM")
                    : cmd("XGROUP", "CREATE", k, g, id),
                s -> {
                  s.stream(k).createGroup(g, id, mk);
                  return null;
                })),
        Combinators.combine(keys(), group).as((k, g) -> step(cmd("XGROUP", "DESTROY", k, g),
            s -> s.stream(k).destroyGroup(g))),
        Combinators.combine(keys(), group, consumer, Arbitraries.of(0L, 1L, 2L),
            Arbitraries.of(true, false)).as((k, g, c, n, noack) -> {
              List<String> argv = new ArrayList<>(List.of("XREADGROUP", "GROUP", g, c));
              if (n != 0) {
                argv.addAll(List.of("COUNT", Long.toString(n)));
              }
              if (noack) {
                argv.add("NOACK");
              }
              argv.addAll(List.of("STREAMS", k, ">"));
              return step(argv.toArray(new String[0]),
                  s -> s.stream(k).readGroup(g, c, n, noack));
            }),
        Combinators.combine(keys(), group, existingIds()).as((k, g, id) ->
            step(cmd("XACK", k, g, id), s -> s.stream(k).ack(g, id))),
        Combinators.combine(keys(), group).as((k, g) -> step(cmd("XPENDING", k, g, "-", "+",
            "10"), s -> s.stream(k).pending(g, "-", "+", 10))),
        Combinators.combine(keys(), group, consumer, validIds(),
            Arbitraries.of(0L, 100L)).as((k, g, c, id, idle) -> step(
                cmd("XCLAIM", k, g, c, Long.toString(idle), id),
                s -> s.stream(k).claim(g, c, Duration.ofMillis(idle), id))),
        Combinators.combine(keys(), group, consumer, Arbitraries.of("0", "(2-0"),
            Arbitraries.of(1L, 2L, 10L)).as((k, g, c, start, n) -> step(
                cmd("XAUTOCLAIM", k, g, c, "0", start, "COUNT", Long.toString(n)),
                s -> s.stream(k).autoClaim(g, c, Duration.ZERO, start, n))));
  }

  private static Arbitrary<Step> keyOps() {
    return Arbitraries.oneOf(
        keys().map(k -> step(cmd("DEL", k), s -> s.delete(k))),
        Arbitraries.of(50L, 1_000L).map(ms -> new Step("advance " + ms + "ms", null,
            new String[0], ms)));
  }
}
