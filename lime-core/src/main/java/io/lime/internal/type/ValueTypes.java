package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Entry;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the generic key operations need to know about any stored value: its Redis type name,
 * its encoding, how to deep-copy it (COPY) and whether Redis would hold it as a shared
 * object (OBJECT REFCOUNT). One switch over the value families ({@link #family}); each new
 * type adds its family here.
 */
final class ValueTypes {
  private ValueTypes() {}

  /** The value families, with what each answers for OBJECT ENCODING and COPY. */
  private enum Family {
    STRING("string", StringType::encoding, StringType::duplicate),
    LIST("list", v -> ListType.ENCODING, v -> ((ListValue) v).duplicate()),
    ZSET("zset", SortedSetType::encoding, SortedSetType::duplicate),
    SET("set", SetType::encoding, SetType::duplicate),
    HASH("hash", HashType::encoding, HashType::duplicate),
    STREAM("stream", v -> StreamType.ENCODING, StreamType::duplicate),
    CUSTOM("", v -> CustomValue.ENCODING, v -> ((CustomValue) v).duplicate());

    final String typeName;
    final Function<Object, String> encoding;
    final UnaryOperator<Object> duplicate;

    Family(String typeName, Function<Object, String> encoding, UnaryOperator<Object> duplicate) {
      this.typeName = typeName;
      this.encoding = encoding;
      this.duplicate = duplicate;
    }
  }

  /** The one switch over the value families (sorted sets tested before sets). */
  private static Family family(Object value) {
    return StringType.isString(value) ? Family.STRING
        : ListType.isList(value) ? Family.LIST
        : SortedSetType.isSortedSet(value) ? Family.ZSET
        : SetType.isSet(value) ? Family.SET
        : HashType.isHash(value) ? Family.HASH
        : StreamType.isStream(value) ? Family.STREAM
        : value instanceof CustomValue ? Family.CUSTOM
        : unknown(value);
  }

  private static Family unknown(Object value) {
    throw new IllegalStateException("unknown value class " + value.getClass().getName());
  }

  /**
   * The value of a looked-up entry as a {@code type} (Redis's checkType): null when {@code e}
   * is null (the key is absent). Inlined, the class test is a plain {@code instanceof}.
   *
   * @throws WrongTypeException if the entry holds another type
   */
  static <T> @Nullable T valueAs(@Nullable Entry e, Class<T> type) {
    if (e == null) {
      return null;
    }
    Object value = e.value();
    if (!type.isInstance(value)) {
      throw new WrongTypeException();
    }
    return type.cast(value);
  }

  /** Redis's type name: {@code string}, {@code list}, {@code set}, {@code zset}, {@code hash}, {@code stream}. */
  static String typeName(Object value) {
    return value instanceof CustomValue c ? c.type().name() : family(value).typeName;
  }

  /** OBJECT ENCODING's answer for a value. */
  static String encoding(Object value) {
    return family(value).encoding.apply(value);
  }

  /** A copy of a value that shares no mutable state with it (Redis's dup*Object for COPY). */
  static Object duplicate(Object value) {
    return family(value).duplicate.apply(value);
  }

  /**
   * Whether Redis would store this value as one of its shared integer objects (a string
   * holding an integer in [0, 10000) with the {@code int} encoding), whose OBJECT REFCOUNT
   * is {@code INT_MAX}.
   */
  static boolean isSharedInteger(Object value) {
    return StringType.isString(value) && StringType.isSharedInteger(value);
  }
}
