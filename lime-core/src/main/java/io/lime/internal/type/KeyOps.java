package io.lime.internal.type;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Generic key operations of any value type (Redis's src/db.c, src/expire.c and the key part
 * of src/object.c), shared by the command handlers and the typed embedded API.
 *
 * <p>Keys are given as byte slices ({@code b[off..off+len)}) so a handler passes its argv
 * arena without copying. Times are Unix milliseconds from {@link Engine#now()}, passed in by
 * the caller so one command sees one instant.
 *
 * <p>Concurrency: every method locks what it needs itself, following the engine's order
 * (ascending database index, then ascending shard index). The shard locks are reentrant, so
 * a multi-key command may first lock all of its keys' shards (for atomicity) with
 * {@link Database#lockKeys} and then call these methods. Callers must not hold a lock of a
 * higher (database, shard) than the ones a method takes.
 *
 * <p>Expiry: a key whose deadline has passed is absent for every method here; lookups delete
 * it on the way (lazy expiry). KEYS only skips such keys, as Redis does.
 */
public final class KeyOps {
  /** {@link #pttl}/{@link #pexpireTime} of a missing key (Redis: -2). */
  public static final long MISSING = -2;
  /** {@link #pttl}/{@link #pexpireTime} of a key without expiry (Redis: -1). */
  public static final long PERSISTENT = -1;

  /** Expire condition: only when the key has no expiry. */
  public static final int EXPIRE_NX = 1;
  /** Expire condition: only when the key has an expiry. */
  public static final int EXPIRE_XX = 2;
  /** Expire condition: only when the new deadline is later (no expiry counts as infinite). */
  public static final int EXPIRE_GT = 4;
  /** Expire condition: only when the new deadline is earlier (no expiry counts as infinite). */
  public static final int EXPIRE_LT = 8;

  /** {@link #rename} result: the source key does not exist. */
  public static final int RENAME_NO_SUCH_KEY = -1;

  /** {@link #copyKey} result: the source key does not exist. */
  public static final int COPY_NO_SUCH_KEY = -1;

  /** Redis's LRU clock wrap (24 bits). */
  private static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private KeyOps() {}

  // ---------------------------------------------------------------- single key

  /** Deletes a key; returns whether it existed (DEL/UNLINK). */
  public static boolean delete(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return false;
      }
      s.delete(e);
      KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", b, off, len);
      return true;
    } finally {
      s.unlock();
    }
  }

  /** Whether a live key exists; does not touch its access clock (EXISTS). */
  public static boolean exists(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      return s.find(b, off, len, h, now) != null;
    } finally {
      s.unlock();
    }
  }

  /** Touches a key's access clock; returns whether it exists (TOUCH). */
  public static boolean touch(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return false;
      }
      s.touch(e);
      return true;
    } finally {
      s.unlock();
    }
  }

  /** The Redis type name of a key's value, {@code "none"} when missing (TYPE). */
  public static String type(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      return e == null ? "none" : ValueTypes.typeName(e.value());
    } finally {
      s.unlock();
    }
  }

  /** OBJECT ENCODING: the value's encoding name, or null when the key is missing. */
  public static @Nullable String encoding(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      return e == null ? null : ValueTypes.encoding(e.value());
    } finally {
      s.unlock();
    }
  }

  /**
   * OBJECT REFCOUNT: 2147483647 for values Redis would hold as shared objects (small
   * integers while no LRU/LFU policy forbids sharing), 1 otherwise, -1 when missing.
   */
  public static long refcount(Database db, byte[] b, int off, int len, long now,
      boolean sharingAllowed) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return -1;
      }
      return sharingAllowed && ValueTypes.isSharedInteger(e.value()) ? Integer.MAX_VALUE : 1;
    } finally {
      s.unlock();
    }
  }

  /**
   * OBJECT IDLETIME in milliseconds (Redis's estimateObjectIdleTime: LRU clock seconds,
   * wrapping at 24 bits), or -1 when missing.
   */
  public static long idleMillis(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return -1;
      }
      long clock = db.engine().lruClock();
      long lru = e.lru() & LRU_CLOCK_MAX;
      long seconds = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
      return seconds * 1000;
    } finally {
      s.unlock();
    }
  }

  /** OBJECT FREQ under an LFU policy: the entry's LFU counter, or -1 when missing. */
  public static long frequency(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      return e == null ? -1 : e.lru() & 0xFF;
    } finally {
      s.unlock();
    }
  }

  // ---------------------------------------------------------------- expiry

  /**
   * Sets the absolute deadline {@code whenMillis} of a key under the {@code EXPIRE_*}
   * {@code flags} (Redis's expireGenericCommand after argument checks). A deadline at or
   * before {@code now} deletes the key. Touches the key's access clock. Returns whether the
   * deadline was set (or the key deleted): false when the key is missing or a condition
   * failed.
   */
  public static boolean expire(Database db, byte[] b, int off, int len, long whenMillis,
      int flags, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return false;
      }
      s.touch(e);
      long current = e.expireAt();
      if ((flags & EXPIRE_NX) != 0 && current != Entry.NO_EXPIRY) {
        return false;
      }
      if ((flags & EXPIRE_XX) != 0 && current == Entry.NO_EXPIRY) {
        return false;
      }
      if ((flags & EXPIRE_GT) != 0 && (current == Entry.NO_EXPIRY || whenMillis <= current)) {
        return false;
      }
      if ((flags & EXPIRE_LT) != 0 && current != Entry.NO_EXPIRY && whenMillis >= current) {
        return false;
      }
      if (whenMillis <= now) {
        s.delete(e);
        KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", b, off, len);
      } else {
        s.setExpireAt(e, whenMillis);
        KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "expire", b, off, len);
      }
      return true;
    } finally {
      s.unlock();
    }
  }

  /**
   * Milliseconds to live: {@link #MISSING}, {@link #PERSISTENT}, or the remaining time
   * (at least 0). Does not touch the access clock.
   */
  public static long pttl(Database db, byte[] b, int off, int len, long now) {
    long at = pexpireTime(db, b, off, len, now);
    if (at < 0) {
      return at;
    }
    return Math.max(0, at - now);
  }

  /** The absolute deadline in Unix ms, {@link #MISSING} or {@link #PERSISTENT}. */
  public static long pexpireTime(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return MISSING;
      }
      long at = e.expireAt();
      return at == Entry.NO_EXPIRY ? PERSISTENT : Math.max(0, at);
    } finally {
      s.unlock();
    }
  }

  /** Milliseconds to seconds as TTL/EXPIRETIME round them: {@code (ms + 500) / 1000}. */
  public static long roundToSeconds(long millis) {
    if (millis < 0) {
      return millis;
    }
    return millis / 1000 + (millis % 1000 + 500) / 1000;
  }

  /** Removes a key's expiry; returns whether it had one (PERSIST). Touches the key. */
  public static boolean persist(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(b, off, len, h, now);
      if (e == null) {
        return false;
      }
      s.touch(e);
      if (e.expireAt() == Entry.NO_EXPIRY) {
        return false;
      }
      s.setExpireAt(e, Entry.NO_EXPIRY);
      KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "persist", b, off, len);
      return true;
    } finally {
      s.unlock();
    }
  }

  // ---------------------------------------------------------------- two keys

  /**
   * Renames {@code src} to {@code dst} in one database, keeping the value and its expiry and
   * overwriting {@code dst} unless {@code nx}. Returns {@link #RENAME_NO_SUCH_KEY}, 0 when
   * {@code nx} and {@code dst} exists (or is {@code src}), or 1 when renamed (renaming a key
   * to itself is a successful no-op without {@code nx}).
   */
  public static int rename(Database db, byte[] sb, int soff, int slen, byte[] db2, int doff,
      int dlen, boolean nx, long now) {
    int hs = Hashing.hash(sb, soff, slen);
    int hd = Hashing.hash(db2, doff, dlen);
    long mask = (1L << db.shardIndex(hs)) | (1L << db.shardIndex(hd));
    db.lockMask(mask);
    try {
      Shard ss = db.shard(hs);
      Entry src = ss.find(sb, soff, slen, hs, now);
      if (src == null) {
        return RENAME_NO_SUCH_KEY;
      }
      ss.touch(src);
      if (Arrays.equals(sb, soff, soff + slen, db2, doff, doff + dlen)) {
        return nx ? 0 : 1;
      }
      Shard sd = db.shard(hd);
      Entry old = sd.find(db2, doff, dlen, hd, now);
      if (old != null) {
        if (nx) {
          return 0;
        }
        sd.delete(old);
      }
      Entry moved = sd.insert(Arrays.copyOfRange(db2, doff, doff + dlen), hd, src.value());
      if (src.expireAt() != Entry.NO_EXPIRY) {
        sd.setExpireAt(moved, src.expireAt());
      }
      ss.delete(src);
      db.engine().events().modified(db, sb, soff, slen);
      db.engine().events().modified(db, db2, doff, dlen);
      db.engine().events().notify(NotifyFlags.GENERIC, "rename_from", db, sb, soff, slen);
      db.engine().events().notify(NotifyFlags.GENERIC, "rename_to", db, db2, doff, dlen);
      return 1;
    } finally {
      db.unlock(mask);
    }
  }

  /**
   * Copies {@code src} of {@code from} to {@code dst} of {@code to} (a deep copy of the value,
   * with the expiry). Returns false when {@code src} is missing, or {@code dst} exists and
   * not {@code replace}. The caller rejects copying a key onto itself in the same database.
   */
  public static boolean copy(Database from, byte[] sb, int soff, int slen, Database to,
      byte[] db2, int doff, int dlen, boolean replace, long now) {
    return copyKey(from, sb, soff, slen, to, db2, doff, dlen, replace, now) == 1;
  }

  /**
   * {@link #copy}, telling why nothing was copied: {@link #COPY_NO_SUCH_KEY} when {@code src}
   * is missing, 0 when {@code dst} exists and not {@code replace}, 1 when copied (COPY counts
   * the source lookup as a read: keyspace hit or miss).
   */
  public static int copyKey(Database from, byte[] sb, int soff, int slen, Database to,
      byte[] db2, int doff, int dlen, boolean replace, long now) {
    int hs = Hashing.hash(sb, soff, slen);
    int hd = Hashing.hash(db2, doff, dlen);
    Shard ss = from.shard(hs);
    Shard sd = to.shard(hd);
    lockPair(ss, hs, sd, hd);
    try {
      Entry src = ss.find(sb, soff, slen, hs, now);
      if (src == null) {
        return COPY_NO_SUCH_KEY;
      }
      ss.touch(src);
      Entry old = sd.find(db2, doff, dlen, hd, now);
      if (old != null) {
        if (!replace) {
          return 0;
        }
        sd.delete(old);
      }
      Entry copy = sd.insert(Arrays.copyOfRange(db2, doff, doff + dlen), hd,
          ValueTypes.duplicate(src.value()));
      if (src.expireAt() != Entry.NO_EXPIRY) {
        sd.setExpireAt(copy, src.expireAt());
      }
      KeyspaceEvents.signal(sd, NotifyFlags.GENERIC, "copy_to", db2, doff, dlen);
      return 1;
    } finally {
      unlockPair(ss, sd);
    }
  }

  /**
   * Moves a key (value and expiry) from {@code from} to another database {@code to}.
   * Returns false when the key is missing in {@code from} or exists in {@code to}.
   */
  public static boolean move(Database from, Database to, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    Shard ss = from.shard(h);
    Shard sd = to.shard(h);
    lockPair(ss, h, sd, h);
    try {
      Entry src = ss.find(b, off, len, h, now);
      if (src == null) {
        return false;
      }
      ss.touch(src);
      if (sd.find(b, off, len, h, now) != null) {
        return false;
      }
      Entry moved = sd.insert(src.key(), h, src.value());
      if (src.expireAt() != Entry.NO_EXPIRY) {
        sd.setExpireAt(moved, src.expireAt());
      }
      ss.delete(src);
      from.engine().events().modified(from, b, off, len);
      from.engine().events().modified(to, b, off, len);
      from.engine().events().notify(NotifyFlags.GENERIC, "move_from", from, b, off, len);
      from.engine().events().notify(NotifyFlags.GENERIC, "move_to", to, b, off, len);
      return true;
    } finally {
      unlockPair(ss, sd);
    }
  }

  /**
   * Locks two shards (possibly the same, possibly of two databases) in engine order:
   * ascending database index, then ascending shard index.
   */
  private static void lockPair(Shard a, int ha, Shard b, int hb) {
    if (a == b) {
      a.lock();
    } else if (before(a, ha, b, hb)) {
      a.lock();
      b.lock();
    } else {
      b.lock();
      a.lock();
    }
  }

  private static void unlockPair(Shard a, Shard b) {
    a.unlock();
    if (a != b) {
      b.unlock();
    }
  }

  private static boolean before(Shard a, int ha, Shard b, int hb) {
    Database da = a.database();
    Database dbb = b.database();
    if (da.index() != dbb.index()) {
      return da.index() < dbb.index();
    }
    return da.shardIndex(ha) < dbb.shardIndex(hb);
  }

  // ---------------------------------------------------------------- keyspace

  /** A random live key (RANDOMKEY), or null when the database holds none. */
  public static byte @Nullable [] randomKey(Database db, long now) {
    Entry e = db.randomEntry(now, x -> { });
    return e == null ? null : e.key();
  }

  /**
   * Every live key matching a glob pattern (KEYS), shard by shard. Expired keys are skipped,
   * not deleted. The returned arrays are the stored keys: callers must not modify them.
   */
  public static List<byte[]> keys(Database db, byte[] p, int off, int len, long now) {
    boolean all = Glob.matchesAll(p, off, len);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < db.shardCount(); i++) {
      Shard s = db.shardAt(i);
      s.lock();
      try {
        s.forEach(e -> {
          long at = e.expireAt();
          if (at != Entry.NO_EXPIRY && at < now) {
            return;
          }
          byte[] k = e.key();
          if (all || Glob.match(p, off, len, k, 0, k.length, false)) {
            out.add(k);
          }
        });
      } finally {
        s.unlock();
      }
    }
    return out;
  }

  /**
   * One SCAN call (Redis's scanGenericCommand on the keyspace): walks buckets from
   * {@code cursor} until at least {@code count} keys were visited, {@code count * 10} buckets
   * were walked, or the scan completed; then drops keys not matching {@code pattern} (null:
   * all), not of type {@code type} (null: any; compared ignoring ASCII case with the type
   * name), or expired (deleting them). Appends the survivors to {@code out} and returns the
   * next cursor, 0 when the scan is complete.
   */
  public static long scan(Database db, long cursor, byte @Nullable [] pattern, int poff,
      int plen, long count, @Nullable String type, long now, List<byte[]> out) {
    List<byte[]> visited = new ArrayList<>();
    long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    long c = cursor;
    do {
      c = db.scanStep(c, e -> visited.add(e.key()));
    } while (c != 0 && maxIterations-- > 0 && visited.size() < count);
    boolean usePattern = pattern != null && !Glob.matchesAll(pattern, poff, plen);
    for (byte[] k : visited) {
      if (usePattern && !Glob.match(pattern, poff, plen, k, 0, k.length, false)) {
        continue;
      }
      int h = Hashing.hash(k);
      Shard s = db.shard(h);
      s.lock();
      try {
        Entry e = s.find(k, h, now);
        if (e == null) {
          continue;
        }
        if (type != null && !type.equalsIgnoreCase(ValueTypes.typeName(e.value()))) {
          continue;
        }
      } finally {
        s.unlock();
      }
      out.add(k);
    }
    return c;
  }

  /** Empties a database atomically; returns how many keys it held (FLUSHDB). */
  public static long flush(Database db) {
    long mask = db.lockAll();
    try {
      long n = db.size();
      db.flush();
      return n;
    } finally {
      db.unlock(mask);
    }
  }

  /** Empties every database atomically; returns how many keys they held (FLUSHALL). */
  public static long flushAll(Engine engine) {
    engine.lockAll();
    try {
      long n = 0;
      for (int i = 0; i < engine.databaseCount(); i++) {
        n += engine.db(i).size();
      }
      engine.flushAll();
      return n;
    } finally {
      engine.unlockAll();
    }
  }
}
