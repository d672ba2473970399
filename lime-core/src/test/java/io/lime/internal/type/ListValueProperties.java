package io.lime.internal.type;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ListValue} against an {@link ArrayList} model: random sequences of every operation
 * (pushes, pops, index reads and writes, inserts, removals, trims, LPOS scans) under node
 * limits from one element per node to 4 KiB nodes, with short (1-byte length) and long
 * (5-byte length) elements, so nodes split, empty, merge and convert between one node (the
 * compact form) and many.
 */
class ListValueProperties {

  /** One operation: a code, two numbers and an element. */
  record Op(int code, long a, long b, byte[] value) {
    @Override
    public String toString() {
      return code + "(" + a + "," + b + "," + value.length + "B)";
    }
  }

  @Provide
  Arbitrary<Integer> fills() {
    return Arbitraries.of(-1, -2, 0, 1, 2, 3, 5, 16);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<byte[]> values = Arbitraries.oneOf(
        Arbitraries.of("a", "b", "c", "").map(s -> s.getBytes()),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
        Arbitraries.bytes().array(byte[].class).ofMinSize(120).ofMaxSize(300),
        Arbitraries.bytes().array(byte[].class).ofMinSize(2000).ofMaxSize(5000));
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.longs().between(-12, 12), Arbitraries.longs().between(-12, 12), values)
        .as(Op::new);
    return op.list().ofMaxSize(120);
  }

  @Property(tries = 300)
  void listValue_anyOperations_matchesModel(@ForAll("fills") int fill,
      @ForAll("ops") List<Op> ops) {
    ListValue list = new ListValue();
    List<byte[]> model = new ArrayList<>();
    int[] fills = {-1, -2, 0, 1, 2, 3, 5, 16};
    boolean changed = false;
    for (Op op : ops) {
      if (op.code() == 11 && op.a() % 3 == 0) { // CONFIG SET list-max-listpack-size mid-life
        int next = fills[(int) Math.floorMod(op.b(), fills.length)];
        changed |= next != fill;
        fill = next;
      }
      apply(op, fill, list, model);
      check(list, model);
      list.checkInvariants(changed ? 0 : fill); // nodes are not re-split by a change (Redis)
    }
    ListValue copy = list.duplicate();
    check(copy, model);
  }

  private static void apply(Op op, int fill, ListValue list, List<byte[]> model) {
    byte[] v = op.value();
    int size = model.size();
    switch (op.code()) {
      case 0, 1 -> {
        boolean head = op.code() == 0;
        list.push(head, v, fill);
        model.add(head ? 0 : size, v);
      }
      case 2, 3 -> {
        if (size > 0) {
          boolean head = op.code() == 2;
          assertArrayEquals(model.remove(head ? 0 : size - 1), list.pop(head));
        }
      }
      case 4 -> {
        long i = Ranks.index(size, op.a());
        if (i >= 0) {
          assertArrayEquals(model.get((int) i), list.get(i));
          list.set(i, v, 0, v.length, fill);
          model.set((int) i, v);
        }
      }
      case 5 -> {
        byte[] pivot = size == 0 ? v : model.get((int) Math.floorMod(op.a(), size));
        boolean after = op.b() > 0;
        int at = indexOf(model, pivot);
        assertEquals(at >= 0, list.insert(pivot, 0, pivot.length, after, v, 0, v.length, fill));
        if (at >= 0) {
          model.add(after ? at + 1 : at, v);
        }
      }
      case 6 -> {
        byte[] target = size == 0 ? v : model.get((int) Math.floorMod(op.a(), size));
        long count = op.b() / 4;
        assertEquals(removeModel(model, target, count),
            list.remove(count, target, 0, target.length, fill));
      }
      case 7 -> {
        long n = Ranks.count(size, op.a(), op.b());
        long head = n == 0 ? size : Ranks.first(size, op.a());
        long tail = n == 0 ? 0 : size - head - n;
        list.trim(head, tail, fill);
        model.subList((int) (size - tail), size).clear();
        model.subList(0, (int) head).clear();
      }
      case 8 -> {
        long n = Math.abs(op.a());
        boolean head = op.b() >= 0;
        list.removeEnd(head, n);
        for (long k = 0; k < n && !model.isEmpty(); k++) {
          model.remove(head ? 0 : model.size() - 1);
        }
      }
      case 9 -> {
        long n = Ranks.count(size, op.a(), op.b());
        long first = n == 0 ? 0 : Ranks.first(size, op.a());
        List<byte[]> got = list.copyRange(first, n);
        List<byte[]> want = model.subList((int) first, (int) (first + n));
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
          assertArrayEquals(want.get(i), got.get(i));
        }
      }
      case 10 -> {
        byte[] target = size == 0 ? v : model.get((int) Math.floorMod(op.a(), size));
        long rank = op.b() == 0 ? 1 : op.b();
        long count = Math.abs(op.a()) % 4;
        long maxlen = Math.abs(op.b()) % 7;
        List<Long> got = new ArrayList<>();
        list.positions(target, 0, target.length, rank < 0, Math.abs(rank), count, maxlen,
            got::add);
        assertEquals(positionsModel(model, target, rank, count, maxlen), got);
      }
      default -> { // 11: nothing, a read of the size
        assertEquals(size, list.size());
      }
    }
  }

  private static void check(ListValue list, List<byte[]> model) {
    assertEquals(model.size(), list.size());
    List<byte[]> all = list.copyRange(0, list.size());
    for (int i = 0; i < model.size(); i++) {
      assertArrayEquals(model.get(i), all.get(i), "element " + i);
    }
    if (!model.isEmpty()) {
      assertArrayEquals(model.get(model.size() - 1), list.get(model.size() - 1));
    }
  }

  private static int indexOf(List<byte[]> model, byte[] v) {
    for (int i = 0; i < model.size(); i++) {
      if (Arrays.equals(model.get(i), v)) {
        return i;
      }
    }
    return -1;
  }

  private static long removeModel(List<byte[]> model, byte[] v, long count) {
    boolean fromTail = count < 0;
    long limit = Math.abs(count);
    long removed = 0;
    if (fromTail) {
      Collections.reverse(model);
    }
    for (int i = 0; i < model.size() && (limit == 0 || removed < limit); ) {
      if (Arrays.equals(model.get(i), v)) {
        model.remove(i);
        removed++;
      } else {
        i++;
      }
    }
    if (fromTail) {
      Collections.reverse(model);
    }
    return removed;
  }

  private static List<Long> positionsModel(List<byte[]> model, byte[] v, long rank, long count,
      long maxlen) {
    List<Long> out = new ArrayList<>();
    int n = model.size();
    long matches = 0;
    long want = Math.abs(rank);
    for (int k = 0; k < n && (maxlen == 0 || k < maxlen); k++) {
      int i = rank > 0 ? k : n - 1 - k;
      if (Arrays.equals(model.get(i), v) && ++matches >= want) {
        out.add((long) i);
        if (count != 0 && out.size() >= count) {
          break;
        }
      }
    }
    return out;
  }
}
