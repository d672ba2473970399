package io.lime.internal.util;

import java.util.concurrent.CountDownLatch;

/** Waiting on a {@link CountDownLatch} where an interrupt must not end the wait. */
public final class Latches {
  private Latches() {}

  /**
   * Waits until {@code latch} reaches zero; an interrupt received meanwhile does not end the
   * wait and is restored on the thread afterwards.
   */
  public static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
