package io.lime.internal.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on one or more keys of a database (Redis's {@code bpop} state): BLPOP and
 * friends from a connection, or a typed-API consumer waiting in
 * {@code blockingLeftPop(Duration)}. Registered in {@link BlockingKeys}; served, timed out
 * or cancelled exactly once, whoever {@link #claim claims} it first.
 *
 * <p>Subclasses say when a key can serve them ({@link #ready}), what they take
 * ({@link #serve}) and how their owner learns the outcome ({@link #timedOut}); the engine
 * knows nothing of value types.
 */
public abstract class Waiter {
  private final Database db;
  private final byte[][] keys;
  private final int[] hashes;
  private final long deadline;
  private final AtomicBoolean claimed = new AtomicBoolean();
  volatile @Nullable ScheduledFuture<?> timer;
  /** Arrival order, assigned at registration. */
  long seq;

  /**
   * Creates a waiter.
   *
   * @param db the database of the keys
   * @param keys the keys (owned by the waiter: pass copies)
   * @param deadline engine time in Unix milliseconds after which it times out; 0 = never
   */
  protected Waiter(Database db, byte[][] keys, long deadline) {
    this.db = db;
    this.keys = keys;
    this.hashes = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      hashes[i] = Hashing.hash(keys[i], 0, keys[i].length);
    }
    this.deadline = deadline;
  }

  /** The database. */
  public final Database db() {
    return db;
  }

  /** The keys waited on, in the order given. */
  public final byte[][] keys() {
    return keys;
  }

  final int hash(int i) {
    return hashes[i];
  }

  /** Timeout deadline in engine milliseconds; 0 = none. */
  public final long deadline() {
    return deadline;
  }

  /** Takes the right to finish this waiter; true for the first caller only. */
  final boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** Whether it was served, timed out or cancelled. */
  public final boolean finished() {
    return claimed.get();
  }

  /** Whether the live entry of a key it waits on can serve it now (e.g. holds a list). */
  protected abstract boolean ready(Entry e);

  /**
   * A shard besides the key's own that serving needs locked (BLMOVE's destination), or
   * null. The engine acquires it before claiming the waiter.
   */
  protected @Nullable Shard extraShard() {
    return null;
  }

  /**
   * Serves the claimed waiter from entry {@code e} of key {@code keys()[keyIndex]}, whose
   * shard (and {@link #extraShard()}) the calling thread holds, with {@link #ready} true.
   * Takes what it needs from the value and hands the outcome to its owner (without blocking).
   * Lists it creates are signalled through {@link BlockingKeys#signal}.
   */
  protected abstract void serve(Shard shard, Entry e, int keyIndex);

  /**
   * Tells the owner the wait ended without data: the timeout passed, or CLIENT UNBLOCK
   * (with {@code error} for its ERROR form). Called once, after the claim, holding no lock.
   */
  protected abstract void timedOut(boolean error);
}
