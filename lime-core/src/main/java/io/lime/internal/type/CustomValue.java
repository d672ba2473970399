package io.lime.internal.type;

import io.lime.command.CustomType;

/**
 * A value of a {@link CustomType} under a key: the type (whose name TYPE reports) and the
 * Java value. Mutable values are changed only by commands holding the key's shard lock.
 *
 * @param type the registered type
 * @param value an instance of {@code type.javaType()}
 */
public record CustomValue(CustomType<?> type, Object value) {
  /** OBJECT ENCODING of every custom value, as Redis's module values. */
  static final String ENCODING = "raw";

  /** A copy sharing no mutable state (COPY). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  CustomValue duplicate() {
    return new CustomValue(type, ((CustomType) type).copy(value));
  }

  /** The value as {@code t}'s class; the caller checked that {@code type() == t}. */
  public <T> T as(CustomType<T> t) {
    return t.javaType().cast(value);
  }
}
