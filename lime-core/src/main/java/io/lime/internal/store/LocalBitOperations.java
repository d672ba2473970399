package io.lime.internal.store;

import io.lime.BitFieldOp;
import io.lime.BitOperations;
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
 * call; writes run in a write unit, propagated as the operation sets.
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
    return write(key, k -> BitOps.setBit(k, off, on)) == 1;
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
            BitOps.bitOp(locks.key(destination, now), code, args, null)));
  }

  @Override
  public List<@Nullable Long> bitField(byte[] key, BitFieldOp... ops) {
    Objects.requireNonNull(key, "key");
    BitField.Program program = BitField.program(ops, this::offset);
    @Nullable Long[] r = write(key, k -> BitField.run(k, program));
    return Collections.unmodifiableList(Arrays.asList(r));
  }

  @Override
  public List<Long> bitFieldReadOnly(byte[] key, BitFieldOp... ops) {
    Objects.requireNonNull(key, "key");
    List<BitField.Op> program = BitField.program(ops, this::offset).ops();
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
}
