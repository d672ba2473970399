package io.lime.internal.type;

import java.util.Arrays;

/**
 * A string value in Redis's {@code raw} encoding that is modified in place: the result of
 * APPEND and SETRANGE (Redis's sds with spare capacity). The first {@link #length()} bytes
 * of {@link #array()} are the value; the rest is room to grow.
 *
 * <p>Growth follows Redis's sdsMakeRoomFor greedy policy, so a run of APPENDs is amortised
 * O(1): below 1 MiB the capacity doubles the needed length, above it grows by 1 MiB more.
 *
 * <p>Not thread-safe: guarded by the lock of the shard whose entry holds it. See
 * {@link StringType} for the other string representations.
 */
public final class StringValue implements io.lime.internal.engine.MemorySized {
  /** Redis's SDS_MAX_PREALLOC: above this, grow by this much instead of doubling. */
  static final int MAX_PREALLOC_BYTES = 1024 * 1024;

  private byte[] buf;
  private int length;

  /** Takes ownership of {@code buf}, whose first {@code length} bytes are the value. */
  StringValue(byte[] buf, int length) {
    this.buf = buf;
    this.length = length;
  }

  /** The holder and its buffer, spare capacity included (Redis counts an sds's allocation). */
  @Override
  public long memoryBytes() {
    return io.lime.internal.engine.MemoryLayout.object(8) + io.lime.internal.engine.MemoryLayout.byteArray(buf.length);
  }

  /** Length of the value in bytes. */
  public int length() {
    return length;
  }

  /** The buffer; the value is its first {@link #length()} bytes. Do not modify. */
  public byte[] array() {
    return buf;
  }

  /** A copy of the value. */
  byte[] toBytes() {
    return Arrays.copyOf(buf, length);
  }

  /** Appends {@code len} bytes of {@code b} from {@code off}. */
  void append(byte[] b, int off, int len) {
    ensure((long) length + len);
    System.arraycopy(b, off, buf, length, len);
    length += len;
  }

  /**
   * Writes {@code len} bytes of {@code b} at {@code offset}, padding with zero bytes when
   * {@code offset} is beyond the end (sdsgrowzero + memcpy).
   */
  void setRange(int offset, byte[] b, int off, int len) {
    long end = (long) offset + len;
    if (end > length) {
      ensure(end);
      // bytes between the old length and the new end are already zero: the spare capacity
      // is kept zeroed (growth copies into a fresh array; truncation never happens)
      length = (int) end;
    }
    System.arraycopy(b, off, buf, offset, len);
  }

  /**
   * Extends the value with zero bytes to at least {@code length} bytes (Redis's sdsgrowzero);
   * returns how many bytes were added.
   */
  int growZero(int length) {
    if (length <= this.length) {
      return 0;
    }
    ensure(length);
    int added = length - this.length;
    this.length = length; // spare capacity is kept zeroed
    return added;
  }

  /** Makes room for at least {@code capacity} bytes (the spare kept zeroed). */
  void reserve(int capacity) {
    ensure(capacity);
  }

  /**
   * Sets the length after the caller changed the bytes in place; bytes between a shorter new
   * length and the old one are zeroed, keeping the spare capacity zeroed.
   */
  void length(int newLength) {
    if (newLength < length) {
      Arrays.fill(buf, newLength, length, (byte) 0);
    }
    length = newLength;
  }

  /** Replaces the whole content: takes ownership of {@code buf}, spare bytes zero. */
  void replace(byte[] buf, int length) {
    this.buf = buf;
    this.length = length;
  }

  private void ensure(long needed) {
    if (needed <= buf.length) {
      return;
    }
    long capacity = needed < MAX_PREALLOC_BYTES ? needed * 2 : needed + MAX_PREALLOC_BYTES;
    capacity = Math.min(capacity, Integer.MAX_VALUE - 16);
    if (needed > capacity) {
      throw new OutOfMemoryError("string of " + needed + " bytes");
    }
    buf = Arrays.copyOf(buf, (int) capacity);
  }
}
