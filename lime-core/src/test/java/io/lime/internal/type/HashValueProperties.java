package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Both hash encodings against a {@link LinkedHashMap} model, with fields and values whose
 * lengths straddle the listpack header sizes (127/128, 16383/16384 bytes) and with fields
 * passed as slices of a larger array (as commands pass their argv arena).
 */
class HashValueProperties {

  /** put (value != null) or remove (value == null) of a field. */
  record Op(byte[] field, byte[] value) {}

  @Property(tries = 200)
  void listpack_matchesOrderedModel(@ForAll("ops") List<Op> ops) {
    run(new ListpackHash(), ops, true);
  }

  @Property(tries = 200)
  void hashtable_matchesModel(@ForAll("ops") List<Op> ops) {
    run(new TableHash(0), ops, false);
  }

  @Property(tries = 100)
  void listpackConvertedToTable_keepsEveryPair(@ForAll("ops") List<Op> ops) {
    ListpackHash lp = new ListpackHash();
    LinkedHashMap<ByteBuffer, byte[]> model = new LinkedHashMap<>();
    for (Op op : ops) {
      apply(lp, model, op);
    }
    TableHash t = lp.toTable();
    assertEquals(contents(lp), contents(t));
    HashValue copy = t.copy();
    assertEquals(contents(t), contents(copy));
  }

  private static void run(HashValue h, List<Op> ops, boolean ordered) {
    LinkedHashMap<ByteBuffer, byte[]> model = new LinkedHashMap<>();
    for (Op op : ops) {
      apply(h, model, op);
      assertEquals(model.size(), h.size());
      List<String> actual = new ArrayList<>();
      h.forEach((fb, foff, flen, vb, voff, vlen) -> actual.add(
          Arrays.toString(Arrays.copyOfRange(fb, foff, foff + flen)) + "="
              + Arrays.toString(Arrays.copyOfRange(vb, voff, voff + vlen))));
      List<String> expected = new ArrayList<>();
      model.forEach((k, v) -> expected.add(Arrays.toString(bytes(k)) + "=" + Arrays.toString(v)));
      if (ordered) {
        assertEquals(expected, actual);
      } else {
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
      }
      HashValue copy = h.copy();
      assertEquals(contents(h), contents(copy));
    }
    // full scan from 0 visits everything
    Set<String> scanned = new HashSet<>();
    long cursor = 0;
    do {
      cursor = h.scan(cursor, 1, (fb, foff, flen, vb, voff, vlen) ->
          scanned.add(Arrays.toString(Arrays.copyOfRange(fb, foff, foff + flen))));
    } while (cursor != 0);
    Set<String> fields = new HashSet<>();
    model.keySet().forEach(k -> fields.add(Arrays.toString(bytes(k))));
    assertEquals(fields, scanned);
  }

  private static void apply(HashValue h, Map<ByteBuffer, byte[]> model, Op op) {
    byte[] f = op.field();
    // the field as a slice in the middle of a larger array
    byte[] arena = new byte[f.length + 7];
    System.arraycopy(f, 0, arena, 3, f.length);
    ByteBuffer key = ByteBuffer.wrap(f);
    if (op.value() == null) {
      assertEquals(model.remove(key) != null, h.remove(arena, 3, f.length));
      assertEquals(-1, h.valueLength(f, 0, f.length));
      assertNull(h.get(f, 0, f.length));
    } else {
      byte[] v = op.value();
      boolean created = !model.containsKey(key);
      assertEquals(created, h.put(arena, 3, f.length, v, 0, v.length));
      model.put(key, v);
      assertArrayEquals(v, h.get(f, 0, f.length));
      assertEquals(v.length, h.valueLength(arena, 3, f.length));
    }
  }

  private static Map<String, String> contents(HashValue h) {
    Map<String, String> m = new HashMap<>();
    h.forEach((fb, foff, flen, vb, voff, vlen) -> m.put(
        Arrays.toString(Arrays.copyOfRange(fb, foff, foff + flen)),
        Arrays.toString(Arrays.copyOfRange(vb, voff, voff + vlen))));
    return m;
  }

  private static byte[] bytes(ByteBuffer b) {
    return Arrays.copyOfRange(b.array(), 0, b.limit());
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<byte[]> fields = Arbitraries.oneOf(
        Arbitraries.of("a", "b", "c", "", "dd").map(String::getBytes),
        sized(Arbitraries.of(127, 128, 129, 16383, 16384)));
    Arbitrary<byte[]> values = Arbitraries.oneOf(
        sized(Arbitraries.integers().between(0, 20)),
        sized(Arbitraries.of(126, 127, 128, 16383, 16384, 20000)));
    Arbitrary<Op> put = Combinators.combine(fields, values).as(Op::new);
    Arbitrary<Op> remove = fields.map(f -> new Op(f, null));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, put), net.jqwik.api.Tuple.of(1, remove)).list().ofMaxSize(30);
  }

  /** Arrays of the given lengths filled with a length-dependent byte (so fields collide). */
  private static Arbitrary<byte[]> sized(Arbitrary<Integer> lengths) {
    return Combinators.combine(lengths, Arbitraries.integers().between(0, 2)).as((n, fill) -> {
      byte[] b = new byte[n];
      Arrays.fill(b, (byte) ('x' + fill));
      return b;
    });
  }
}
