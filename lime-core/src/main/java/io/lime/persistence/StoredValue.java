package io.lime.persistence;

import java.util.List;

/**
 * A stored value as a persistence plug-in reads and writes it: the engine's values (compact
 * encodings, mutable, internal classes) copied into plain immutable data, and back. {@link
 * #of(Object)} turns the value {@link SnapshotVisitor#entry} receives into one; {@link
 * PersistenceContext#restore(int, byte[], StoredValue, long)} loads one. Byte strings are
 * binary (arrays are not copied again: do not change them).
 */
public sealed interface StoredValue {
  /** A string. @param value its bytes */
  record StringValue(byte[] value) implements StoredValue {}

  /** A list, head first. @param elements its elements */
  record ListValue(List<byte[]> elements) implements StoredValue {}

  /** A set. @param members its members, in no particular order */
  record SetValue(List<byte[]> members) implements StoredValue {}

  /** A hash. @param fieldsAndValues field, value, field, value ... */
  record HashValue(List<byte[]> fieldsAndValues) implements StoredValue {}

  /** A member of a sorted set. @param member the member @param score its score (never NaN) */
  record ScoredMember(byte[] member, double score) {}

  /** A sorted set. @param members its members with their scores, in score order */
  record SortedSetValue(List<ScoredMember> members) implements StoredValue {}

  /**
   * A value of a custom type ({@code io.lime.command.CustomType}).
   *
   * @param typeName the type's name
   * @param encoded the type's encoding of the value
   */
  record CustomValue(String typeName, byte[] encoded) implements StoredValue {}

  /** Redis's TYPE name: {@code string}, {@code list}, {@code set}, {@code hash}, {@code zset}, or the custom type's. */
  default String typeName() {
    if (this instanceof CustomValue c) {
      return c.typeName();
    }
    return this instanceof StringValue ? "string" : this instanceof ListValue ? "list"
        : this instanceof SetValue ? "set" : this instanceof HashValue ? "hash" : "zset";
  }

  /**
   * A copy of an engine value, as {@link SnapshotVisitor#entry} passes it. Call while the
   * visitor holds it (the shard is locked then); O(N) in the value's size.
   *
   * @throws IllegalArgumentException if {@code engineValue} is not an engine value
   */
  static StoredValue of(Object engineValue) {
    return io.lime.internal.persistence.StoredValues.export(engineValue);
  }
}
