package io.lime.internal.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One key of a keyspace: the key bytes with their cached hash, the value, the access clock
 * and, for a key with a TTL only, its {@link Expiry}. Entries are guarded by the lock of the
 * shard holding them; never read or write one without it.
 *
 * <p>Layout (issue 18, fewer bytes per key): a 12-byte header and seven 4-byte fields, 40
 * bytes. The expiry deadline and the index in the shard's TTL list live in a side object
 * that only keys with a TTL pay for (Redis, likewise, keeps them in its {@code expires} dict).
 */
public final class Entry {
  /** {@link #expireAt} of a key without expiry. */
  public static final long NO_EXPIRY = -1;

  final byte[] key;
  final int hash;
  Object value;
  /** LRU clock (seconds, 24 bits as Redis) or LFU counter; see {@link Shard#touch}. */
  int lru;
  /**
   * The heap bytes this key was last counted for ({@link MemoryLayout#entryBytes}), saturated
   * at {@code Integer.MAX_VALUE}; -1 once deleted.
   */
  int mem = -1;
  /** The expiry of a key with a TTL, null for a key without one. */
  @Nullable Expiry expiry;
  @Nullable Entry next;

  /**
   * The TTL of a key: its deadline and its index in the shard's list of keys with a TTL.
   * {@value MemoryLayout#EXPIRY_BYTES} bytes, counted with the TTL lists' overhead.
   */
  static final class Expiry {
    long at;
    int index;
  }

  Entry(byte[] key, int hash, Object value) {
    this.key = key;
    this.hash = hash;
    this.value = value;
  }

  /** The key bytes; callers must not modify them. */ public byte[] key() { return key; }

  /** The cached hash of the key. */ public int hash() { return hash; }

  /** The value: a {@code io.lime.internal.type} value object. */
  public Object value() { return value; }

  /** Replaces the value in place (the key, expiry and clock stay). */
  public void value(Object v) { this.value = v; }

  /** Absolute expiry deadline in Unix milliseconds, or {@link #NO_EXPIRY}. */
  public long expireAt() {
    Expiry x = expiry;
    return x == null ? NO_EXPIRY : x.at;
  }

  /** Whether the key has a TTL whose deadline is before {@code now}. */
  boolean expiredAt(long now) {
    Expiry x = expiry;
    return x != null && x.at < now;
  }

  /** Access clock (LRU seconds or LFU counter). */ public int lru() { return lru; }

  /** The heap bytes counted for this key (entry, key, value), or -1 once it was deleted. */
  public int memoryBytes() { return mem; }

  boolean keyEquals(byte[] b, int off, int len) {
    return key.length == len && Arrays.equals(key, 0, len, b, off, off + len);
  }
}
