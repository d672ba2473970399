package io.lime;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The string commands of one database, as typed Java calls: the same behaviour as GET, SET,
 * INCR and the other Redis string commands, with no protocol in between.
 *
 * <p><b>Keys and values</b> are byte arrays; the {@code String} overloads encode and decode
 * UTF-8. Arrays passed in are copied (the caller may reuse them); arrays returned are fresh
 * copies owned by the caller.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. Each single-key call
 * is atomic; the multi-key calls ({@link #mget}, {@link #mset}, {@link #msetnx}) are atomic
 * over all their keys, as Redis commands are.
 *
 * <p><b>Nullness:</b> no parameter may be null ({@link NullPointerException}); a missing key
 * reads as {@code null} where a value is returned.
 *
 * <p><b>Errors</b> are reported with {@link LimeException} subclasses carrying Redis's error
 * text: {@link WrongTypeException} when the key holds a value of another type,
 * {@link NotIntegerException}, {@link NotFloatException}, {@link OverflowException},
 * {@link StringTooLongException}. A call that throws has changed nothing.
 *
 * <p><b>Expiry</b> is read from the store's {@link Ticker}; a key whose deadline has passed
 * behaves as missing. Keys read or written have their access clock touched (for eviction).
 *
 * <p><b>Complexity</b> is O(1) per key unless a method says otherwise (values are copied,
 * so add O(length) for the bytes moved).
 */
public interface StringOperations extends BitOperations {

  /**
   * GET: the value of {@code key}, or null when missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  byte @Nullable [] get(byte[] key);

  /**
   * GET with UTF-8 key and value (invalid UTF-8 in the value decodes with replacement
   * characters; use {@link #get(byte[])} for binary values).
   *
   * @throws WrongTypeException if the key holds another type
   */
  default @Nullable String get(String key) { return Utf8.string(get(Utf8.bytes(key))); }

  /** SET: stores the value, replacing any value of any type and removing any expiry. */
  void set(byte[] key, byte[] value);

  /** SET with UTF-8 key and value. */
  default void set(String key, String value) { set(Utf8.bytes(key), Utf8.bytes(value)); }

  /**
   * SET with options (NX/XX, EX/PX/EXAT/PXAT, KEEPTTL). Returns whether the value was
   * stored: false only when the {@link SetOptions.Condition} was not met.
   */
  boolean set(byte[] key, byte[] value, SetOptions options);

  /** {@link #set(byte[], byte[], SetOptions)} with UTF-8 key and value. */
  default boolean set(String key, String value, SetOptions options) {
    return set(Utf8.bytes(key), Utf8.bytes(value), options);
  }

  /**
   * SET ... GET: stores as {@link #set(byte[], byte[], SetOptions)} and returns the previous
   * value (null when the key was missing), whether or not the condition let the value be
   * stored.
   *
   * @throws WrongTypeException if the key holds another type (nothing is stored)
   */
  byte @Nullable [] setAndGet(byte[] key, byte[] value, SetOptions options);

  /** {@link #setAndGet(byte[], byte[], SetOptions)} with UTF-8 key and values. */
  default @Nullable String setAndGet(String key, String value, SetOptions options) {
    return Utf8.string(setAndGet(Utf8.bytes(key), Utf8.bytes(value), options));
  }

  /** SETNX: stores the value only when the key does not exist; returns whether it did. */
  boolean setIfAbsent(byte[] key, byte[] value);

  /** SETNX with UTF-8 key and value. */
  default boolean setIfAbsent(String key, String value) {
    return setIfAbsent(Utf8.bytes(key), Utf8.bytes(value));
  }

  /**
   * SETEX/PSETEX: stores the value with a time to live.
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond
   * @throws LimeException "invalid expire time" naming the command a client sends for
   *     {@code ttl} (SETEX for whole seconds, else PSETEX) when its deadline overflows 64-bit
   *     milliseconds, as the command does
   */
  void setEx(byte[] key, byte[] value, Duration ttl);

  /** SETEX with UTF-8 key and value. */
  default void setEx(String key, String value, Duration ttl) {
    setEx(Utf8.bytes(key), Utf8.bytes(value), ttl);
  }

  /**
   * GETSET: stores the value (removing any expiry) and returns the previous one, or null.
   *
   * @throws WrongTypeException if the key holds another type (nothing is stored)
   */
  byte @Nullable [] getSet(byte[] key, byte[] value);

  /** GETSET with UTF-8 key and values. */
  default @Nullable String getSet(String key, String value) {
    return Utf8.string(getSet(Utf8.bytes(key), Utf8.bytes(value)));
  }

  /**
   * GETDEL: deletes the key and returns its value, or null when missing.
   *
   * @throws WrongTypeException if the key holds another type (nothing is deleted)
   */
  byte @Nullable [] getDel(byte[] key);

  /** GETDEL with UTF-8 key and value. */
  default @Nullable String getDel(String key) { return Utf8.string(getDel(Utf8.bytes(key))); }

  /**
   * GETEX: returns the value (null when missing) and changes the key's expiry as the options
   * say. An {@link GetExOptions#expireAt} deadline already past deletes the key.
   *
   * @throws WrongTypeException if the key holds another type (nothing is changed)
   */
  byte @Nullable [] getEx(byte[] key, GetExOptions options);

  /** GETEX with UTF-8 key and value. */
  default @Nullable String getEx(String key, GetExOptions options) {
    return Utf8.string(getEx(Utf8.bytes(key), options));
  }

  /**
   * MGET: the values of the keys, in order; null for a missing key or one holding another
   * type (MGET never fails on types). O(N) for N keys.
   *
   * @throws IllegalArgumentException if no key is given
   */
  List<byte @Nullable []> mget(byte[]... keys);

  /** MGET with UTF-8 keys and values. */
  default List<@Nullable String> mget(String... keys) {
    return Collections.unmodifiableList(Utf8.strings(mget(Utf8.bytes(keys))));
  }

  /**
   * MSET: stores every key/value pair atomically, as {@link #set(byte[], byte[])} does (a
   * key given twice keeps its last value). O(N) for N pairs.
   *
   * @param keysAndValues key1, value1, key2, value2, ...
   * @throws IllegalArgumentException if the count is zero or odd
   */
  void mset(byte[]... keysAndValues);

  /**
   * MSET with UTF-8 keys and values.
   *
   * @throws IllegalArgumentException if the map is empty
   */
  default void mset(Map<String, String> entries) { mset(Utf8.pairs(entries)); }

  /**
   * MSETNX: stores every pair atomically if none of the keys exists; returns whether it did.
   *
   * @param keysAndValues key1, value1, key2, value2, ...
   * @throws IllegalArgumentException if the count is zero or odd
   */
  boolean msetnx(byte[]... keysAndValues);

  /**
   * MSETNX with UTF-8 keys and values.
   *
   * @throws IllegalArgumentException if the map is empty
   */
  default boolean msetnx(Map<String, String> entries) { return msetnx(Utf8.pairs(entries)); }

  /**
   * APPEND: appends to the value (creating the key when missing) and returns the new length.
   * Amortised O(1) in the existing length: the stored value grows with spare room.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed 512 MiB
   */
  long append(byte[] key, byte[] value);

  /** APPEND with UTF-8 key and value. */
  default long append(String key, String value) {
    return append(Utf8.bytes(key), Utf8.bytes(value));
  }

  /**
   * STRLEN: the length in bytes of the value, 0 when missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  long strlen(byte[] key);

  /** STRLEN with a UTF-8 key. */
  default long strlen(String key) { return strlen(Utf8.bytes(key)); }

  /**
   * INCR: adds one to the integer value (a missing key counts as 0), keeping the expiry;
   * returns the new value.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if the value is not a canonical decimal 64-bit integer
   * @throws OverflowException if the result would exceed {@code Long.MAX_VALUE}
   */
  long incr(byte[] key);

  /** INCR with a UTF-8 key. */
  default long incr(String key) { return incr(Utf8.bytes(key)); }

  /**
   * DECR: subtracts one; see {@link #incr(byte[])}.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if the value is not an integer
   * @throws OverflowException if the result would be below {@code Long.MIN_VALUE}
   */
  long decr(byte[] key);

  /** DECR with a UTF-8 key. */
  default long decr(String key) { return decr(Utf8.bytes(key)); }

  /**
   * INCRBY: adds {@code increment}; see {@link #incr(byte[])}.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if the value is not an integer
   * @throws OverflowException if the result would leave the 64-bit range
   */
  long incrBy(byte[] key, long increment);

  /** INCRBY with a UTF-8 key. */
  default long incrBy(String key, long increment) { return incrBy(Utf8.bytes(key), increment); }

  /**
   * DECRBY: subtracts {@code decrement}; see {@link #incr(byte[])}.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if the value is not an integer
   * @throws OverflowException if the result would leave the 64-bit range, or
   *     {@code decrement} is {@code Long.MIN_VALUE} (Redis's "decrement would overflow")
   */
  long decrBy(byte[] key, long decrement);

  /** DECRBY with a UTF-8 key. */
  default long decrBy(String key, long decrement) { return decrBy(Utf8.bytes(key), decrement); }

  /**
   * INCRBYFLOAT: adds {@code increment} in 80-bit extended precision, as Redis does, and
   * stores the result as decimal text with at most 17 fraction digits ({@code 10.5} + 0.1
   * stores {@code "10.6"}); keeps the expiry. The increment is taken as its shortest decimal
   * text ({@link Double#toString(double)}), exactly what a client would send, so the result
   * equals the command's. Returns the stored text parsed as a double.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotFloatException if the value is not a number, or {@code increment} is NaN
   * @throws OverflowException if the result would be infinite (or {@code increment} is)
   */
  double incrByFloat(byte[] key, double increment);

  /** INCRBYFLOAT with a UTF-8 key. */
  default double incrByFloat(String key, double increment) {
    return incrByFloat(Utf8.bytes(key), increment);
  }

  /**
   * GETRANGE: bytes {@code start..end} (inclusive) of the value, negative indices counting
   * from the end, clamped to the value; empty when the range is empty or the key missing.
   * O(length of the result).
   *
   * @throws WrongTypeException if the key holds another type
   */
  byte[] getRange(byte[] key, long start, long end);

  /**
   * SETRANGE: overwrites the value from {@code offset} with {@code value}, padding with zero
   * bytes past the end (creating the key when missing), and returns the new length. An
   * empty {@code value} changes nothing and returns the current length. The result is
   * stored in the {@code raw} encoding.
   *
   * @throws IllegalArgumentException if {@code offset} is negative
   * @throws WrongTypeException if the key holds another type
   * @throws StringTooLongException if the result would exceed 512 MiB
   */
  long setRange(byte[] key, long offset, byte[] value);
}
