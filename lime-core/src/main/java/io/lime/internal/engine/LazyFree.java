package io.lime.internal.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Redis's lazyfree.c: work that releases removed keys, moved off the command's thread onto
 * one background daemon thread ({@code lime-lazyfree}, shared by every engine). On the JVM
 * a removed value costs nothing to drop (the collector reclaims it); the O(N) part left is
 * FLUSHALL/FLUSHDB's walk over the removed entries, which {@code ASYNC} (or
 * {@code lazyfree-lazy-user-flush yes}) hands to this thread. {@link #pending()} and
 * {@link #freed()} are INFO's {@code lazyfree_pending_objects} and {@code lazyfreed_objects}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LazyFree {
  private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lime-lazyfree");
    t.setDaemon(true);
    return t;
  });

  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong freed = new AtomicLong();

  /** Runs {@code work}, which releases {@code objects} keys, on the background thread. */
  void release(long objects, Runnable work) {
    pending.addAndGet(objects);
    THREAD.execute(() -> {
      try {
        work.run();
      } finally {
        pending.addAndGet(-objects);
        freed.addAndGet(objects);
      }
    });
  }

  /** Keys handed over and not yet released (lazyfree_pending_objects). */
  public long pending() { return pending.get(); }

  /** Keys released in the background since start or RESETSTAT (lazyfreed_objects). */
  public long freed() { return freed.get(); }

  /** CONFIG RESETSTAT (Redis's lazyfreeResetStats). */
  public void resetStats() { freed.set(0); }
}
