package io.lime.command;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A custom value type: Java values of class {@code T} stored under keys by {@link
 * CustomCommand}s, reported by {@code TYPE} (and {@code SCAN ... TYPE}) as {@link #name()},
 * like a Redis module's data type. {@code OBJECT ENCODING} reports {@code raw}.
 *
 * <p>Persistence: the append-only file holds the commands that built the value, so it needs
 * nothing from the type. An RDB snapshot (or an RDB-preamble AOF rewrite) stores the value
 * as {@link #encode}'s bytes under Redis's module-type record (type 7, the 9-character name
 * as Redis encodes module type ids, encoding version {@link #version()}): a server without
 * the type registered, LIME or Redis, refuses to load it rather than losing it silently.
 *
 * <p>Immutable and thread-safe; the functions must be too.
 *
 * @param <T> the Java class of the values
 */
public final class CustomType<T> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{9}");

  private final String name;
  private final int version;
  private final Class<T> javaType;
  private final Function<T, byte[]> encoder;
  private final Function<byte[], T> decoder;
  private final UnaryOperator<T> copier;

  private CustomType(String name, int version, Class<T> javaType, Function<T, byte[]> encoder,
      Function<byte[], T> decoder, UnaryOperator<T> copier) {
    this.name = name;
    this.version = version;
    this.javaType = javaType;
    this.encoder = encoder;
    this.decoder = decoder;
    this.copier = copier;
  }

  /**
   * A type.
   *
   * @param name exactly 9 characters of {@code A-Z a-z 0-9 _ -}, as a Redis module type name
   *     (e.g. {@code "ReJSON-RL"}); what TYPE reports
   * @param javaType the class of the values
   * @param encoder the value as bytes, for snapshots
   * @param decoder the inverse of {@code encoder}; throws {@link IllegalArgumentException} for
   *     bytes it cannot decode (the load then fails naming the key)
   * @param copier a copy sharing no mutable state (COPY), or {@code v -> v} for immutable values
   * @throws IllegalArgumentException if the name is not 9 such characters
   */
  public static <T> CustomType<T> of(String name, Class<T> javaType, Function<T, byte[]> encoder,
      Function<byte[], T> decoder, UnaryOperator<T> copier) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a custom type name is 9 characters of A-Z a-z 0-9 _ -: '"
          + name + "'");
    }
    return new CustomType<>(name, 0, Objects.requireNonNull(javaType),
        Objects.requireNonNull(encoder), Objects.requireNonNull(decoder),
        Objects.requireNonNull(copier));
  }

  /**
   * This type with encoding version {@code v} (0 to 1023, Redis's encver), stored with each
   * snapshot record and checked on load.
   *
   * @throws IllegalArgumentException if {@code v} is outside 0..1023
   */
  public CustomType<T> version(int v) {
    if (v < 0 || v > 1023) {
      throw new IllegalArgumentException("encoding version out of 0..1023: " + v);
    }
    return new CustomType<>(name, v, javaType, encoder, decoder, copier);
  }

  /** The name TYPE reports. */
  public String name() { return name; }

  /** The encoding version of snapshot records. */
  public int version() { return version; }

  /** The Java class of the values. */
  public Class<T> javaType() { return javaType; }

  /** The value as bytes. */
  public byte[] encode(T value) { return encoder.apply(value); }

  /**
   * The value of {@code bytes}.
   *
   * @throws IllegalArgumentException if they do not decode
   */
  public T decode(byte[] bytes) { return decoder.apply(bytes); }

  /** A copy of {@code value} sharing no mutable state. */
  public T copy(T value) { return copier.apply(value); }

  @Override
  public String toString() {
    return "CustomType[" + name + "]";
  }
}
