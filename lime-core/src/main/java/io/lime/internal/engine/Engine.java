package io.lime.internal.engine;

import io.lime.Ticker;
import io.lime.internal.util.StatCounter;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The engine: numbered databases of sharded keyspaces, the time source, the active expiry
 * cycle and the engine-wide counters. Shared by the embedded API and the command layer.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency: see {@link Database}. An operation holding shards of more than one
 *       database (FLUSHALL, SWAPDB, MOVE, COPY ... DB, a script, EXEC of such commands) first
 *       takes the cross-database lock ({@link #lockCrossDatabase()}), then the shards in
 *       ascending (database, shard) order ({@link #lockAll()} does both). Holding it, a
 *       script may lock a further database's shards when it first reaches it, out of that
 *       order: every other holder of shards of several databases waits for the cross-database
 *       lock before its first shard, and a holder of one database's shards waits for nothing
 *       the script holds, so no cycle can form.
 *   <li>Expiration: lazy on every lookup ({@link Shard#find}) plus an active cycle run
 *       {@code hz} times a second by one daemon thread: Redis's activeExpireCycle, per
 *       shard sample 20 keys with a TTL, delete the expired, repeat while more than 10% of
 *       a sample was expired, within a budget of 25% of the cycle period.
 * </ul>
 */
public final class Engine implements AutoCloseable {
  /** Keys sampled per shard and round by the active expiry cycle (Redis: 20). */
  static final int EXPIRE_SAMPLES = 20;
  /** Share of each cycle period the active expiry cycle may use, in percent (Redis: 25). */
  static final int EXPIRE_CYCLE_BUDGET_PERCENT = 25;

  private final Database[] databases;
  /** The (database, shard) slot the next active expiry cycle starts at (a racy hint). */
  private int expireCursor;
  private final Ticker ticker;
  private final LongAdder expiredKeys = new LongAdder();
  /** Every write command adds to it, from every loop thread. */
  private final StatCounter dirty = new StatCounter();
  private final CopyOnWriteArrayList<KeyspaceObserver> observers = new CopyOnWriteArrayList<>();
  private final EncodingLimits limits = new EncodingLimits();
  private final BlockingKeys blocking = new BlockingKeys(this);
  private final PubSub pubsub = new PubSub();
  private final KeyspaceEvents events = new KeyspaceEvents(this);
  private final KeyspaceMemory memory = new KeyspaceMemory();
  private final RareChecks rareChecks = new RareChecks();
  private final Eviction eviction = new Eviction(this);
  private final ExpiryCron cron;

  /**
   * Creates an engine.
   *
   * @param databaseCount number of databases (Redis {@code databases}, default 16)
   * @param shardsPerDatabase power of two, at most 64
   * @param ticker time source
   * @param hz active expiry frequency per second (1..500); 0 disables the background cycle
   */
  public Engine(int databaseCount, int shardsPerDatabase, Ticker ticker, int hz) {
    if (databaseCount < 1) {
      throw new IllegalArgumentException("databases must be >= 1");
    }
    this.ticker = ticker;
    this.systemTicker = ticker == SYSTEM_TICKER;
    this.databases = new Database[databaseCount];
    for (int i = 0; i < databaseCount; i++) {
      databases[i] = new Database(this, i, shardsPerDatabase);
    }
    this.cron = new ExpiryCron(this, hz);
    this.startupMemoryBytes = memory.usedBytes();
  }

  private final long startupMemoryBytes;

  /** used_memory of the empty engine: its tables (INFO used_memory_startup). */
  public long startupMemoryBytes() { return startupMemoryBytes; }

  /** Database {@code i}; {@code 0 <= i < databaseCount()}. */
  public Database db(int i) { return databases[i]; }

  /** Collection encoding thresholds (CONFIG {@code *-max-listpack-*}, {@code set-max-intset-entries}). */
  public EncodingLimits limits() { return limits; }

  /** The log of the server serving this engine, or null (embedded: System.Logger). */
  private volatile io.lime.internal.util.LimeLog.@Nullable Sink logSink;

  /** Routes this engine's log lines to a server's log ({@code null}: back to System.Logger). */
  public void logSink(io.lime.internal.util.LimeLog.@Nullable Sink sink) { this.logSink = sink; }

  /** The installed server log, or null. */
  public io.lime.internal.util.LimeLog.@Nullable Sink logSink() { return logSink; }

  /** A logger for this engine's lines: its server's log when one is installed (LimeLog). */
  public System.Logger logger(String name) {
    return io.lime.internal.util.LimeLog.get(name, () -> logSink);
  }

  /**
   * The persistence chosen for this engine ({@link io.lime.persistence.Persistence#none()}
   * unless set): the command layer reports writes to it
   * ({@code persistence().onWrite(db, argv)}).
   */
  public io.lime.persistence.Persistence persistence() {
    return persistence;
  }

  /** Sets the persistence (once, before {@link io.lime.persistence.Persistence#open}). */
  public void persistence(io.lime.persistence.Persistence p) {
    this.persistence = java.util.Objects.requireNonNull(p, "persistence");
    Propagation old = propagation;
    if (old != null) {
      observers.remove(old);
    }
    Propagation fresh = p instanceof io.lime.persistence.Persistence.None ? null : new Propagation(p);
    if (fresh != null) {
      observers.add(fresh);
    }
    this.propagation = fresh;
  }

  private volatile io.lime.persistence.Persistence persistence =
      io.lime.persistence.Persistence.none();

  /**
   * Command propagation to the persistence (write ordering, execution units; see {@link
   * Propagation}), or null when the persistence is {@code none}.
   */
  public @Nullable Propagation propagation() {
    return propagation;
  }

  private volatile @Nullable Propagation propagation;

  private volatile Extensions extensions = Extensions.NONE;

  /** The custom commands and value types registered with this engine. */
  public Extensions extensions() { return extensions; }

  /** Replaces the registered extensions: before any command table is built over the engine. */
  public void extensions(Extensions e) { this.extensions = e; }

  private volatile boolean expiryPaused;

  /**
   * CLIENT PAUSE (any kind) suspends expiry and eviction, as Redis 7.0's
   * checkClientPauseTimeoutAndReturnIfPaused: no active expiry cycle, no eviction (commands
   * run as if memory allowed them), and lazily expired keys read as missing without being
   * deleted (a write that recreates such a key removes it first, see {@link Shard#insert}).
   */
  public void expiryPaused(boolean paused) { this.expiryPaused = paused; }

  /** Whether a client pause suspends expiry and eviction now. */
  public boolean expiryPaused() { return expiryPaused; }

  /** Whether this thread may delete an expired key now (see {@link Propagation}). */
  boolean mayDeleteExpired() {
    if (expiryPaused) {
      return false;
    }
    Propagation p = propagation;
    return p == null || p.mayDeleteExpired();
  }

  /** Clients blocked on keys (BLPOP and friends) and the keys ready to serve them. */
  public BlockingKeys blocking() { return blocking; }

  /** The publish/subscribe message bus (PUBLISH, SUBSCRIBE, listeners, keyspace events). */
  public PubSub pubsub() { return pubsub; }

  /** WATCH invalidation and keyspace notifications (signalModifiedKey, notifyKeyspaceEvent). */
  public KeyspaceEvents events() { return events; }

  /** Number of databases. */ public int databaseCount() { return databases.length; }

  /** The time source. */ public Ticker ticker() { return ticker; }

  /** Now, in Unix milliseconds, from the ticker. */
  public long now() { return ticker.currentTimeMillis(); }

  /**
   * {@link #now()} at the moment {@code nanoTime} was read from {@link System#nanoTime()}
   * (just before the call), for a caller that needs both clocks (the dispatcher: command time
   * and command duration). With the system ticker no second clock is read: the wall time is
   * derived from the monotonic one, re-anchored on the wall clock at least every
   * {@link #WALL_ANCHOR_NANOS}, so it tracks {@link System#currentTimeMillis()} to within the
   * microsecond between two clock reads (and follows a wall-clock step within that period).
   * With any other ticker this is {@link #now()}.
   */
  public long nowAt(long nanoTime) {
    if (!systemTicker) {
      return ticker.currentTimeMillis();
    }
    WallAnchor a = anchor;
    long since = nanoTime - a.nanoTime;
    if (since < 0 || since >= WALL_ANCHOR_NANOS) {
      a = WallAnchor.now();
      anchor = a;
      since = 0;
    }
    return Math.floorDiv(a.wallNanos + since, 1_000_000L);
  }

  /** How long a wall/monotonic anchor serves {@link #nowAt(long)}. */
  static final long WALL_ANCHOR_NANOS = 1_000_000L;
  private static final Ticker SYSTEM_TICKER = Ticker.system();
  /** Whether the ticker is {@link Ticker#system()} (the same instance), so nowAt may derive. */
  private final boolean systemTicker;
  /** Replaced (never mutated) by any thread; a stale one is only re-anchored again. */
  private volatile WallAnchor anchor = WallAnchor.now();

  /** A wall-clock reading in nanoseconds and the System.nanoTime() taken with it. */
  private record WallAnchor(long wallNanos, long nanoTime) {
    static WallAnchor now() {
      long before = System.nanoTime();
      java.time.Instant wall = java.time.Instant.now();
      long after = System.nanoTime();
      return new WallAnchor(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(),
          before + (after - before) / 2);
    }
  }

  /** Redis's LRU clock: seconds, 24 bits. */ public int lruClock() { return lruClock(now()); }

  /** The LRU clock at {@code nowMillis} (a time already read from the ticker). */
  public static int lruClock(long nowMillis) { return (int) ((nowMillis / 1000) & 0xFFFFFF); }

  /** Keys deleted by expiry since start (INFO {@code expired_keys}). */
  public long expiredKeys() { return expiredKeys.sum(); }

  /** Adds {@code n} to the count of changes since the last save (Redis {@code server.dirty}). */
  public void dirty(long n) { dirty.add(n); }

  /**
   * The code of every FUNCTION library, in load order: what RDB files and AOF base files
   * save and load (Redis's function records), kept here so the libraries persist whether or
   * not a Lua runtime is present; the scripting layer publishes its libraries on each change
   * and starts from these.
   */
  private volatile java.util.List<byte[]> functionLibraries = java.util.List.of();

  /**
   * The Lua interpreter of EVAL/FUNCTION, made on first use: one per engine, so every door to
   * it (the server's clients, the embedded store's {@code scripting()}, any database view)
   * shares the script cache and the libraries. Typed Object so this class links without the
   * optional Lua runtime.
   */
  private java.lang.@org.jspecify.annotations.Nullable Object scripting;

  /** The engine's scripting state, made by {@code make} on first use (see the field). */
  public synchronized Object scripting(java.util.function.Supplier<Object> make) {
    Object s = scripting;
    if (s == null) {
      s = make.get();
      scripting = s;
    }
    return s;
  }

  /** The engine's scripting state if it was made, else null (INFO). */
  public synchronized java.lang.@org.jspecify.annotations.Nullable Object scriptingIfMade() {
    return scripting;
  }

  /** The FUNCTION libraries' codes (see the field). */
  public java.util.List<byte[]> functionLibraries() { return functionLibraries; }

  /** Replaces the FUNCTION libraries' codes (loading, or a change of the libraries). */
  public void functionLibraries(java.util.List<byte[]> codes) {
    this.functionLibraries = java.util.List.copyOf(codes);
  }

  /** Changes since start or the last {@link #resetDirty()}. */
  public long dirty() { return dirty.sum(); }

  /** Resets the change counter (after a save). */
  public void resetDirty() {
    dirty.reset(); // keeps changes made concurrently
  }

  /** The memory counters (used_memory and its parts). */
  public KeyspaceMemory memory() { return memory; }

  /** maxmemory, its policy and the evictor. */
  public Eviction eviction() { return eviction; }

  /** The rare states a command checks, in one field. */
  public RareChecks rareChecks() { return rareChecks; }

  /** Registers an observer of engine-made removals. */
  public void addObserver(KeyspaceObserver o) { observers.add(o); }

  /** Unregisters an observer. */
  public void removeObserver(KeyspaceObserver o) { observers.remove(o); }

  void keyEvicted(Database db, Entry e) {
    byte[] key = e.key();
    events.evicted(db, key);
    for (KeyspaceObserver o : observers) {
      o.evicted(db, key);
      o.removed(db, e, true);
    }
  }

  void keyExpired(Database db, Entry e) {
    expiredKeys.increment();
    dirty.increment();
    byte[] key = e.key();
    events.expired(db, key);
    for (KeyspaceObserver o : observers) {
      o.expired(db, key);
      o.removed(db, e, false);
    }
  }

  /** See the class comment: taken before any shard by whoever holds shards of several databases. */
  private final ReentrantLock crossDatabase = new ReentrantLock();

  /**
   * Takes the cross-database lock (reentrant), before any shard lock: required to hold shards
   * of more than one database at once (see the class comment). Release with {@link
   * #unlockCrossDatabase()}.
   */
  public void lockCrossDatabase() {
    LockWaits.lock(crossDatabase);
  }

  /** Releases one hold of {@link #lockCrossDatabase()}. */
  public void unlockCrossDatabase() {
    crossDatabase.unlock();
  }

  /**
   * Takes the cross-database lock, then every shard of every database in ascending order;
   * release with {@link #unlockAll()}. For FLUSHALL, SWAPDB and consistent snapshots.
   */
  public void lockAll() {
    lockCrossDatabase();
    for (Database d : databases) {
      d.lockAll();
    }
  }

  /** Releases what {@link #lockAll()} took. */
  public void unlockAll() {
    for (int i = databases.length - 1; i >= 0; i--) {
      Database d = databases[i];
      d.unlock(d.shardCount() == 64 ? -1L : (1L << d.shardCount()) - 1);
    }
    unlockCrossDatabase();
  }

  /** Exchanges the keyspaces of two databases atomically with respect to every other command. */
  public void swap(int a, int b) {
    if (a != b) {
      Database.swap(databases[Math.min(a, b)], databases[Math.max(a, b)]);
    }
  }

  private final LazyFree lazyFree = new LazyFree();

  /** The background release of flushed keys (FLUSHALL/FLUSHDB ASYNC). */
  public LazyFree lazyFree() { return lazyFree; }

  /** Removes every key of every database, atomically with respect to other commands. */
  public void flushAll() {
    flushAll(false);
  }

  /** As {@link #flushAll()}; {@code async}: the removed entries are released by {@link LazyFree}. */
  public void flushAll(boolean async) {
    Database.flushAll(databases, async);
  }

  /** The active expiry frequency in force (INFO's hz; configured_hz is the directive). */
  public int hz() { return cron.hz(); }

  /** Changes the configured frequency (CONFIG SET hz), restarting the cycle if running. */
  public void hz(int newHz) { cron.configure(newHz); }

  /**
   * dynamic-hz: with {@code clients}, the frequency in force follows the client count as in
   * Redis's serverCron ({@link ExpiryCron}), checked at each cycle; null: the configured one.
   */
  public void dynamicHz(java.util.function.@Nullable IntSupplier clients) { cron.dynamic(clients); }

  /** Starts the background active expiry cycle; idempotent. */
  public void start() {
    synchronized (cron) {
      cron.start();
      cachedClock = systemTicker && cron.running();
      tickClock();
    }
  }

  /** One run of the cron ({@link ExpiryCron}): the clock tick, then the active expiry cycle. */
  void cronRun() {
    synchronized (cron) { tickClock(); }
    activeExpireCycle();
  }

  /**
   * Redis's cached clocks ({@code server.mstime}, {@code server.lruclock}, updated by
   * serverCron): the time and the LRU clock (seconds) of the cron's last run, which reads of
   * a key without TTL stamp on it instead of reading the time ({@link #cachedNow()},
   * {@link #cachedLruClock()}). Kept only with the system ticker and a running cron (at
   * least 1 Hz, so never staler than a second plus the cron's delay, as Redis's); else -1
   * and readers read the ticker (a manual test clock is then exact).
   */
  private volatile long cronNow = -1;
  private volatile int cronLruClock = -1;
  private boolean cachedClock; // whether the cron keeps them (guarded by the cron's monitor)

  private void tickClock() {
    if (cachedClock) {
      long t = now();
      cronNow = t;
      cronLruClock = lruClock(t);
    } else {
      cronNow = -1;
      cronLruClock = -1;
    }
  }

  /** {@link #now()} as of the cron's last run, or {@link #now()} when none keeps it. */
  public long cachedNow() { long t = cronNow; return t >= 0 ? t : now(); }

  /** {@link #lruClock()} as of the cron's last run, or -1 when none keeps it. */
  int cachedLruClock() { return cronLruClock; }

  /**
   * One active expiry cycle over every database and shard (also callable directly by tests
   * with a manual ticker). Returns the number of keys expired.
   */
  public long activeExpireCycle() {
    long period = 1_000_000_000L / Math.max(1, cron.hz());
    return activeExpireCycle(period * EXPIRE_CYCLE_BUDGET_PERCENT / 100);
  }

  /**
   * One active expiry cycle with a time budget: it stops after the shard during which the
   * budget ran out, and the next cycle starts at the shard after it. Returns the number of
   * keys expired.
   */
  public long activeExpireCycle(long budgetNanos) {
    if (expiryPaused) {
      return 0; // CLIENT PAUSE: activeExpireCycle does nothing while paused
    }
    long deadline = System.nanoTime() + budgetNanos;
    long total = 0;
    // Resumes where the previous cycle ran out of time (Redis keeps its database and bucket
    // cursors), so a cycle that keeps exhausting its budget does not starve the later shards.
    int shards = databases[0].shardCount();
    int slots = databases.length * shards;
    for (int n = 0; n < slots; n++) {
      int slot = (expireCursor + n) % slots;
      Shard s = databases[slot / shards].shardAt(slot % shards);
      if (s.volatileCount() == 0) {
        continue;
      }
      int expired;
      do {
        // With propagation on, the order lock first (writers take it before shards).
        Propagation p = propagation;
        java.util.concurrent.locks.ReentrantLock order =
            p != null && p.active() ? p.order() : null;
        if (order != null) {
          LockWaits.lock(order);
        }
        s.lock();
        try {
          expired = s.expireSample(EXPIRE_SAMPLES, now());
        } finally {
          s.unlock();
          if (order != null) {
            order.unlock();
          }
        }
        total += expired;
      } while (expired > EXPIRE_SAMPLES / 10 && System.nanoTime() < deadline);
      if (System.nanoTime() >= deadline) {
        expireCursor = (slot + 1) % slots;
        return total;
      }
    }
    return total;
  }

  /** Stops the background cycle. */
  @Override
  public void close() {
    synchronized (cron) {
      cron.stop();
      cachedClock = false;
      tickClock();
    }
  }
}
