package io.lime.internal.engine;

/**
 * Heap cost estimates with the layout of a 64-bit HotSpot JVM with compressed references
 * (the default below 32 GiB of heap): 12-byte object headers, 16-byte array headers, 4-byte
 * references, every object padded to 8 bytes. These are the figures {@code used_memory},
 * {@code MEMORY USAGE} and maxmemory eviction count (Redis counts malloc's bytes; the JVM has
 * no allocator to ask per object, so LIME adds up what each structure holds).
 *
 * <p>What a key costs ({@link #entryBytes}): its {@link Entry} ({@value #ENTRY_BYTES} bytes),
 * the key's byte array, and the value in its encoding ({@link #valueBytes}). The keyspace's
 * bucket arrays and lists of keys with a TTL are overhead, counted when they are resized;
 * so is the {@value #EXPIRY_BYTES}-byte expiry of each key with a TTL, counted when the key
 * gains or loses its TTL (Redis counts its expires dict as overhead too).
 */
public final class MemoryLayout {
  /** Object header with compressed class pointers. */ public static final int OBJECT_HEADER_BYTES = 12;
  /** Array header: object header plus the length. */ public static final int ARRAY_HEADER_BYTES = 16;
  /** A compressed reference. */ public static final int REFERENCE_BYTES = 4;
  /** An {@link Entry}: header, key, value, next, hash, lru, memory, expiry (4 each). */ public static final int ENTRY_BYTES = 40;
  /**
   * The {@link Entry.Expiry} of a key with a TTL (header, deadline, index in the TTL list),
   * counted with the TTL lists' overhead ({@link KeyspaceMemory#expiresBytes}).
   */
  public static final int EXPIRY_BYTES = 24;
  /** A boxed {@code Long}. */ public static final int LONG_BYTES = 24;

  private MemoryLayout() {}

  /** {@code n} rounded up to the 8-byte object alignment. */
  public static long align(long n) {
    return (n + 7) & ~7L;
  }

  /** A {@code byte[]} of {@code length} bytes. */
  public static long byteArray(long length) {
    return align(ARRAY_HEADER_BYTES + length);
  }

  /** An array of {@code length} references. */
  public static long refArray(long length) {
    return align(ARRAY_HEADER_BYTES + REFERENCE_BYTES * length);
  }

  /** An object with {@code fieldBytes} bytes of fields. */
  public static long object(long fieldBytes) {
    return align(OBJECT_HEADER_BYTES + fieldBytes);
  }

  /**
   * The heap bytes of a value: strings as exact byte arrays or boxed longs (the shared
   * integers 0..9999 cost nothing, as Redis's shared objects), everything else as it reports.
   */
  public static long valueBytes(Object value) {
    if (value instanceof byte[] b) {
      return byteArray(b.length);
    }
    if (value instanceof Entry.Embedded) {
      return 0; // in the key's array (tested before the interface: the SET path's case)
    }
    if (value instanceof MemorySized m) {
      return m.memoryBytes();
    }
    if (value instanceof Long l) {
      return l >= 0 && l < SHARED_INTEGERS ? 0 : LONG_BYTES;
    }
    return OBJECT_HEADER_BYTES;
  }

  /** Redis's OBJ_SHARED_INTEGERS: integers in [0, this) are shared objects. */
  static final int SHARED_INTEGERS = 10_000;

  /**
   * What one key costs: its entry, its key bytes and its value (not its table slot). A
   * string of at most {@value Entry#MAX_EMBEDDED_VALUE} bytes under a key of at most
   * {@value Entry#MAX_EMBEDDED_KEY} shares the key's array (see {@link Entry}).
   */
  public static long entryBytes(byte[] key, Object value) {
    if (Entry.embeddable(key.length, value)) {
      return ENTRY_BYTES + byteArray(key.length + (long) Entry.embeddedLength(value));
    }
    return ENTRY_BYTES + byteArray(key.length) + valueBytes(value);
  }

  /** What {@code e} costs now, measured afresh (what the accounting must hold for it). */
  public static long entryBytes(Entry e) {
    return ENTRY_BYTES + byteArray(e.key.length) + valueBytes(e.value);
  }
}
