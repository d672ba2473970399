package io.lime.internal.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One key of a keyspace: the key bytes with their cached hash, the value, the expiry
 * deadline and the access clock. Entries are guarded by the lock of the shard holding them;
 * never read or write one without it.
 */
public final class Entry {
  /** {@link #expireAt} of a key without expiry. */
  public static final long NO_EXPIRY = -1;

  final byte[] key;
  final int hash;
  Object value;
  long expireAt = NO_EXPIRY;
  /** LRU clock (seconds, 24 bits as Redis) or LFU counter; see {@link Shard#touch}. */
  int lru;
  /** Index in the shard's volatile list, or -1 when the key has no expiry. */
  int volatileIndex = -1;
  /**
   * The heap bytes this key was last counted for ({@link MemoryLayout#entryBytes}), saturated
   * at {@code Integer.MAX_VALUE}; -1 once deleted. Fills the padding of the 44 bytes of fields.
   */
  int mem = -1;
  @Nullable Entry next;

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
  public long expireAt() { return expireAt; }

  /** Access clock (LRU seconds or LFU counter). */ public int lru() { return lru; }

  /** The heap bytes counted for this key (entry, key, value), or -1 once it was deleted. */
  public int memoryBytes() { return mem; }

  boolean keyEquals(byte[] b, int off, int len) {
    return key.length == len && Arrays.equals(key, 0, len, b, off, off + len);
  }
}
