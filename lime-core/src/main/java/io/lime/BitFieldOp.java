package io.lime;

/**
 * One operation of a {@link BitOperations#bitField} program (Redis's BITFIELD subcommands):
 * GET, SET or INCRBY of an integer field of {@code bits} bits at a bit offset of the string
 * (bit 0 is the most significant bit of byte 0), or OVERFLOW, which sets how the following
 * SET and INCRBY operations handle values that do not fit.
 *
 * <p>Fields are signed (1 to 64 bits, two's complement) or unsigned (1 to 63 bits). Offsets
 * are in bits; Redis's {@code #n} form is {@code n * bits}. Immutable and thread-safe.
 *
 * @param kind the operation
 * @param signed whether the field is signed (GET, SET, INCRBY)
 * @param bits the field's width (GET, SET, INCRBY)
 * @param offset the field's bit offset (GET, SET, INCRBY)
 * @param value the value (SET) or increment (INCRBY)
 * @param overflow the overflow mode (OVERFLOW)
 */
public record BitFieldOp(Kind kind, boolean signed, int bits, long offset, long value,
    Overflow overflow) {

  /** The operations. */
  public enum Kind { GET, SET, INCRBY, OVERFLOW }

  /**
   * How SET and INCRBY handle a result that does not fit the field: WRAP around (the
   * default), SATurate at the minimum or maximum, or FAIL (the field is left unchanged and
   * the operation's result is null).
   */
  public enum Overflow { WRAP, SAT, FAIL }

  /**
   * Checks the arguments.
   *
   * @throws IllegalArgumentException for a width outside i1..i64 / u1..u63 or a negative
   *     offset (GET, SET, INCRBY), with the error text of BITFIELD for that type or offset
   *     (the type checked first, as Redis does)
   */
  public BitFieldOp {
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(overflow, "overflow");
    if (kind != Kind.OVERFLOW && (bits < 1 || bits > (signed ? 64 : 63))) {
      throw new IllegalArgumentException("ERR Invalid bitfield type. Use something like i16 "
          + "u8. Note that u64 is not supported but i64 is.");
    }
    if (kind != Kind.OVERFLOW && offset < 0) {
      throw new IllegalArgumentException("ERR bit offset is not an integer or out of range");
    }
  }

  /** GET: reads the field (zero bits beyond the end of the string). */
  public static BitFieldOp get(boolean signed, int bits, long offset) {
    return new BitFieldOp(Kind.GET, signed, bits, offset, 0, Overflow.WRAP);
  }

  /** SET: writes {@code value}; the result is the previous value of the field. */
  public static BitFieldOp set(boolean signed, int bits, long offset, long value) {
    return new BitFieldOp(Kind.SET, signed, bits, offset, value, Overflow.WRAP);
  }

  /** INCRBY: adds {@code increment}; the result is the new value of the field. */
  public static BitFieldOp incrBy(boolean signed, int bits, long offset, long increment) {
    return new BitFieldOp(Kind.INCRBY, signed, bits, offset, increment, Overflow.WRAP);
  }

  /** OVERFLOW: the mode of the following SET and INCRBY operations; has no result. */
  public static BitFieldOp overflow(Overflow mode) {
    return new BitFieldOp(Kind.OVERFLOW, false, 0, 0, 0, mode);
  }
}
