package io.lime.internal.engine;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * maxmemory and its eight policies: Redis's src/evict.c over LIME's sharded keyspaces and
 * its memory accounting ({@link KeyspaceMemory}).
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>When.</b> {@link #perform} runs before a command executes (the dispatcher, and the
 *       typed API before a write), as Redis's processCommand calls performEvictions: it
 *       returns false only when memory is over the limit and nothing can be evicted (always so
 *       under {@code noeviction}); callers then refuse commands flagged {@code denyoom} with
 *       Redis's OOM error.
 *   <li><b>Which key.</b> The approximated LRU/LFU/TTL of Redis: each round samples
 *       {@code maxmemory-samples} keys of every database (of one random shard of it; of its
 *       keys with a TTL for {@code volatile-*}) into a pool of the
 *       {@value #POOL_SIZE} best candidates kept across calls, sorted by idle time (LRU),
 *       inverse frequency (LFU) or nearness of expiry (TTL), then evicts the best pool entry
 *       that still exists. The random policies evict a random key of the next database in
 *       turn. The pool keeps the entry's key array (immutable, owned by the entry), not a copy.
 *   <li><b>Bounded work.</b> Evicting stops when enough was freed or, checked every 16 keys,
 *       when the time limit of {@code maxmemory-eviction-tenacity} has passed (Redis's
 *       evictionTimeLimitUs: 0..500 us linearly up to 10, then 15% more per step, none at
 *       100). Redis then continues in a timer; LIME continues before the next command. One
 *       thread evicts at a time; others run their command meanwhile.
 *   <li><b>LFU.</b> The 24-bit clock of an {@link Entry} holds, under an LFU policy, 16 bits
 *       of minutes since the last decrement and an 8-bit logarithmic counter (initial 5,
 *       incremented with probability 1/((c-5)*lfu-log-factor+1), decremented once per
 *       lfu-decay-time minutes), exactly as Redis; under the other policies seconds of the
 *       LRU clock.
 *   <li><b>Locks and propagation.</b> Callers hold no shard lock. With an AOF the write-order
 *       lock is taken first (the order every writer follows); each eviction deletes under its
 *       shard lock, raises the {@code evicted} keyspace event, invalidates WATCHes and is
 *       propagated as {@code DEL}.
 * </ul>
 */
public final class Eviction {
  /** Redis's EVPOOL_SIZE. */
  static final int POOL_SIZE = 16;
  /** Redis's LFU_INIT_VAL. */
  static final int LFU_INIT_VAL = 5;

  /** The eight maxmemory policies, as CONFIG spells them. */
  public enum Policy {
    VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL, ALLKEYS_LRU, ALLKEYS_LFU,
    ALLKEYS_RANDOM, NOEVICTION;

    /** The policy named {@code name} (any case, Redis's spelling). */
    public static Policy of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Redis's spelling. */
    public String configName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Whether keys without a TTL may be evicted. */
    public boolean allKeys() { return name().startsWith("ALLKEYS"); }

    /** Whether the access clock is an LFU counter. */
    public boolean lfu() { return this == VOLATILE_LFU || this == ALLKEYS_LFU; }

    boolean lru() { return this == VOLATILE_LRU || this == ALLKEYS_LRU; }

    boolean pooled() { return lru() || lfu() || this == VOLATILE_TTL; }
  }

  private final Engine engine;
  private volatile long maxmemory;
  /** A bound on the number of keys (the cache API's maximum size); 0: none. */
  private volatile long maxKeys;
  private volatile Policy policy = Policy.NOEVICTION;
  /** {@link Policy#lfu()} of the policy, read on every key access (a stale read is harmless). */
  private boolean lfu;
  private volatile int samples = 5;
  private volatile int tenacity = 10;
  private volatile int lfuLogFactor = 10;
  private volatile int lfuDecayMinutes = 1;
  private final LongAdder evictedKeys = new LongAdder();
  private final LongAdder evictionMicros = new LongAdder();
  private final ReentrantLock evicting = new ReentrantLock();
  // The pool, guarded by `evicting`: ascending score, empty slots have a null key.
  private final byte @Nullable [][] poolKey = new byte[POOL_SIZE][];
  /** The key's length in {@link #poolKey} (an entry's key array may hold its value too). */
  private final int[] poolKeyLength = new int[POOL_SIZE];
  private final int[] poolHash = new int[POOL_SIZE];
  private final int[] poolDb = new int[POOL_SIZE];
  private final long[] poolScore = new long[POOL_SIZE];
  private int nextDb;

  Eviction(Engine engine) {
    this.engine = engine;
  }

  // ------------------------------------------------------------------ settings

  /** maxmemory in bytes; 0: no limit. */ public long maxmemory() { return maxmemory; }

  /** Sets maxmemory (bytes, 0 for none). */
  public synchronized void maxmemory(long bytes) {
    if (bytes != 0) {
      engine.rareChecks().set(RareChecks.MAXMEMORY, true);
    }
    maxmemory = bytes;
    if (bytes == 0) {
      engine.rareChecks().set(RareChecks.MAXMEMORY, false);
    }
  }

  /** The key-count bound; 0: none. */ public long maxKeys() { return maxKeys; }

  /** Bounds the number of keys as maxmemory bounds bytes (0 for none). */
  public void maxKeys(long n) { maxKeys = Math.max(0, n); }

  /** The policy. */ public Policy policy() { return policy; }

  /** Sets the policy; the pool is emptied (its scores meant another policy). */
  public void policy(Policy p) {
    evicting.lock();
    try {
      this.policy = p;
      this.lfu = p.lfu();
      for (int i = 0; i < POOL_SIZE; i++) {
        poolKey[i] = null;
      }
    } finally {
      evicting.unlock();
    }
  }

  /** Whether an LFU policy is selected (the access clock holds a counter). */
  public boolean lfu() { return lfu; }

  /** Sets maxmemory-samples (at least 1). */ public void samples(int n) { samples = Math.max(1, n); }

  /** Sets maxmemory-eviction-tenacity (0..100). */
  public void tenacity(int t) { tenacity = Math.max(0, Math.min(100, t)); }

  /** Sets lfu-log-factor. */ public void lfuLogFactor(int f) { lfuLogFactor = Math.max(0, f); }

  /** Sets lfu-decay-time (minutes; 0 never decays). */
  public void lfuDecayTime(int minutes) { lfuDecayMinutes = Math.max(0, minutes); }

  /** Keys evicted so far (INFO stats evicted_keys). */
  public long evictedKeys() { return evictedKeys.sum(); }

  /** Time spent evicting, microseconds (INFO stats total_eviction_exceeded_time's sibling). */
  public long evictionMicros() { return evictionMicros.sum(); }

  // ------------------------------------------------------------------ access clock

  /** The clock a new key starts with: now (LRU) or LFU_INIT_VAL now (LFU). */
  int initialClock(long nowMillis) {
    return lfu ? (minutes(nowMillis) << 8) | LFU_INIT_VAL : lruClock(nowMillis);
  }

  /**
   * Milliseconds per tick of the LRU clock: 1000 as Redis (LRU_CLOCK_RESOLUTION, what OBJECT
   * IDLETIME reads); the cache API uses 1, so that accesses within the same second are
   * ordered too (the 24-bit clock then wraps every 4.6 hours, handled as Redis handles its
   * wrap).
   */
  private volatile int lruResolutionMillis = 1000;

  /** Sets the LRU clock's resolution (1 or 1000 ms; see the field). */
  public void lruResolutionMillis(int ms) { lruResolutionMillis = ms; }

  /** The LRU clock at {@code nowMillis}: 24 bits of ticks. */
  int lruClock(long nowMillis) {
    return (int) ((nowMillis / lruResolutionMillis) & 0xFFFFFF);
  }

  /**
   * The access clock a read of a key without TTL stamps, from {@code old}, without reading
   * the time when it can: as Redis's LRU_CLOCK() and LFUGetTimeInMinutes(), it uses the
   * engine's cached clock of the last cron run ({@link Engine#cachedNow()}) when the clock's
   * resolution is no finer than the cron's period (the default 1-second LRU clock, the LFU
   * minutes); the millisecond LRU clock of the cache API reads the ticker.
   */
  int readClock(int old) {
    if (lfu) {
      return lfuTouch(old, engine.cachedNow());
    }
    if (lruResolutionMillis == 1000) {
      int c = engine.cachedLruClock();
      if (c >= 0) {
        return c;
      }
    }
    return lruClock(engine.now());
  }

  /** Redis's updateLFU: decay, then a logarithmic increment, stamped now. */
  int lfuTouch(int clock, long nowMillis) {
    int counter = lfuLogIncr(lfuDecrAndReturn(clock, nowMillis));
    return (minutes(nowMillis) << 8) | counter;
  }

  /** Redis's LFUDecrAndReturn: the counter after the decay periods elapsed (OBJECT FREQ). */
  public int lfuDecrAndReturn(int clock, long nowMillis) {
    int ldt = (clock >>> 8) & 0xFFFF;
    int counter = clock & 0xFF;
    int decay = lfuDecayMinutes;
    long periods = decay == 0 ? 0 : minutesElapsed(ldt, nowMillis) / decay;
    return periods == 0 ? counter : periods > counter ? 0 : counter - (int) periods;
  }

  private int lfuLogIncr(int counter) {
    if (counter == 255) {
      return 255;
    }
    double r = ThreadLocalRandom.current().nextDouble();
    double base = Math.max(0, counter - LFU_INIT_VAL);
    return r < 1.0 / (base * lfuLogFactor + 1) ? counter + 1 : counter;
  }

  private static int minutes(long nowMillis) {
    return (int) ((nowMillis / 1000 / 60) & 0xFFFF);
  }

  private static long minutesElapsed(int ldt, long nowMillis) {
    int now = minutes(nowMillis);
    return now >= ldt ? now - ldt : 65535 - ldt + now;
  }

  /** Redis's estimateObjectIdleTime: milliseconds since the LRU clock was stamped. */
  long idleMillis(int clock, long nowMillis) {
    long now = lruClock(nowMillis);
    long c = clock & 0xFFFFFFL;
    return (now >= c ? now - c : now + (0xFFFFFF - c)) * lruResolutionMillis;
  }

  // ------------------------------------------------------------------ evicting

  /** Whether used memory is over maxmemory (none set: never). */
  public boolean overLimit() {
    long max = maxmemory;
    long keys = maxKeys;
    return (max > 0 && engine.memory().usedBytes() > max)
        || (keys > 0 && engine.memory().keyCount() > keys);
  }

  /**
   * Redis's performEvictions: when used memory is over maxmemory, evicts keys under the policy
   * until it is not or the tenacity's time limit passes. Returns false when memory is over the
   * limit and nothing could be evicted (the caller refuses {@code denyoom} commands). The caller
   * must hold no shard lock.
   */
  public boolean perform() {
    if (!overLimit() || engine.expiryPaused()) {
      return true; // paused: Redis's isSafeToPerformEvictions is false, EVICT_OK
    }
    Policy p = policy;
    if (p == Policy.NOEVICTION) {
      return false;
    }
    if (!evicting.tryLock()) {
      return true; // another thread is evicting: Redis's EVICT_RUNNING
    }
    Propagation prop = engine.propagation();
    java.util.concurrent.locks.ReentrantLock order = prop != null && prop.active()
        ? prop.order() : null;
    long start = System.nanoTime();
    try {
      if (order != null) {
        LockWaits.lock(order);
      }
      long limitNanos = timeLimitMicros() * 1000;
      int freed = 0;
      while (overLimit()) {
        if (!evictOne(p)) {
          return false; // nothing left to evict
        }
        if (++freed % 16 == 0 && limitNanos >= 0 && System.nanoTime() - start > limitNanos) {
          break;
        }
      }
      return true;
    } finally {
      if (order != null) {
        order.unlock();
      }
      evictionMicros.add((System.nanoTime() - start) / 1000);
      evicting.unlock();
    }
  }

  /** Redis's evictionTimeLimitUs; -1: no limit. */
  long timeLimitMicros() {
    int t = tenacity;
    if (t <= 10) {
      return 50L * t;
    }
    if (t < 100) {
      return (long) (500.0 * Math.pow(1.15, t - 10.0));
    }
    return -1;
  }

  private boolean evictOne(Policy p) {
    return p.pooled() ? evictFromPool(p) : evictRandom(p);
  }

  private boolean evictRandom(Policy p) {
    int n = engine.databaseCount();
    long now = engine.now();
    for (int i = 0; i < n; i++) {
      Database db = engine.db(nextDb = (nextDb + 1) % n);
      for (int tries = 0; tries < db.shardCount(); tries++) {
        Shard s = db.shardAt(ThreadLocalRandom.current().nextInt(db.shardCount()));
        s.lock();
        try {
          Entry e = p.allKeys() ? s.randomEntry() : s.randomVolatile();
          if (e != null) {
            evict(db, s, e);
            return true;
          }
        } finally {
          s.unlock();
        }
      }
      if (keys(db, p.allKeys()) > 0 && evictAny(db, p.allKeys(), now)) {
        return true; // the random shards were empty: take the first shard that is not
      }
    }
    return false;
  }

  private boolean evictAny(Database db, boolean allKeys, long now) {
    for (int i = 0; i < db.shardCount(); i++) {
      Shard s = db.shardAt(i);
      s.lock();
      try {
        Entry e = allKeys ? s.randomEntry() : s.randomVolatile();
        if (e != null) {
          evict(db, s, e);
          return true;
        }
      } finally {
        s.unlock();
      }
    }
    return false;
  }

  private static long keys(Database db, boolean allKeys) {
    long n = 0;
    for (int i = 0; i < db.shardCount(); i++) {
      Shard s = db.shardAt(i);
      n += allKeys ? s.size() : s.volatileCount();
    }
    return n;
  }

  private boolean evictFromPool(Policy p) {
    long now = engine.now();
    while (true) {
      long total = 0;
      for (int i = 0; i < engine.databaseCount(); i++) {
        Database db = engine.db(i);
        long keys = keys(db, p.allKeys());
        if (keys > 0) {
          populate(db, p, now);
          total += keys;
        }
      }
      if (total == 0) {
        return false;
      }
      for (int k = POOL_SIZE - 1; k >= 0; k--) {
        byte[] key = poolKey[k];
        if (key == null) {
          continue;
        }
        poolKey[k] = null;
        Database db = engine.db(poolDb[k]);
        Shard s = db.shard(poolHash[k]);
        s.lock();
        try {
          Entry e = s.peek(key, 0, poolKeyLength[k], poolHash[k]);
          if (e != null && (p.allKeys() || e.expiry != null)) {
            evict(db, s, e);
            return true;
          }
        } finally {
          s.unlock();
        }
        // a ghost: deleted since it was pooled
      }
    }
  }

  /** Redis's evictionPoolPopulate over one random non-empty shard of {@code db}. */
  private void populate(Database db, Policy p, long now) {
    int shards = db.shardCount();
    int first = ThreadLocalRandom.current().nextInt(shards);
    for (int j = 0; j < shards; j++) {
      Shard s = db.shardAt((first + j) & (shards - 1));
      if ((p.allKeys() ? s.size() : s.volatileCount()) == 0) {
        continue;
      }
      s.lock();
      try {
        for (int n = samples; n > 0; n--) {
          Entry e = p.allKeys() ? s.randomEntry() : s.randomVolatile();
          if (e == null) {
            break;
          }
          offer(db.index(), e, score(p, e, now));
        }
      } finally {
        s.unlock();
      }
      return;
    }
  }

  private long score(Policy p, Entry e, long now) {
    if (p.lru()) {
      return idleMillis(e.lru, now);
    }
    if (p.lfu()) {
      return 255 - lfuDecrAndReturn(e.lru, now);
    }
    return Long.MAX_VALUE - e.expireAt(); // volatile-ttl: the sooner the better
  }

  /** Inserts a candidate in the pool, ascending by score, dropping the worst when full. */
  private void offer(int dbIndex, Entry e, long score) {
    for (int i = 0; i < POOL_SIZE; i++) {
      if (poolKey[i] == e.key && poolDb[i] == dbIndex) {
        return; // sampled again: already a candidate
      }
    }
    int k = 0;
    while (k < POOL_SIZE && poolKey[k] != null && poolScore[k] < score) {
      k++;
    }
    if (k == 0 && poolKey[POOL_SIZE - 1] != null) {
      return; // worse than every candidate of a full pool
    }
    if (k < POOL_SIZE && poolKey[k] == null) {
      // an empty slot: take it
    } else if (poolKey[POOL_SIZE - 1] == null) {
      shift(k, k + 1, POOL_SIZE - k - 1); // room on the right
    } else {
      k--; // full: drop the worst (leftmost), insert before the first better one
      shift(1, 0, k);
    }
    poolKey[k] = e.key;
    poolKeyLength[k] = e.keyLength();
    poolHash[k] = e.hash;
    poolDb[k] = dbIndex;
    poolScore[k] = score;
  }

  private void shift(int from, int to, int n) {
    System.arraycopy(poolKey, from, poolKey, to, n);
    System.arraycopy(poolKeyLength, from, poolKeyLength, to, n);
    System.arraycopy(poolHash, from, poolHash, to, n);
    System.arraycopy(poolDb, from, poolDb, to, n);
    System.arraycopy(poolScore, from, poolScore, to, n);
  }

  private void evict(Database db, Shard s, Entry e) {
    s.delete(e);
    evictedKeys.increment();
    engine.keyEvicted(db, e);
    LazyFree lf = engine.lazyFree();
    lf.free(e, lf.lazyEviction);
  }
}
