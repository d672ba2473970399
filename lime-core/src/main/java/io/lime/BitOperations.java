package io.lime;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Bitmaps and bit fields on string values, as typed Java calls with the behaviour of Redis
 * 7.0's SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO. Part of
 * {@link StringOperations}: a bitmap is an ordinary string, GET returns its bytes.
 *
 * <p><b>Bits</b> are numbered from the most significant bit of the first byte. Reading
 * beyond the end of a string (or a missing key) reads zeros; writing beyond it extends the
 * string with zero bytes. An integer-encoded string is read as its decimal text and becomes
 * an ordinary string when written.
 *
 * <p><b>Limits:</b> a bit offset's byte must be below the store's {@code proto-max-bulk-len}
 * (512 MiB by default), as for the commands.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; each call is atomic (BITOP over all its
 * keys).
 *
 * <p><b>Nullness:</b> no parameter may be null ({@link NullPointerException}).
 *
 * <p><b>Errors:</b> {@link WrongTypeException} when a key holds a value of another type
 * (nothing is changed); {@link IllegalArgumentException} for offsets Redis would reject
 * (negative, or beyond the limit), carrying Redis's error text.
 *
 * <p><b>Complexity:</b> O(1) for single bits and bit fields; O(N) in the bytes scanned for
 * {@link #bitCount} and {@link #bitPos}, in the longest source for {@link #bitOp}.
 */
public interface BitOperations {

  /** The unit of a BITCOUNT or BITPOS range. */
  enum Unit { BYTE, BIT }

  /** A BITOP operation. */
  enum Op { AND, OR, XOR, NOT }

  /**
   * SETBIT: sets ({@code true}) or clears the bit at {@code offset}, creating or extending
   * the string, and returns the previous bit.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if the offset is negative or beyond the limit
   */
  boolean setBit(byte[] key, long offset, boolean value);

  /** {@link #setBit(byte[], long, boolean)} with a UTF-8 key. */
  default boolean setBit(String key, long offset, boolean value) {
    return setBit(Utf8.bytes(key), offset, value);
  }

  /**
   * GETBIT: the bit at {@code offset} (false beyond the end or for a missing key).
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if the offset is negative or beyond the limit
   */
  boolean getBit(byte[] key, long offset);

  /** {@link #getBit(byte[], long)} with a UTF-8 key. */
  default boolean getBit(String key, long offset) { return getBit(Utf8.bytes(key), offset); }

  /**
   * BITCOUNT: the number of set bits in the string (0 for a missing key).
   *
   * @throws WrongTypeException if the key holds another type
   */
  long bitCount(byte[] key);

  /** {@link #bitCount(byte[])} with a UTF-8 key. */
  default long bitCount(String key) { return bitCount(Utf8.bytes(key)); }

  /**
   * BITCOUNT key start end BYTE|BIT: the set bits between {@code start} and {@code end}
   * inclusive, in bytes or bits, negative indexes counting from the end.
   *
   * @throws WrongTypeException if the key holds another type
   */
  long bitCount(byte[] key, long start, long end, Unit unit);

  /**
   * BITPOS: the position of the first bit equal to {@code bit}; -1 when looking for a set
   * bit that is not there; for a clear bit in an all-ones string, the first bit after it
   * (0 for a missing key).
   *
   * @throws WrongTypeException if the key holds another type
   */
  long bitPos(byte[] key, boolean bit);

  /**
   * BITPOS key bit start [end] BYTE|BIT: as {@link #bitPos(byte[], boolean)} within a range
   * (null {@code end}: to the end of the string); -1 when the range holds no such bit and an
   * end was given.
   *
   * @throws WrongTypeException if the key holds another type
   */
  long bitPos(byte[] key, boolean bit, long start, @Nullable Long end, Unit unit);

  /**
   * BITOP: stores the bitwise {@code op} of the {@code sources} (missing keys and shorter
   * strings count as zero bytes) in {@code destination}, replacing any value and expiry, or
   * deletes {@code destination} when the result is empty; returns the result's length.
   *
   * @throws WrongTypeException if a source holds another type (nothing is changed)
   * @throws IllegalArgumentException without sources, or with NOT over more than one
   */
  long bitOp(Op op, byte[] destination, byte[]... sources);

  /**
   * BITFIELD: runs {@code ops} in order on the string at {@code key} and returns one result
   * per GET, SET and INCRBY operation (none for OVERFLOW): the value read, the previous
   * value, the new value, or null when an OVERFLOW FAIL refused the write. A program that
   * writes creates the key, or extends it, to the highest bit it writes.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if an offset is beyond the limit
   */
  List<@Nullable Long> bitField(byte[] key, BitFieldOp... ops);

  /**
   * BITFIELD_RO: runs GET operations only.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if an operation is not a GET or an offset is beyond the
   *     limit
   */
  List<Long> bitFieldReadOnly(byte[] key, BitFieldOp... ops);
}
