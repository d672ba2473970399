package io.lime;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The type of the value a key holds, as Redis's TYPE command names it. */
public enum KeyType {
  /** A string (also integers and floats stored as strings). */
  STRING,
  /** A list. */
  LIST,
  /** A set. */
  SET,
  /** A sorted set ({@code zset}). */
  ZSET,
  /** A hash. */
  HASH,
  /** A stream. */
  STREAM,
  /** No such key (TYPE's {@code none}). */
  NONE,
  /**
   * A value of a custom type registered from Java ({@link io.lime.command.CustomType}): TYPE
   * replies the type's own name, not {@link #redisName()}.
   */
  CUSTOM;

  /** The name TYPE replies: {@code string}, {@code list}, ..., {@code none}. */
  public String redisName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant for a TYPE name (ignoring ASCII case), or null when there is none. */
  public static @Nullable KeyType fromRedisName(String name) {
    for (KeyType t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }
}
