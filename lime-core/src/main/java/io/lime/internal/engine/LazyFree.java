package io.lime.internal.engine;

import io.lime.internal.util.DaemonThreads;
import io.lime.internal.util.Latches;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Redis's lazyfree.c: releasing removed values and flushed databases on a background thread
 * instead of the command's thread.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>What is released. A removed value whose free effort ({@link MemorySized#freeEffort},
 *       Redis's lazyfreeGetFreeEffort: members of a hashtable set, hash or skiplist sorted
 *       set, nodes of a list, nodes plus groups times the first group's PEL of a stream; 1 for
 *       anything else) exceeds {@link #THRESHOLD} is handed over when the deletion is lazy
 *       (UNLINK, or the {@code lazyfree-lazy-*} directive of its cause); the background thread
 *       {@link MemorySized#release releases} it, unlinking every node of its tables so the
 *       collector's and the command thread's work is not done on the loop. Smaller values are
 *       dropped inline (the collector reclaims them), as Redis frees them synchronously.
 *       FLUSHALL/FLUSHDB ASYNC hand over the removed tables whole ({@link Shard#clear}).
 *   <li>Accounting. The caller removes the value's bytes from the keyspace counters when it
 *       unlinks the key, before the hand-over (Redis's used_memory only drops once the thread
 *       has freed it; LIME counts what is reachable, so maxmemory sees the drop at once).
 *       {@link #pending()} and {@link #freed()} are INFO's {@code lazyfree_pending_objects}
 *       and {@code lazyfreed_objects}: one per value, one per key of a flushed table.
 *   <li>Thread. One daemon thread per engine ({@code lime-lazyfree}) over an unbounded queue,
 *       as Redis's bio thread; it is started by the first hand-over and ends after a second
 *       idle, so an engine that never frees lazily never owns it and a closed one leaks none.
 * </ul>
 *
 * <p>Thread-safety: thread-safe; the {@code lazy*} switches are volatile (CONFIG SET).
 */
public final class LazyFree {
  /** Redis's LAZYFREE_THRESHOLD: values of more effort than this are released in background. */
  public static final int THRESHOLD = 64;

  private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), new DaemonThreads("lime-lazyfree"));
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong freed = new AtomicLong();

  /** lazyfree-lazy-eviction. */ public volatile boolean lazyEviction;
  /** lazyfree-lazy-expire. */ public volatile boolean lazyExpire;
  /** lazyfree-lazy-server-del (overwrites, RENAME/COPY/RESTORE targets, STORE targets). */
  public volatile boolean lazyServerDel;
  /** lazyfree-lazy-user-del (DEL behaves as UNLINK). */ public volatile boolean lazyUserDel;
  /** lazyfree-lazy-user-flush (FLUSHALL/FLUSHDB without a flag are ASYNC). */
  public volatile boolean lazyUserFlush;

  /** Runs {@code work}, which releases {@code objects} keys, on the background thread. */
  void release(long objects, Runnable work) {
    pending.addAndGet(objects);
    thread.execute(() -> {
      try {
        work.run();
      } finally {
        pending.addAndGet(-objects);
        freed.addAndGet(objects);
      }
    });
  }

  /**
   * Redis's freeObjAsync: {@code value}, just unlinked from the keyspace (its bytes already
   * uncounted), is released on the background thread when {@code lazy} and its free effort
   * exceeds {@link #THRESHOLD}; otherwise it is left to the collector. Returns whether it was
   * handed over. The caller must hold no other reference to it.
   */
  public boolean free(Object value, boolean lazy) {
    if (lazy && value instanceof MemorySized m && m.freeEffort() > THRESHOLD) {
      release(1, m::release);
      return true;
    }
    return false;
  }

  /** As {@link #free(Object, boolean)} for the value of the unlinked entry {@code e}. */
  public boolean free(Entry e, boolean lazy) {
    return free(e.value, lazy);
  }

  /** Releases an entry of a flushed table: marks it deleted and releases its value's nodes. */
  static void releaseFlushed(Entry e) {
    e.mem = -1;
    if (e.value instanceof MemorySized m && m.freeEffort() > THRESHOLD) {
      m.release();
    }
  }

  /** Keys and values handed over and not yet released (lazyfree_pending_objects). */
  public long pending() { return pending.get(); }

  /** Keys and values released in the background since start or RESETSTAT (lazyfreed_objects). */
  public long freed() { return freed.get(); }

  /** CONFIG RESETSTAT (Redis's lazyfreeResetStats). */
  public void resetStats() { freed.set(0); }

  /**
   * Test hook: holds the background thread until the returned handle is closed, so a test can
   * see a hand-over pending (the work queued behind the hold runs once it is closed).
   */
  public AutoCloseable hold() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    thread.execute(() -> {
      entered.countDown();
      Latches.awaitUninterruptibly(go);
    });
    Latches.awaitUninterruptibly(entered);
    return go::countDown;
  }

  /** Test hook: waits until everything handed over so far has been released. */
  public void drain() {
    CountDownLatch done = new CountDownLatch(1);
    thread.execute(done::countDown);
    Latches.awaitUninterruptibly(done);
  }
}
