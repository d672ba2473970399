package io.lime.internal.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a thread waits for a contended lock (a shard's, the interpreter's, the write-order
 * lock): a thread that serves clients (a server's event loop, {@link Serving}) never parks
 * for good behind a script, so a script that loops forever can still be stopped by SCRIPT
 * KILL, FUNCTION KILL or SHUTDOWN NOSAVE from a client of that loop.
 *
 * <p>Why. A script holds the shard locks of what it may touch while it runs. A command that arrived just before
 * the script took them (it passed the dispatcher's BUSY check, or is allowed while busy, as
 * WATCH, or runs from a loop task, as a connection's close) waits for a lock the script
 * holds. Redis, single-threaded, cannot get there: every command runs before the script or
 * answers BUSY. Here the waiting loop thread would serve none of its other clients until the
 * script ends: with one loop, nobody could send SCRIPT KILL. So a {@link Serving} thread
 * waits in slices of {@link #SLICE_NANOS} and between two, once a script has run past {@code
 * busy-reply-threshold}, serves its other clients as the script's own loop does (Redis's
 * processEventsWhileBlocked): they get BUSY, and SCRIPT KILL, FUNCTION KILL and SHUTDOWN
 * NOSAVE work. The waiting command then runs after the script, as if it had arrived just
 * after it: it has not changed anything yet (locks are taken at the start of an operation)
 * and nothing interleaves with the script.
 *
 * <p>Other threads (the embedded typed API, background work) wait as {@link
 * ReentrantLock#lock()}: they serve no client, so their waiting blocks nobody else.
 *
 * <p>Cost: an uncontended acquire is one {@code tryLock()}, as before; the slices only start
 * when the lock is taken by another thread.
 */
public final class LockWaits {
  /** How long a {@link Serving} thread waits for a lock between two chances to serve. */
  static final long SLICE_NANOS = 5_000_000L;

  private LockWaits() {}

  /** A thread that serves clients while it waits for a lock (the server's event loops). */
  public interface Serving {
    /**
     * Called between slices of a wait for a lock: serves this thread's other clients when a
     * script on another thread has run past {@code busy-reply-threshold}, else returns at
     * once. Must not throw.
     */
    void whileWaitingForLock();
  }

  /** Acquires {@code l} (see the class comment); uninterruptible, as {@code l.lock()}. */
  public static void lock(ReentrantLock l) {
    if (!l.tryLock()) {
      contended(l);
    }
  }

  /** {@link #lock} after a failed {@code tryLock()} (and, for a shard, its spins). */
  static void contended(ReentrantLock l) {
    if (!(Thread.currentThread() instanceof Serving s)) {
      l.lock();
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (l.tryLock(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true; // kept for after the wait, as lock() does
        }
        s.whileWaitingForLock();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
