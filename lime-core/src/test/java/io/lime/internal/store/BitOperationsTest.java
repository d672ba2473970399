package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.BitFieldOp;
import io.lime.BitOperations;
import io.lime.HyperLogLogView;
import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed bit operations and HyperLogLog view: argument checks (Redis's error texts as
 * {@link IllegalArgumentException}s), the {@code proto-max-bulk-len} bound on offsets, and
 * the results the commands give (checked against redis-server by the differential tests).
 */
class BitOperationsTest {
  private final Engine engine = new Engine(16, 16, () -> 1_700_000_000_000L, 0);
  private final LocalStringOperations strings =
      new LocalStringOperations(engine, 0, () -> 1024); // a 1 KiB limit

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void setBit_offsets_boundedByTheLimit() {
    assertFalse(strings.setBit("k", 8191, true));
    assertTrue(strings.getBit("k", 8191));
    assertEquals(1024, strings.strlen(b("k")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> strings.setBit("k", 8192, true));
    assertEquals("ERR bit offset is not an integer or out of range", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> strings.getBit("k", -1));
    assertThrows(IllegalArgumentException.class,
        () -> strings.bitField(b("k"), BitFieldOp.get(false, 8, 8192)));
  }

  @Test
  void offsets_beyondTheJvmArrayLimit_refusedWhateverTheConfiguredLimit() {
    LocalStringOperations unbounded = new LocalStringOperations(engine, 0, () -> Long.MAX_VALUE);
    assertThrows(IllegalArgumentException.class,
        () -> unbounded.setBit("k", (long) Integer.MAX_VALUE * 8, true));
    assertFalse(unbounded.getBit("k", (long) Integer.MAX_VALUE * 8 - 1000));
  }

  @Test
  void integerString_readAsText_thenBecomesRaw() {
    strings.set("n", "12");
    assertEquals(6, strings.bitCount("n")); // '1' 0x31, '2' 0x32
    assertEquals(2, strings.bitPos(b("n"), true));
    assertTrue(strings.setBit("n", 7, true)); // '1' is 0x31: bit 7 already set
    assertFalse(strings.setBit("n", 6, true)); // 0x31 -> 0x33, '3'
    assertArrayEquals(b("32"), strings.get(b("n")));
  }

  @Test
  void bitOp_notWithTwoSources_orNoSource_refused() {
    strings.set("a", "x");
    assertEquals("ERR BITOP NOT must be called with a single source key.",
        assertThrows(IllegalArgumentException.class,
            () -> strings.bitOp(BitOperations.Op.NOT, b("d"), b("a"), b("a"))).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> strings.bitOp(BitOperations.Op.AND, b("d")));
    assertEquals(1, strings.bitOp(BitOperations.Op.NOT, b("d"), b("a")));
    assertArrayEquals(new byte[] {(byte) ~'x'}, strings.get(b("d")));
  }

  @Test
  void bitField_failedOverflow_isNull_andReadOnlyRefusesWrites() {
    List<Long> r = strings.bitField(b("f"), BitFieldOp.overflow(BitFieldOp.Overflow.FAIL),
        BitFieldOp.incrBy(false, 2, 0, 5), BitFieldOp.set(true, 8, 8, -2),
        BitFieldOp.get(false, 8, 8));
    assertEquals(Arrays.asList(null, 0L, 254L), r);
    assertEquals(List.of(-2L), strings.bitFieldReadOnly(b("f"), BitFieldOp.get(true, 8, 8)));
    assertEquals("ERR BITFIELD_RO only supports the GET subcommand",
        assertThrows(IllegalArgumentException.class, () -> strings.bitFieldReadOnly(b("f"),
            BitFieldOp.set(true, 8, 0, 1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BitFieldOp.get(false, 64, 0));
    assertThrows(IllegalArgumentException.class, () -> BitFieldOp.get(true, 65, 0));
    assertThrows(IllegalArgumentException.class, () -> BitFieldOp.get(true, 8, -1));
  }

  @Test
  void hyperLogLog_countsAndMerges_andRejectsOtherStrings() {
    HyperLogLogView h = new LocalHyperLogLogView(engine, 0, b("h"));
    assertTrue(h.add("a", "b", "c"));
    assertFalse(h.add("a"));
    assertEquals(3, h.count());
    HyperLogLogView g = new LocalHyperLogLogView(engine, 0, b("g"));
    g.add("c", "d");
    assertEquals(4, h.countUnion(b("g")));
    g.mergeFrom(b("h"));
    assertEquals(4, g.count());
    strings.set("s", "not an hll");
    HyperLogLogView s = new LocalHyperLogLogView(engine, 0, b("s"));
    assertEquals("WRONGTYPE Key is not a valid HyperLogLog string value.",
        assertThrows(LimeException.class, s::count).getMessage());
    strings.setBit("bits", 1, true);
    assertThrows(LimeException.class, () -> h.mergeFrom(b("bits")));
    new LocalHashView(engine, 0, b("hash")).put("f", "v");
    assertThrows(WrongTypeException.class, () -> strings.getBit("hash", 0));
    assertThrows(WrongTypeException.class, () -> h.countUnion(b("hash")));
  }
}
