package io.lime.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One key of a keyspace: the key bytes with their cached hash, the value, the access clock
 * and, for a key with a TTL only, its {@link Expiry}. Entries are guarded by the lock of the
 * shard holding them; never write one without it, nor read one without it except through
 * {@link OptimisticRead} (racy reads that the shard's stamp validates; see
 * {@link #keyEqualsRacy}).
 *
 * <p>Layout (issue 18, fewer bytes per key): a 12-byte header and seven 4-byte fields, 40
 * bytes. The expiry deadline and the index in the shard's TTL list live in a side object
 * that only keys with a TTL pay for (Redis, likewise, keeps them in its {@code expires} dict).
 *
 * <p>Embedded strings. A string value stored as a {@code byte[]} of at most
 * {@value #MAX_EMBEDDED_VALUE} bytes under a key of at most {@value #MAX_EMBEDDED_KEY} bytes is
 * kept in the key's own array, after the key (Redis's embstr idea: one allocation less, one
 * 16-byte array header and its padding saved); the value field then holds a shared marker
 * that records the key's length. {@link #key()} and {@link #value()} return copies for such
 * an entry, so callers see the same values as before; the hot read paths use
 * {@link #keyArray()}, {@link #keyLength()} and {@link #embedded()} to reply without copying.
 * The embedded bytes are replaced in place by an overwrite of the same length (see
 * {@link Shard#replaceValue}): never keep a reference to {@link #keyArray()} beyond the lock.
 *
 * <p>Embedded integers. Likewise a string holding an integer outside Redis's shared range
 * (0..9999; OBJECT ENCODING {@code int}, a {@code Long} value) keeps its 8 bytes after the key
 * (little-endian), under a second kind of marker: {@link #embeddedInteger()} and
 * {@link #integer()} read it, {@link #value()} and {@link #storedValue()} box it, INCR
 * overwrites it in place. A GET then reads no value object. INCR keeps its result there also
 * in the shared range ({@link Shard#replaceInteger}), so a counter is incremented in place.
 */
public final class Entry {
  /** {@link #expireAt} of a key without expiry. */
  public static final long NO_EXPIRY = -1;

  /** The key, followed by the value when {@link #embedded()}. */
  byte[] key;
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

  /** Longest key whose string value may be embedded. */
  static final int MAX_EMBEDDED_KEY = 255;
  /** Longest embedded string value: Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
  static final int MAX_EMBEDDED_VALUE = 44;
  private static final Embedded[] EMBEDDED = new Embedded[MAX_EMBEDDED_KEY + 1];
  private static final Embedded[] EMBEDDED_INTEGERS = new Embedded[MAX_EMBEDDED_KEY + 1];

  /**
   * The little-endian long view of a key's array, for embedded integers. In a holder class:
   * made on the first embedded integer, not with the first engine (a byte-array view handle
   * is the costliest kind to make, a few milliseconds of a JVM's first server start); a
   * static final of an initialized class is as constant to the JIT either way.
   */
  private static final class LongView {
    static final VarHandle LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  }

  static {
    for (int i = 0; i <= MAX_EMBEDDED_KEY; i++) {
      EMBEDDED[i] = new Embedded(i, false);
      EMBEDDED_INTEGERS[i] = new Embedded(i, true);
    }
  }

  /**
   * The value-field marker of a value kept in the key's array: the key's length and what
   * follows it, a string's bytes or, when {@code integer}, a {@code Long}'s 8 bytes
   * (little-endian) (shared instances).
   */
  static final class Embedded {
    final int keyLength;
    final boolean integer;

    private Embedded(int keyLength, boolean integer) {
      this.keyLength = keyLength;
      this.integer = integer;
    }
  }

  /** The marker for an embedded string under a key of {@code keyLength} bytes. */
  static Embedded embeddedMarker(int keyLength) { return EMBEDDED[keyLength]; }

  /**
   * Whether a value under a key of {@code keyLength} bytes is stored embedded: a short
   * string ({@code byte[]}), or an integer ({@code Long}) that is not one of the shared ones
   * (0..9999: one shared object each, as Redis's, which costs the key nothing).
   */
  static boolean embeddable(int keyLength, Object value) {
    return keyLength <= MAX_EMBEDDED_KEY
        && (value instanceof byte[] b ? b.length <= MAX_EMBEDDED_VALUE
            : value instanceof Long l && (l < 0 || l >= MemoryLayout.SHARED_INTEGERS));
  }

  /** Bytes an embeddable value adds to the key's array. */
  static int embeddedLength(Object value) {
    return value instanceof byte[] b ? b.length : Long.BYTES;
  }

  /** The marker for {@code value}, {@link #embeddable}, under a key of {@code keyLength} bytes. */
  static Embedded marker(int keyLength, Object value) {
    return value instanceof Long ? EMBEDDED_INTEGERS[keyLength] : EMBEDDED[keyLength];
  }

  /**
   * One array: {@code len} key bytes of {@code b} from {@code off}, then the bytes of
   * {@code value} ({@link #embeddable}).
   */
  static byte[] embed(byte[] b, int off, int len, Object value) {
    byte[] kv = new byte[len + embeddedLength(value)];
    System.arraycopy(b, off, kv, 0, len);
    if (value instanceof byte[] v) {
      System.arraycopy(v, 0, kv, len, v.length);
    } else {
      LongView.LE.set(kv, len, (long) (Long) value);
    }
    return kv;
  }

  /** Overwrites the embedded integer of an entry whose value is one. */
  void integer(long v) {
    LongView.LE.set(key, ((Embedded) value).keyLength, v);
  }

  /**
   * Keeps {@code v} in the key's array in place of the current value, whatever it is (also an
   * integer of the shared range: see {@link Shard#replaceInteger}); false, changing nothing,
   * for a key longer than {@value #MAX_EMBEDDED_KEY} bytes. The caller re-measures the entry.
   */
  boolean embedInteger(long v) {
    int kl = value instanceof Embedded m ? m.keyLength : key.length;
    if (kl > MAX_EMBEDDED_KEY) {
      return false;
    }
    byte[] kv = new byte[kl + Long.BYTES];
    System.arraycopy(key, 0, kv, 0, kl);
    LongView.LE.set(kv, kl, v);
    key = kv;
    value = EMBEDDED_INTEGERS[kl];
    return true;
  }

  /** The integer kept in {@code k} after a key of {@code keyLength} bytes. */
  static long integerAt(byte[] k, int keyLength) {
    return (long) LongView.LE.get(k, keyLength);
  }

  /**
   * Whether the value is an integer string ({@code Long}) kept in the key's array: read it
   * with {@link #integer()} (what {@link #value()} boxes).
   */
  public boolean embeddedInteger() {
    return value instanceof Embedded m && m.integer;
  }

  /** The value of an {@link #embeddedInteger()} entry. */
  public long integer() {
    return integerAt(key, ((Embedded) value).keyLength);
  }

  /**
   * The key bytes; callers must not modify them. A copy for an entry whose value is
   * {@link #embedded()} (use {@link #keyArray()} and {@link #keyLength()} to avoid it).
   */
  public byte[] key() {
    return value instanceof Embedded m ? Arrays.copyOf(key, m.keyLength) : key;
  }

  /** The array whose first {@link #keyLength()} bytes are the key. Do not modify. */
  public byte[] keyArray() { return key; }

  /** The length of the key. */
  public int keyLength() {
    return value instanceof Embedded m ? m.keyLength : key.length;
  }

  /**
   * Whether the value is a string kept in {@link #keyArray()} after the key (its bytes are
   * {@code keyArray()[keyLength() .. keyArray().length)}).
   */
  public boolean embedded() { return value instanceof Embedded m && !m.integer; }

  /**
   * The value field as stored, for a hot path's one type dispatch: a value object as
   * {@link #value()} returns it, except for an {@link #embedded()} string, where it is a
   * marker that is no value (read that string from {@link #keyArray()}). Do not store it.
   * An {@link #embeddedInteger()} is boxed (test {@link #embeddedInteger()} first to avoid it).
   */
  public Object storedValue() {
    Object v = value;
    return v instanceof Embedded m && m.integer ? (Object) integerAt(key, m.keyLength) : v;
  }

  /** The cached hash of the key. */ public int hash() { return hash; }

  /**
   * The value: a {@code io.lime.internal.type} value object; for an {@link #embedded()}
   * string, a new copy of its bytes.
   */
  public Object value() {
    Object v = value;
    if (v instanceof Embedded m) {
      return m.integer ? (Object) integerAt(key, m.keyLength)
          : Arrays.copyOfRange(key, m.keyLength, key.length);
    }
    return v;
  }

  /**
   * Replaces the value in place (the key, expiry and clock stay); the caller re-measures
   * the entry. Stores it as given (not embedded): see {@link Shard#replaceValue}.
   */
  public void value(Object v) {
    if (value instanceof Embedded m) {
      key = Arrays.copyOf(key, m.keyLength);
    }
    this.value = v;
  }

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

  /**
   * {@link #keyEquals} on fields read without the lock (an optimistic read): never throws,
   * whatever partial state it sees; false when in doubt.
   */
  boolean keyEqualsRacy(byte[] b, int off, int len) {
    byte[] k = key;
    Object v = value;
    if (k == null || v == null) { // not yet visible to this thread
      return false;
    }
    int kl = v instanceof Embedded m ? m.keyLength : k.length;
    return kl == len && len <= k.length && Arrays.equals(k, 0, len, b, off, off + len);
  }

  /**
   * {@link #keyEqualsRacy(byte[], int, int)} against the UTF-8 bytes of an ASCII {@code s}
   * (its chars), without encoding it; false for any {@code s} with a char outside ASCII (a
   * signed byte never equals a char of 0x80 or more), so true proves {@code s} ASCII.
   */
  boolean keyEqualsRacy(String s) {
    byte[] k = key;
    Object v = value;
    if (k == null || v == null) { // not yet visible to this thread
      return false;
    }
    int len = s.length();
    int kl = v instanceof Embedded m ? m.keyLength : k.length;
    if (kl != len || len > k.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (k[i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  boolean keyEquals(byte[] b, int off, int len) {
    return keyLength() == len && Arrays.equals(key, 0, len, b, off, off + len);
  }
}
