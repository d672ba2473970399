package io.lime.command;

import org.jspecify.annotations.Nullable;

/**
 * A key of a running {@link CustomCommand}, its shard locked by the command. Reads do lazy
 * expiry as Redis's lookups; writes count as changes (so the command is written to the
 * append-only file) and invalidate {@code WATCH}es of the key. {@link #setString} and {@link
 * #delete} publish the keyspace events of SET and DEL; {@link #setValue} publishes none:
 * call {@link #event}, as a Redis module does. Valid only during the command; not
 * thread-safe.
 */
public interface CustomKey {
  /** The key's bytes (a copy). */
  byte[] name();

  /** Whether the key exists (an expired key does not). */
  boolean exists();

  /**
   * What {@code TYPE} answers: {@code none}, {@code string}, {@code list}, {@code set},
   * {@code zset}, {@code hash}, or a custom type's {@linkplain CustomType#name() name}.
   */
  String type();

  /**
   * The string value, or null when the key does not exist.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  byte @Nullable [] getString();

  /** Stores a string value over whatever the key holds; removes its expiry (as SET). */
  void setString(byte[] value);

  /**
   * The value of custom type {@code type}, or null when the key does not exist.
   *
   * @throws io.lime.WrongTypeException if the key holds anything else
   */
  <T> @Nullable T getValue(CustomType<T> type);

  /**
   * Stores {@code value} as a value of {@code type} over whatever the key holds; removes its
   * expiry. The value is kept as given (not copied): do not change it outside a command.
   *
   * @throws IllegalArgumentException if {@code type} is not registered with the server
   */
  <T> void setValue(CustomType<T> type, T value);

  /** Deletes the key; returns whether it existed. */
  boolean delete();

  /** Milliseconds to live: -1 without expiry, -2 when the key does not exist (as PTTL). */
  long ttlMillis();

  /**
   * Publishes keyspace event {@code event} for this key (when {@code notify-keyspace-events}
   * enables its class), as Redis's notifyKeyspaceEvent.
   *
   * @param eventClass the class letter of {@code notify-keyspace-events}: {@code 'd'} (module
   *     events), {@code 'g'} (generic), {@code '$'}, {@code 'l'}, {@code 's'}, {@code 'h'},
   *     {@code 'z'}
   * @throws IllegalArgumentException if {@code eventClass} is not one of those
   */
  void event(char eventClass, String event);
}
