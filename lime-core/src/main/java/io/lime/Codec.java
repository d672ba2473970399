package io.lime;

import java.nio.charset.StandardCharsets;

/**
 * Turns an application's values (or keys) into the bytes LIME stores and back: what lets a
 * {@link LimeCache} hold an application's own types. {@link #string()} (UTF-8) and
 * {@link #bytes()} are built in; a JSON codec over any JSON library is a few lines (see
 * {@code lime-examples}'s {@code JsonCodecExample}).
 *
 * <p>Contract: {@code decode(encode(v))} equals {@code v}; both methods are pure and
 * thread-safe (called concurrently from any thread, and by removal notifications on the
 * listener executor), never return null and may throw an unchecked exception for input they
 * cannot handle, which propagates to the cache's caller. Encoded keys compare by their
 * bytes, so a key codec must encode equal keys to equal bytes.
 *
 * @param <T> the application type
 */
public interface Codec<T> {
  /** The bytes to store for {@code value}; never null. */
  byte[] encode(T value);

  /** The value stored as {@code bytes}; never null. */
  T decode(byte[] bytes);

  /** UTF-8 text. */
  static Codec<String> string() {
    return Builtin.STRING;
  }

  /**
   * Byte arrays, as they are: the cache keeps its own copy of what it stores and hands out
   * a fresh array on each read, so callers may modify theirs.
   */
  static Codec<byte[]> bytes() {
    return Builtin.BYTES;
  }

  /** The built-in codecs. */
  final class Builtin {
    private Builtin() {}

    static final Codec<String> STRING = new Codec<>() {
      @Override public byte[] encode(String value) { return value.getBytes(StandardCharsets.UTF_8); }

      @Override public String decode(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
    };

    static final Codec<byte[]> BYTES = new Codec<>() {
      @Override public byte[] encode(byte[] value) { return value.clone(); }

      @Override public byte[] decode(byte[] bytes) { return bytes; }
    };
  }
}
