package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.util.List;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Generic operations on a key of any value type (Redis's src/db.c and the key part of
 * src/object.c): the key-level operations under both doors, the RESP handlers ({@code
 * KeyCommands}, {@code ObjectCommands}) and the typed API ({@code LocalKeyOperations}). Each
 * takes a {@link LockedKey} (two, locked together by a {@code KeyLocks}, for RENAME, COPY
 * and MOVE) and does the lookup, the mutation, the dirty count and the keyspace events; keys
 * they create wake the clients blocked on them ({@code Shard.insert} signals them, and the
 * operation serves them before its locks go). Expiry is in {@link ExpireOps}, whole
 * databases in {@link KeyspaceOps}.
 *
 * <p>A key whose deadline has passed is absent for every method here (lazy expiry).
 */
public final class KeyOps {
  /** {@link #rename}/{@link #copy}/{@link #move} result: the source key does not exist. */
  public static final int NO_SUCH_KEY = -1;
  /** {@link #rename}/{@link #copy}/{@link #move} result: the destination is in the way. */
  public static final int NOT_DONE = 0;
  /** {@link #rename}/{@link #copy}/{@link #move} result: done. */
  public static final int DONE = 1;

  /** Redis's LRU clock wrap (24 bits). */
  private static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private KeyOps() {}

  // ---------------------------------------------------------------- one key

  /**
   * DEL of one key: deletes it, releasing its value in the background when
   * {@code lazyfree-lazy-user-del} is on (as {@link #unlink}); returns whether it existed.
   */
  public static boolean delete(LockedKey k) {
    return delete(k, k.lazyFree().lazyUserDel);
  }

  /**
   * UNLINK of one key: deletes it, a value costly to free released by the lazy-free thread;
   * returns whether it existed.
   */
  public static boolean unlink(LockedKey k) {
    return delete(k, true);
  }

  /**
   * DEL or UNLINK ({@code unlink}) of {@code keys}, their shards locked by {@code locks}, as
   * one command: returns how many existed.
   */
  public static long delete(KeyLocks locks, byte[][] keys, long now, boolean unlink) {
    long n = 0;
    LockedKey k = null;
    for (byte[] key : keys) {
      k = locks.key(key, now);
      n += delete(k, unlink || k.lazyFree().lazyUserDel) ? 1 : 0;
    }
    Propagation p = k != null && n > 0 ? k.asGiven() : null;
    if (p != null) {
      p.rewrite(Argvs.of(unlink ? "UNLINK" : "DEL", keys));
    }
    return n;
  }

  private static boolean delete(LockedKey k, boolean lazy) {
    Entry e = k.find();
    if (e == null) {
      return false;
    }
    k.delete(e, lazy);
    k.event(NotifyFlags.GENERIC, "del");
    k.dirty(1);
    return true;
  }

  /** EXISTS of one key: whether it is live; does not touch its access clock. */
  public static boolean exists(LockedKey k) {
    return k.find() != null;
  }

  /** TOUCH of one key: touches its access clock; returns whether it exists. */
  public static boolean touch(LockedKey k) {
    return k.lookup() != null;
  }

  /** TYPE: the Redis type name of the key's value, {@code "none"} when missing. */
  public static String type(LockedKey k) {
    Entry e = k.find();
    return e == null ? "none" : e.embedded() ? "string" : ValueTypes.typeName(e.value());
  }

  /** OBJECT ENCODING: the value's encoding name, or null when the key is missing. */
  public static @Nullable String encoding(LockedKey k) {
    Entry e = k.find();
    return e == null ? null : ValueTypes.encoding(e.value());
  }

  /**
   * OBJECT REFCOUNT: 2147483647 for values Redis would hold as shared objects (small
   * integers while no LRU/LFU policy forbids sharing), 1 otherwise, -1 when missing.
   */
  public static long refcount(LockedKey k, boolean sharingAllowed) {
    Entry e = k.find();
    if (e == null) {
      return -1;
    }
    return sharingAllowed && ValueTypes.isSharedInteger(e.value()) ? Integer.MAX_VALUE : 1;
  }

  /**
   * OBJECT IDLETIME in milliseconds (Redis's estimateObjectIdleTime: LRU clock seconds,
   * wrapping at 24 bits), or -1 when missing.
   */
  public static long idleMillis(LockedKey k) {
    Entry e = k.find();
    if (e == null) {
      return -1;
    }
    long clock = k.engine().lruClock();
    long lru = e.lru() & LRU_CLOCK_MAX;
    long seconds = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
    return seconds * 1000;
  }

  /**
   * MEMORY USAGE: the bytes the key costs (entry, key bytes, value in its encoding, its table
   * slot), or -1 when missing. O(1): values keep their size in counters.
   */
  public static long memoryUsage(LockedKey k) {
    Entry e = k.find();
    return e == null ? -1 : e.memoryBytes() + io.lime.internal.engine.MemoryLayout.REFERENCE_BYTES;
  }

  /** OBJECT FREQ under an LFU policy: the entry's LFU counter, or -1 when missing. */
  public static long frequency(LockedKey k) {
    Entry e = k.find();
    return e == null ? -1 : k.engine().eviction().lfuDecrAndReturn(e.lru(), k.now());
  }

  // ---------------------------------------------------------------- two keys

  /**
   * RENAME/RENAMENX (Redis's renameGenericCommand): gives {@code dst} the value and expiry of
   * {@code src} and deletes {@code src}, overwriting {@code dst} unless {@code nx}. Both keys
   * are in one database, their shards locked together. Returns {@link #DONE}, or {@link
   * #NOT_DONE} when {@code nx} and {@code dst} exists; renaming a key to itself changes
   * nothing and returns {@link #DONE} ({@link #NOT_DONE} with {@code nx}).
   *
   * @throws LimeException "no such key" when {@code src} does not exist
   */
  public static int rename(LockedKey src, LockedKey dst, boolean nx) {
    Entry from = src.lookup();
    if (from == null) {
      throw new LimeException(Errors.NO_SUCH_KEY);
    }
    if (src.sameKey(dst)) {
      return nx ? NOT_DONE : DONE;
    }
    Entry old = dst.lookup();
    if (old != null) {
      if (nx) {
        return NOT_DONE;
      }
      dst.delete(old, dst.lazyFree().lazyServerDel);
    }
    Propagation p = src.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of(nx ? "RENAMENX" : "RENAME", src, dst));
    }
    return transfer(src, from, dst, "rename_from", "rename_to");
  }

  /**
   * COPY (Redis's copyCommand after its option parsing): a deep copy of the value and the
   * expiry of {@code src} to {@code dst}, which may be in another database (both shards
   * locked together). Returns {@link #NO_SUCH_KEY} (COPY replies 0), {@link #NOT_DONE} when
   * {@code dst} exists and not {@code replace}, or {@link #DONE}.
   *
   * @throws LimeException "source and destination objects are the same" when both are the
   *     same key of the same database (checked before anything is looked up)
   */
  public static int copy(LockedKey src, LockedKey dst, boolean replace) {
    if (src.sameKey(dst)) {
      throw new LimeException(Errors.SAME_OBJECT);
    }
    Entry from = src.lookup();
    if (from == null) {
      return NO_SUCH_KEY;
    }
    Entry old = dst.lookup();
    if (old != null) {
      if (!replace) {
        return NOT_DONE;
      }
      dst.delete(old, dst.lazyFree().lazyServerDel);
    }
    addLike(dst, from, ValueTypes.duplicate(from.value()));
    Propagation p = src.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("COPY", src, dst,
          src.db() == dst.db() ? List.of() : List.of("DB", dst.db().index()),
          replace ? List.of("REPLACE") : List.of()));
    }
    dst.event(NotifyFlags.GENERIC, "copy_to");
    dst.dirty(1);
    served(dst);
    return DONE;
  }

  /**
   * COPY and MOVE with their locks, for both doors: locks the shards of key
   * {@code a[aoff..aoff+alen)} in {@code from} and of key {@code b[boff..boff+blen)} in
   * {@code to} (lower database first) and runs {@code op} ({@link #copy} or {@link #move}) on
   * handles of both at {@code now}.
   */
  @SuppressWarnings("try") // the locks are held, not referenced
  public static int between(Database from, byte[] a, int aoff, int alen, Database to, byte[] b,
      int boff, int blen, long now, ToIntBiFunction<LockedKey, LockedKey> op) {
    try (KeyLocks locks = KeyLocks.of(from, a, aoff, alen, to, b, boff, blen)) {
      return op.applyAsInt(LockedKey.within(from, a, aoff, alen, now),
          LockedKey.within(to, b, boff, blen, now));
    }
  }

  /**
   * MOVE (Redis's moveCommand after its argument checks): moves {@code src} (value and
   * expiry) to the same key {@code dst} of another database, both shards locked together.
   * Returns {@link #NO_SUCH_KEY} (MOVE replies 0), {@link #NOT_DONE} when the key exists in
   * the target database, or {@link #DONE}.
   *
   * @throws LimeException "source and destination objects are the same" when both handles
   *     are in the same database (checked before anything is looked up)
   */
  public static int move(LockedKey src, LockedKey dst) {
    if (src.db() == dst.db()) {
      throw new LimeException(Errors.SAME_OBJECT);
    }
    Entry from = src.lookup();
    if (from == null) {
      return NO_SUCH_KEY;
    }
    if (dst.lookup() != null) {
      return NOT_DONE;
    }
    Propagation p = src.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("MOVE", src, dst.db().index()));
    }
    return transfer(src, from, dst, "move_from", "move_to");
  }

  /**
   * RENAME and MOVE once checked: gives {@code dst} (now absent) the value and expiry of
   * {@code from}, the entry of {@code src}, deletes {@code src}, and publishes the two events.
   */
  private static int transfer(LockedKey src, Entry from, LockedKey dst, String fromEvent,
      String toEvent) {
    addLike(dst, from, from.value());
    src.delete(from);
    src.event(NotifyFlags.GENERIC, fromEvent);
    dst.event(NotifyFlags.GENERIC, toEvent);
    src.dirty(1);
    served(dst);
    return DONE;
  }

  /** Inserts {@code k} (known absent) with {@code value} and the expiry of {@code like}. */
  private static void addLike(LockedKey k, Entry like, Object value) {
    Entry e = k.insert(value);
    if (like.expireAt() != Entry.NO_EXPIRY) {
      k.shard().setExpireAt(e, like.expireAt());
    }
  }

  /** Serves the clients blocked on a key just created, before its lock goes. */
  private static void served(LockedKey created) {
    created.engine().blocking().serveReady();
  }

  /**
   * How the STORE commands (ZRANGESTORE, GEOSEARCHSTORE, SORT ... STORE ...) leave their
   * destination: {@code value} (when not null) replaces any value, dropping its expiry, counts
   * {@code dirty}, publishes {@code event} of class {@code type} and serves clients blocked on
   * the key; a null {@code value} deletes an existing key ("del", one change).
   */
  static void storeOrDelete(LockedKey dst, @Nullable Object value, long dirty, int type,
      String event) {
    if (value != null) {
      StringType.setKey(dst.shard(), dst.array(), dst.offset(), dst.length(), dst.hash(),
          dst.now(), value, false);
      dst.dirty(dirty);
      dst.event(type, event);
      dst.engine().blocking().serveReady();
    } else {
      Entry e = dst.find();
      if (e != null) {
        dst.delete(e, dst.lazyFree().lazyServerDel);
        dst.dirty(1);
        dst.event(NotifyFlags.GENERIC, "del");
      }
    }
  }
}
