package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.ScanResult;
import io.lime.SetView;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.store.LocalKeyValueStore;
import io.lime.internal.type.KeyOps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * Issue 9's proof for sets: random sequences of set operations (SADD, SREM, SISMEMBER,
 * SMISMEMBER, SCARD, SMEMBERS, SPOP with and without a count, SRANDMEMBER, SMOVE, SINTER,
 * SUNION, SDIFF, their STORE forms, SINTERCARD, SSCAN), mixed with strings written over set
 * keys (WRONGTYPE), expiry and time passing, run through the typed {@link SetView} on one
 * store and as RESP commands on another ({@link TwoDoors}). After every step the results
 * must be equal (errors by their text, members as sets: a hash table's order is not part of
 * the contract), so must the keyspace events and the AOF bytes of the step, and every key's
 * existence, encoding and members.
 *
 * <p>Randomness. SPOP and SRANDMEMBER pick members at random through each door. SRANDMEMBER's
 * answers are checked for what they must be (sizes, distinctness, membership). SPOP's are
 * checked likewise, and what each door propagated must name exactly what it popped ({@code
 * SREM key popped...}, or {@code DEL key} when the count took the whole set), the rest of the
 * step's events and AOF being equal; then both stores are brought back to the same contents
 * by the same {@code SADD}+{@code SREM} of every member either door popped, sent through
 * both doors and compared as any other step.
 */
class SetDoorsProperties {
  private static final List<String> KEYS = List.of("a", "b", "c");
  private static final List<String> POOL = List.of("1", "2", "3", "-7", "10", "01", "x", "y",
      "", "\u00e9", "-0", "+1", "-9223372036854775808", "9223372036854775807",
      "9223372036854775808");

  sealed interface Op permits Add, Rem, IsMember, MIsMember, Card, Members, Pop, RandMember,
      Move, Combine, InterCard, Store, Scan, SetString, Expire, Advance {}

  record Add(String key, List<String> members) implements Op {}

  record Rem(String key, List<String> members) implements Op {}

  record IsMember(String key, String member) implements Op {}

  record MIsMember(String key, List<String> members) implements Op {}

  record Card(String key) implements Op {}

  record Members(String key) implements Op {}

  /** SPOP key, or SPOP key count when {@code count} is not null. */
  record Pop(String key, @Nullable Long count) implements Op {}

  /** SRANDMEMBER key, or SRANDMEMBER key count when {@code count} is not null. */
  record RandMember(String key, @Nullable Long count) implements Op {}

  record Move(String src, String dst, String member) implements Op {}

  /** kind: SINTER, SUNION or SDIFF. */
  record Combine(String kind, List<String> keys) implements Op {}

  record InterCard(List<String> keys, long limit) implements Op {}

  /** kind: SINTERSTORE, SUNIONSTORE or SDIFFSTORE. */
  record Store(String kind, String dst, List<String> srcs) implements Op {}

  /** A whole SSCAN iteration. */
  record Scan(String key, @Nullable String match, int count) implements Op {}

  record SetString(String key) implements Op {}

  record Expire(String key, int seconds) implements Op {}

  record Advance(int seconds) implements Op {}

  /** Shared by the tries (opening two stores with their AOFs costs more than a sequence). */
  private static @Nullable TwoDoors doors;

  @BeforeContainer
  static void open() {
    doors = TwoDoors.open();
  }

  @AfterContainer
  static void close() {
    if (doors != null) {
      doors.close();
    }
  }

  @Property(tries = 100)
  void setOperations_sameThroughBothDoors(@ForAll("ops") List<Op> ops) {
    TwoDoors d = Objects.requireNonNull(doors);
    d.typed(s -> s.delete(array(KEYS))); // a fresh start, even after a try that failed midway
    d.resp(array(concat("DEL", KEYS)));
    d.takeEffects();
    for (Op op : ops) {
      if (op instanceof Pop p) {
        pop(d, p);
      } else if (op instanceof RandMember r) {
        randMember(d, r);
      } else {
        step(d, op);
      }
      sameState(d, op);
      d.assertSameEffects(op.toString());
    }
  }

  // ------------------------------------------------------------------ steps

  private static void step(TwoDoors d, Op op) {
    if (op instanceof Add o) {
      same(op, t(d, s -> s.set(o.key()).add(array(o.members()))), cmd(d, "SADD", o.key(),
          o.members()));
    } else if (op instanceof Rem o) {
      same(op, t(d, s -> s.set(o.key()).remove(array(o.members()))), cmd(d, "SREM", o.key(),
          o.members()));
    } else if (op instanceof IsMember o) {
      same(op, t(d, s -> s.set(o.key()).contains(o.member()) ? 1L : 0L),
          d.resp("SISMEMBER", o.key(), o.member()));
    } else if (op instanceof MIsMember o) {
      same(op, t(d, s -> {
        boolean[] in = s.set(o.key()).containsEach(bytes(o.members()));
        List<Long> out = new ArrayList<>();
        for (boolean b : in) {
          out.add(b ? 1L : 0L);
        }
        return out;
      }), cmd(d, "SMISMEMBER", o.key(), o.members()));
    } else if (op instanceof Card o) {
      same(op, t(d, s -> s.set(o.key()).size()), d.resp("SCARD", o.key()));
    } else if (op instanceof Members o) {
      same(op, t(d, s -> sorted(s.set(o.key()).memberStrings())),
          sortedIfList(d.resp("SMEMBERS", o.key())));
    } else if (op instanceof Move o) {
      same(op, t(d, s -> s.set(o.src()).move(o.member(), o.dst()) ? 1L : 0L),
          d.resp("SMOVE", o.src(), o.dst(), o.member()));
    } else if (op instanceof Combine o) {
      String[] rest = array(o.keys().subList(1, o.keys().size()));
      same(op, t(d, s -> {
        SetView v = s.set(o.keys().get(0));
        return sorted(switch (o.kind()) {
          case "SINTER" -> v.intersect(rest);
          case "SUNION" -> v.union(rest);
          default -> v.difference(rest);
        });
      }), sortedIfList(cmd(d, o.kind(), o.keys())));
    } else if (op instanceof InterCard o) {
      List<String> args = concat("SINTERCARD", concat("" + o.keys().size(), o.keys()));
      args.addAll(List.of("LIMIT", "" + o.limit()));
      same(op, t(d, s -> s.set(o.keys().get(0)).intersectSize(o.limit(),
          bytes(o.keys().subList(1, o.keys().size())))), d.resp(array(args)));
    } else if (op instanceof Store o) {
      String[] srcs = array(o.srcs());
      same(op, t(d, s -> switch (o.kind()) {
        case "SINTERSTORE" -> s.set(o.dst()).storeIntersection(srcs);
        case "SUNIONSTORE" -> s.set(o.dst()).storeUnion(srcs);
        default -> s.set(o.dst()).storeDifference(srcs);
      }), cmd(d, o.kind(), o.dst(), o.srcs()));
    } else if (op instanceof Scan o) {
      same(op, t(d, s -> typedScan(s.set(o.key()), o)), respScan(d, o));
    } else if (op instanceof SetString o) {
      t(d, s -> {
        s.set(o.key(), "v");
        return null;
      });
      d.resp("SET", o.key(), "v");
    } else if (op instanceof Expire o) {
      same(op, t(d, s -> s.expire(o.key(), Duration.ofSeconds(o.seconds())) ? 1L : 0L),
          d.resp("EXPIRE", o.key(), "" + o.seconds()));
    } else if (op instanceof Advance o) {
      d.advance(Duration.ofSeconds(o.seconds()));
    } else {
      throw new AssertionError(op);
    }
  }

  /**
   * SPOP through both doors: each door's answer checked for what it must be, what each
   * propagated checked against what it popped, then both stores made equal again.
   */
  private static void pop(TwoDoors d, Pop op) {
    Long count = op.count();
    Object typed = t(d, s -> count == null ? s.set(op.key()).popString()
        : strings(s.set(op.key()).pop(count)));
    Object resp = count == null ? d.resp("SPOP", op.key())
        : d.resp("SPOP", op.key(), count.toString());
    if (typed instanceof TwoDoors.Failure || resp instanceof TwoDoors.ErrorReply) {
      same(op, typed, resp);
      return;
    }
    TwoDoors.Effects effects = d.takeEffects();
    assertEquals(effects.respEvents(), effects.typedEvents(), "events of " + op);
    List<String> t = popped(typed);
    List<String> r = popped(resp);
    assertEquals(r.size(), t.size(), "sizes of " + op);
    assertEquals(t.size(), new HashSet<>(t).size(), "typed pops distinct " + op);
    assertEquals(r.size(), new HashSet<>(r).size(), "RESP pops distinct " + op);
    Set<String> typedLeft = typedMembers(d, op.key());
    Set<String> respLeft = respMembers(d, op.key());
    assertTrue(disjoint(t, typedLeft) && disjoint(r, respLeft), "popped members gone " + op);
    Set<String> before = new HashSet<>(typedLeft);
    before.addAll(t);
    Set<String> respBefore = new HashSet<>(respLeft);
    respBefore.addAll(r);
    assertEquals(respBefore, before, "the set both doors popped from, " + op);
    boolean whole = count != null && !t.isEmpty() && typedLeft.isEmpty();
    String typedCmd = propagated(op.key(), t, whole);
    String respCmd = propagated(op.key(), r, whole);
    assertTrue(effects.typedAof().endsWith(typedCmd), effects.typedAof() + " for " + op);
    assertTrue(effects.respAof().endsWith(respCmd), effects.respAof() + " for " + op);
    assertEquals(cut(effects.respAof(), respCmd), cut(effects.typedAof(), typedCmd),
        "the rest of the AOF of " + op);
    if (!new HashSet<>(t).equals(new HashSet<>(r))) {
      Set<String> either = new TreeSet<>(t);
      either.addAll(r);
      List<String> all = List.copyOf(either);
      same(op, t(d, s -> s.set(op.key()).add(array(all))), cmd(d, "SADD", op.key(), all));
      same(op, t(d, s -> s.set(op.key()).remove(array(all))), cmd(d, "SREM", op.key(), all));
    }
  }

  /** SRANDMEMBER through both doors: each answer checked for what it must be. */
  private static void randMember(TwoDoors d, RandMember op) {
    Long count = op.count();
    Object typed = t(d, s -> count == null ? s.set(op.key()).randomMemberString()
        : strings(s.set(op.key()).randomMembers(count)));
    Object resp = count == null ? d.resp("SRANDMEMBER", op.key())
        : d.resp("SRANDMEMBER", op.key(), count.toString());
    if (typed instanceof TwoDoors.Failure || resp instanceof TwoDoors.ErrorReply) {
      same(op, typed, resp);
      return;
    }
    Set<String> members = typedMembers(d, op.key());
    for (Object answer : new Object[] {typed, resp}) {
      List<String> got = popped(answer);
      assertTrue(members.containsAll(got), got + " not all in " + members + ", " + op);
      long expected = members.isEmpty() ? 0 : count == null ? 1
          : count >= 0 ? Math.min(count, members.size()) : -count;
      assertEquals(expected, got.size(), "size of " + op);
      if (count != null && count > 0) {
        assertEquals(got.size(), new HashSet<>(got).size(), "distinct " + op);
      }
    }
  }

  /** Every key: same existence, encoding and members through both doors. */
  private static void sameState(TwoDoors d, Op op) {
    var db = ((LocalKeyValueStore) d.typed()).engine().db(0);
    for (String k : KEYS) {
      byte[] key = k.getBytes(StandardCharsets.UTF_8);
      String encoding;
      try (LockedKey locked = LockedKey.lock(db, key, d.now())) {
        encoding = KeyOps.encoding(locked);
      }
      assertEquals(d.resp("OBJECT", "ENCODING", k), encoding, "encoding of " + k + " after " + op);
      if ("intset".equals(encoding) || "hashtable".equals(encoding)) {
        assertEquals(respMembers(d, k), typedMembers(d, k), "members of " + k + " after " + op);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The typed door's result, its Redis error as a {@link TwoDoors.Failure}. */
  private static @Nullable Object t(TwoDoors d, Function<KeyValueStore, ?> op) {
    return d.typed(s -> {
      try {
        return op.apply(s);
      } catch (IllegalArgumentException e) { // the typed door's argument errors: Redis's texts
        return new TwoDoors.Failure(e.getMessage());
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
    return d.resp(array(concat(name, concat(key, rest))));
  }

  private static @Nullable Object cmd(TwoDoors d, String name, List<String> rest) {
    return d.resp(array(concat(name, rest)));
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>(List.of(first));
    out.addAll(rest);
    return out;
  }

  private static Set<String> typedScan(SetView v, Scan o) {
    Set<String> seen = new TreeSet<>();
    long cursor = 0;
    do {
      ScanResult r = v.scan(cursor, o.match(), o.count());
      seen.addAll(r.keysAsStrings());
      cursor = r.cursor();
    } while (cursor != 0);
    return seen;
  }

  @SuppressWarnings("unchecked")
  private static Object respScan(TwoDoors d, Scan o) {
    Set<String> seen = new TreeSet<>();
    String cursor = "0";
    do {
      List<String> args = new ArrayList<>(List.of("SSCAN", o.key(), cursor, "COUNT",
          "" + o.count()));
      if (o.match() != null) {
        args.addAll(List.of("MATCH", o.match()));
      }
      Object reply = d.resp(array(args));
      if (!(reply instanceof List<?> l)) {
        return reply; // an error
      }
      cursor = (String) l.get(0);
      seen.addAll((List<String>) l.get(1));
    } while (!cursor.equals("0"));
    return seen;
  }

  private static Set<String> typedMembers(TwoDoors d, String key) {
    return new TreeSet<>(d.typed().set(key).memberStrings());
  }

  @SuppressWarnings("unchecked")
  private static Set<String> respMembers(TwoDoors d, String key) {
    return new TreeSet<>((List<String>) d.resp("SMEMBERS", key));
  }

  /** A pop's or SRANDMEMBER's answer as a list (none for null). */
  @SuppressWarnings("unchecked")
  private static List<String> popped(@Nullable Object answer) {
    return answer == null ? List.of()
        : answer instanceof String s ? List.of(s) : (List<String>) answer;
  }

  /** What a door propagates for its SPOP that popped {@code members} (RESP text). */
  private static String propagated(String key, List<String> members, boolean whole) {
    if (members.isEmpty()) {
      return "";
    }
    List<String> argv = new ArrayList<>(List.of(whole ? "DEL" : "SREM", key));
    if (!whole) {
      argv.addAll(members);
    }
    StringBuilder sb = new StringBuilder("*" + argv.size() + "\r\n");
    for (String a : argv) { // the AOF's bytes, read as ISO-8859-1 text
      byte[] utf8 = a.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(utf8.length).append("\r\n")
          .append(new String(utf8, StandardCharsets.ISO_8859_1)).append("\r\n");
    }
    return sb.toString();
  }

  private static String cut(String aof, String suffix) {
    return aof.substring(0, aof.length() - suffix.length());
  }

  private static boolean disjoint(Collection<String> a, Set<String> b) {
    return a.stream().noneMatch(b::contains);
  }

  private static List<String> sorted(Collection<String> c) {
    return new ArrayList<>(new TreeSet<>(c));
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object sortedIfList(@Nullable Object reply) {
    return reply instanceof List<?> l ? sorted((List<String>) l) : reply;
  }

  private static List<String> strings(List<byte[]> members) {
    List<String> out = new ArrayList<>();
    members.forEach(m -> out.add(new String(m, StandardCharsets.UTF_8)));
    return out;
  }

  private static String[] array(List<String> l) {
    return l.toArray(new String[0]);
  }

  private static byte[][] bytes(List<String> l) {
    return l.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> member = Arbitraries.of(POOL);
    Arbitrary<List<String>> members = member.list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<String>> keys = key.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<@Nullable Long> count = Arbitraries.oneOf(Arbitraries.longs().between(-1, 5),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE)).injectNull(0.3);
    Arbitrary<@Nullable Long> randCount = Arbitraries.oneOf(Arbitraries.longs().between(-5, 5),
        // (not -2^31 and below on a set: the RESP door replies that many members, the typed
        // door's documented IllegalArgumentException says no list holds them)
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE)).injectNull(0.3);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Combinators.combine(key, members).as(Add::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(key, members).as(Rem::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(key, member).as(IsMember::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(key, members).as(MIsMember::new)),
        net.jqwik.api.Tuple.of(1, key.map(Card::new)),
        net.jqwik.api.Tuple.of(1, key.map(Members::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(key, count).as(Pop::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(key, randCount).as(RandMember::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(key, key, member).as(Move::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(
            Arbitraries.of("SINTER", "SUNION", "SDIFF"), keys).as(Combine::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(keys,
            Arbitraries.oneOf(Arbitraries.longs().between(-1, 3),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE))).as(InterCard::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(
            Arbitraries.of("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"), key, keys)
            .as(Store::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(key,
            Arbitraries.of("1*", "x", "*", "", "[", "\\", "\u00e9", "*-*").injectNull(0.5), Arbitraries.integers().between(1, 10))
            .as(Scan::new)),
        net.jqwik.api.Tuple.of(1, key.map(SetString::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(key, Arbitraries.integers().between(1, 3))
            .as(Expire::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3).map(Advance::new)));
    return op.list().ofMinSize(1).ofMaxSize(30);
  }
}
