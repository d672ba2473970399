package io.lime.internal.engine;

import io.lime.resp.Argv;

/**
 * The shards of several keys, locked in ascending (database, shard) order and released by
 * {@link #close()}: the one way a multi-key operation (MSET, LMOVE, SMOVE, RENAME, SUNIONSTORE,
 * MOVE, COPY ... DB) locks, so no two of them can deadlock. Inside, each key is reached with
 * {@link LockedKey#within} (or {@link #key}).
 *
 * <pre>{@code
 * try (KeyLocks locks = KeyLocks.of(db, src, dst)) {
 *   LockedKey from = locks.key(src, now), to = locks.key(dst, now);
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: belongs to the thread that locked it.
 */
public final class KeyLocks implements AutoCloseable {
  private final Database first, second;
  private final long firstMask, secondMask;

  private KeyLocks(Database first, long firstMask, Database second, long secondMask) {
    this.first = first;
    this.firstMask = firstMask;
    this.second = second;
    this.secondMask = secondMask;
  }

  /** Locks the shards of whole-array keys of one database. */
  public static KeyLocks of(Database db, byte[]... keys) {
    long mask = 0;
    for (byte[] k : keys) {
      mask |= 1L << db.shardIndex(Hashing.hash(k, 0, k.length));
    }
    db.lockMask(mask);
    return new KeyLocks(db, mask, db, 0);
  }

  /** Locks the shards of {@code argv[first]}, {@code argv[first+step]} ... to {@code last} (negative: from the end). */
  public static KeyLocks of(Database db, Argv argv, int first, int last, int step) {
    return new KeyLocks(db, db.lockKeys(argv, first, last, step), db, 0);
  }

  /** Locks every shard of {@code db}. */
  public static KeyLocks all(Database db) {
    return new KeyLocks(db, db.lockAll(), db, 0);
  }

  /**
   * Locks the shard of {@code a[aoff..aoff+alen)} in {@code adb} and of {@code b[...]} in
   * {@code bdb} (MOVE, COPY ... DB): of two databases, after the cross-database lock ({@link
   * Engine}), lower database first.
   */
  public static KeyLocks of(Database adb, byte[] a, int aoff, int alen, Database bdb, byte[] b,
      int boff, int blen) {
    long am = 1L << adb.shardIndex(Hashing.hash(a, aoff, alen));
    long bm = 1L << bdb.shardIndex(Hashing.hash(b, boff, blen));
    if (adb == bdb) {
      adb.lockMask(am | bm);
      return new KeyLocks(adb, am | bm, adb, 0);
    }
    Database lo = adb.index() < bdb.index() ? adb : bdb;
    Database hi = lo == adb ? bdb : adb;
    long loMask = lo == adb ? am : bm;
    long hiMask = lo == adb ? bm : am;
    Engine engine = lo.engine();
    engine.lockCrossDatabase(); // two databases (see Engine)
    try {
      lo.lockMask(loMask);
      try {
        hi.lockMask(hiMask);
      } catch (RuntimeException | Error e) {
        lo.unlock(loMask);
        throw e;
      }
    } catch (RuntimeException | Error e) {
      engine.unlockCrossDatabase();
      throw e;
    }
    return new KeyLocks(lo, loMask, hi, hiMask);
  }

  /** A handle on whole-array {@code key} of the first database, under these locks. */
  public LockedKey key(byte[] key, long now) {
    return LockedKey.within(first, key, 0, key.length, now);
  }

  /** Releases every shard, in reverse order of locking. */
  @Override
  public void close() {
    if (secondMask != 0) {
      second.unlock(secondMask);
    }
    first.unlock(firstMask);
    if (second != first) {
      first.engine().unlockCrossDatabase();
    }
  }
}
