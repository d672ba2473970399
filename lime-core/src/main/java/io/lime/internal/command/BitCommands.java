package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.BitField;
import io.lime.internal.type.BitOps;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bitmap commands (Redis's src/bitops.c command half): each handler parses its arguments
 * in Redis's order (so the same error wins), locks its keys, calls {@link BitOps} or
 * {@link BitField} and replies. Reads are accounted as Redis's lookupKeyRead.
 */
public final class BitCommands implements CommandGroup {
  /** BITFIELD OVERFLOW's modes, at the indexes of their codes ({@link BitField#WRAP} ...). */
  private static final String[] OVERFLOW_MODES = {"WRAP", "SAT", "FAIL"};

  /** SETBIT key offset value — O(1). */
  void setbit(Call c) {
    Argv a = c.argv();
    long offset = offsetOrReply(c, 2, false, 0);
    if (offset < 0) {
      return;
    }
    if (!KeyArgs.isLong(a, 3) || (KeyArgs.longValue(a, 3) & ~1L) != 0) {
      c.out().error(Errors.BIT_VALUE);
      return;
    }
    int on = (int) KeyArgs.longValue(a, 3);
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(BitOps.setBit(k, offset, on));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** GETBIT key offset — O(1). */
  void getbit(Call c) {
    long offset = offsetOrReply(c, 2, false, 0);
    if (offset < 0) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(BitOps.getBit(BitOps.read(k, c::readLookup), offset));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** BITCOUNT key [start end [BYTE | BIT]] — O(N). */
  void bitcount(Call c) {
    Argv a = c.argv();
    int argc = a.size();
    try (LockedKey k = c.lockKey(1)) {
      Object v = BitOps.read(k, c::readLookup); // Redis 7.0 looks up before parsing
      if (v == null) {
        c.out().integer(0);
        return;
      }
      if (argc == 2) {
        c.out().integer(BitOps.bitCount(v));
        return;
      }
      if (argc != 4 && argc != 5) {
        c.out().error(Errors.SYNTAX);
        return;
      }
      if (!KeyArgs.integersOrReply(c, 2, 3)) {
        return;
      }
      Boolean bit = argc == 5 ? unit(a, 4) : Boolean.FALSE;
      if (bit == null) {
        c.out().error(Errors.SYNTAX);
        return;
      }
      c.out().integer(BitOps.bitCount(v, KeyArgs.longValue(a, 2), KeyArgs.longValue(a, 3), bit));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** BITPOS key bit [start [end [BYTE | BIT]]] — O(N). */
  void bitpos(Call c) {
    Argv a = c.argv();
    int argc = a.size();
    if (!KeyArgs.integerOrReply(c, 2)) {
      return;
    }
    long bit = KeyArgs.longValue(a, 2);
    if (bit != 0 && bit != 1) {
      c.out().error(Errors.BITPOS_BIT);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      Object v = BitOps.read(k, c::readLookup); // Redis 7.0 looks up before the range
      if (v == null) {
        c.out().integer(bit == 1 ? -1 : 0);
        return;
      }
      if (argc == 3) {
        c.out().integer(BitOps.bitPos(v, (int) bit));
        return;
      }
      if (argc > 6) {
        c.out().error(Errors.SYNTAX);
        return;
      }
      if (!KeyArgs.integerOrReply(c, 3)) {
        return;
      }
      Boolean bitUnit = argc == 6 ? unit(a, 5) : Boolean.FALSE;
      if (bitUnit == null) {
        c.out().error(Errors.SYNTAX);
        return;
      }
      Long end = null;
      if (argc >= 5) {
        if (!KeyArgs.integerOrReply(c, 4)) {
          return;
        }
        end = KeyArgs.longValue(a, 4);
      }
      c.out().integer(BitOps.bitPos(v, (int) bit, KeyArgs.longValue(a, 3), end, bitUnit));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** BITOP AND | OR | XOR | NOT destkey key [key ...] — O(N). */
  void bitop(Call c) {
    Argv a = c.argv();
    int op = a.is(1, "AND") ? BitOps.AND : a.is(1, "OR") ? BitOps.OR
        : a.is(1, "XOR") ? BitOps.XOR : a.is(1, "NOT") ? BitOps.NOT : -1;
    if (op < 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    try (KeyLocks locks = c.lockKeys(2, -1, 1)) {
      c.out().integer(BitOps.bitOp(c.keyWithin(2), op, c.args(3, -1), c::readLookup));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** BITFIELD key [GET type offset | [OVERFLOW WRAP|SAT|FAIL] SET/INCRBY type offset value ...] — O(1) per op. */
  void bitfield(Call c) {
    bitfieldGeneric(c, false);
  }

  /** BITFIELD_RO key [GET type offset ...] — O(1) per op. */
  void bitfieldRo(Call c) {
    bitfieldGeneric(c, true);
  }

  private static void bitfieldGeneric(Call c, boolean readOnly) {
    List<BitField.Op> ops = parseProgram(c);
    if (ops == null) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      @Nullable Long[] results = BitField.run(k, ops, readOnly, c::readLookup);
      ReplySink out = c.out();
      out.arrayHeader(results.length);
      for (Long r : results) {
        if (r == null) {
          out.nullBulk();
        } else {
          out.integer(r);
        }
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** Parses a BITFIELD program as Redis's bitfieldGeneric; null after replying an error. */
  private static @Nullable List<BitField.Op> parseProgram(Call c) {
    Argv a = c.argv();
    int argc = a.size();
    long max = StringArgs.maxStringBytes(c);
    List<BitField.Op> ops = new ArrayList<>();
    int overflow = BitField.WRAP;
    for (int j = 2; j < argc; j++) {
      int remaining = argc - j - 1;
      int opcode;
      if (a.is(j, "GET") && remaining >= 2) {
        opcode = BitField.GET;
      } else if (a.is(j, "SET") && remaining >= 3) {
        opcode = BitField.SET;
      } else if (a.is(j, "INCRBY") && remaining >= 3) {
        opcode = BitField.INCRBY;
      } else if (a.is(j, "OVERFLOW") && remaining >= 1) {
        j++;
        overflow = KeyArgs.keyword(a, j, OVERFLOW_MODES);
        if (overflow < 0) {
          c.out().error(Errors.BITFIELD_OVERFLOW);
          return null;
        }
        continue;
      } else {
        c.out().error(Errors.SYNTAX);
        return null;
      }
      int type = fieldType(a, j + 1);
      if (type == 0) {
        c.out().error(Errors.BITFIELD_TYPE);
        return null;
      }
      int bits = Math.abs(type);
      long offset = offset(a, j + 2, true, bits, max);
      if (offset < 0) {
        c.out().error(Errors.BIT_OFFSET);
        return null;
      }
      long value = 0;
      if (opcode != BitField.GET) {
        if (!KeyArgs.integerOrReply(c, j + 3)) {
          return null;
        }
        value = KeyArgs.longValue(a, j + 3);
      }
      ops.add(new BitField.Op(opcode, type < 0, bits, offset, value, overflow));
      j += opcode == BitField.GET ? 2 : 3;
    }
    return ops;
  }

  /**
   * A BITFIELD type (Redis's getBitfieldTypeFromArgument): {@code -bits} for {@code i<bits>},
   * {@code bits} for {@code u<bits>}, 0 when invalid.
   */
  private static int fieldType(Argv a, int i) {
    byte[] b = a.array();
    int off = a.offset(i);
    int len = a.length(i);
    if (len < 1 || (b[off] != 'i' && b[off] != 'u')) {
      return 0;
    }
    boolean signed = b[off] == 'i';
    if (!Numbers.isLong(b, off + 1, len - 1)) {
      return 0;
    }
    long bits = Numbers.parseLong(b, off + 1, len - 1);
    if (!BitField.Op.validWidth(signed, bits)) {
      return 0;
    }
    return signed ? (int) -bits : (int) bits;
  }

  /**
   * Redis's getBitOffsetFromArgument: the bit offset at argument {@code i} ({@code #n} means
   * {@code n * bits} when {@code hash}), or -1 when invalid or beyond {@code maxBytes}.
   */
  private static long offset(Argv a, int i, boolean hash, int bits, long maxBytes) {
    byte[] b = a.array();
    int off = a.offset(i);
    int len = a.length(i);
    int skip = hash && bits > 0 && len > 0 && b[off] == '#' ? 1 : 0;
    if (!Numbers.isLong(b, off + skip, len - skip)) {
      return -1;
    }
    long v = Numbers.parseLong(b, off + skip, len - skip);
    if (skip == 1) {
      v *= bits;
    }
    return BitOps.validOffset(v, maxBytes) ? v : -1;
  }

  /** The offset at argument {@code i} of SETBIT/GETBIT, or -1 after replying the error. */
  private static long offsetOrReply(Call c, int i, boolean hash, int bits) {
    long v = offset(c.argv(), i, hash, bits, StringArgs.maxStringBytes(c));
    if (v < 0) {
      c.out().error(Errors.BIT_OFFSET);
    }
    return v;
  }

  /** BYTE → false, BIT → true, else null. */
  private static @Nullable Boolean unit(Argv a, int i) {
    return a.is(i, "BIT") ? Boolean.TRUE : a.is(i, "BYTE") ? Boolean.FALSE : null;
  }
}
