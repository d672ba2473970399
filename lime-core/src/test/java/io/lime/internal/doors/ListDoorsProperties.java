package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyType;
import io.lime.KeyValueStore;
import io.lime.ListView;
import io.lime.ListView.End;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jspecify.annotations.Nullable;

/**
 * Issue 9's proof for lists: random sequences of list operations (LPUSH, RPUSH, LPUSHX,
 * RPUSHX, LPOP and RPOP with and without a count, LLEN, LRANGE, LINDEX, LSET, LINSERT, LREM,
 * LTRIM, LPOS with and without options, LMOVE across keys and onto the same key, BLPOP, BRPOP,
 * BLMOVE and BRPOPLPUSH with and without data), mixed with strings written over list keys
 * (WRONGTYPE), deletion, expiry and time passing, run through the typed {@link ListView} on
 * one store and as RESP commands on another ({@link TwoDoors}). After every step the results
 * must be equal (errors by their text), so must the keyspace events and the AOF bytes of the
 * step (a blocking pop served at once is propagated as the plain pop or move by both doors),
 * and every key's type and elements.
 *
 * <p>Not covered here: LMPOP/BLMPOP (the typed API has no multi-key pop) and clients woken
 * by a later push (the RESP door of the harness cannot block; see {@code
 * BlockingListDifferentialIT} and {@code TypedApiWakesClientTest}). A blocking call on a
 * missing key registers a waiter for a nanosecond through the typed door and returns at once
 * through RESP (a client that cannot block): neither changes anything.
 */
class ListDoorsProperties {
  private static final List<String> KEYS = List.of("a", "b", "c");
  private static final List<String> POOL = List.of("x", "y", "z", "1", "", "x".repeat(70),
      "\u00e9", "-9223372036854775808", "9223372036854775808", "01", "-0");
  private static final Duration WAIT = Duration.ofNanos(1); // gives up at once when empty

  sealed interface Op permits Push, Pop, Len, Range, Index, SetAt, Insert, Rem, Trim, Pos, Move,
      BlockingPop, BlockingMove, SetString, Del, Expire, Advance {}

  record Push(String key, boolean head, boolean ifExists, List<String> elements) implements Op {}

  /** LPOP/RPOP key, with a count when {@code count} is not null. */
  record Pop(String key, boolean head, @Nullable Long count) implements Op {}

  record Len(String key) implements Op {}

  record Range(String key, long start, long stop) implements Op {}

  record Index(String key, long index) implements Op {}

  record SetAt(String key, long index, String element) implements Op {}

  record Insert(String key, boolean after, String pivot, String element) implements Op {}

  record Rem(String key, long count, String element) implements Op {}

  record Trim(String key, long start, long stop) implements Op {}

  /** LPOS key element, with RANK/COUNT/MAXLEN when {@code count} is not null. */
  record Pos(String key, String element, long rank, @Nullable Long count, long maxlen)
      implements Op {}

  record Move(String src, String dst, End from, End to) implements Op {}

  record BlockingPop(String key, boolean head) implements Op {}

  /** BLMOVE, or BRPOPLPUSH when {@code rpoplpush} (from RIGHT to LEFT). */
  record BlockingMove(String src, String dst, End from, End to, boolean rpoplpush)
      implements Op {}

  record SetString(String key) implements Op {}

  record Del(String key) implements Op {}

  record Expire(String key, int seconds) implements Op {}

  record Advance(int seconds) implements Op {}

  @Property(tries = 60) // each try opens two stores with an AOF: bounded to a few seconds
  void listOperations_sameThroughBothDoors(@ForAll("ops") List<Op> ops)
      throws InterruptedException {
    try (TwoDoors d = TwoDoors.open()) {
      for (Op op : ops) {
        step(d, op);
        sameState(d, op);
        d.assertSameEffects(op.toString());
      }
    }
  }

  // ------------------------------------------------------------------ steps

  private static void step(TwoDoors d, Op op) throws InterruptedException {
    if (op instanceof Push o) {
      String[] e = o.elements().toArray(String[]::new);
      same(op, d.typed(s -> {
        ListView l = s.list(o.key());
        return o.ifExists() ? (o.head() ? l.leftPushIfExists(e) : l.rightPushIfExists(e))
            : o.head() ? l.leftPush(e) : l.rightPush(e);
      }), cmd(d, (o.head() ? "L" : "R") + (o.ifExists() ? "PUSHX" : "PUSH"), o.key(),
          o.elements()));
    } else if (op instanceof Pop o) {
      Long n = o.count();
      String name = o.head() ? "LPOP" : "RPOP";
      if (n == null) {
        same(op, d.typed(s -> o.head() ? s.list(o.key()).leftPopString()
            : s.list(o.key()).rightPopString()), d.resp(name, o.key()));
      } else {
        Object resp = d.resp(name, o.key(), "" + n);
        same(op, d.typed(s -> strings(o.head() ? s.list(o.key()).leftPop(n)
            : s.list(o.key()).rightPop(n))), resp == null ? List.of() : resp);
      }
    } else if (op instanceof Len o) {
      same(op, d.typed(s -> s.list(o.key()).size()), d.resp("LLEN", o.key()));
    } else if (op instanceof Range o) {
      same(op, d.typed(s -> s.list(o.key()).rangeStrings(o.start(), o.stop())),
          d.resp("LRANGE", o.key(), "" + o.start(), "" + o.stop()));
    } else if (op instanceof Index o) {
      same(op, d.typed(s -> s.list(o.key()).indexString(o.index())),
          d.resp("LINDEX", o.key(), "" + o.index()));
    } else if (op instanceof SetAt o) {
      same(op, d.typed(s -> {
        s.list(o.key()).set(o.index(), o.element());
        return "OK";
      }), d.resp("LSET", o.key(), "" + o.index(), o.element()));
    } else if (op instanceof Insert o) {
      same(op, d.typed(s -> s.list(o.key()).insert(o.after(), o.pivot(), o.element())),
          d.resp("LINSERT", o.key(), o.after() ? "AFTER" : "BEFORE", o.pivot(), o.element()));
    } else if (op instanceof Rem o) {
      same(op, d.typed(s -> s.list(o.key()).remove(o.count(), o.element())),
          d.resp("LREM", o.key(), "" + o.count(), o.element()));
    } else if (op instanceof Trim o) {
      same(op, d.typed(s -> {
        s.list(o.key()).trim(o.start(), o.stop());
        return "OK";
      }), d.resp("LTRIM", o.key(), "" + o.start(), "" + o.stop()));
    } else if (op instanceof Pos o) {
      pos(d, o);
    } else if (op instanceof Move o) {
      same(op, d.typed(s -> s.list(o.src()).move(o.dst(), o.from(), o.to())),
          d.resp("LMOVE", o.src(), o.dst(), o.from().name(), o.to().name()));
    } else if (op instanceof BlockingPop o) {
      Object typed = typedBlocking(d, s -> o.head() ? s.list(o.key()).blockingLeftPopString(WAIT)
          : s.list(o.key()).blockingRightPopString(WAIT));
      Object resp = d.resp(o.head() ? "BLPOP" : "BRPOP", o.key(), "0.001");
      same(op, typed, resp instanceof List<?> l ? l.get(1) : resp); // [key, element]
    } else if (op instanceof BlockingMove o) {
      End from = o.rpoplpush() ? End.RIGHT : o.from();
      End to = o.rpoplpush() ? End.LEFT : o.to();
      Object typed = typedBlocking(d, s -> s.list(o.src()).blockingMove(o.dst().getBytes(StandardCharsets.UTF_8),
          from, to, WAIT));
      Object resp = o.rpoplpush() ? d.resp("BRPOPLPUSH", o.src(), o.dst(), "0.001")
          : d.resp("BLMOVE", o.src(), o.dst(), from.name(), to.name(), "0.001");
      same(op, typed instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : typed,
          resp instanceof List<?> l && l.isEmpty() ? null : resp);
    } else if (op instanceof SetString o) {
      same(op, d.typed(s -> {
        s.set(o.key(), "v");
        return "OK";
      }), d.resp("SET", o.key(), "v"));
    } else if (op instanceof Del o) {
      same(op, d.typed(s -> s.delete(o.key())), d.resp("DEL", o.key()));
    } else if (op instanceof Expire o) {
      same(op, d.typed(s -> s.expire(o.key(), Duration.ofSeconds(o.seconds())) ? 1L : 0L),
          d.resp("EXPIRE", o.key(), "" + o.seconds()));
    } else if (op instanceof Advance o) {
      d.advance(Duration.ofSeconds(o.seconds()));
    } else {
      throw new AssertionError(op);
    }
  }

  /** LPOS: the typed {@code position} without options, {@code positions} with them. */
  private static void pos(TwoDoors d, Pos o) {
    Long n = o.count();
    if (n == null) {
      Object typed = d.typed(s -> s.list(o.key()).position(o.element()));
      same(o, Long.valueOf(-1).equals(typed) ? null : typed, d.resp("LPOS", o.key(),
          o.element()));
    } else {
      same(o, d.typed(s -> s.list(o.key()).positions(o.element().getBytes(StandardCharsets.UTF_8), o.rank(), n,
          o.maxlen())), d.resp("LPOS", o.key(), o.element(), "RANK", "" + o.rank(), "COUNT",
          "" + n, "MAXLEN", "" + o.maxlen()));
    }
  }

  /** Every key: same type, and the same elements when a list, through both doors. */
  private static void sameState(TwoDoors d, Op op) {
    for (String k : KEYS) {
      KeyType type = d.typed().type(k);
      assertEquals(d.resp("TYPE", k), type.name().toLowerCase(Locale.ROOT),
          "type of " + k + " after " + op);
      if (type == KeyType.LIST) {
        assertEquals(d.resp("LRANGE", k, "0", "-1"), d.typed().list(k).rangeStrings(0, -1),
            "elements of " + k + " after " + op);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private interface Blocking {
    @Nullable Object call(KeyValueStore s) throws InterruptedException;
  }

  private static @Nullable Object typedBlocking(TwoDoors d, Blocking op) {
    return d.typed(s -> {
      try {
        return op.call(s);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
  }

  private static void same(Op op, @Nullable Object typed, @Nullable Object resp) {
    if (typed instanceof TwoDoors.Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), op + ": " + typed + " vs " + resp);
    } else {
      assertEquals(resp, typed instanceof Integer i ? (Object) (long) i : typed, op::toString);
    }
  }

  private static @Nullable Object cmd(TwoDoors d, String name, String key, List<String> rest) {
    List<String> args = new ArrayList<>(List.of(name, key));
    args.addAll(rest);
    return d.resp(args.toArray(String[]::new));
  }

  private static List<String> strings(List<byte[]> values) {
    List<String> out = new ArrayList<>();
    for (byte[] b : values) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  // ------------------------------------------------------------------ generators

  private static Tuple2<Integer, Arbitrary<? extends Op>> f(int weight,
      Arbitrary<? extends Op> op) {
    return Tuple.of(weight, op);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> element = Arbitraries.of(POOL);
    Arbitrary<Long> index = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(-5, 5)),
        Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1)));
    Arbitrary<Long> huge = Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE);
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    Arbitrary<End> end = Arbitraries.of(End.class);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        f(6, Combinators.combine(key, bool, bool,
            element.list().ofMinSize(1).ofMaxSize(4)).as(Push::new)),
        f(3, Combinators.combine(key, bool,
            Arbitraries.longs().between(0, 4).injectNull(0.5)).as(Pop::new)),
        f(1, Combinators.combine(key, bool, Arbitraries.of(Long.MAX_VALUE)).as(Pop::new)),
        f(1, key.map(Len::new)),
        f(2, Combinators.combine(key, index, index).as(Range::new)),
        f(1, Combinators.combine(key, index).as(Index::new)),
        f(2, Combinators.combine(key, index, element).as(SetAt::new)),
        f(2, Combinators.combine(key, bool, element, element)
            .as(Insert::new)),
        f(2, Combinators.combine(key, Arbitraries.longs().between(-2, 2),
            element).as(Rem::new)),
        f(1, Combinators.combine(key, huge, element).as(Rem::new)),
        f(2, Combinators.combine(key, index, index).as(Trim::new)),
        f(2, Combinators.combine(key, element,
            Arbitraries.longs().between(-3, 3).filter(r -> r != 0),
            Arbitraries.longs().between(0, 3).injectNull(0.4),
            Arbitraries.longs().between(0, 4)).as(Pos::new)),
        f(1, Combinators.combine(key, element,
            Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, -1L, 1L),
            Arbitraries.of(0L, 1L, Long.MAX_VALUE).injectNull(0.2),
            Arbitraries.of(0L, 1L, Long.MAX_VALUE)).as(Pos::new)),
        f(3, Combinators.combine(key, key, end, end).as(Move::new)),
        f(2, Combinators.combine(key, bool).as(BlockingPop::new)),
        f(2, Combinators.combine(key, key, end, end, bool)
            .as(BlockingMove::new)),
        f(1, key.map(SetString::new)),
        f(1, key.map(Del::new)),
        f(1, Combinators.combine(key, Arbitraries.integers().between(-1, 3))
            .as(Expire::new)),
        f(1, Arbitraries.integers().between(1, 3).map(Advance::new)));
    return op.list().ofMaxSize(30);
  }
}
