package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.BitFieldOp;
import io.lime.BitOperations;
import io.lime.KeyValueStore;
import io.lime.internal.doors.TwoDoors.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Bitmaps, bit fields and HyperLogLogs through both doors ({@link TwoDoors}): random sequences
 * of typed calls ({@link BitOperations} on the string operations, the HyperLogLog view) and
 * the equivalent SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO PFADD PFCOUNT PFMERGE
 * commands, mixed with SET and a hash key (WRONGTYPE). Results must agree (errors by text),
 * and both stores must publish the same keyspace events and append the same AOF bytes.
 */
class BitsAndHllDoorsProperties {

  /** One operation, as a typed call and as the equivalent command. */
  record Step(String label, @Nullable Function<KeyValueStore, ?> typed, String[] resp)
      implements TwoDoors.Step {
    @Override
    public long advanceMillis() {
      return 0;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  @Property(tries = 30)
  void typedAndRespDoors_agreeOnResultsEventsAndAof(@ForAll("sequences") List<Step> steps) {
    try (TwoDoors d = TwoDoors.open()) {
      d.typed(s -> s.hash("h").put("f", "v"));
      d.resp("HSET", "h", "f", "v");
      d.assertSameEffects("setup");
      d.run(steps, BitsAndHllDoorsProperties::compare);
    }
  }

  private static void compare(Step step, @Nullable Object typed, @Nullable Object resp) {
    String what = step.label() + ": typed " + typed + " vs RESP " + resp;
    if (typed instanceof Failure || resp instanceof TwoDoors.ErrorReply) {
      assertTrue(TwoDoors.sameError(typed, resp), what);
      return;
    }
    assertEquals(resp, normal(typed), what);
  }

  private static @Nullable Object normal(@Nullable Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    } else if (v instanceof Integer i) {
      return (long) i;
    } else if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      l.forEach(o -> out.add(normal(o)));
      return out;
    } else if (v == Void.TYPE) {
      return "OK";
    }
    return v;
  }

  /**
   * A step; the typed door's documented IllegalArgumentException for an argument Redis rejects
   * (offsets out of range, bit field types) is compared by its text, which is Redis's.
   */
  private static Step step(Function<KeyValueStore, ?> typed, String... resp) {
    return new Step(String.join(" ", resp), s -> {
      try {
        return typed.apply(s);
      } catch (IllegalArgumentException e) {
        return new Failure(e.getMessage());
      }
    }, resp);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<List<Step>> sequences() {
    Arbitrary<String> keys = Arbitraries.of("a", "a", "b", "h", "n");
    Arbitrary<Long> offsets = Arbitraries.of(0L, 3L, 7L, 8L, 30L, 100L, -1L, 1L << 32,
        Long.MAX_VALUE, Long.MIN_VALUE);
    Arbitrary<Long> indexes = Arbitraries.of(-3L, 0L, 1L, -1L, 2L, 20L, Long.MIN_VALUE,
        Long.MAX_VALUE);
    Arbitrary<Step> setbit = Combinators.combine(keys, offsets, Arbitraries.of(true, false))
        .as((k, o, v) -> step(s -> s.setBit(k, o, v), "SETBIT", k, o.toString(), v ? "1" : "0"));
    Arbitrary<Step> getbit = Combinators.combine(keys, offsets)
        .as((k, o) -> step(s -> s.getBit(k, o), "GETBIT", k, o.toString()));
    Arbitrary<Step> bitcount = Combinators.combine(keys, indexes, indexes,
        Arbitraries.of(BitOperations.Unit.values()))
        .as((k, st, en, u) -> step(s -> s.bitCount(b(k), st, en, u), "BITCOUNT", k,
            st.toString(), en.toString(), u.name()));
    Arbitrary<Step> bitpos = Combinators.combine(keys, Arbitraries.of(true, false),
        indexes, indexes, Arbitraries.of(BitOperations.Unit.values()))
        .as((k, bit, st, en, u) -> step(s -> s.bitPos(b(k), bit, st, en, u), "BITPOS", k,
            bit ? "1" : "0", st.toString(), en.toString(), u.name()));
    Arbitrary<Step> bitposNoEnd = Combinators.combine(keys, Arbitraries.of(true, false),
        indexes).as((k, bit, st) -> step(s -> s.bitPos(b(k), bit, st, null,
            BitOperations.Unit.BYTE), "BITPOS", k, bit ? "1" : "0", st.toString()));
    Arbitrary<Step> bitop = Combinators.combine(Arbitraries.of(BitOperations.Op.values()),
        keys, keys).as((op, d, src) -> step(s -> s.bitOp(op, b(d), b(src)), "BITOP",
            op.name(), d, src));
    Arbitrary<Step> bitfield = Combinators.combine(keys, Arbitraries.of(0L, 5L, 12L),
        Arbitraries.of(-100L, 7L, 300L)).as((k, o, v) -> step(s -> s.bitField(b(k),
            BitFieldOp.incrBy(true, 8, o, v), BitFieldOp.overflow(BitFieldOp.Overflow.FAIL),
            BitFieldOp.incrBy(false, 4, o, v), BitFieldOp.get(false, 16, o)),
        "BITFIELD", k, "INCRBY", "i8", o.toString(), v.toString(), "OVERFLOW", "FAIL",
        "INCRBY", "u4", o.toString(), v.toString(), "GET", "u16", o.toString()));
    Arbitrary<Step> bitfieldEdges = Combinators.combine(keys, Arbitraries.of("i64", "u63", "i1",
        "u1", "i8", "u64", "i65", "u0"), Arbitraries.of(0L, 7L, 64L, -1L, 1L << 32),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L, 0L),
        Arbitraries.of(BitFieldOp.Overflow.values())).as((k, type, o, v, ow) -> {
          boolean signed = type.charAt(0) == 'i';
          int bits = Integer.parseInt(type.substring(1));
          return step(s -> s.bitField(b(k), BitFieldOp.overflow(ow),
                  BitFieldOp.set(signed, bits, o, v), BitFieldOp.incrBy(signed, bits, o, v),
                  BitFieldOp.get(signed, bits, o)),
              "BITFIELD", k, "OVERFLOW", ow.name(), "SET", type, o.toString(), v.toString(),
              "INCRBY", type, o.toString(), v.toString(), "GET", type, o.toString());
        });
    Arbitrary<Step> bitfieldRo = Combinators.combine(keys, offsets).as((k, o) ->
        step(s -> s.bitFieldReadOnly(b(k), BitFieldOp.get(true, 5, o)), "BITFIELD_RO", k,
            "GET", "i5", o.toString()));
    Arbitrary<Step> pfadd = Combinators.combine(keys,
        Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(3).list().ofMaxSize(4))
        .as((k, els) -> {
          List<String> cmd = new ArrayList<>(List.of("PFADD", k));
          cmd.addAll(els);
          return step(s -> s.hyperLogLog(k).add(els.toArray(String[]::new)),
              cmd.toArray(String[]::new));
        });
    Arbitrary<Step> pfcount = keys.map(k -> step(s -> s.hyperLogLog(k).count(), "PFCOUNT", k));
    Arbitrary<Step> pfcountUnion = Combinators.combine(keys, keys).as((k, o) ->
        step(s -> s.hyperLogLog(k).countUnion(b(o)), "PFCOUNT", k, o));
    Arbitrary<Step> pfmerge = Combinators.combine(keys, keys).as((k, o) -> step(s -> {
      s.hyperLogLog(k).mergeFrom(b(o));
      return Void.TYPE;
    }, "PFMERGE", k, o));
    Arbitrary<Step> set = Combinators.combine(keys, Arbitraries.of("abc", "12", "\u0001\u00ff"))
        .as((k, v) -> step(s -> {
          s.set(k, v);
          return Void.TYPE;
        }, "SET", k, v));
    return Arbitraries.oneOf(setbit, getbit, bitcount, bitpos, bitposNoEnd, bitop, bitfield,
        bitfieldEdges, bitfieldRo,
        pfadd, pfcount, pfcountUnion, pfmerge, set).list().ofMaxSize(25);
  }
}
