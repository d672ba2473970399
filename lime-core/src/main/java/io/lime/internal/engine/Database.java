package io.lime.internal.engine;

import io.lime.resp.Argv;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One of the engine's numbered databases: a keyspace split into a power-of-two number of
 * {@link Shard}s (at most 64), chosen by the high bits of the key hash.
 *
 * <p>Concurrency: a single-key operation locks one shard. A multi-key operation locks every
 * shard it touches in ascending index order through {@link #lockKeys} (a bit mask of shards)
 * and releases them with {@link #unlock(long)}. Operations spanning databases take the
 * engine's cross-database lock first, then lock in ascending database order (see {@link
 * Engine#lockAll()}); a script may then add a further database out of that order (see
 * {@link Engine}).
 */
public final class Database {
  private final Engine engine;
  private final int index;
  private final Shard[] shards;
  private final int shift;

  Database(Engine engine, int index, int shardCount) {
    if (Integer.bitCount(shardCount) != 1 || shardCount > 64) {
      throw new IllegalArgumentException("shard count must be a power of two <= 64: " + shardCount);
    }
    this.engine = engine;
    this.index = index;
    this.shards = new Shard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new Shard(this, i);
    }
    this.shift = 32 - Integer.numberOfTrailingZeros(shardCount);
  }

  /** The engine owning this database. */ public Engine engine() { return engine; }

  /** This database's number (0-based, as SELECT). */ public int index() { return index; }

  /** Number of shards. */ public int shardCount() { return shards.length; }

  /** Shard {@code i}. */ public Shard shardAt(int i) { return shards[i]; }

  /** The shard owning keys with this hash. */
  public Shard shard(int hash) { return shift == 32 ? shards[0] : shards[hash >>> shift]; }

  /** The index of the shard owning keys with this hash. */
  public int shardIndex(int hash) { return shift == 32 ? 0 : hash >>> shift; }

  /**
   * Locks, in ascending order, the shards of the keys {@code argv[first]},
   * {@code argv[first+step]}, ... up to {@code last} inclusive ({@code last} negative counts
   * from the end, as Redis's key specs: -1 is the last argument). Returns the mask to pass
   * to {@link #unlock(long)}.
   */
  public long lockKeys(Argv argv, int first, int last, int step) {
    int end = last < 0 ? argv.size() + last : last;
    long mask = 0;
    for (int i = first; i <= end; i += step) {
      mask |= 1L << shardIndex(Hashing.hash(argv.array(), argv.offset(i), argv.length(i)));
    }
    return lockMask(mask);
  }

  /** Locks the shards of a mask in ascending order; returns the mask. */
  public long lockMask(long mask) {
    for (long m = mask; m != 0; m &= m - 1) {
      shards[Long.numberOfTrailingZeros(m)].lock();
    }
    return mask;
  }

  /** Locks every shard; returns the mask for {@link #unlock(long)}. */
  public long lockAll() {
    return lockMask(shards.length == 64 ? -1L : (1L << shards.length) - 1);
  }

  /** Releases the shards of a mask. */
  public void unlock(long mask) {
    for (long m = mask; m != 0; m &= m - 1) {
      shards[Long.numberOfTrailingZeros(m)].unlock();
    }
  }

  /** Number of keys (approximate while other threads write; exact under {@link #lockAll()}). */
  public long size() {
    long n = 0;
    for (Shard s : shards) {
      n += s.size();
    }
    return n;
  }

  /** Number of keys with an expiry (same caveat as {@link #size()}). */
  public long volatileCount() {
    long n = 0;
    for (Shard s : shards) {
      n += s.volatileCount();
    }
    return n;
  }

  /** Removes every key; locks each shard in turn (all of them while WATCHes are told). */
  public void flush() {
    flush(false);
  }

  /** As {@link #flush()}; {@code async}: the removed entries are released by {@link LazyFree}. */
  public void flush(boolean async) {
    long all = lockAll();
    try {
      engine.events().flushed(this, null);
    } finally {
      unlock(all);
    }
    for (Shard s : shards) {
      s.lock();
      try {
        s.clear(async);
      } finally {
        s.unlock();
      }
    }
  }

  /**
   * One step of a keyspace SCAN. The cursor's low bits name the shard and the rest are the
   * shard table's reverse-binary cursor; returns the next cursor, 0 when complete. Locks one
   * shard at a time while visiting it. Visits at least one bucket (possibly empty).
   */
  public long scanStep(long cursor, Consumer<Entry> visitor) {
    int bits = Integer.numberOfTrailingZeros(shards.length);
    int s = (int) (cursor & (shards.length - 1));
    long tableCursor = cursor >>> bits;
    Shard shard = shards[s];
    long next;
    shard.lock();
    try {
      next = shard.scan(tableCursor, visitor);
    } finally {
      shard.unlock();
    }
    if (next == 0) {
      if (s + 1 == shards.length) {
        return 0;
      }
      return s + 1;
    }
    return (next << bits) | s;
  }

  /** A random live key's entry (its shard chosen by weight of size), or null when empty. */
  public @Nullable Entry randomEntry(long now, Consumer<Entry> withEntryLocked) {
    long total = size();
    if (total == 0) {
      return null;
    }
    for (int tries = 0; tries < 128; tries++) {
      long pick = java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, total));
      Shard chosen = shards[shards.length - 1];
      for (Shard s : shards) {
        if (pick < s.size()) {
          chosen = s;
          break;
        }
        pick -= s.size();
      }
      chosen.lock();
      try {
        Entry e = chosen.random(now);
        if (e != null) {
          withEntryLocked.accept(e);
          return e;
        }
      } finally {
        chosen.unlock();
      }
      total = size();
      if (total == 0) {
        return null;
      }
    }
    return null;
  }

  /** Exchanges every key of two databases; the caller holds all locks of both. */
  /**
   * SWAPDB of {@code first} and {@code second} (first the lower index), under the engine's
   * cross-database lock and both databases' shards, waking clients blocked on their keys.
   */
  static void swap(Database first, Database second) {
    Engine engine = first.engine;
    engine.lockCrossDatabase();
    long m1 = first.lockAll();
    long m2 = second.lockAll();
    try {
      engine.events().flushed(first, second);
      engine.events().flushed(second, first);
      swapContents(first, second);
      engine.blocking().signalExisting(first);
      engine.blocking().signalExisting(second);
      engine.blocking().serveReady();
    } finally {
      second.unlock(m2);
      first.unlock(m1);
      engine.unlockCrossDatabase();
    }
  }

  /** FLUSHALL of {@code all} (the engine's databases) under {@link Engine#lockAll()}. */
  static void flushAll(Database[] all, boolean async) {
    Engine engine = all[0].engine;
    engine.lockAll();
    try {
      for (Database d : all) {
        engine.events().flushed(d, null);
        for (Shard s : d.shards) {
          s.clear(async);
        }
      }
    } finally {
      engine.unlockAll();
    }
  }

  static void swapContents(Database a, Database b) {
    for (int i = 0; i < a.shards.length; i++) {
      Shard.swapContents(a.shards[i], b.shards[i]);
    }
  }
}
