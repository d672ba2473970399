package io.lime.internal.engine;

import io.lime.internal.util.DaemonThreads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Clients blocked on keys (Redis's blocked.c): per (database, key) FIFO queues of
 * {@link Waiter}s, the keys signalled ready by the current command, and the timeouts.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Model. As in Redis, a waiter blocks only on keys that do not exist (BLPOP finds every
 *       key missing, or replies at once), so a key becomes able to serve when it is created:
 *       the type layer calls {@link #signal} when it adds a list key. The signal is recorded
 *       per thread, and the command that caused it calls {@link #serveReady()} once it has
 *       replied and <em>before</em> it releases its shard locks: the waiters of each ready
 *       key are served in arrival order while the key's shard is still held, so no other
 *       client can take the pushed elements first (Redis's guarantee that a push with
 *       blocked clients serves them), and the pusher's reply (the list length after its push)
 *       is computed before any waiter takes an element, as in Redis where
 *       handleClientsBlockedOnKeys runs after the command. {@link #deferServing()} lets a
 *       transaction (EXEC) or script postpone serving to its end.
 *   <li>Concurrency. The queues are guarded by one monitor, always taken innermost (never
 *       while waiting for a shard lock). A waiter is finished by exactly one party: the
 *       serving thread, its timeout, CLIENT UNBLOCK or its owner's disconnection, whoever
 *       {@link Waiter#claim claims} it first. Serving never blocks on an owner: the waiter
 *       hands its reply to the owner (a connection's loop thread, or a future).
 *   <li>Extra locks. Serving BLMOVE pushes to its destination, whose shard the serving thread
 *       may not hold. It is taken with tryLock, or with lock when that keeps the ascending
 *       (database, shard) order; otherwise (rare: another thread holds it and may wait for
 *       ours) the key is handed to a pool thread that locks the whole database in order and
 *       serves it there. Only then can another client run between the push and the serve.
 *   <li>Timeouts. A waiter with a deadline gets a timer on one shared daemon scheduler; the
 *       timer claims the waiter and asks it to reply (the reply itself is written by the
 *       owner's thread). {@link #expireDue(long)} does the same for a manual clock in tests.
 * </ul>
 */
public final class BlockingKeys {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private final Engine engine;
  private final Object monitor = new Object();
  private final HashMap<DatabaseKey, ArrayDeque<Waiter>> queues = new HashMap<>();
  private final LinkedHashSet<Waiter> all = new LinkedHashSet<>();
  private long nextSeq;
  private volatile int waiting;
  /** Waiters with a deadline (INFO {@code clients_in_timeout_table}); monitor writes. */
  private volatile int timed;
  /** Ready keys recorded by any thread and not yet served (a fast check for the hot path). */
  private final AtomicInteger pendingReady = new AtomicInteger();
  private final ThreadLocal<Ready> ready = ThreadLocal.withInitial(Ready::new);

  BlockingKeys(Engine engine) {
    this.engine = engine;
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, new DaemonThreads("lime-blocking-timeouts"));
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** Number of waiters currently blocked (INFO {@code blocked_clients}). */
  public int blockedCount() {
    return waiting;
  }

  /** Number of blocked waiters with a timeout (INFO {@code clients_in_timeout_table}). */
  public int timedCount() {
    return timed;
  }

  // ------------------------------------------------------------------ registration

  /**
   * Registers a waiter on its keys, in arrival order, and arms its timeout. The caller holds
   * the shard locks of all its keys (and found them all empty), so no push can slip between
   * the check and the registration.
   */
  public void block(Waiter w) {
    synchronized (monitor) {
      w.seq = nextSeq++;
      byte[][] keys = w.keys();
      for (int i = 0; i < keys.length; i++) {
        DatabaseKey k = new DatabaseKey(w.db().index(), keys[i], w.hash(i));
        ArrayDeque<Waiter> q = queues.computeIfAbsent(k, x -> new ArrayDeque<>(2));
        if (!q.contains(w)) {
          q.addLast(w);
        }
      }
      all.add(w);
      waiting = all.size();
      if (w.deadline() != 0) {
        timed++;
      }
    }
    long deadline = w.deadline();
    if (deadline != 0) {
      // due once the clock passes the deadline (Redis: timeout < now), so 1 ms after it
      scheduleTimeout(w, deadline - engine.now() + 1);
    }
  }

  private void scheduleTimeout(Waiter w, long delayMillis) {
    w.timer = TIMER.schedule(() -> onTimer(w), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
  }

  private void onTimer(Waiter w) {
    if (w.finished()) {
      return;
    }
    long now = engine.now();
    if (w.deadline() < now) {
      timeout(w, false);
    } else {
      scheduleTimeout(w, w.deadline() - now + 1); // the clock lags the timer: check again
    }
  }

  /**
   * Ends a wait without data (CLIENT UNBLOCK, timeout): returns false when the waiter was
   * already finished; otherwise removes it and calls {@link Waiter#timedOut}.
   */
  public boolean timeout(Waiter w, boolean error) {
    if (!w.claim()) {
      return false;
    }
    unlink(w);
    w.timedOut(error);
    return true;
  }

  /**
   * Forgets a waiter whose owner went away (disconnection, interrupted consumer) without
   * telling it anything; false when it had already finished.
   */
  public boolean cancel(Waiter w) {
    if (!w.claim()) {
      return false;
    }
    unlink(w);
    return true;
  }

  /** Times out every waiter whose deadline is before {@code now}; returns how many. */
  public int expireDue(long now) {
    List<Waiter> due = new ArrayList<>();
    synchronized (monitor) {
      for (Waiter w : all) {
        if (w.deadline() != 0 && w.deadline() < now) {
          due.add(w);
        }
      }
    }
    int n = 0;
    for (Waiter w : due) {
      if (timeout(w, false)) {
        n++;
      }
    }
    return n;
  }

  private void unlink(Waiter w) {
    var t = w.timer;
    if (t != null) {
      t.cancel(false);
    }
    synchronized (monitor) {
      if (!all.remove(w)) {
        return;
      }
      if (w.deadline() != 0) {
        timed--;
      }
      byte[][] keys = w.keys();
      for (int i = 0; i < keys.length; i++) {
        DatabaseKey k = new DatabaseKey(w.db().index(), keys[i], w.hash(i));
        ArrayDeque<Waiter> q = queues.get(k);
        if (q != null) {
          q.remove(w);
          if (q.isEmpty()) {
            queues.remove(k);
          }
        }
      }
      waiting = all.size();
    }
  }

  // ------------------------------------------------------------------ ready keys

  /**
   * Records that a key was created in {@code db} (Redis's signalKeyAsReady from dbAdd;
   * {@link Shard#insert} calls it for every new key, so RENAME, MOVE, COPY... signal too): if
   * clients wait on it, it is served by the next {@link #serveReady()} of this thread (the
   * list commands call it before unlocking; the dispatcher after every command, for the
   * others). The caller holds the key's shard lock. One volatile read when nobody waits.
   */
  public void signal(Database db, byte[] key, int off, int len, int hash) {
    if (waiting == 0) {
      return;
    }
    DatabaseKey k = new DatabaseKey(db.index(), Arrays.copyOfRange(key, off, off + len), hash);
    synchronized (monitor) {
      if (!queues.containsKey(k)) {
        return;
      }
    }
    Ready r = ready.get();
    for (DatabaseKey x : r.keys) {
      if (x.equals(k)) {
        return;
      }
    }
    r.keys.addLast(k);
    pendingReady.incrementAndGet();
  }

  /**
   * SWAPDB (Redis's scanDatabaseForReadyKeys): signals every key waited on in {@code db} that
   * exists there now, so the swap serves clients blocked on keys it made non-empty. Waiters
   * stay in their database. The caller holds every shard of {@code db}.
   */
  void signalExisting(Database db) {
    if (waiting == 0) {
      return;
    }
    List<DatabaseKey> keys = new ArrayList<>();
    synchronized (monitor) {
      for (DatabaseKey k : queues.keySet()) {
        if (k.db() == db.index()) {
          keys.add(k);
        }
      }
    }
    for (DatabaseKey k : keys) {
      byte[] key = k.key();
      if (db.shard(k.hash()).peek(key, 0, key.length, k.hash()) != null) {
        signal(db, key, 0, key.length, k.hash());
      }
    }
  }

  /** Postpones serving on this thread until the matching {@link #resumeServing()} (EXEC, scripts). */
  public void deferServing() {
    ready.get().deferred++;
  }

  /** Ends a {@link #deferServing()}; the outermost one serves what became ready meanwhile. */
  public void resumeServing() {
    Ready r = ready.get();
    if (--r.deferred == 0) {
      serveReady();
    }
  }

  /**
   * Serves the clients blocked on the keys this thread signalled, key by key in signal order
   * and, per key, in arrival order, each waiter the key's value can serve (Redis's
   * handleClientsBlockedOnKeys). Call after replying and before releasing the command's
   * shard locks; keys whose shard is not held are locked here (see the class notes).
   */
  public void serveReady() {
    if (pendingReady.get() == 0) {
      return;
    }
    Ready r = ready.get();
    if (r.keys.isEmpty() || r.deferred > 0 || r.serving) {
      return;
    }
    r.serving = true;
    List<Shard> acquired = new ArrayList<>(2);
    try {
      DatabaseKey k;
      while ((k = r.keys.pollFirst()) != null) {
        pendingReady.decrementAndGet();
        Database db = engine.db(k.db());
        Shard s = db.shard(k.hash());
        if (!acquire(s, acquired)) {
          offload(k);
          continue;
        }
        serveKey(db, s, k, acquired);
      }
    } finally {
      for (int i = acquired.size() - 1; i >= 0; i--) {
        acquired.get(i).unlock();
      }
      r.serving = false;
    }
  }

  /**
   * Serves the waiters of one ready key in arrival order, as Redis 7.0's
   * serveClientsBlockedOn{List,SortedSet}Key: a waiter the key's value cannot serve (a BLPOP
   * when the key holds a sorted set, a BZPOPMIN when it holds a list) is skipped and stays
   * blocked, and the later waiters are still served; serving stops once the value is gone
   * (a serve emptied and deleted it).
   */
  private void serveKey(Database db, Shard s, DatabaseKey k, List<Shard> acquired) {
    List<Waiter> queued;
    synchronized (monitor) {
      ArrayDeque<Waiter> q = queues.get(k);
      if (q == null) {
        return;
      }
      // No waiter joins meanwhile: registering needs the key's shard lock, which we hold.
      queued = new ArrayList<>(q);
    }
    for (Waiter w : queued) {
      Entry e = s.find(k.key(), 0, k.key().length, k.hash(), engine.now());
      if (e == null) {
        return;
      }
      if (w.finished()) {
        unlink(w); // finished by its timeout, another key or its owner; unlink is idempotent
        continue;
      }
      if (!w.ready(e)) {
        continue; // another type of waiter (Redis's btype check): it stays blocked
      }
      Shard extra = w.extraShard();
      if (extra != null && !acquire(extra, acquired)) {
        offload(k);
        return;
      }
      if (!w.claim()) {
        unlink(w);
        continue;
      }
      unlink(w);
      int index = 0;
      byte[][] keys = w.keys();
      for (int i = 0; i < keys.length; i++) {
        if (Arrays.equals(keys[i], k.key())) {
          index = i;
          break;
        }
      }
      w.serve(s, e, index);
    }
  }

  /** Makes sure this thread holds {@code s} without breaking the lock order; false if it cannot. */
  private boolean acquire(Shard s, List<Shard> acquired) {
    if (s.isLocked()) {
      return true;
    }
    if (s.tryLock() || (inOrder(s) && lockNow(s))) {
      acquired.add(s);
      return true;
    }
    return false;
  }

  private static boolean lockNow(Shard s) {
    s.lock();
    return true;
  }

  /** Whether this thread holds no shard that comes after {@code s} in the lock order. */
  private boolean inOrder(Shard s) {
    Database d = s.database();
    for (int i = s.index + 1; i < d.shardCount(); i++) {
      if (d.shardAt(i).isLocked()) {
        return false;
      }
    }
    for (int j = d.index() + 1; j < engine.databaseCount(); j++) {
      Database o = engine.db(j);
      for (int i = 0; i < o.shardCount(); i++) {
        if (o.shardAt(i).isLocked()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Serves a key on a pool thread that locks its whole database in order. */
  private void offload(DatabaseKey k) {
    ForkJoinPool.commonPool().execute(() -> {
      Database db = engine.db(k.db());
      // With propagation on, the write-order lock comes first (see Propagation).
      Propagation p = engine.propagation();
      java.util.concurrent.locks.ReentrantLock order = p != null && p.active() ? p.order() : null;
      if (order != null) {
        LockWaits.lock(order);
      }
      long mask = db.lockAll();
      try {
        Ready r = ready.get();
        r.keys.addLast(k);
        pendingReady.incrementAndGet();
        serveReady();
      } finally {
        db.unlock(mask);
        if (order != null) {
          order.unlock();
        }
      }
    });
  }

  /** Per-thread ready keys. */
  private static final class Ready {
    final ArrayDeque<DatabaseKey> keys = new ArrayDeque<>(4);
    int deferred;
    boolean serving;
  }
}
