package io.lime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Operations on keys of any type in one database of a store: existence, type, deletion,
 * renaming, copying, moving, expiry and iteration (Redis's generic and keyspace commands,
 * with the same semantics).
 *
 * <p>Keys are bytes. The {@code String} overloads encode keys as UTF-8, and methods that
 * return keys as strings decode them as UTF-8 (replacing invalid sequences), so binary keys
 * should use the {@code byte[]} forms. Returned key arrays must not be modified.
 *
 * <p>Expiry: a key whose deadline has passed is absent for every method, whether or not it
 * has been reclaimed yet. Time comes from the store's {@link Ticker}.
 *
 * <p>Thread-safety: safe for concurrent use. Each method is atomic with respect to every
 * other operation on the keys it names (a multi-key method locks all of them). Iteration
 * ({@link #keys}, {@link #scan}) is not a snapshot: it sees the keyspace shard by shard.
 *
 * <p>Nullness: arguments must not be null unless marked {@code @Nullable}; a null argument
 * throws {@link NullPointerException}.
 */
public interface KeyOperations {

  /** The database these operations act on (0-based, as SELECT). */
  int database();

  /**
   * Deletes keys (DEL). A key named twice counts once. O(N) in the keys.
   *
   * @return how many of the keys existed and were deleted
   */
  long delete(byte[]... keys);

  /** UTF-8 form of {@link #delete(byte[]...)}. */
  default long delete(String... keys) { return delete(Utf8.bytes(keys)); }

  /** Deletes keys (UNLINK): identical to {@link #delete(byte[]...)} in LIME. */
  long unlink(byte[]... keys);

  /** UTF-8 form of {@link #unlink(byte[]...)}. */
  default long unlink(String... keys) { return unlink(Utf8.bytes(keys)); }

  /** Whether a key exists (EXISTS with one key); does not change its idle time. O(1). */
  boolean exists(byte[] key);

  /** UTF-8 form of {@link #exists(byte[])}. */
  default boolean exists(String key) { return exists(Utf8.bytes(key)); }

  /**
   * Counts existing keys (EXISTS); a key named twice counts twice. O(N).
   *
   * @return the number of the given keys that exist
   */
  long countExisting(byte[]... keys);

  /** UTF-8 form of {@link #countExisting(byte[]...)}. */
  default long countExisting(String... keys) { return countExisting(Utf8.bytes(keys)); }

  /** The type of a key's value, {@link KeyType#NONE} when the key does not exist. O(1). */
  KeyType type(byte[] key);

  /** UTF-8 form of {@link #type(byte[])}. */
  default KeyType type(String key) { return type(Utf8.bytes(key)); }

  /**
   * Renames a key, overwriting {@code newKey} if it exists (RENAME). The value keeps its
   * expiry. Renaming a key to itself does nothing. O(1) (plus freeing an overwritten value).
   *
   * @throws LimeException with {@code "ERR no such key"} when {@code key} does not exist
   */
  void rename(byte[] key, byte[] newKey);

  /** UTF-8 form of {@link #rename(byte[], byte[])}. */
  default void rename(String key, String newKey) { rename(Utf8.bytes(key), Utf8.bytes(newKey)); }

  /**
   * Renames a key only if {@code newKey} does not exist (RENAMENX). O(1).
   *
   * @return true if renamed; false if {@code newKey} exists (including {@code newKey}
   *     equal to {@code key})
   * @throws LimeException with {@code "ERR no such key"} when {@code key} does not exist
   */
  boolean renameNx(byte[] key, byte[] newKey);

  /** UTF-8 form of {@link #renameNx(byte[], byte[])}. */
  default boolean renameNx(String key, String newKey) {
    return renameNx(Utf8.bytes(key), Utf8.bytes(newKey));
  }

  /**
   * Copies a key's value and expiry to {@code destination} in this database (COPY). The copy
   * is independent of the source. O(N) in the value's elements.
   *
   * @param replace whether an existing {@code destination} is overwritten
   * @return true if copied; false if {@code source} does not exist, or {@code destination}
   *     exists and {@code replace} is false
   * @throws IllegalArgumentException if {@code source} equals {@code destination}
   */
  boolean copy(byte[] source, byte[] destination, boolean replace);

  /** UTF-8 form of {@link #copy(byte[], byte[], boolean)}. */
  default boolean copy(String source, String destination, boolean replace) {
    return copy(Utf8.bytes(source), Utf8.bytes(destination), replace);
  }

  /**
   * Copies a key's value and expiry to {@code destination} in database {@code db} (COPY ...
   * DB db).
   *
   * @return as {@link #copy(byte[], byte[], boolean)}
   * @throws IllegalArgumentException if {@code db} is out of range, or it is this database
   *     and {@code source} equals {@code destination}
   */
  boolean copy(byte[] source, byte[] destination, int db, boolean replace);

  /** UTF-8 form of {@link #copy(byte[], byte[], int, boolean)}. */
  default boolean copy(String source, String destination, int db, boolean replace) {
    return copy(Utf8.bytes(source), Utf8.bytes(destination), db, replace);
  }

  /**
   * Moves a key with its expiry to database {@code db} (MOVE). O(1).
   *
   * @return true if moved; false if the key does not exist here or already exists in
   *     {@code db}
   * @throws IllegalArgumentException if {@code db} is out of range or is this database
   */
  boolean move(byte[] key, int db);

  /** UTF-8 form of {@link #move(byte[], int)}. */
  default boolean move(String key, int db) { return move(Utf8.bytes(key), db); }

  /**
   * Marks keys as just accessed, resetting their idle time (TOUCH). O(N).
   *
   * @return how many of the keys exist (a key named twice counts twice)
   */
  long touch(byte[]... keys);

  /** UTF-8 form of {@link #touch(byte[]...)}. */
  default long touch(String... keys) { return touch(Utf8.bytes(keys)); }

  /**
   * Sets a key's time to live (PEXPIRE), in milliseconds precision. A zero or negative
   * {@code ttl} deletes the key (if the conditions hold). O(1).
   *
   * @param conditions none, or a valid combination of {@link ExpireCondition}s
   * @return true if the expiry was set or the key deleted; false if the key does not exist
   *     or a condition failed
   * @throws IllegalArgumentException if the conditions are incompatible (NX with another,
   *     GT with LT; the message is Redis's), or the deadline overflows a 64-bit millisecond
   *     Unix time
   */
  boolean expire(byte[] key, Duration ttl, ExpireCondition... conditions);

  /** UTF-8 form of {@link #expire(byte[], Duration, ExpireCondition...)}. */
  default boolean expire(String key, Duration ttl, ExpireCondition... conditions) {
    return expire(Utf8.bytes(key), ttl, conditions);
  }

  /**
   * Sets a key's absolute expiry deadline (PEXPIREAT). A deadline not after now deletes the
   * key (if the conditions hold). O(1).
   *
   * @return as {@link #expire(byte[], Duration, ExpireCondition...)}
   * @throws IllegalArgumentException as {@link #expire(byte[], Duration, ExpireCondition...)}
   */
  boolean expireAt(byte[] key, Instant deadline, ExpireCondition... conditions);

  /** UTF-8 form of {@link #expireAt(byte[], Instant, ExpireCondition...)}. */
  default boolean expireAt(String key, Instant deadline, ExpireCondition... conditions) {
    return expireAt(Utf8.bytes(key), deadline, conditions);
  }

  /**
   * Time to live in seconds, rounded to nearest as Redis's TTL. O(1).
   *
   * @return the seconds left (at least 0), -1 if the key has no expiry, -2 if it does not
   *     exist
   */
  long ttl(byte[] key);

  /** UTF-8 form of {@link #ttl(byte[])}. */
  default long ttl(String key) { return ttl(Utf8.bytes(key)); }

  /**
   * Time to live in milliseconds (PTTL). O(1).
   *
   * @return the milliseconds left (at least 0), -1 if the key has no expiry, -2 if it does
   *     not exist
   */
  long pttl(byte[] key);

  /** UTF-8 form of {@link #pttl(byte[])}. */
  default long pttl(String key) { return pttl(Utf8.bytes(key)); }

  /**
   * The key's expiry deadline (PEXPIRETIME), empty when the key does not exist or has no
   * expiry (use {@link #exists(byte[])} to tell them apart). O(1).
   */
  Optional<Instant> expireTime(byte[] key);

  /** UTF-8 form of {@link #expireTime(byte[])}. */
  default Optional<Instant> expireTime(String key) { return expireTime(Utf8.bytes(key)); }

  /**
   * Removes a key's expiry (PERSIST). O(1).
   *
   * @return true if the key existed and had an expiry
   */
  boolean persist(byte[] key);

  /** UTF-8 form of {@link #persist(byte[])}. */
  default boolean persist(String key) { return persist(Utf8.bytes(key)); }

  /**
   * Every key matching a glob-style pattern (KEYS): {@code *}, {@code ?}, {@code [a-z]},
   * {@code [^a]}, {@code \} escapes, byte-wise as Redis. O(N) in the database's keys: meant
   * for debugging; prefer {@link #scan}.
   */
  List<byte[]> keys(byte[] pattern);

  /** UTF-8 form of {@link #keys(byte[])}; keys are decoded as UTF-8. */
  default List<String> keys(String pattern) { return Utf8.strings(keys(Utf8.bytes(pattern))); }

  /** One step of a scan over every key with Redis's default COUNT of 10 (SCAN cursor). */
  default ScanResult scan(long cursor) { return scan(cursor, null, 10, null); }

  /**
   * One step of a scan (SCAN cursor MATCH pattern COUNT count TYPE type): see
   * {@link ScanResult} for the guarantees. O(count) per step.
   *
   * @param cursor 0 to start, then the cursor of the previous result
   * @param match glob pattern keys must match, or null for all
   * @param count work hint: roughly how many keys to examine in this step (at least 1)
   * @param type only keys holding this type, or null for all
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  ScanResult scan(long cursor, @Nullable String match, long count, @Nullable KeyType type);

  /** A random existing key (RANDOMKEY), or null when the database is empty. O(1). */
  byte @Nullable [] randomKey();

  /** The number of keys (DBSIZE), counting expired keys not yet reclaimed. O(1). */
  long dbSize();

  /** Deletes every key of this database atomically (FLUSHDB). O(N). */
  void flushDb();

  // ------------------------------------------------------------------ SORT, DUMP, RESTORE

  /**
   * SORT: the elements of the list, set or sorted set at {@code key} in the order and window
   * {@code options} give; with GET patterns, one value per pattern and element (null:
   * missing). Reads of other keys (BY and GET patterns) see one consistent state: the call
   * then locks every shard of this database. O(N+M*log(M)).
   *
   * @throws WrongTypeException if the key is not a list, set or sorted set
   * @throws IllegalArgumentException if a value to sort by is not a number (Redis's "One or
   *     more scores can't be converted into double")
   */
  List<byte @Nullable []> sort(byte[] key, SortOptions options);

  /**
   * SORT ... STORE: stores what {@link #sort} returns as a list at {@code destination} (a
   * missing value as an empty string), replacing it, or deletes it when empty; serves clients
   * blocked on it. Returns the list's length.
   *
   * @throws WrongTypeException as {@link #sort}
   * @throws IllegalArgumentException as {@link #sort}
   */
  long sortStore(byte[] key, SortOptions options, byte[] destination);

  /**
   * DUMP: the value at {@code key} serialized as Redis 7.0 does (RESTOREable by LIME and by
   * Redis), or null when the key is missing. O(N).
   */
  byte @Nullable [] dump(byte[] key);

  /**
   * RESTORE: creates {@code key} from a DUMP payload (LIME's or Redis 7.0's) with a TTL of
   * {@code ttlMillis} (0: none), replacing an existing key only when {@code replace}. O(N).
   *
   * @throws IllegalArgumentException if {@code ttlMillis} is negative, or the payload's
   *     version or checksum is wrong, or its data is malformed
   * @throws LimeException Redis's BUSYKEY error when the key exists and not {@code replace}
   */
  void restore(byte[] key, byte[] payload, long ttlMillis, boolean replace);
}
