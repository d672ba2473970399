package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.ExpireCondition;
import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.ScanResult;
import io.lime.internal.doors.TwoDoors.ErrorReply;
import io.lime.internal.doors.TwoDoors.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Generic key commands and expiry through both doors ({@link TwoDoors}): random sequences of
 * DEL/UNLINK/EXISTS/TOUCH/TYPE/RENAME/RENAMENX/COPY (with DB and REPLACE)/MOVE, the EXPIRE
 * family with NX/XX/GT/LT (conflicting ones included), PERSIST, TTL/PTTL/PEXPIRETIME,
 * KEYS/SCAN/DBSIZE/RANDOMKEY/FLUSHDB, over string, list and hash keys of databases 0 and 1,
 * with the clock moving so keys expire lazily. Each step runs through {@link KeyValueStore}
 * on one store and as commands on the other (a step of database 1 through {@code
 * database(1)}, and between {@code SELECT 1} and {@code SELECT 0}); then the results must
 * agree (errors by text) and both stores must have published the same keyspace events and
 * appended the same AOF bytes (EXPIRE as {@code PEXPIREAT}/{@code DEL}, both doors).
 */
class KeysDoorsProperties {
  /** How a step's two results are compared. */
  enum Check { SAME, SORTED, BOTH_NULL_OR_NOT, EXPIRE_TIME }

  /**
   * One operation: the typed call and the command, both given the clock (for absolute
   * deadlines), run on database {@code db}; or, when {@code typed} is null, the clock moving
   * by {@code advanceMillis}.
   */
  record Step(String label, int db, @Nullable BiFunction<KeyValueStore, Long, ?> typed,
      LongFunction<String[]> resp, Check check, long advanceMillis) {
    @Override
    public String toString() {
      return db == 0 ? label : label + " @db1";
    }
  }

  @Property(tries = 100)
  void typedAndRespDoors_agreeOnResultsEventsAndAof(@ForAll("sequences") List<Step> steps) {
    try (TwoDoors d = TwoDoors.open()) {
      for (Step step : steps) {
        if (step.typed() == null) {
          d.advance(Duration.ofMillis(step.advanceMillis()));
          continue;
        }
        long now = d.now();
        Object t = typed(d, step, now);
        Object r = resp(d, step, now);
        compare(step, t, r);
        d.assertSameEffects(step.toString());
      }
    }
  }

  /** The typed call; an {@link IllegalArgumentException} (a Redis error of COPY, MOVE or EXPIRE's conditions) as a {@link Failure}. */
  private static @Nullable Object typed(TwoDoors d, Step step, long now) {
    try {
      return d.typed(s -> step.typed().apply(step.db() == 0 ? s : s.database(step.db()), now));
    } catch (IllegalArgumentException e) {
      return new Failure(e.getMessage());
    }
  }

  private static @Nullable Object resp(TwoDoors d, Step step, long now) {
    if (step.db() == 0) {
      return d.resp(step.resp().apply(now));
    }
    assertEquals("OK", d.resp("SELECT", Integer.toString(step.db())));
    Object r = d.resp(step.resp().apply(now));
    assertEquals("OK", d.resp("SELECT", "0"));
    return r;
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof ErrorReply) {
      // the typed API adds the index to "ERR DB index is out of range"; an expire time past
      // 64-bit milliseconds is its documented IllegalArgumentException, with its own text
      assertTrue(typed instanceof Failure f && resp instanceof ErrorReply e
          && (f.message().equals(e.message()) || f.message().startsWith(e.message() + ": ")
              || e.message().startsWith("ERR invalid expire time in ")
                  && f.message().startsWith("expire time overflows 64-bit milliseconds")),
          what);
      return;
    }
    Object t = normal(typed);
    switch (step.check()) {
      case SAME -> assertEquals(resp, t, what);
      case SORTED -> assertEquals(sorted(resp), sorted(t), what);
      case BOTH_NULL_OR_NOT -> assertEquals(resp == null, t == null, what);
      case EXPIRE_TIME -> {
        Optional<?> at = (Optional<?>) typed;
        long ms = (Long) resp;
        assertEquals(ms < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms)), at, what);
      }
    }
  }

  /** A typed result in the shape {@link TwoDoors#java} gives the RESP reply. */
  private static @Nullable Object normal(@Nullable Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    } else if (v instanceof KeyType t) {
      return t.redisName();
    } else if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    } else if (v instanceof ScanResult r) {
      return List.of(r.cursorString(), r.keysAsStrings());
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object sorted(@Nullable Object v) {
    if (v instanceof List<?> l && l.size() == 2 && l.get(1) instanceof List<?> keys) {
      return List.of(l.get(0), sorted(keys)); // a SCAN reply: cursor, keys
    }
    List<String> out = new ArrayList<>((List<String>) v);
    out.sort(null);
    return out;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Step>> sequences() {
    Arbitrary<Step> any = Arbitraries.frequencyOf(Tuple.of(4, creates()), Tuple.of(6, expiry()),
        Tuple.of(5, keyWrites()), Tuple.of(4, reads()), Tuple.of(2, advance()));
    // (COPY ... DB n to its own database: the typed door writes no DB n, which is the same)
    return Combinators.combine(any, Arbitraries.of(0, 0, 0, 1))
        .as((s, db) -> s.typed() == null || db == 0 || s.label().contains(" DB " + db) ? s
            : new Step(s.label(), db, s.typed(), s.resp(), s.check(), 0))
        .list().ofMaxSize(30);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("a", "a", "a", "b", "c", "l", "h", "", "\u00e9");
  }

  private static Arbitrary<List<String>> someKeys() {
    return keys().list().ofMinSize(1).ofMaxSize(3);
  }

  private static Step step(String label, BiFunction<KeyValueStore, Long, ?> typed,
      LongFunction<String[]> resp, Check check) {
    return new Step(label, 0, typed, resp, check, 0);
  }

  /** A step whose command does not depend on the clock. */
  private static Step step(String[] resp, BiFunction<KeyValueStore, Long, ?> typed,
      Check check) {
    return step(String.join(" ", resp), typed, now -> resp, check);
  }

  private static String[] cmd(String name, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  private static String[] cmd(String... parts) {
    return parts;
  }

  private static String[] array(List<String> l) {
    return l.toArray(new String[0]);
  }

  private static Arbitrary<Step> creates() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("a", "b", "c", "", "\u00e9"),
                Arbitraries.of("v", "12", "w"))
            .as((k, v) -> step(cmd("SET", k, v), (s, now) -> {
              s.set(k, v);
              return "OK";
            }, Check.SAME)),
        Arbitraries.of("x", "y").map(v -> step(cmd("RPUSH", "l", v),
            (s, now) -> s.list("l").rightPush(v), Check.SAME)),
        Arbitraries.of("f", "g").map(f -> step(cmd("HSET", "h", f, "1"),
            (s, now) -> s.hash("h").put(f, "1"), Check.SAME)));
  }

  private static Arbitrary<Step> expiry() {
    Arbitrary<List<ExpireCondition>> conditions = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(List.<ExpireCondition>of())),
        Tuple.of(4, Arbitraries.of(ExpireCondition.class).map(List::of)),
        Tuple.of(1, Arbitraries.of(ExpireCondition.class).list().ofSize(2)));
    Arbitrary<Long> relative = Arbitraries.of(-1_000L, 0L, 500L, 2_000L, 60_000L, 60_000L, 1L,
        999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 1000 * 1000 + 1000);
    // absolute deadlines: the epoch, before it, the last 64-bit millisecond, the first second
    // past it (EXPIREAT overflows), the last whole second
    Arbitrary<Long> absolute = Arbitraries.of(0L, -1L, -5_000L, Long.MAX_VALUE,
        Long.MAX_VALUE / 1000 * 1000 + 1000, Long.MAX_VALUE / 1000 * 1000);
    return Arbitraries.oneOf(
        Combinators.combine(keys(), relative, conditions).as((k, ms, cs) -> {
          long secs = ms / 1000;
          return step("EXPIRE " + k + " " + secs + " " + cs,
              (s, now) -> s.expire(k, Duration.ofSeconds(secs), conds(cs)),
              now -> cmd("EXPIRE", with(List.of(k, Long.toString(secs)), cs)), Check.SAME);
        }),
        Combinators.combine(keys(), relative, conditions).as((k, ms, cs) ->
            step("PEXPIRE " + k + " " + ms + " " + cs,
                (s, now) -> s.expire(k, Duration.ofMillis(ms), conds(cs)),
                now -> cmd("PEXPIRE", with(List.of(k, Long.toString(ms)), cs)), Check.SAME)),
        Combinators.combine(keys(), absolute, conditions).as((k, ms, cs) -> {
          long secs = Math.floorDiv(ms, 1000);
          return step("EXPIREAT " + k + " " + secs + " " + cs,
              (s, now) -> s.expireAt(k, Instant.ofEpochSecond(secs), conds(cs)),
              now -> cmd("EXPIREAT", with(List.of(k, Long.toString(secs)), cs)), Check.SAME);
        }),
        Combinators.combine(keys(), absolute.filter(ms -> ms % 1000 != 0), conditions)
            .as((k, ms, cs) -> step("PEXPIREAT " + k + " " + ms + " " + cs,
                (s, now) -> s.expireAt(k, Instant.ofEpochMilli(ms), conds(cs)),
                now -> cmd("PEXPIREAT", with(List.of(k, Long.toString(ms)), cs)), Check.SAME)),
        Combinators.combine(keys(), relative.filter(ms -> Math.abs(ms) < 1L << 40), conditions)
            .as((k, ms, cs) ->
            step("EXPIREAT " + k + " now+" + ms + " " + cs,
                (s, now) -> s.expireAt(k, Instant.ofEpochSecond((now + ms) / 1000), conds(cs)),
                now -> cmd("EXPIREAT", with(List.of(k, Long.toString((now + ms) / 1000)), cs)),
                Check.SAME)),
        Combinators.combine(keys(), relative.filter(ms -> Math.abs(ms) < 1L << 40), conditions)
            .as((k, ms, cs) ->
            step("PEXPIREAT " + k + " now+" + ms + " " + cs,
                (s, now) -> s.expireAt(k, Instant.ofEpochMilli(now + ms), conds(cs)),
                now -> cmd("PEXPIREAT", with(List.of(k, Long.toString(now + ms)), cs)),
                Check.SAME)),
        keys().map(k -> step(cmd("PERSIST", k), (s, now) -> s.persist(k), Check.SAME)),
        keys().map(k -> step(cmd("TTL", k), (s, now) -> s.ttl(k), Check.SAME)),
        keys().map(k -> step(cmd("PTTL", k), (s, now) -> s.pttl(k), Check.SAME)),
        keys().map(k -> step(cmd("PEXPIRETIME", k), (s, now) -> s.expireTime(k),
            Check.EXPIRE_TIME)));
  }

  private static ExpireCondition[] conds(List<ExpireCondition> cs) {
    return cs.toArray(new ExpireCondition[0]);
  }

  private static List<String> with(List<String> args, List<ExpireCondition> cs) {
    List<String> out = new ArrayList<>(args);
    cs.forEach(c -> out.add(c.name()));
    return out;
  }

  private static Arbitrary<Step> keyWrites() {
    Arbitrary<Integer> dbs = Arbitraries.of(0, 1, 1, 99);
    return Arbitraries.oneOf(
        someKeys().map(ks -> step(cmd("DEL", ks), (s, now) -> s.delete(array(ks)), Check.SAME)),
        someKeys().map(ks -> step(cmd("UNLINK", ks), (s, now) -> s.unlink(array(ks)),
            Check.SAME)),
        Combinators.combine(keys(), keys()).as((a, b) -> step(cmd("RENAME", a, b),
            (s, now) -> {
              s.rename(a, b);
              return "OK";
            }, Check.SAME)),
        Combinators.combine(keys(), keys()).as((a, b) -> step(cmd("RENAMENX", a, b),
            (s, now) -> s.renameNx(a, b), Check.SAME)),
        Combinators.combine(keys(), keys(), Arbitraries.of(false, true)).as((a, b, replace) ->
            step(replace ? cmd("COPY", a, b, "REPLACE") : cmd("COPY", a, b),
                (s, now) -> s.copy(a, b, replace), Check.SAME)),
        Combinators.combine(keys(), keys(), dbs, Arbitraries.of(false, true))
            .as((a, b, db, replace) -> step(replace
                    ? cmd("COPY", a, b, "DB", db.toString(), "REPLACE")
                    : cmd("COPY", a, b, "DB", db.toString()),
                (s, now) -> s.copy(a, b, db, replace), Check.SAME))
            .filter(st -> !st.label().contains(" DB 0")),
        Combinators.combine(keys(), dbs).as((k, db) -> step(cmd("MOVE", k, db.toString()),
            (s, now) -> s.move(k, db), Check.SAME)),
        Arbitraries.just(step(cmd("FLUSHDB"), (s, now) -> {
          s.flushDb();
          return "OK";
        }, Check.SAME)));
  }

  private static Arbitrary<Step> reads() {
    return Arbitraries.oneOf(
        keys().map(k -> step(cmd("EXISTS", k), (s, now) -> s.exists(k), Check.SAME)),
        someKeys().map(ks -> step(cmd("EXISTS", ks), (s, now) -> s.countExisting(array(ks)),
            Check.SAME)),
        someKeys().map(ks -> step(cmd("TOUCH", ks), (s, now) -> s.touch(array(ks)),
            Check.SAME)),
        keys().map(k -> step(cmd("TYPE", k), (s, now) -> s.type(k), Check.SAME)),
        Arbitraries.just(step(cmd("KEYS", "*"), (s, now) -> s.keys("*"), Check.SORTED)),
        Arbitraries.just(step(cmd("DBSIZE"), (s, now) -> s.dbSize(), Check.SAME)),
        Arbitraries.just(step(cmd("RANDOMKEY"), (s, now) -> s.randomKey(),
            Check.BOTH_NULL_OR_NOT)),
        Arbitraries.of(KeyType.STRING, KeyType.LIST).map(t -> step(
            cmd("SCAN", "0", "COUNT", "1000", "TYPE", t.redisName()),
            (s, now) -> s.scan(0, null, 1000, t), Check.SORTED)));
  }

  private static Arbitrary<Step> advance() {
    return Arbitraries.of(300L, 1_000L, 5_000L).map(ms -> new Step("advance " + ms + "ms", 0,
        null, now -> new String[0], Check.SAME, ms));
  }
}
