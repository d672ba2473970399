package io.lime.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One lock's worth of a database's keyspace: a {@link KeyTable} plus the list of its keys
 * that carry an expiry (so the active expiry cycle samples only those, in O(1) each).
 *
 * <p>Concurrency: every method requires {@link #lock()} to be held by the caller, except
 * {@link #lock()}/{@link #unlock()} themselves. Multi-shard operations take shard locks in
 * ascending (database, shard) order; see {@link Database#lockKeys} and {@link Engine}.
 *
 * <p>Lock-free reads. Besides the lock, a shard keeps a sequence {@link #stamp}: odd while a
 * thread holds the lock (made odd on the outermost acquire, even again on the outermost
 * release), so a reader that reads an even stamp, reads the table without the lock and finds
 * the same stamp afterwards has read a state no writer changed meanwhile (a seqlock; see
 * {@link OptimisticRead}). Nothing may change a shard's keys, entries or values without
 * holding its lock.
 */
public final class Shard {
  private final ReentrantLock lock = new ReentrantLock();
  /** The seqlock stamp: odd while the lock is held. Written only by the lock holder. */
  @SuppressWarnings("unused") // through STAMP
  private volatile int stamp;
  private static final VarHandle STAMP;

  static {
    try {
      STAMP = MethodHandles.lookup().findVarHandle(Shard.class, "stamp", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private final Database db;
  final int index;
  private KeyTable table = new KeyTable();
  private Entry[] volatiles = new Entry[8];
  private int volatileCount;
  /** The last expiry dropped, reused by the next key that gains a TTL. */
  private Entry.@Nullable Expiry spareExpiry;
  /** Bytes of this shard's keys (the sum of their {@link Entry#mem}). */
  private long datasetBytes;
  private final KeyspaceMemory memory;

  Shard(Database db, int index) {
    this.db = db;
    this.index = index;
    this.memory = db.engine().memory();
    memory.overhead(MemoryLayout.refArray(table.capacity()));
    memory.expiresOverhead(MemoryLayout.refArray(volatiles.length));
  }

  /**
   * Acquires this shard's lock. Critical sections are a few hundred nanoseconds, far less
   * than parking and waking a thread, so a contended acquire spins briefly before it parks.
   * An event-loop thread never parks for good behind a running script ({@link LockWaits}).
   */
  public void lock() {
    ReentrantLock l = lock;
    if (!l.tryLock()) {
      acquireContended(l);
    }
    acquired(l);
  }

  private static void acquireContended(ReentrantLock l) {
    for (int i = 0; i < LOCK_SPINS; i++) {
      Thread.onSpinWait();
      if (!l.isLocked() && l.tryLock()) {
        return;
      }
    }
    LockWaits.contended(l);
  }

  /** After an acquire: the outermost one makes the stamp odd before anything is written. */
  private void acquired(ReentrantLock l) {
    if (l.getHoldCount() == 1) {
      STAMP.setOpaque(this, (int) STAMP.getOpaque(this) + 1);
      VarHandle.storeStoreFence(); // the odd stamp is visible before any write of the holder
    }
  }

  /**
   * The stamp for an optimistic read: even when no thread holds the lock (read it before
   * reading the table; {@link #validate} after).
   */
  int readStamp() { return (int) STAMP.getAcquire(this); }

  /**
   * Whether nothing changed since {@link #readStamp} returned {@code s} (an even stamp): the
   * reads between were of one consistent state.
   */
  boolean validate(int s) {
    VarHandle.loadLoadFence(); // the reads before are done before the stamp is read again
    return (s & 1) == 0 && (int) STAMP.getOpaque(this) == s;
  }

  /** {@link KeyTable#getRacy}: a lookup without the lock, to be validated. */
  @Nullable Entry getRacy(byte[] b, int off, int len, int hash) {
    KeyTable t = table;
    return t == null ? null : t.getRacy(b, off, len, hash);
  }

  /** {@link KeyTable#getRacy(String, int)}: an ASCII key, without the lock. */
  @Nullable Entry getRacy(String s, int hash) { return table.getRacy(s, hash); }

  /** Spins of a contended {@link #lock()} before parking (each a pause, about 10-100 ns). */
  static final int LOCK_SPINS = 64;

  /** Acquires this shard's lock if it is free now (blocked-client serving, see BlockingKeys). */
  public boolean tryLock() {
    ReentrantLock l = lock;
    if (l.tryLock()) {
      acquired(l);
      return true;
    }
    return false;
  }

  /** Releases this shard's lock (the outermost release makes the stamp even again). */
  public void unlock() {
    ReentrantLock l = lock;
    if (l.getHoldCount() == 1) {
      STAMP.setRelease(this, (int) STAMP.getOpaque(this) + 1); // after every write of the holder
    }
    l.unlock();
  }

  /** Whether the current thread holds this shard's lock. */
  public boolean isLocked() { return lock.isHeldByCurrentThread(); }

  /** The database this shard belongs to. */ public Database database() { return db; }

  /** Number of keys, expired-but-not-yet-deleted ones included. */
  public int size() { return table.size(); }

  /** Number of keys with an expiry. */ public int volatileCount() { return volatileCount; }

  /**
   * Finds the live entry for a key, deleting it first when its deadline has passed (lazy
   * expiry, reported to the engine's observers). Does not touch the access clock.
   */
  public @Nullable Entry find(byte[] b, int off, int len, int hash, long now) {
    Entry e = table.get(b, off, len, hash);
    if (e != null && e.expiredAt(now)) {
      if (db.engine().mayDeleteExpired()) { // else logically gone, deleted by a writer later
        expire(e);
      }
      return null;
    }
    return e;
  }

  /** The entry for a key even when past its deadline (no lazy expiry): WATCH bookkeeping. */
  @Nullable Entry peek(byte[] b, int off, int len, int hash) {
    return table.get(b, off, len, hash);
  }

  /** Finds the live entry for a whole-array key. */
  public @Nullable Entry find(byte[] key, int hash, long now) {
    return find(key, 0, key.length, hash, now);
  }

  /** Inserts a key known to be absent (call {@link #find} first) with no expiry. */
  public Entry insert(byte[] key, int hash, Object value) {
    return insert(key, hash, value, db.engine().now());
  }

  /** As {@link #insert(byte[], int, Object)} at {@code nowMillis}, the command's time. */
  public Entry insert(byte[] key, int hash, Object value, long nowMillis) {
    Entry e = Entry.embeddable(key.length, value)
        ? new Entry(Entry.embed(key, 0, key.length, value), hash,
            Entry.marker(key.length, value))
        : new Entry(key, hash, value);
    return added(e, nowMillis);
  }

  /**
   * As {@link #insert(byte[], int, Object, long)} for the key {@code b[off..off+len)}, copied
   * (together with the value when it is a small string: one array for both).
   */
  public Entry insert(byte[] b, int off, int len, int hash, Object value, long nowMillis) {
    Entry e = Entry.embeddable(len, value)
        ? new Entry(Entry.embed(b, off, len, value), hash, Entry.marker(len, value))
        : new Entry(Arrays.copyOfRange(b, off, off + len), hash, value);
    return added(e, nowMillis);
  }

  private Entry added(Entry e, long nowMillis) {
    byte[] key = e.key;
    int hash = e.hash;
    int keyLength = e.keyLength();
    if (db.engine().expiryPaused()) { // find may have left an expired entry in place
      Entry stale = table.get(key, 0, keyLength, hash);
      if (stale != null) {
        expire(stale);
      }
    }
    e.lru = db.engine().eviction().initialClock(nowMillis);
    int capacity = table.capacity();
    table.insert(e);
    if (table.capacity() != capacity) {
      tableResized(capacity);
    }
    int bytes = measure(e);
    e.mem = bytes;
    datasetBytes += bytes;
    memory.dataset(bytes);
    memory.keys(1);
    // Redis's signalKeyAsReady in dbAdd: clients blocked on this key (one volatile read if none)
    db.engine().blocking().signal(db, key, 0, keyLength, hash);
    // Redis's dbAdd: keyspace event "new" (class n)
    db.engine().events().notify(io.lime.internal.config.NotifyFlags.NEW, "new", db, key, 0,
        keyLength);
    return e;
  }

  /** Removes an entry of this shard. */
  public void delete(Entry e) {
    if (e.expiry != null) {
      removeVolatile(e);
    }
    int capacity = table.capacity();
    table.remove(e);
    if (table.capacity() != capacity) {
      tableResized(capacity);
    }
    if (e.mem >= 0) {
      datasetBytes -= e.mem;
      memory.dataset(-e.mem);
      memory.keys(-1);
      e.mem = -1;
    }
  }

  /**
   * Replaces the value of a live entry (Redis's dbOverwrite / setKey on an existing key) and
   * re-counts its bytes. The key, expiry and clock stay.
   */
  public void replaceValue(Entry e, Object value) {
    if (e.value instanceof Entry.Embedded m) {
      int kl = m.keyLength;
      if (m.integer) {
        if (value instanceof Long l && Entry.embeddable(kl, l)) { // INCR: in place
          e.integer(l);
          return; // same bytes counted
        }
      } else if (value instanceof byte[] v && kl + v.length == e.key.length
          && v.length <= Entry.MAX_EMBEDDED_VALUE) { // same length: overwrite in place
        System.arraycopy(v, 0, e.key, kl, v.length);
        return; // same bytes counted
      }
      if (Entry.embeddable(kl, value)) {
        e.key = Entry.embed(e.key, 0, kl, value);
        e.value = Entry.marker(kl, value);
      } else {
        e.key = Arrays.copyOf(e.key, kl);
        e.value = value;
      }
    } else if (Entry.embeddable(e.key.length, value)) {
      e.value = Entry.marker(e.key.length, value);
      e.key = Entry.embed(e.key, 0, e.key.length, value);
    } else {
      e.value = value;
    }
    remeasure(e);
  }

  /**
   * INCR's store of {@code v} into the string entry {@code e}: an integer already kept in the
   * key's array ({@link Entry#embeddedInteger()}) is overwritten in place (allocates nothing,
   * the bytes counted stay the same); any other value is replaced by one kept there, also
   * for {@code v} in the shared range (Redis's incrDecrCommand would store its shared object),
   * so that the following increments store no reference: a reference stored into an old
   * entry costs G1 a post-write barrier and a card to refine, about a fifth of a pipelined
   * INCR. Returns false, changing nothing, for a key too long to keep a value in its array.
   */
  public boolean replaceInteger(Entry e, long v) {
    if (e.embeddedInteger()) {
      e.integer(v);
      return true;
    }
    if (!e.embedInteger(v)) {
      return false;
    }
    remeasure(e);
    return true;
  }

  /**
   * Counts the bytes of {@code e} again after its value changed in place (a collection
   * grew or shrank, a string was appended to): O(1), values report their size from counters.
   * Does nothing for a deleted entry. The one place, with {@link #insert} and
   * {@link #delete}, where the dataset counter moves.
   */
  public void remeasure(Entry e) {
    int old = e.mem;
    if (old < 0) {
      return;
    }
    int bytes = measure(e);
    if (bytes != old) {
      e.mem = bytes;
      datasetBytes += bytes - old;
      memory.dataset(bytes - old);
    }
  }

  private static int measure(Entry e) {
    return (int) Math.min(Integer.MAX_VALUE, MemoryLayout.entryBytes(e));
  }

  private void tableResized(int oldCapacity) {
    memory.overhead(MemoryLayout.refArray(table.capacity()) - MemoryLayout.refArray(oldCapacity));
  }

  private void volatilesResized(int oldLength) {
    memory.expiresOverhead(MemoryLayout.refArray(volatiles.length)
        - MemoryLayout.refArray(oldLength));
  }

  /** Bytes of this shard's keys. */ public long datasetBytes() { return datasetBytes; }

  /** Length of this shard's list of keys with a TTL (MEMORY STATS overhead). */
  public int volatileCapacity() { return volatiles.length; }

  /** Number of buckets of this shard's table (MEMORY STATS overhead). */
  public int tableCapacity() { return table.capacity(); }

  /** Sets (or, with {@link Entry#NO_EXPIRY}, clears) the absolute expiry of an entry. */
  public void setExpireAt(Entry e, long at) {
    if (at == Entry.NO_EXPIRY) {
      if (e.expiry != null) {
        removeVolatile(e);
      }
      return;
    }
    Entry.Expiry x = e.expiry;
    if (x == null) {
      if (volatileCount == volatiles.length) {
        volatiles = Arrays.copyOf(volatiles, volatileCount * 2);
        volatilesResized(volatileCount);
      }
      x = spareExpiry;
      if (x == null) {
        x = new Entry.Expiry();
      } else {
        spareExpiry = null;
      }
      memory.expiresOverhead(MemoryLayout.EXPIRY_BYTES);
      x.index = volatileCount;
      volatiles[volatileCount++] = e;
      e.expiry = x;
    }
    x.at = at;
  }

  /** Updates the access clock of an entry (a read or write by a client that is not NO-TOUCH). */
  public void touch(Entry e) { touch(e, db.engine().now()); }

  /**
   * As {@link #touch(Entry)} at {@code nowMillis}, the command's time (no clock read): the
   * LRU clock, or under an LFU policy the decayed and logarithmically incremented counter.
   */
  public void touch(Entry e, long nowMillis) {
    Eviction ev = db.engine().eviction();
    e.lru = ev.lfu() ? ev.lfuTouch(e.lru, nowMillis) : ev.lruClock(nowMillis);
  }

  /** Sets the access clock (RESTORE's IDLETIME and FREQ: Redis's objectSetLRUOrLFU). */
  public void accessClock(Entry e, int clock) { e.lru = clock; }

  private void removeVolatile(Entry e) {
    Entry.Expiry x = e.expiry;
    int i = x.index;
    Entry last = volatiles[--volatileCount];
    volatiles[i] = last;
    last.expiry.index = i;
    volatiles[volatileCount] = null;
    e.expiry = null;
    x.at = Entry.NO_EXPIRY;
    spareExpiry = x; // SET ... EX over a key with a TTL drops and regains one: no allocation
    memory.expiresOverhead(-MemoryLayout.EXPIRY_BYTES);
    if (volatiles.length > 64 && volatileCount < volatiles.length >>> 2) {
      int old = volatiles.length;
      volatiles = Arrays.copyOf(volatiles, volatiles.length >>> 1);
      volatilesResized(old);
    }
  }

  private void expire(Entry e) {
    delete(e);
    db.engine().keyExpired(db, e);
    LazyFree lf = db.engine().lazyFree();
    lf.free(e, lf.lazyExpire);
  }

  /**
   * One round of active expiry on this shard: samples up to {@code samples} keys with an
   * expiry and deletes those past their deadline. Returns how many were expired.
   */
  int expireSample(int samples, long now) {
    int n = Math.min(samples, volatileCount);
    int expired = 0;
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int k = 0; k < n && volatileCount > 0; k++) {
      Entry e = volatiles[rnd.nextInt(volatileCount)];
      if (e.expiredAt(now)) {
        expire(e);
        expired++;
      }
    }
    return expired;
  }

  /** A random live entry, or null when the shard holds none (expired keys met are deleted). */
  public @Nullable Entry random(long now) {
    for (int tries = 0; tries < 100 && table.size() > 0; tries++) {
      Entry e = table.random();
      if (e == null) {
        return null;
      }
      if (e.expiredAt(now)) {
        if (db.engine().mayDeleteExpired()) {
          expire(e);
        }
        continue;
      }
      return e;
    }
    return null;
  }

  /** A random entry, expired ones included (eviction sampling), or null when empty. */
  @Nullable Entry randomEntry() { return table.random(); }

  /** A random entry with a TTL (eviction sampling), or null when none has one. */
  @Nullable Entry randomVolatile() {
    return volatileCount == 0 ? null
        : volatiles[ThreadLocalRandom.current().nextInt(volatileCount)];
  }

  /** Continues a scan of this shard's table; see {@link KeyTable#scan}. */
  public long scan(long cursor, Consumer<Entry> visitor) { return table.scan(cursor, visitor); }

  /** Visits every entry, expired ones included. */
  public void forEach(Consumer<Entry> visitor) { table.forEach(visitor); }

  /** Removes every key. */
  public void clear() {
    clear(false);
  }

  /**
   * Removes every key; with {@code async} the walk that marks the removed entries deleted runs
   * on the {@link LazyFree} thread (nothing can reach them any more: the table is replaced).
   */
  public void clear(boolean async) {
    KeyTable old = table;
    if (async && old.size() > 0) {
      db.engine().lazyFree().release(old.size(), () -> old.forEach(LazyFree::releaseFlushed));
    } else {
      old.forEach(e -> e.mem = -1);
    }
    memory.dataset(-datasetBytes);
    memory.keys(-table.size());
    datasetBytes = 0;
    memory.expiresOverhead(-(long) volatileCount * MemoryLayout.EXPIRY_BYTES);
    int capacity = table.capacity();
    int oldVolatiles = volatiles.length;
    table = new KeyTable();
    volatiles = new Entry[8];
    volatileCount = 0;
    tableResized(capacity);
    volatilesResized(oldVolatiles);
  }

  /** Exchanges the contents (keys and expiries) of two shards; both locks must be held. */
  static void swapContents(Shard a, Shard b) {
    KeyTable t = a.table;
    a.table = b.table;
    b.table = t;
    Entry[] v = a.volatiles;
    a.volatiles = b.volatiles;
    b.volatiles = v;
    int c = a.volatileCount;
    a.volatileCount = b.volatileCount;
    b.volatileCount = c;
    long d = a.datasetBytes;
    a.datasetBytes = b.datasetBytes;
    b.datasetBytes = d;
  }
}
