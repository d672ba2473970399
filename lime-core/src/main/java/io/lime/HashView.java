package io.lime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hash stored at one key of a {@link KeyValueStore} (Redis's hash commands, same
 * semantics, without RESP): obtained from {@link KeyValueStore#hash(String)}, it names the
 * key and holds no data, so it may be kept and reused; every call acts on the key's current
 * value.
 *
 * <pre>{@code
 * HashView user = store.hash("user:42");
 * user.put("name", "Ada");
 * user.incrBy("visits", 1);
 * Map<String, String> all = user.getAll();   // {name=Ada, visits=1}
 * }</pre>
 *
 * <p><b>Semantics.</b> As Redis 7.0: writing to a missing key creates the hash; removing
 * the last field removes the key. Small hashes keep insertion order ({@code listpack}
 * encoding: at most {@code hash-max-listpack-entries} fields, none longer than
 * {@code hash-max-listpack-value}); larger ones have no defined order. Every method on a key
 * holding another type throws {@link WrongTypeException} and changes nothing.
 *
 * <p><b>Bytes and strings.</b> Fields and values are bytes. The {@code String} forms encode
 * as UTF-8 and decode returned bytes as UTF-8 (replacing invalid sequences); binary data
 * should use the {@code byte[]} forms. Returned arrays are fresh copies.
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use; each call is atomic with respect to every
 * other operation on the key. Complexities are those of the Redis command named.
 *
 * <p><b>Nullness.</b> Arguments must not be null; a null argument throws
 * {@link NullPointerException}. Expired keys are absent.
 */
public interface HashView {

  /** One step of {@link #scan}: the cursor to continue from (0 when complete) and pairs. */
  record ScanPage(long cursor, List<Map.Entry<byte[], byte[]>> entries) {
    /** Defensive copy of the list. */
    public ScanPage {
      entries = List.copyOf(entries);
    }

    /** Whether the scan is complete. */
    public boolean isComplete() {
      return cursor == 0;
    }
  }

  /** The key this view acts on (a copy). */
  byte[] key();

  /**
   * Sets a field (HSET with one pair). O(1).
   *
   * @return true if the field is new, false if an existing value was replaced
   * @throws WrongTypeException if the key holds another type
   */
  boolean put(byte[] field, byte[] value);

  /** UTF-8 form of {@link #put(byte[], byte[])}. */
  default boolean put(String field, String value) {
    return put(Utf8.bytes(field), Utf8.bytes(value));
  }

  /**
   * Sets several fields at once (HSET with many pairs; iteration order of the map is the
   * order of insertion). An empty map changes nothing. O(N).
   *
   * @return how many of the fields were new
   * @throws WrongTypeException if the key holds another type
   */
  long putAll(Map<String, String> entries);

  /**
   * Sets a field only when it does not exist (HSETNX). O(1).
   *
   * @return true if the field was set
   * @throws WrongTypeException if the key holds another type
   */
  boolean putIfAbsent(byte[] field, byte[] value);

  /** UTF-8 form of {@link #putIfAbsent(byte[], byte[])}. */
  default boolean putIfAbsent(String field, String value) {
    return putIfAbsent(Utf8.bytes(field), Utf8.bytes(value));
  }

  /**
   * A field's value (HGET). O(1).
   *
   * @return the value, or null when the field or the key is absent
   * @throws WrongTypeException if the key holds another type
   */
  byte @Nullable [] get(byte[] field);

  /** UTF-8 form of {@link #get(byte[])}. */
  default @Nullable String get(String field) { return Utf8.string(get(Utf8.bytes(field))); }

  /**
   * Several fields' values (HMGET), in argument order, null for absent ones. O(N).
   *
   * @throws WrongTypeException if the key holds another type
   */
  List<byte @Nullable []> getMany(byte[]... fields);

  /** UTF-8 form of {@link #getMany(byte[]...)}. */
  default List<@Nullable String> getMany(String... fields) {
    return Collections.unmodifiableList(Utf8.strings(getMany(Utf8.bytes(fields))));
  }

  /**
   * Every field and value (HGETALL), in the hash's order; empty for a missing key. O(N).
   * The pairs of {@link #entries()}, decoded as UTF-8.
   *
   * @return an unmodifiable insertion-ordered map
   * @throws WrongTypeException if the key holds another type
   */
  default Map<String, String> getAll() {
    Map<String, String> out = new LinkedHashMap<>();
    entries().forEach(e -> out.put(Utf8.string(e.getKey()), Utf8.string(e.getValue())));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Every pair as bytes (HGETALL), in the hash's order. O(N).
   *
   * @throws WrongTypeException if the key holds another type
   */
  List<Map.Entry<byte[], byte[]>> entries();

  /**
   * Every field (HKEYS), in the hash's order: {@link #keyBytes()} decoded as UTF-8. O(N).
   *
   * @return an unmodifiable list
   * @throws WrongTypeException if the key holds another type
   */
  default List<String> keys() { return Collections.unmodifiableList(Utf8.strings(keyBytes())); }

  /** Byte form of {@link #keys()}. */
  List<byte[]> keyBytes();

  /**
   * Every value (HVALS), in the hash's order: {@link #valueBytes()} decoded as UTF-8. O(N).
   *
   * @return an unmodifiable list
   * @throws WrongTypeException if the key holds another type
   */
  default List<String> values() { return Collections.unmodifiableList(Utf8.strings(valueBytes())); }

  /** Byte form of {@link #values()}. */
  List<byte[]> valueBytes();

  /**
   * Removes fields (HDEL); a field named twice counts once. O(N).
   *
   * @return how many existed
   * @throws WrongTypeException if the key holds another type
   */
  long delete(byte[]... fields);

  /** UTF-8 form of {@link #delete(byte[]...)}. */
  default long delete(String... fields) { return delete(Utf8.bytes(fields)); }

  /**
   * Whether a field exists (HEXISTS). O(1).
   *
   * @throws WrongTypeException if the key holds another type
   */
  boolean exists(byte[] field);

  /** UTF-8 form of {@link #exists(byte[])}. */
  default boolean exists(String field) { return exists(Utf8.bytes(field)); }

  /**
   * Number of fields (HLEN); 0 for a missing key. O(1).
   *
   * @throws WrongTypeException if the key holds another type
   */
  long size();

  /**
   * Length in bytes of a field's value (HSTRLEN); 0 when absent. O(1).
   *
   * @throws WrongTypeException if the key holds another type
   */
  long strlen(byte[] field);

  /** UTF-8 form of {@link #strlen(byte[])}. */
  default long strlen(String field) { return strlen(Utf8.bytes(field)); }

  /**
   * Adds to a field's integer value (HINCRBY); a missing field counts as 0. O(1).
   *
   * @return the new value
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException with {@code ERR hash value is not an integer} if the value is not
   *     a 64-bit integer in Redis's syntax
   * @throws OverflowException if the result leaves the 64-bit range
   */
  long incrBy(byte[] field, long increment);

  /** UTF-8 form of {@link #incrBy(byte[], long)}. */
  default long incrBy(String field, long increment) { return incrBy(Utf8.bytes(field), increment); }

  /**
   * Adds to a field's floating-point value (HINCRBYFLOAT) in long double precision and
   * stores the result as Redis prints it (see {@link #incrByFloatText}). The increment is
   * taken as its decimal text ({@link Double#toString(double)}), what a client would send,
   * so the stored result equals the command's ({@code 0.1} stores {@code "0.1"}). O(1).
   *
   * @return the stored result, as a double
   * @throws WrongTypeException if the key holds another type
   * @throws NotFloatException if {@code increment} is NaN
   * @throws LimeException with {@code ERR value is NaN or Infinity} if it is infinite, or
   *     {@code ERR hash value is not a float} if the value is not a number
   * @throws OverflowException if the result would be infinite
   */
  double incrByFloat(byte[] field, double increment);

  /** UTF-8 form of {@link #incrByFloat(byte[], double)}. */
  default double incrByFloat(String field, double increment) {
    return incrByFloat(Utf8.bytes(field), increment);
  }

  /**
   * As {@link #incrByFloat(String, double)} with the increment given as text (any form
   * HINCRBYFLOAT accepts, e.g. {@code "0.1"}, exact in long double), returning the stored
   * text (e.g. {@code "10.6"}).
   *
   * @throws NotFloatException if {@code increment} is not a valid float
   */
  String incrByFloatText(String field, String increment);

  /**
   * A random field (HRANDFIELD without count), or null for a missing key. O(1).
   *
   * @throws WrongTypeException if the key holds another type
   */
  default @Nullable String randomField() { return Utf8.string(randomFieldBytes()); }

  /** Byte form of {@link #randomField()}. */
  byte @Nullable [] randomFieldBytes();

  /**
   * Random fields (HRANDFIELD count): a non-negative count gives up to {@code count}
   * distinct fields; a negative one gives exactly {@code -count} fields that may repeat.
   * O(N) in the count.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if {@code count < -(2^31 - 9)} (a list that large
   *     cannot be built)
   */
  List<String> randomFields(long count);

  /**
   * Random pairs (HRANDFIELD count WITHVALUES), with {@link #randomFields}'s count rules.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if {@code count > Long.MAX_VALUE / 2} (as Redis) or
   *     {@code count < -(2^31 - 9)}
   */
  List<Map.Entry<String, String>> randomEntries(long count);

  /**
   * One step of an HSCAN: start with cursor 0 and continue with the returned cursor until
   * it is 0. Pairs present for the whole scan are returned at least once. A listpack hash
   * is returned whole in one step.
   *
   * @param match glob pattern on fields (Redis's MATCH), or null for all
   * @param count work hint (Redis's COUNT), at least 1
   * @throws WrongTypeException if the key holds another type
   * @throws IllegalArgumentException if {@code count < 1}
   */
  ScanPage scan(long cursor, @Nullable String match, long count);
}
