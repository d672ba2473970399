package io.lime.internal.type;

import io.lime.resp.Argv;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The byte-string arguments a key-level operation takes (the members of SADD, the source keys
 * of SUNIONSTORE ...), from either door, read in place: a range of a RESP {@link Argv} (no
 * copy: slices of its arena) or the caller's Java arrays (the typed door, whole arrays). An
 * operation reads argument {@code i} as {@code array(i)[offset(i) .. offset(i)+length(i))}.
 *
 * <p>Allocation. The RESP door reuses one instance per connection ({@code Call.args}),
 * re-aimed with {@link #over} for each command, so a command allocates nothing; the typed door
 * wraps its arrays with {@link #of}. Valid only while what it points into is unchanged.
 *
 * <p>Thread-safety: none; an instance belongs to the thread that aimed it.
 */
public final class ByteArgs {
  private @Nullable Argv argv;
  private byte @Nullable [][] arrays;
  private int first;
  private int size;

  /** An empty instance, to be aimed with {@link #over}. */
  public ByteArgs() {}

  /** The whole arrays {@code arrays} (not copied; none may be null). */
  public static ByteArgs of(byte[]... arrays) {
    ByteArgs a = new ByteArgs();
    a.arrays = arrays;
    a.size = arrays.length;
    return a;
  }

  /** Points this instance at arguments {@code first .. end-1} of {@code a}; returns it. */
  public ByteArgs over(Argv a, int first, int end) {
    this.argv = a;
    this.arrays = null;
    this.first = first;
    this.size = end - first;
    return this;
  }

  /** The number of arguments. */
  public int size() {
    return size;
  }

  /** The array holding argument {@code i} (not a copy; do not modify). */
  public byte[] array(int i) {
    return argv != null ? argv.array() : arrays[i];
  }

  /** Where argument {@code i} starts in {@link #array(int)}. */
  public int offset(int i) {
    return argv != null ? argv.offset(first + i) : 0;
  }

  /** The length of argument {@code i}. */
  public int length(int i) {
    return argv != null ? argv.length(first + i) : arrays[i].length;
  }

  /** A fresh copy of argument {@code i}. */
  public byte[] copy(int i) {
    int off = offset(i);
    return Arrays.copyOfRange(array(i), off, off + length(i));
  }

  /** Fresh copies of all the arguments (a propagated form keeps them). */
  public byte[][] copies() {
    byte[][] out = new byte[size][];
    for (int i = 0; i < size; i++) {
      out[i] = copy(i);
    }
    return out;
  }

  /** Fresh copies of arguments {@code first..} of {@code a}. */
  public static byte[][] copies(Argv a, int first) {
    return new ByteArgs().over(a, first, a.size()).copies();
  }
}
