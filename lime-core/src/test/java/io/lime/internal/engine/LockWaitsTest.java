package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** {@link LockWaits}: a serving thread serves between slices of a wait, then gets the lock. */
class LockWaitsTest {
  /** A thread that counts the chances it was given to serve while waiting. */
  private static final class ServingThread extends Thread implements LockWaits.Serving {
    final CountDownLatch served = new CountDownLatch(2);

    ServingThread(Runnable r) {
      super(r, "serving");
    }

    @Override
    public void whileWaitingForLock() {
      served.countDown();
    }
  }

  @Test
  void lock_servingThreadBehindAnotherHolder_servesWhileWaitingThenAcquires() throws Exception {
    ReentrantLock l = new ReentrantLock();
    AtomicBoolean held = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    l.lock();
    ServingThread t = new ServingThread(() -> {
      LockWaits.lock(l);
      held.set(l.isHeldByCurrentThread());
      l.unlock();
      done.countDown();
    });
    t.start();
    try {
      assertTrue(t.served.await(30, TimeUnit.SECONDS), "never served while waiting");
      assertFalse(held.get());
    } finally {
      l.unlock();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertTrue(held.get());
  }

  @Test
  void lock_servingThreadInterrupted_keepsWaitingAndKeepsTheInterrupt() throws Exception {
    ReentrantLock l = new ReentrantLock();
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    l.lock();
    ServingThread t = new ServingThread(() -> {
      LockWaits.lock(l);
      interrupted.set(Thread.currentThread().isInterrupted());
      l.unlock();
      done.countDown();
    });
    t.start();
    try {
      assertTrue(t.served.await(30, TimeUnit.SECONDS));
      t.interrupt(); // the wait goes on (as lock()); the interrupt is kept for after it
    } finally {
      l.unlock();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertTrue(interrupted.get());
  }

  @Test
  void lock_uncontendedOrOtherThread_plainAcquire() {
    ReentrantLock l = new ReentrantLock();
    LockWaits.lock(l);
    assertTrue(l.isHeldByCurrentThread());
    LockWaits.lock(l); // reentrant, as lock()
    assertEquals(2, l.getHoldCount());
    l.unlock();
    l.unlock();
  }
}
