package io.lime.internal.type;

import io.lime.BitFieldOp;
import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * BITFIELD and BITFIELD_RO (Redis's bitfieldGeneric in src/bitops.c): a program of GET, SET
 * and INCRBY operations on integers of 1 to 64 bits (signed) or 1 to 63 bits (unsigned) at
 * arbitrary bit offsets of a string, with WRAP, SAT or FAIL overflow. The one place of their
 * semantics, called by {@code BitCommands} and the typed string operations.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>A program that only reads looks the key up for reading (a missing key reads as
 *       zeros); one that writes first makes the value a raw string long enough for the
 *       highest bit any write reaches (created when absent, even if every write then fails
 *       with OVERFLOW FAIL, as Redis does), then runs the operations in order.
 *   <li>Overflow arithmetic is Redis's checkSignedBitfieldOverflow and
 *       checkUnsignedBitfieldOverflow, transcribed with Java's signed 64-bit longs standing
 *       for C's int64_t and uint64_t (unsigned comparisons where C compares uint64_t).
 *   <li>Changes: as in Redis 7.0.15, an operation that is not a failed overflow counts one
 *       change when the value was created or grown or the field changed; the {@code setbit}
 *       event is published once when there was any change.
 * </ul>
 */
public final class BitField {
  /** Overflow: wrap around (the default). */ public static final int WRAP = 0;
  /** Overflow: saturate at the minimum or maximum. */ public static final int SAT = 1;
  /** Overflow: do not write and reply nil. */ public static final int FAIL = 2;

  /** Operation code: GET. */ public static final int GET = 0;
  /** Operation code: SET. */ public static final int SET = 1;
  /** Operation code: INCRBY. */ public static final int INCRBY = 2;

  private BitField() {}

  /**
   * One operation of a program: {@code opcode} ({@link #GET}, {@link #SET}, {@link #INCRBY}),
   * the field's signedness and width, its bit offset (checked: {@link BitOps#validOffset}),
   * the SET value or INCRBY increment, and the overflow mode in force.
   */
  public record Op(int opcode, boolean signed, int bits, long offset, long value, int overflow) {
    /** Whether {@code bits} is a valid width for the signedness (i1..i64, u1..u63). */
    public static boolean validWidth(boolean signed, long bits) {
      return bits >= 1 && bits <= (signed ? 64 : 63);
    }
  }

  /**
   * A typed BITFIELD program: the operations to run (the overflow mode in force applied to
   * each) and the directives as the caller gave them, the command it propagates.
   */
  public record Program(List<Op> ops, BitFieldOp[] given) {}

  /**
   * The typed door's program of {@code given} ({@link BitFieldOp}s), each offset checked by
   * {@code offset} (which throws for an invalid one).
   */
  public static Program program(BitFieldOp[] given, LongUnaryOperator offset) {
    List<Op> out = new ArrayList<>(given.length);
    int overflow = WRAP;
    for (BitFieldOp op : given) {
      Objects.requireNonNull(op, "op");
      int opcode;
      switch (op.kind()) {
        case OVERFLOW -> {
          overflow = switch (op.overflow()) {
            case WRAP -> WRAP;
            case SAT -> SAT;
            case FAIL -> FAIL;
          };
          continue;
        }
        case GET -> opcode = GET;
        case SET -> opcode = SET;
        default -> opcode = INCRBY;
      }
      out.add(new Op(opcode, op.signed(), op.bits(), offset.applyAsLong(op.offset()),
          op.value(), overflow));
    }
    return new Program(out, given.clone());
  }

  /** BITFIELD of a typed {@code program}, propagated as the client would send it. */
  public static @Nullable Long[] run(LockedKey k, Program program) {
    Propagation p = k.asGiven();
    if (p != null) {
      List<Object> argv = new ArrayList<>(List.of("BITFIELD", k));
      for (BitFieldOp op : program.given()) {
        argv.add(op.kind().name());
        if (op.kind() == BitFieldOp.Kind.OVERFLOW) {
          argv.add(op.overflow().name());
          continue;
        }
        argv.add((op.signed() ? "i" : "u") + op.bits());
        argv.add(op.offset());
        if (op.kind() != BitFieldOp.Kind.GET) {
          argv.add(op.value());
        }
      }
      p.rewrite(Argvs.of(argv));
    }
    return run(k, program.ops(), false, null);
  }

  /**
   * Runs {@code ops} on the key and returns one result per operation: the value read (GET),
   * the previous value (SET), the new value (INCRBY), or null for a write refused by
   * OVERFLOW FAIL. {@code readOnlyCommand} is BITFIELD_RO, which refuses writes.
   *
   * @throws LimeException with {@link Errors#BITFIELD_RO_GET_ONLY} for a write in BITFIELD_RO
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Long[] run(LockedKey k, List<Op> ops, boolean readOnlyCommand,
      SetType.@Nullable Reads reads) {
    long highest = -1;
    for (Op op : ops) {
      if (op.opcode != GET) {
        highest = Math.max(highest, op.offset + op.bits - 1);
      }
    }
    @Nullable Long[] out = new Long[ops.size()];
    if (highest < 0) {
      Object v = BitOps.read(k, reads);
      byte[] p = v == null ? null : BitOps.bytes(v);
      int len = v == null ? 0 : StringType.length(v);
      for (int i = 0; i < out.length; i++) {
        out[i] = get(p, len, ops.get(i));
      }
      return out;
    }
    if (readOnlyCommand) {
      throw new LimeException(Errors.BITFIELD_RO_GET_ONLY);
    }
    BitOps.Grown g = BitOps.writable(k, highest);
    int changes = 0;
    for (int i = 0; i < out.length; i++) {
      Op op = ops.get(i);
      byte[] p = g.value().array();
      if (op.opcode == GET) {
        out[i] = get(p, g.value().length(), op);
        continue;
      }
      long old = op.signed ? getSigned(p, op.offset, op.bits) : getUnsigned(p, op.offset, op.bits);
      long newValue;
      long reply;
      int overflow;
      if (op.opcode == INCRBY) {
        long[] limit = new long[1];
        overflow = op.signed ? checkSigned(old, op.value, op.bits, op.overflow, limit)
            : checkUnsigned(old, op.value, op.bits, op.overflow, limit);
        newValue = overflow != 0 ? limit[0] : old + op.value;
        reply = newValue;
      } else {
        long[] limit = new long[1];
        overflow = op.signed ? checkSigned(op.value, 0, op.bits, op.overflow, limit)
            : checkUnsigned(op.value, 0, op.bits, op.overflow, limit);
        newValue = overflow != 0 ? limit[0] : op.value;
        reply = old;
      }
      if (overflow != 0 && op.overflow == FAIL) {
        out[i] = null;
        continue;
      }
      out[i] = reply;
      setBits(p, op.offset, op.bits, newValue);
      if (g.grown() || old != newValue) {
        changes++;
      }
    }
    if (changes > 0) {
      k.dirty(changes);
      k.event(NotifyFlags.STRING, "setbit");
    }
    return out;
  }

  /** GET over {@code len} bytes of {@code p} (null: missing key), zero beyond the end. */
  private static long get(byte @Nullable [] p, int len, Op op) {
    long byteIndex = op.offset >>> 3;
    byte[] buf = new byte[9];
    for (int i = 0; i < 9; i++) {
      if (p == null || i + byteIndex >= len) {
        break;
      }
      buf[i] = p[(int) (i + byteIndex)];
    }
    long rel = op.offset - byteIndex * 8;
    return op.signed ? getSigned(buf, rel, op.bits) : getUnsigned(buf, rel, op.bits);
  }

  static long getUnsigned(byte[] p, long offset, int bits) {
    long value = 0;
    for (int j = 0; j < bits; j++) {
      int b = p[(int) (offset >>> 3)];
      int bit = 7 - (int) (offset & 7);
      value = (value << 1) | ((b >> bit) & 1);
      offset++;
    }
    return value;
  }

  static long getSigned(byte[] p, long offset, int bits) {
    long value = getUnsigned(p, offset, bits);
    if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
      value |= -1L << bits;
    }
    return value;
  }

  static void setBits(byte[] p, long offset, int bits, long value) {
    for (int j = 0; j < bits; j++) {
      int bitval = (int) ((value >>> (bits - 1 - j)) & 1);
      int index = (int) (offset >>> 3);
      int bit = 7 - (int) (offset & 7);
      p[index] = (byte) ((p[index] & ~(1 << bit)) | (bitval << bit));
      offset++;
    }
  }

  /**
   * Redis's checkUnsignedBitfieldOverflow: 0 when {@code value + incr} fits {@code bits}
   * unsigned bits, else 1 (overflow) or -1 (underflow) with {@code limit[0]} set to the
   * wrapped or saturated result (left unset for FAIL). {@code value} is a uint64_t.
   */
  static int checkUnsigned(long value, long incr, int bits, int mode, long[] limit) {
    long max = bits == 64 ? -1L : (1L << bits) - 1;
    long maxincr = max - value;
    long minincr = -value;
    if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxincr)) {
      if (mode == WRAP) {
        limit[0] = (value + incr) & ~(-1L << bits);
      } else if (mode == SAT) {
        limit[0] = max;
      }
      return 1;
    } else if (incr < 0 && incr < minincr) {
      if (mode == WRAP) {
        limit[0] = (value + incr) & ~(-1L << bits);
      } else if (mode == SAT) {
        limit[0] = 0;
      }
      return -1;
    }
    return 0;
  }

  /** Redis's checkSignedBitfieldOverflow; see {@link #checkUnsigned}. */
  static int checkSigned(long value, long incr, int bits, int mode, long[] limit) {
    long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    long min = -max - 1;
    long maxincr = max - value;
    long minincr = min - value;
    int result;
    if (value > max || (bits != 64 && incr > maxincr)
        || (value >= 0 && incr > 0 && incr > maxincr)) {
      result = 1;
      if (mode == SAT) {
        limit[0] = max;
      }
    } else if (value < min || (bits != 64 && incr < minincr)
        || (value < 0 && incr < 0 && incr < minincr)) {
      result = -1;
      if (mode == SAT) {
        limit[0] = min;
      }
    } else {
      return 0;
    }
    if (mode == WRAP) {
      long c = value + incr;
      if (bits < 64) {
        long mask = -1L << bits;
        c = (c & (1L << (bits - 1))) != 0 ? c | mask : c & ~mask;
      }
      limit[0] = c;
    }
    return result;
  }
}
