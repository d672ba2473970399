package io.lime.internal.engine;

import io.lime.internal.util.Numbers;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads of one key that take no lock: the typed GET ({@code KeyValueStore.get}), the hot
 * read of an in-process cache, where two threads reading hot keys would otherwise meet on
 * the same shard lock for every read.
 *
 * <p>How. A seqlock over the shard ({@link Shard#readStamp}, {@link Shard#validate}): read
 * the shard's stamp (even: no writer holds the lock), look the key up and copy its value
 * without the lock, then check that the stamp did not move. If it moved, or was odd, or the
 * read met anything it does not decide by itself, the answer is {@link #LOCKED}: the caller
 * repeats the read under the lock, the ordinary way. The copy is a new object (a decoded
 * {@code String}, a byte array), built from whatever the racy reads saw and returned only
 * once validated, so a torn state is never returned.
 *
 * <p>Redis semantics kept:
 * <ul>
 *   <li>Lazy expiry: a key past its deadline is deleted only under the lock, so an expired
 *       key answers {@link #LOCKED} (the locked read deletes it, reports the expiry and
 *       answers absent); a key with a future deadline is read here.
 *   <li>The access clock (LRU clock or LFU counter) is updated as {@link Shard#touch} does,
 *       written only when it changes (so readers of a hot key do not keep writing one cache
 *       line) and before the validation, followed by a full fence, so a writer that set the
 *       clock meanwhile (RESTORE IDLETIME, OBJECT FREQ) either comes after it or invalidates
 *       the read, which the locked retry then orders after the writer. Concurrent readers
 *       may lose an LFU increment to each other (Redis has one thread; the counter is an
 *       approximation either way). A key without TTL reads no time: it is stamped with
 *       the engine's cached clock of the last cron run ({@link Eviction#readClock}), as
 *       Redis stamps {@code server.lruclock}; a key with a TTL reads the ticker, so it is
 *       never returned after its deadline.
 *   <li>Values that are not plain strings (a string being appended to, another type and its
 *       WRONGTYPE error) answer {@link #LOCKED}: only immutable values are copied here.
 *   <li>The typed door counts no keyspace hit or miss and emits no keyspace-miss event
 *       (those are the RESP door's, see {@code StringType}), so neither does this read;
 *       nothing else a GET does (WATCH, tracking, memory) is affected by a read.
 * </ul>
 */
public final class OptimisticRead {
  private OptimisticRead() {}

  /**
   * Tests only: run between the racy read and its validation (a write there must make the
   * read answer {@link #LOCKED}). Null in production.
   */
  static @Nullable Runnable beforeValidate;

  /** The answer "could not decide without the lock": read again under the lock. */
  public static final Object LOCKED = new Object();

  /**
   * GET of the key {@code b[0..len)} of {@code db} without the lock: the string value as a
   * new {@code String} decoded as UTF-8 (invalid sequences replaced) when {@code asString},
   * else as a new byte array; null when the key is absent; {@link #LOCKED} when the read must
   * be done under the lock (see the class comment).
   */
  public static @Nullable Object getString(Database db, byte[] b, int len, boolean asString) {
    int hash = Hashing.hash(b, 0, len);
    Shard shard = db.shard(hash);
    int stamp = shard.readStamp();
    if ((stamp & 1) != 0) {
      return LOCKED;
    }
    try {
      return read(db, shard, stamp, shard.getRacy(b, 0, len, hash), asString);
    } catch (RuntimeException torn) { // a racy read of a changing table: the lock decides
      return LOCKED;
    }
  }

  /**
   * {@link #getString(Database, byte[], int, boolean)} of a key given as a {@code String},
   * decoded as a {@code String}, hashed and compared from its chars as the UTF-8 bytes of an
   * ASCII string, so the key is neither encoded nor copied. A key found is ASCII (see
   * {@link Entry#keyEqualsRacy(String)}); a key not found is absent only if ASCII
   * ({@link Hashing#ascii}, checked on a miss only): else the answer is {@link #LOCKED}.
   */
  public static @Nullable Object getString(Database db, String key) {
    int hash = Hashing.hashAscii(key);
    Shard shard = db.shard(hash);
    int stamp = shard.readStamp();
    if ((stamp & 1) != 0) {
      return LOCKED;
    }
    try {
      Entry e = shard.getRacy(key, hash);
      if (e == null && !Hashing.ascii(key)) {
        return LOCKED;
      }
      return read(db, shard, stamp, e, true);
    } catch (RuntimeException torn) { // a racy read of a changing table: the lock decides
      return LOCKED;
    }
  }

  /** The racy read of the entry {@code e} that the lookup found (null: none) under {@code stamp}. */
  private static @Nullable Object read(Database db, Shard shard, int stamp, @Nullable Entry e,
      boolean asString) {
    if (e == null) {
      return validate(shard, stamp) ? null : LOCKED;
    }
    if (e == KeyTable.GAVE_UP) {
      return LOCKED;
    }
    Engine engine = db.engine();
    Entry.Expiry x = e.expiry;
    long now = 0;
    if (x != null) { // the time is read only for a key with a TTL
      now = engine.now();
      if (x.at < now) {
        return LOCKED; // lazy expiry deletes under the lock
      }
    }
    Object result = copy(e.key, e.value, asString);
    if (result == LOCKED) {
      return LOCKED;
    }
    Eviction ev = engine.eviction();
    int old = e.lru;
    int clock = x == null ? ev.readClock(old) : ev.lfu() ? ev.lfuTouch(old, now) : ev.lruClock(now);
    if (clock != old) {
      e.lru = clock;
      VarHandle.fullFence(); // the clock is written before the stamp is read again
    }
    return validate(shard, stamp) ? result : LOCKED;
  }

  private static boolean validate(Shard shard, int stamp) {
    Runnable hook = beforeValidate;
    if (hook != null) {
      hook.run();
    }
    return shard.validate(stamp);
  }

  /** The string value of an entry's {@code key} and {@code value} fields, copied. */
  private static Object copy(byte @Nullable [] k, @Nullable Object v, boolean asString) {
    if (k == null || v == null) {
      return LOCKED;
    }
    if (v instanceof Entry.Embedded m) {
      int kl = m.keyLength;
      if (m.integer) {
        if (kl + Long.BYTES != k.length) {
          return LOCKED;
        }
        long l = Entry.integerAt(k, kl);
        return asString ? Long.toString(l) : Numbers.toBytes(l);
      }
      if (kl > k.length) {
        return LOCKED;
      }
      return asString ? new String(k, kl, k.length - kl, StandardCharsets.UTF_8)
          : Arrays.copyOfRange(k, kl, k.length);
    }
    if (v instanceof byte[] bytes) {
      return asString ? new String(bytes, StandardCharsets.UTF_8) : bytes.clone();
    }
    if (v instanceof Long l) {
      return asString ? Long.toString(l) : Numbers.toBytes(l);
    }
    return LOCKED;
  }
}
