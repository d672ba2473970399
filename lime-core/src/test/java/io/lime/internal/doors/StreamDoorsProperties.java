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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Issue 11's proof for the typed stream view: random sequences of XADD (explicit, partial and
 * generated IDs), XDEL, XTRIM, XRANGE, XREVRANGE, XLEN, XGROUP CREATE/DESTROY, XREADGROUP,
 * XPENDING, XCLAIM (with IDLE, TIME, RETRYCOUNT, FORCE, JUSTID, LASTID), XAUTOCLAIM, XACK,
 * XSETID, XGROUP SETID/CREATECONSUMER/DELCONSUMER, XREAD (one or two streams) and XINFO
 * STREAM/GROUPS/CONSUMERS, mixed with DEL, a string key (WRONGTYPE) and the clock
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

  /**
   * XRANGE and XREVRANGE with a negative COUNT return no entries (Redis 7.0.15: a null array);
   * the typed door returned them all (it took a negative count as 0, "no COUNT").
   */
  @Example
  void negativeRangeCount_returnsNoEntries() {
    try (TwoDoors d = TwoDoors.open()) {
      d.run(List.of(
          step(cmd("XADD", "s", "1-1", "f", "v"),
              s -> s.stream("s").add("1-1", Map.of("f", "v"))),
          step(cmd("SET", "str", "text"), s -> {
            s.set("str", "text");
            return "OK";
          }),
          step(cmd("XRANGE", "s", "-", "+", "COUNT", "-1"),
              s -> s.stream("s").range("-", "+", -1)),
          step(cmd("XREVRANGE", "s", "+", "-", "COUNT", "-1"),
              s -> s.stream("s").reverseRange("+", "-", -1)),
          step(cmd("XRANGE", "str", "-", "+", "COUNT", "-1"),
              s -> s.stream("str").range("-", "+", -1))), StreamDoorsProperties::compare);
    }
  }

  /**
   * XCLAIM with a min-idle-time past 64-bit milliseconds claims nothing; the typed door threw
   * ArithmeticException (Duration.toMillis) for Duration.ofSeconds(Long.MAX_VALUE).
   */
  @Example
  void minIdlePastLongMillis_claimsNothing() {
    try (TwoDoors d = TwoDoors.open()) {
      d.run(List.of(
          step(cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"), s -> {
            s.stream("s").createGroup("g", "$", true);
            return "OK";
          }),
          step(cmd("XADD", "s", "1-1", "f", "v"),
              s -> s.stream("s").add("1-1", Map.of("f", "v"))),
          step(cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"),
              s -> s.stream("s").readGroup("g", "alice", 0, false)),
          step(cmd("XCLAIM", "s", "g", "bob", Long.toString(Long.MAX_VALUE), "1-1"),
              s -> s.stream("s").claim("g", "bob", Duration.ofSeconds(Long.MAX_VALUE), "1-1")),
          step(cmd("XAUTOCLAIM", "s", "g", "bob", Long.toString(Long.MAX_VALUE), "0"),
              s -> s.stream("s").autoClaim("g", "bob", Duration.ofSeconds(Long.MAX_VALUE),
                  "0", 100)),
          // an IDLE past 64-bit milliseconds: ClaimOptions.withIdle threw ArithmeticException
          step(cmd("XCLAIM", "s", "g", "bob", "0", "1-1", "IDLE", Long.toString(Long.MAX_VALUE),
                  "RETRYCOUNT", "7"),
              s -> s.stream("s").claim("g", "bob", Duration.ZERO, StreamView.ClaimOptions.NONE
                  .withIdle(Duration.ofSeconds(Long.MAX_VALUE)).withRetryCount(7), "1-1")),
          step(cmd("XPENDING", "s", "g", "-", "+", "10"),
              s -> s.stream("s").pending("g", "-", "+", 10))), StreamDoorsProperties::compare);
    }
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step.label() + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), what);
      return;
    }
    Object r = resp;
    if (step.resp()[0].endsWith("RANGE") && resp == null) { // COUNT 0 or less: a null array
      r = List.of();
    } else if (step.resp()[0].equals("XREADGROUP")) {
      r = readGroupEntries(resp);
    } else if (step.resp()[0].equals("XREAD")) {
      r = readPairs(resp);
    } else if (step.resp()[0].equals("XGROUP") && (step.resp()[1].equals("DESTROY")
        || step.resp()[1].equals("CREATECONSUMER"))) {
      r = Long.valueOf(1).equals(resp);
    } else if (step.resp()[0].equals("XINFO") && step.resp()[1].equals("STREAM")) {
      r = flatToMap(resp);
    } else if (step.resp()[0].equals("XINFO")) {
      List<@Nullable Object> maps = new ArrayList<>();
      for (Object o : (List<?>) resp) {
        maps.add(flatToMap(o));
      }
      r = maps;
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

  /** XREAD's reply (RESP2 pairs or RESP3 flat map) as a list of {@code [key, entries]}. */
  private static @Nullable Object readPairs(@Nullable Object resp) {
    if (resp == null) {
      return null;
    }
    List<?> l = (List<?>) resp;
    if (l.get(0) instanceof List<?>) {
      return l;
    }
    List<Object> pairs = new ArrayList<>();
    for (int i = 0; i < l.size(); i += 2) {
      pairs.add(List.of(l.get(i), l.get(i + 1)));
    }
    return pairs;
  }

  /** A flat {@code [name, value, ...]} reply (XINFO) as a map, values kept as they are. */
  private static Map<Object, @Nullable Object> flatToMap(@Nullable Object flat) {
    List<?> l = (List<?>) flat;
    Map<Object, @Nullable Object> m = new LinkedHashMap<>();
    for (int i = 0; i < l.size(); i += 2) {
      m.put(l.get(i), l.get(i + 1));
    }
    return m;
  }

  private static Map<Object, @Nullable Object> fieldMap(@Nullable Object... kv) {
    Map<Object, @Nullable Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
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
    } else if (v instanceof StreamView.Info i) {
      return fieldMap("length", i.length(), "radix-tree-keys", i.radixTreeKeys(),
          "radix-tree-nodes", i.radixTreeNodes(), "last-generated-id", i.lastGeneratedId(),
          "max-deleted-entry-id", i.maxDeletedEntryId(), "entries-added", i.entriesAdded(),
          "recorded-first-entry-id", i.recordedFirstEntryId(), "groups", i.groups(),
          "first-entry", i.firstEntry() == null ? null : normal(i.firstEntry()),
          "last-entry", i.lastEntry() == null ? null : normal(i.lastEntry()));
    } else if (v instanceof StreamView.GroupInfo g) {
      return fieldMap("name", g.name(), "consumers", g.consumers(), "pending", g.pending(),
          "last-delivered-id", g.lastDeliveredId(), "entries-read", g.entriesRead(),
          "lag", g.lag());
    } else if (v instanceof StreamView.ConsumerInfo c) {
      return fieldMap("name", c.name(), "pending", c.pending(), "idle", c.idleMillis());
    } else if (v instanceof Map<?, ?> read) { // XREAD
      if (read.isEmpty()) {
        return null;
      }
      List<Object> pairs = new ArrayList<>();
      read.forEach((k, e) -> pairs.add(List.of(k, normal(e))));
      return pairs;
    } else if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(normal(o));
      }
      return out;
    } else if (v == null) {
      return "OK"; // createGroup, setId, setGroupId
    }
    return v;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Step>> sequences() {
    return Arbitraries.frequencyOf(Tuple.of(6, writes()), Tuple.of(3, reads()),
        Tuple.of(4, groups()), Tuple.of(3, moreGroups()), Tuple.of(2, infoAndRead()),
        Tuple.of(1, keyOps())).list().ofMaxSize(30);
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
    Arbitrary<Long> counts = Arbitraries.of(0L, 1L, 3L, -1L, Long.MAX_VALUE, Long.MIN_VALUE);
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
        Combinators.combine(keys(), group, consumer,
            Arbitraries.of(0L, 1L, 2L, -1L, Long.MAX_VALUE),
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
        Combinators.combine(keys(), group, Arbitraries.of(10L, 0L, -1L, Long.MAX_VALUE,
            Long.MIN_VALUE)).as((k, g, n) -> step(cmd("XPENDING", k, g, "-", "+",
            Long.toString(n)), s -> s.stream(k).pending(g, "-", "+", n))),
        Combinators.combine(keys(), group, consumer, validIds(),
            Arbitraries.of(0L, 100L, -1L, Long.MAX_VALUE)).as((k, g, c, id, idle) -> step(
                cmd("XCLAIM", k, g, c, Long.toString(idle), id),
                s -> s.stream(k).claim(g, c, Duration.ofMillis(idle), id))),
        Combinators.combine(keys(), group, consumer, validIds()).as((k, g, c, id) -> step(
            cmd("XCLAIM", k, g, c, Long.toString(Long.MAX_VALUE), id), // past 64-bit ms
            s -> s.stream(k).claim(g, c, Duration.ofSeconds(Long.MAX_VALUE), id))),
        Combinators.combine(keys(), group, consumer, Arbitraries.of("0", "(2-0"),
            Arbitraries.of(1L, 2L, 10L, 0L, -1L, Long.MAX_VALUE / 16, Long.MAX_VALUE / 16 + 1,
                Long.MAX_VALUE)).as((k, g, c, start, n) -> step(
                cmd("XAUTOCLAIM", k, g, c, "0", start, "COUNT", Long.toString(n)),
                s -> argumentError(() -> s.stream(k).autoClaim(g, c, Duration.ZERO, start,
                    n)))));
  }

  /**
   * {@code call}'s result, or its documented IllegalArgumentException as a {@link Failure}:
   * its message is the command's error text.
   */
  private static @Nullable Object argumentError(java.util.function.Supplier<?> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      return new TwoDoors.Failure(e.getMessage());
    }
  }

  private static Arbitrary<Step> keyOps() {
    return Arbitraries.oneOf(
        keys().map(k -> step(cmd("DEL", k), s -> s.delete(k))),
        Arbitraries.of(50L, 1_000L).map(ms -> new Step("advance " + ms + "ms", null,
            new String[0], ms)));
  }

  /** XSETID, XGROUP SETID / CREATECONSUMER / DELCONSUMER, XCLAIM with options. */
  private static Arbitrary<Step> moreGroups() {
    Arbitrary<String> group = Arbitraries.of("g", "g", "h");
    Arbitrary<String> consumer = Arbitraries.of("alice", "bob");
    Arbitrary<ClaimOpts> claimOptions = Combinators.combine(Arbitraries.of(-1L, 0L, 500L),
        Arbitraries.of(-1L, 5L, 10_000_000_000_000L), Arbitraries.of(-1L, 0L, 4L),
        Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of("0-0", "3-0", "9-9")).as(ClaimOpts::new);
    return Arbitraries.oneOf(
        Combinators.combine(keys(), Arbitraries.of("9-9", "1-1", "100", "x"),
            Arbitraries.of(-1L, 0L, 3L, 50L), Arbitraries.of("0-0", "2-0", "200-0"))
            .as((k, id, added, maxDel) -> {
              List<String> argv = new ArrayList<>(List.of("XSETID", k, id));
              if (added != -1) {
                argv.addAll(List.of("ENTRIESADDED", Long.toString(added)));
              }
              if (!maxDel.equals("0-0")) {
                argv.addAll(List.of("MAXDELETEDID", maxDel));
              }
              return step(argv.toArray(new String[0]), s -> {
                s.stream(k).setId(id, added, maxDel);
                return null;
              });
            }),
        Combinators.combine(keys(), group, Arbitraries.of("0", "$", "2-0", "bad"),
            Arbitraries.of(-1L, 0L, 2L)).as((k, g, id, read) -> step(read == -1
                ? cmd("XGROUP", "SETID", k, g, id)
                : cmd("XGROUP", "SETID", k, g, id, "ENTRIESREAD", Long.toString(read)),
                s -> {
                  s.stream(k).setGroupId(g, id, read);
                  return null;
                })),
        Combinators.combine(keys(), group, consumer).as((k, g, c) -> step(
            cmd("XGROUP", "CREATECONSUMER", k, g, c), s -> s.stream(k).createConsumer(g, c))),
        Combinators.combine(keys(), group, consumer).as((k, g, c) -> step(
            cmd("XGROUP", "DELCONSUMER", k, g, c), s -> s.stream(k).deleteConsumer(g, c))),
        Combinators.combine(keys(), group, consumer, validIds(), claimOptions)
            .as((k, g, c, id, o) -> step(o.argv(k, g, c, id), s -> o.justId
                ? s.stream(k).claimIds(g, c, Duration.ZERO, o.typed(), id)
                : s.stream(k).claim(g, c, Duration.ZERO, o.typed(), id))));
  }

  /** XCLAIM's options for one step, as the typed record and as words. */
  record ClaimOpts(long idle, long time, long retry, boolean force, boolean justId,
      String lastId) {
    StreamView.ClaimOptions typed() {
      return new StreamView.ClaimOptions(idle, time, retry, force, lastId);
    }

    String[] argv(String k, String g, String c, String id) {
      List<String> argv = new ArrayList<>(List.of("XCLAIM", k, g, c, "0", id));
      if (idle != -1) {
        argv.addAll(List.of("IDLE", Long.toString(idle)));
      } else if (time != -1) {
        argv.addAll(List.of("TIME", Long.toString(time)));
      }
      if (retry != -1) {
        argv.addAll(List.of("RETRYCOUNT", Long.toString(retry)));
      }
      if (force) {
        argv.add("FORCE");
      }
      if (justId) {
        argv.add("JUSTID");
      }
      if (!lastId.equals("0-0")) {
        argv.addAll(List.of("LASTID", lastId));
      }
      return argv.toArray(new String[0]);
    }
  }

  /** XREAD of one or two streams, XINFO STREAM / GROUPS / CONSUMERS. */
  private static Arbitrary<Step> infoAndRead() {
    Arbitrary<String> after = Arbitraries.of("0", "2-0", "$", "5", "bad");
    return Arbitraries.oneOf(
        Combinators.combine(keys(), after, Arbitraries.of(0L, 1L, 2L, -1L, Long.MAX_VALUE))
            .as((k, id, n) ->
            step(n == 0 ? cmd("XREAD", "STREAMS", k, id)
                : cmd("XREAD", "COUNT", Long.toString(n), "STREAMS", k, id),
                s -> s.stream(k).read(id, Map.of(), n))),
        Combinators.combine(after, after, Arbitraries.of(0L, 1L)).as((a, b, n) ->
            step(cmd("XREAD", "COUNT", Long.toString(n), "STREAMS", "s", "t", a, b),
                s -> s.stream("s").read(a, Map.of("t", b), n))),
        keys().map(k -> step(cmd("XINFO", "STREAM", k), s -> s.stream(k).info())),
        keys().map(k -> step(cmd("XINFO", "GROUPS", k), s -> s.stream(k).groups())),
        Combinators.combine(keys(), Arbitraries.of("g", "h")).as((k, g) ->
            step(cmd("XINFO", "CONSUMERS", k, g), s -> s.stream(k).consumers(g))));
  }
}
