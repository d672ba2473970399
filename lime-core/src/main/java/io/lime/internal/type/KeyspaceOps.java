package io.lime.internal.type;

import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.Glob;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Operations on a whole database or on all of them (Redis's src/db.c): KEYS, SCAN,
 * RANDOMKEY, FLUSHDB, FLUSHALL, SWAPDB, under both doors ({@code KeyCommands}, {@code
 * DatabaseCommands}, {@code LocalKeyOperations}). They lock shards themselves: one at a time
 * for the iterations, every shard for the atomic ones. Expired keys are absent; SCAN and
 * RANDOMKEY delete those they meet, KEYS only skips them, as Redis does.
 */
public final class KeyspaceOps {
  private KeyspaceOps() {}

  /** Database {@code index} of {@code engine}, or null when out of range (MOVE, COPY ... DB). */
  public static @Nullable Database database(Engine engine, long index) {
    return index < 0 || index >= engine.databaseCount() ? null : engine.db((int) index);
  }

  /** RANDOMKEY: a random live key, or null when the database holds none. */
  public static byte @Nullable [] randomKey(Database db, long now) {
    Entry e = db.randomEntry(now, x -> { });
    return e == null ? null : e.key();
  }

  /**
   * KEYS: every live key matching a glob pattern, shard by shard. Expired keys are skipped,
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
    // Redis's bound is 10 dictScan steps (buckets) per requested key. LIME's keyspace is
    // split into shards, each a table of its own, so a small keyspace has about shardCount
    // times as many buckets as Redis's one table: the bound scales with it, so a SCAN of a
    // few keys still completes in one call as in Redis, whatever bucket the keys hash to.
    long perKey = 10L * db.shardCount();
    long maxIterations = count > Long.MAX_VALUE / perKey ? Long.MAX_VALUE : count * perKey;
    long c = cursor;
    do {
      c = db.scanStep(c, e -> visited.add(e.key()));
    } while (c != 0 && maxIterations-- > 0 && visited.size() < count);
    boolean usePattern = pattern != null && !Glob.matchesAll(pattern, poff, plen);
    LockedKey handle = new LockedKey();
    for (byte[] k : visited) {
      if (usePattern && !Glob.match(pattern, poff, plen, k, 0, k.length, false)) {
        continue;
      }
      try (LockedKey key = handle.aim(db, k, 0, k.length, now).lock()) {
        Entry e = key.find();
        if (e == null || (type != null && !type.equalsIgnoreCase(ValueTypes.typeName(e.value())))) {
          continue;
        }
      }
      out.add(k);
    }
    return c;
  }

  /** FLUSHDB: empties a database atomically; returns how many keys it held. */
  public static long flush(Database db) {
    return flush(db, false);
  }

  /** FLUSHDB [ASYNC]: {@code async} releases the removed keys in the background. */
  public static long flush(Database db, boolean async) {
    Propagation p = Propagation.asGiven(db.engine());
    if (p != null) {
      p.rewrite(async ? Argvs.of("FLUSHDB", "ASYNC") : Argvs.of("FLUSHDB"));
    }
    long mask = db.lockAll();
    long n;
    try {
      n = db.size();
      db.flush(async);
    } finally {
      db.unlock(mask);
    }
    flushed(db.engine(), n);
    return n;
  }

  /** FLUSHALL: empties every database atomically; returns how many keys they held. */
  public static long flushAll(Engine engine) {
    return flushAll(engine, false);
  }

  /** FLUSHALL [ASYNC]: {@code async} releases the removed keys in the background. */
  public static long flushAll(Engine engine, boolean async) {
    long n = 0;
    engine.lockAll();
    try {
      for (int i = 0; i < engine.databaseCount(); i++) {
        n += engine.db(i).size();
      }
      engine.flushAll(async);
    } finally {
      engine.unlockAll();
    }
    flushed(engine, n + 1); // Redis's flushAllDataAndResetRDB counts one more change
    return n;
  }

  /**
   * Counts a flush in the dirty counter and propagates it even when it removed nothing
   * (Redis's forceCommandPropagation), so an empty database is emptied on replay too.
   */
  private static void flushed(Engine engine, long changes) {
    engine.dirty(changes);
    engine.events().flushedForTracking();
    Propagation p = engine.propagation();
    if (p != null && p.active()) {
      p.force();
    }
  }

  /** SWAPDB: exchanges the contents of databases {@code a} and {@code b} (valid indexes). */
  public static void swap(Engine engine, int a, int b) {
    engine.swap(a, b);
    engine.dirty(1);
  }
}
