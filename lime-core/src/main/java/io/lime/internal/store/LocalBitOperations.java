package io.lime.internal.store;

import io.lime.BitFieldOp;
import io.lime.BitOperations;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.BitField;
import io.lime.internal.type.BitOps;
import io.lime.internal.type.ByteArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link BitOperations} over one database: each method checks its Java arguments, locks its
 * keys and calls the operation of {@link BitOps} or {@link BitField} that the bitmap commands
 * call; writes run in a write unit whose command "as given" is the equivalent Redis command.
 * Extended by {@link LocalStringOperations} (the bit operations are part of the string
 * operations).
 */
public class LocalBitOperations extends LocalKeyOperations implements BitOperations {
  /** The current {@code proto-max-bulk-len}: bounds offsets here, strings in subclasses. */
  final LongSupplier maxStringBytes;

  LocalBitOperations(Engine engine, int dbIndex, LongSupplier maxStringBytes) {
    super(engine, dbIndex);
    this.maxStringBytes = maxStringBytes;
  }

  /** {@code offset} checked as the commands check it, as an argument error. */
  private long offset(long offset) {
    if (!BitOps.validOffset(offset, maxStringBytes.getAsLong())) {
      throw new IllegalArgumentException(Errors.BIT_OFFSET);
    }
    return offset;
  }

  @Override
  public boolean setBit(byte[] key, long offset, boolean value) {
    Objects.requireNonNull(key, "key");
    long off = offset(offset);
    int on = value ? 1 : 0;
    return write(key, k -> BitOps.setBit(k, off, on),
        () -> Argvs.of("SETBIT", key, off, (long) on)) == 1;
  }

  @Override
  public boolean getBit(byte[] key, long offset) {
    Objects.requireNonNull(key, "key");
    long off = offset(offset);
    return onKey(key, k -> BitOps.getBit(BitOps.read(k, null), off)) == 1;
  }

  @Override
  public long bitCount(byte[] key) {
    Objects.requireNonNull(key, "key");
    return onKey(key, k -> {
      Object v = BitOps.read(k, null);
      return v == null ? 0L : BitOps.bitCount(v);
    });
  }

  @Override
  public long bitCount(byte[] key, long start, long end, Unit unit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(unit, "unit");
    return onKey(key, k -> {
      Object v = BitOps.read(k, null);
      return v == null ? 0L : BitOps.bitCount(v, start, end, unit == Unit.BIT);
    });
  }

  @Override
  public long bitPos(byte[] key, boolean bit) {
    Objects.requireNonNull(key, "key");
    return onKey(key, k -> BitOps.bitPos(BitOps.read(k, null), bit ? 1 : 0));
  }

  @Override
  public long bitPos(byte[] key, boolean bit, long start, @Nullable Long end, Unit unit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(unit, "unit");
    int b = bit ? 1 : 0;
    return onKey(key, k -> {
      Object v = BitOps.read(k, null);
      return v == null ? (b == 1 ? -1L : 0L) : BitOps.bitPos(v, b, start, end, unit == Unit.BIT);
    });
  }

  @Override
  public long bitOp(Op op, byte[] destination, byte[]... sources) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(destination, "destination");
    nonNull(sources);
    if (sources.length == 0) {
      throw new IllegalArgumentException(Errors.arity("bitop"));
    }
    if (op == Op.NOT && sources.length != 1) {
      throw new IllegalArgumentException(Errors.BITOP_NOT_ONE_KEY);
    }
    int code = switch (op) {
      case AND -> BitOps.AND;
      case OR -> BitOps.OR;
      case XOR -> BitOps.XOR;
      case NOT -> BitOps.NOT;
    };
    byte[][] keys = new byte[sources.length + 1][];
    keys[0] = destination;
    System.arraycopy(sources, 0, keys, 1, sources.length);
    ByteArgs args = ByteArgs.of(sources);
    return write(() -> onKeys(keys, (locks, now) ->
            BitOps.bitOp(locks.key(destination, now), code, args, null)),
        () -> Argvs.of("BITOP", op.name(), destination, sources));
  }

  @Override
  public List<@Nullable Long> bitField(byte[] key, BitFieldOp... ops) {
    Objects.requireNonNull(key, "key");
    List<BitField.Op> program = program(ops);
    @Nullable Long[] r = write(key, k -> BitField.run(k, program, false, null),
        () -> Argvs.of(bitFieldForm(key, ops)));
    return Collections.unmodifiableList(Arrays.asList(r));
  }

  @Override
  public List<Long> bitFieldReadOnly(byte[] key, BitFieldOp... ops) {
    Objects.requireNonNull(key, "key");
    List<BitField.Op> program = program(ops);
    for (BitField.Op op : program) {
      if (op.opcode() != BitField.GET) {
        throw new IllegalArgumentException(Errors.BITFIELD_RO_GET_ONLY);
      }
    }
    @Nullable Long[] r = onKey(key, k -> BitField.run(k, program, true, null));
    List<Long> out = new ArrayList<>(r.length);
    for (Long v : r) {
      out.add(Objects.requireNonNull(v)); // GET always has a value
    }
    return Collections.unmodifiableList(out);
  }

  /** The operations of a typed program, with the overflow mode in force applied. */
  private List<BitField.Op> program(BitFieldOp[] ops) {
    List<BitField.Op> out = new ArrayList<>(ops.length);
    int overflow = BitField.WRAP;
    for (BitFieldOp op : ops) {
      Objects.requireNonNull(op, "op");
      int opcode;
      switch (op.kind()) {
        case OVERFLOW -> {
          overflow = switch (op.overflow()) {
            case WRAP -> BitField.WRAP;
            case SAT -> BitField.SAT;
            case FAIL -> BitField.FAIL;
          };
          continue;
        }
        case GET -> opcode = BitField.GET;
        case SET -> opcode = BitField.SET;
        default -> opcode = BitField.INCRBY;
      }
      out.add(new BitField.Op(opcode, op.signed(), op.bits(), offset(op.offset()), op.value(),
          overflow));
    }
    return out;
  }

  /** BITFIELD key ... as a client would send it. */
  private static Object[] bitFieldForm(byte[] key, BitFieldOp[] ops) {
    List<Object> parts = new ArrayList<>(List.of("BITFIELD", key));
    for (BitFieldOp op : ops) {
      parts.add(op.kind().name());
      if (op.kind() == BitFieldOp.Kind.OVERFLOW) {
        parts.add(op.overflow().name());
        continue;
      }
      parts.add((op.signed() ? "i" : "u") + op.bits());
      parts.add(op.offset());
      if (op.kind() != BitFieldOp.Kind.GET) {
        parts.add(op.value());
      }
    }
    return parts.toArray();
  }
}
