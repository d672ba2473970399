package io.lime.internal.type;

/**
 * What the generic key operations need to know about any stored value: its Redis type name,
 * its encoding, how to deep-copy it (COPY) and whether Redis would hold it as a shared
 * object (OBJECT REFCOUNT). One switch per question over the value families; each new type
 * (list, set, hash, zset) adds its case here.
 */
final class ValueTypes {
  private ValueTypes() {}

  /** Redis's type name: {@code string}, {@code list}, {@code set}, {@code zset}, {@code hash}. */
  static String typeName(Object value) {
    if (StringType.isString(value)) {
      return "string";
    }
    if (ListType.isList(value)) {
      return "list";
    }
    if (SortedSetType.isZSet(value)) {
      return "zset";
    }
    if (SetType.isSet(value)) {
      return "set";
    }
    if (HashType.isHash(value)) {
      return "hash";
    }
    throw unknown(value);
  }

  /** OBJECT ENCODING's answer for a value. */
  static String encoding(Object value) {
    if (StringType.isString(value)) {
      return StringType.encoding(value);
    }
    if (ListType.isList(value)) {
      return ListType.ENCODING;
    }
    if (SortedSetType.isZSet(value)) {
      return SortedSetType.encoding(value);
    }
    if (SetType.isSet(value)) {
      return SetType.encoding(value);
    }
    if (HashType.isHash(value)) {
      return HashType.encoding(value);
    }
    throw unknown(value);
  }

  /** A copy of a value that shares no mutable state with it (Redis's dup*Object for COPY). */
  static Object duplicate(Object value) {
    if (StringType.isString(value)) {
      return StringType.duplicate(value);
    }
    if (value instanceof ListValue l) {
      return l.duplicate();
    }
    if (SortedSetType.isZSet(value)) {
      return SortedSetType.duplicate(value);
    }
    if (SetType.isSet(value)) {
      return SetType.duplicate(value);
    }
    if (HashType.isHash(value)) {
      return HashType.duplicate(value);
    }
    throw unknown(value);
  }

  /**
   * Whether Redis would store this value as one of its shared integer objects (a string
   * holding an integer in [0, 10000) with the {@code int} encoding), whose OBJECT REFCOUNT
   * is {@code INT_MAX}.
   */
  static boolean isSharedInteger(Object value) {
    return StringType.isString(value) && StringType.isSharedInteger(value);
  }

  private static IllegalStateException unknown(Object value) {
    return new IllegalStateException("unknown value class " + value.getClass().getName());
  }
}
