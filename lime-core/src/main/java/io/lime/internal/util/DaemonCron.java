package io.lime.internal.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A background job run at a fixed delay on its own daemon thread: the once-a-second AOF cron
 * and the snapshot cron (Redis's serverCron duties of each). Started by its owner once there
 * is work for it (an AOF that is on, snapshot rules, a scheduled job): until then no thread
 * exists, a cost of start-up and of every idle second saved. Stopped by the owner's
 * {@code close}, for good.
 *
 * <p>Thread-safety: {@link #ensureStarted} and {@link #stop} may be called from any thread.
 */
public final class DaemonCron {
  private final String threadName;
  private @Nullable ScheduledExecutorService executor;
  /** Set by {@link #stop}: nothing starts the cron again. */
  private boolean stopped;

  /** A cron whose thread will be named {@code threadName}; nothing runs until started. */
  public DaemonCron(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Runs {@code task} every {@code periodMillis} (the first run one period from now), each run
   * starting a period after the previous one ended, unless the cron runs already (with its
   * first task) or was stopped (its owner closed: a late request must not start a thread that
   * nobody stops).
   */
  public synchronized void ensureStarted(long periodMillis, Runnable task) {
    if (executor != null || stopped) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads(threadName));
    s.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    executor = s;
  }

  /** Stops the thread for good, interrupting a running task. Idempotent. */
  public synchronized void stop() {
    stopped = true;
    ScheduledExecutorService s = executor;
    if (s != null) {
      s.shutdownNow();
      executor = null;
    }
  }
}
