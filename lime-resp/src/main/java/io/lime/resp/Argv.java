package io.lime.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one command, as a flyweight over a reusable byte arena.
 *
 * <p>The parser fills one {@code Argv} per connection and reuses it for every command, so
 * reading an argument allocates nothing; {@link #copy(int)} makes the one copy a handler
 * needs when it stores an argument. An {@code Argv} handed to a handler is valid only until
 * the handler returns.
 *
 * <p>Not thread-safe.
 */
public final class Argv {
  /** Largest arena the JVM can hold; a command whose arguments exceed it cannot be represented. */
  static final int MAX_ARENA_BYTES = Integer.MAX_VALUE - 16;

  private byte[] data;
  private int[] offsets;
  private int[] lengths;
  private int size;
  private int used;

  /** Creates an empty argv with small initial capacity. */
  public Argv() {
    this(16, 256);
  }

  /** Creates an empty argv with the given initial capacities. */
  public Argv(int argCapacity, int byteCapacity) {
    this.data = new byte[Math.max(16, byteCapacity)];
    this.offsets = new int[Math.max(4, argCapacity)];
    this.lengths = new int[Math.max(4, argCapacity)];
  }

  /** Builds an argv holding the UTF-8 bytes of each string (tests, AOF loading, tools). */
  public static Argv of(String... args) {
    Argv a = new Argv(args.length, 64);
    for (String s : args) {
      a.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return a;
  }

  /** Builds an argv holding a copy of each byte array. */
  public static Argv ofBytes(byte[]... args) {
    Argv a = new Argv(args.length, 64);
    for (byte[] b : args) {
      a.add(b);
    }
    return a;
  }

  /** Number of arguments, the command name included. */
  public int size() {
    return size;
  }

  /** Length in bytes of argument {@code i}. */
  public int length(int i) {
    return lengths[i];
  }

  /** Offset of argument {@code i} in {@link #array()}. */
  public int offset(int i) {
    return offsets[i];
  }

  /**
   * The arena holding every argument; argument {@code i} is
   * {@code array()[offset(i) .. offset(i)+length(i))}. Valid until the next mutation.
   */
  public byte[] array() {
    return data;
  }

  /** A fresh copy of argument {@code i}. */
  public byte[] copy(int i) {
    return Arrays.copyOfRange(data, offsets[i], offsets[i] + lengths[i]);
  }

  /** Argument {@code i} decoded as UTF-8 (slow path: errors, config, admin commands). */
  public String string(int i) {
    return new String(data, offsets[i], lengths[i], StandardCharsets.UTF_8);
  }

  /**
   * Whether argument {@code i} equals {@code upperAscii} ignoring ASCII case;
   * {@code upperAscii} must be upper-case ASCII.
   */
  public boolean is(int i, byte[] upperAscii) {
    int len = lengths[i];
    if (len != upperAscii.length) {
      return false;
    }
    int off = offsets[i];
    for (int k = 0; k < len; k++) {
      int c = data[off + k];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upperAscii[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether argument {@code i} equals {@code upperAscii} (an upper-case ASCII string) ignoring case. */
  public boolean is(int i, String upperAscii) {
    int len = lengths[i];
    if (len != upperAscii.length()) {
      return false;
    }
    int off = offsets[i];
    for (int k = 0; k < len; k++) {
      int c = data[off + k];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upperAscii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Removes every argument, keeping the capacity. */
  public void clear() {
    size = 0;
    used = 0;
  }

  /** Appends a copy of {@code b} as a new argument. */
  public void add(byte[] b) {
    add(b, 0, b.length);
  }

  /** Appends a copy of {@code len} bytes of {@code b} from {@code off} as a new argument. */
  public void add(byte[] b, int off, int len) {
    int at = reserve(len);
    System.arraycopy(b, off, data, at, len);
  }

  /**
   * Starts a new argument of {@code len} bytes and returns its offset in {@link #array()}
   * (call {@code array()} again afterwards: the arena may have grown); the caller fills it.
   */
  public int reserve(int len) {
    int at = beginArg();
    ensureBytes(len);
    endArg(len);
    return at;
  }

  /**
   * Ensures the arena can take {@code extra} more bytes without growing.
   *
   * @throws IllegalStateException if the arena would exceed {@code Integer.MAX_VALUE - 16} bytes
   */
  public void ensureBytes(int extra) {
    growBytes(extra, Long.MAX_VALUE);
  }

  /**
   * Ensures room for {@code extra} more bytes, growing by doubling but never beyond
   * {@code used + expected} bytes unless {@code extra} itself needs more: the parser passes the
   * declared remaining length of a bulk so the arena follows the bytes that actually arrived.
   */
  void growBytes(int extra, long expected) {
    long need = (long) used + extra;
    if (need <= data.length) {
      return;
    }
    if (need > MAX_ARENA_BYTES) {
      throw new IllegalStateException("argv arena would exceed " + MAX_ARENA_BYTES + " bytes");
    }
    long ceiling = expected >= MAX_ARENA_BYTES ? MAX_ARENA_BYTES : used + Math.max(extra, expected);
    long doubled = Math.min((long) data.length * 2, ceiling);
    long n = Math.min(Math.max(need, doubled), MAX_ARENA_BYTES);
    data = Arrays.copyOf(data, (int) n);
  }

  /** Bytes used by all arguments together. */
  int usedBytes() {
    return used;
  }

  /** Current arena capacity in bytes (tests assert the parser never grows it ahead of input). */
  int byteCapacity() {
    return data.length;
  }

  /** Current capacity of the offset/length tables. */
  int argCapacity() {
    return offsets.length;
  }

  /**
   * Starts a new empty argument at the end of the arena and returns its offset; the caller
   * fills {@link #array()} from there (after ensuring room) and calls {@link #endArg(int)}.
   */
  int beginArg() {
    if (size == offsets.length) {
      int n = size * 2;
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
    }
    offsets[size] = used;
    lengths[size] = 0;
    size++;
    return used;
  }

  /** Closes the argument opened by {@link #beginArg()} with its final length. */
  void endArg(int length) {
    lengths[size - 1] = length;
    used = offsets[size - 1] + length;
  }

  /**
   * Appends {@code len} bytes from {@code src} (advancing it) to the last argument, which must
   * be the last one in the arena; {@code expected} is how many bytes the argument still awaits.
   */
  void appendToLast(ByteBuffer src, int len, long expected) {
    growBytes(len, expected);
    src.get(data, used, len);
    used += len;
    lengths[size - 1] += len;
  }

  /** As {@link #appendToLast(ByteBuffer, int, long)} from an array, the whole rest at once. */
  void appendToLast(byte[] src, int from, int len) {
    growBytes(len, len);
    System.arraycopy(src, from, data, used, len);
    used += len;
    lengths[size - 1] += len;
  }

  /** Copies every argument into a new array of arrays (slow path, e.g. transaction queues). */
  public byte[][] toArrays() {
    byte[][] out = new byte[size][];
    for (int i = 0; i < size; i++) {
      out[i] = copy(i);
    }
    return out;
  }

  /** Replaces the contents with a copy of {@code other}. */
  public void copyFrom(Argv other) {
    clear();
    for (int i = 0; i < other.size; i++) {
      add(other.data, other.offsets[i], other.lengths[i]);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(string(i));
    }
    return sb.append(']').toString();
  }
}
