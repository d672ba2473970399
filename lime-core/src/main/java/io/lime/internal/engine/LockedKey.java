package io.lime.internal.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A key of one database, its hash computed once and its shard locked: what every key-level
 * operation of the type layer takes ({@code ListType.push(LockedKey, ...)}), whichever door
 * called it. It replaces the hand-written "hash the key, pick the shard, lock, look up,
 * unlock" prologue of every handler and typed-API method:
 *
 * <pre>{@code
 * try (LockedKey k = call.lockKey(1)) {          // RESP door: argv[1], no allocation
 *   long size = ListType.push(k, head, onlyIfExists, argv, 2);
 *   call.out().integer(size);
 * }
 * try (LockedKey k = LockedKey.lock(db, key, engine.now())) {   // typed door
 *   return ListType.push(k, head, false, Args.of(elements), 0);
 * }
 * }</pre>
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Allocation. The RESP door reuses one instance per connection ({@code Call.lockKey}),
 *       re-aimed with {@link #aim} for each command, so a command allocates nothing. The key
 *       is not copied: {@link #array()}/{@link #offset()}/{@link #length()} point into the
 *       caller's buffer, which must not change until {@link #close()}. {@link #keyCopy()}
 *       makes the copy a new entry keeps.
 *   <li>Locking. {@link #lock()} locks the shard; {@link #close()} unlocks it. A handle made
 *       with {@link #within} does not own the lock (a multi-key command that locked all its
 *       shards in ascending order first, see {@link KeyLocks}), and its close does nothing.
 *       Not reentrant: one handle is aimed at one key at a time.
 *   <li>Time. {@link #now()} is the command's time (one clock read per command), used for
 *       lazy expiry and the access clock.
 *   <li>Thread-safety: none; a handle belongs to the thread that locked it.
 * </ul>
 */
public final class LockedKey implements AutoCloseable {
  private Database db;
  private Shard shard;
  private byte[] array;
  private int offset;
  private int length;
  private int hash;
  private long now;
  private boolean owned;
  /** The entry last found or inserted through this handle: re-measured by {@link #dirty}. */
  private @Nullable Entry entry;

  /** An unaimed handle, to be reused through {@link #aim}. */
  public LockedKey() {}

  private LockedKey(Database db, byte[] b, int off, int len, long now) {
    aim(db, b, off, len, now);
  }
  /** This thread's reusable handle for {@link #lock(Database, byte[], long)}. */
  private static final ThreadLocal<LockedKey> THREAD_HANDLE =
      ThreadLocal.withInitial(LockedKey::new);

  /**
   * Locks {@code key} (the whole array) of {@code db}; close the handle to unlock, before the
   * thread's next call (the typed door). Reuses this thread's handle while it is not in use (a
   * nested call gets a new one), so a typed-API call allocates nothing for it even before the
   * JIT's escape analysis would remove the allocation.
   */
  public static LockedKey lock(Database db, byte[] key, long now) {
    LockedKey k = THREAD_HANDLE.get();
    return (k.owned ? new LockedKey() : k).aim(db, key, 0, key.length, now).lock();
  }

  /**
   * A handle on {@code b[off..off+len)} of {@code db} whose shard the caller has already
   * locked (a multi-key operation); its {@link #close()} does nothing.
   */
  public static LockedKey within(Database db, byte[] b, int off, int len, long now) {
    LockedKey k = new LockedKey(db, b, off, len, now);
    if (!k.shard.isLocked()) {
      throw new IllegalStateException("shard not locked");
    }
    return k;
  }

  /** Points this (unlocked) handle at {@code b[off..off+len)} of {@code db}; returns it. */
  public LockedKey aim(Database db, byte[] b, int off, int len, long now) {
    int h = Hashing.hash(b, off, len);
    this.db = db;
    this.shard = db.shard(h);
    this.array = b;
    this.offset = off;
    this.length = len;
    this.hash = h;
    this.now = now;
    this.owned = false;
    this.entry = null;
    return this;
  }

  /** Locks the shard of the aimed key; {@link #close()} will unlock it. Returns this. */
  public LockedKey lock() {
    shard.lock();
    owned = true;
    return this;
  }

  /** Releases the shard if this handle locked it. */
  @Override
  public void close() {
    Entry e = entry;
    if (e != null) { // a write may have changed the value after its dirty(): count it again
      entry = null;
      if (written) {
        shard.remeasure(e);
      }
    }
    written = false;
    if (owned) {
      owned = false;
      shard.unlock();
    }
  }

  /** The database. */ public Database db() { return db; }

  /** The engine. */ public Engine engine() { return db.engine(); }

  /** The locked shard. */ public Shard shard() { return shard; }

  /** The array holding the key's bytes (not a copy; do not modify). */
  public byte[] array() { return array; }

  /** Where the key starts in {@link #array()}. */ public int offset() { return offset; }

  /** The key's length in bytes. */ public int length() { return length; }

  /** The key's hash ({@link Hashing#hash}). */ public int hash() { return hash; }

  /** The command's time, Unix milliseconds. */ public long now() { return now; }

  /** A fresh copy of the key's bytes (what a new entry or a propagated command keeps). */
  public byte[] keyCopy() { return Arrays.copyOfRange(array, offset, offset + length); }

  /** Whether {@code other} names the same key of the same database. */
  public boolean sameKey(LockedKey other) {
    return db == other.db && hash == other.hash
        && Arrays.equals(array, offset, offset + length, other.array, other.offset,
            other.offset + other.length);
  }

  /**
   * The live entry of the key, deleting it first when its deadline has passed (lazy expiry).
   * Does not check the type nor touch the access clock.
   */
  public @Nullable Entry find() {
    return entry = shard.find(array, offset, length, hash, now);
  }

  /** The live entry of the key, touching its access clock when found (Redis's lookupKey). */
  public @Nullable Entry lookup() {
    Entry e = shard.find(array, offset, length, hash, now);
    if (e != null) {
      shard.touch(e, now);
    }
    return entry = e;
  }

  /** Inserts the key, known to be absent, with {@code value} and no expiry. */
  public Entry insert(Object value) {
    return entry = shard.insert(array, offset, length, hash, value, now);
  }

  /** Deletes the key's entry {@code e} (found through this handle). */
  public void delete(Entry e) { shard.delete(e); }

  /**
   * Deletes the key's entry {@code e} as Redis's dbGenericDelete: with {@code lazy}, a value
   * costly to free is released by the engine's {@link LazyFree} thread (its bytes are
   * uncounted now either way).
   */
  public void delete(Entry e, boolean lazy) {
    shard.delete(e);
    db.engine().lazyFree().free(e, lazy);
  }

  /** The lazy-free switches and counters of the engine. */
  public LazyFree lazyFree() { return db.engine().lazyFree(); }

  /** Adds {@code n} changes to the engine's dirty counter (Redis's {@code server.dirty}). */
  public void dirty(long n) {
    db.engine().dirty(n);
    Entry e = entry;
    if (e != null) { // memory accounting: the value may have grown or shrunk in place
      shard.remeasure(e);
      written = true;
    }
  }

  private boolean written;

  /**
   * Counts the key's bytes again after a change that {@link #dirty} does not report (the
   * second key of a two-key write that counts one change on the first).
   */
  public void remeasure() {
    Entry e = entry;
    if (e != null) {
      shard.remeasure(e);
    }
  }

  /**
   * Publishes keyspace event {@code event} of class {@code type} for this key and
   * invalidates WATCHes on it (Redis's notifyKeyspaceEvent + signalModifiedKey).
   */
  public void event(int type, String event) {
    KeyspaceEvents.signal(shard, type, event, array, offset, length);
  }

  /**
   * The engine's propagation when persistence wants commands now, else null: operations
   * build a rewritten form ({@link Propagation#rewrite}) only when this is not null.
   */
  public @Nullable Propagation propagation() {
    Propagation p = db.engine().propagation();
    return p != null && p.active() ? p : null;
  }

  /**
   * The propagation when commands are wanted and the running command came without a form as
   * given (a typed write, {@link WriteUnit#begin}), else null: the operation then sets the
   * command a client would have sent ({@link Propagation#rewrite}). Over RESP the command as
   * given is the form, so this costs the null check of {@link #propagation()} and builds
   * nothing.
   */
  public @Nullable Propagation asGiven() {
    return Propagation.asGiven(db.engine());
  }

  @Override
  public String toString() {
    return "LockedKey[" + new String(array, offset, length,
        java.nio.charset.StandardCharsets.UTF_8) + "]";
  }
}
