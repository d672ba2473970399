package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lime.OverflowException;
import io.lime.StringOperations;
import io.lime.internal.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The string operations against simple models: a long with overflow, a byte array. */
class StringOperationsProperties {
  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

  private static StringOperations fresh() {
    return new LocalStringOperations(new Engine(1, 4, () -> 1_700_000_000_000L, 0), 0);
  }

  @Property(tries = 200)
  void incrBySequence_matchesLongModelWithOverflow(@ForAll("deltas") List<Long> deltas) {
    StringOperations s = fresh();
    long model = 0;
    for (long d : deltas) {
      long expected;
      try {
        expected = Math.addExact(model, d);
      } catch (ArithmeticException overflow) {
        assertThrows(OverflowException.class, () -> s.incrBy(KEY, d));
        continue;
      }
      assertEquals(expected, s.incrBy(KEY, d));
      model = expected;
      assertEquals(Long.toString(model), new String(s.get(KEY), StandardCharsets.US_ASCII));
    }
  }

  @Provide
  Arbitrary<List<Long>> deltas() {
    Arbitrary<Long> big = Arbitraries.longs();
    Arbitrary<Long> small = Arbitraries.longs().between(-20_000, 20_000);
    Arbitrary<Long> edge = Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L, -1L, 0L,
        Long.MAX_VALUE - 1, Long.MIN_VALUE + 1);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, small), net.jqwik.api.Tuple.of(2, big), net.jqwik.api.Tuple.of(2, edge))
        .list().ofMaxSize(40);
  }

  /** One of APPEND, SETRANGE or a GETRANGE probe. */
  record Op(int kind, long offset, long end, byte[] bytes) {}

  @Property(tries = 300)
  void appendSetrangeGetrange_matchByteArrayModel(@ForAll("ops") List<Op> ops) {
    StringOperations s = fresh();
    byte[] model = null;
    for (Op op : ops) {
      switch (op.kind()) {
        case 0 -> {
          byte[] cur = model == null ? new byte[0] : model;
          byte[] next = Arrays.copyOf(cur, cur.length + op.bytes().length);
          System.arraycopy(op.bytes(), 0, next, cur.length, op.bytes().length);
          model = next;
          assertEquals(model.length, s.append(KEY, op.bytes()));
        }
        case 1 -> {
          int off = (int) op.offset();
          long result = s.setRange(KEY, off, op.bytes());
          if (op.bytes().length > 0) {
            byte[] cur = model == null ? new byte[0] : model;
            byte[] next = Arrays.copyOf(cur, Math.max(cur.length, off + op.bytes().length));
            System.arraycopy(op.bytes(), 0, next, off, op.bytes().length);
            model = next;
          }
          assertEquals(model == null ? 0 : model.length, result);
        }
        default -> {
          byte[] cur = model == null ? new byte[0] : model;
          assertArrayEquals(rangeModel(cur, op.offset(), op.end()), s.getRange(KEY, op.offset(), op.end()));
        }
      }
      assertArrayEquals(model, s.get(KEY));
      assertEquals(model == null ? 0 : model.length, s.strlen(KEY));
    }
  }

  /** GETRANGE written as plainly as possible from the Redis documentation's examples. */
  private static byte[] rangeModel(byte[] v, long start, long end) {
    int n = v.length;
    if (start < 0 && end < 0 && start > end) {
      return new byte[0];
    }
    long s = start < 0 ? Math.max(0, n + start) : start;
    long e = end < 0 ? Math.max(0, n + end) : Math.min(end, n - 1L);
    if (n == 0 || s > e) {
      return new byte[0];
    }
    return Arrays.copyOfRange(v, (int) s, (int) e + 1);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    Arbitrary<Op> append = bytes.map(b -> new Op(0, 0, 0, b));
    Arbitrary<Op> setRange = Combinators.combine(Arbitraries.longs().between(0, 120), bytes)
        .as((o, b) -> new Op(1, o, 0, b));
    Arbitrary<Long> index = Arbitraries.oneOf(Arbitraries.longs().between(-150, 150),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE));
    Arbitrary<Op> getRange = Combinators.combine(index, index).as((a, b) -> new Op(2, a, b, new byte[0]));
    return Arbitraries.oneOf(append, setRange, getRange).list().ofMaxSize(30);
  }
}
