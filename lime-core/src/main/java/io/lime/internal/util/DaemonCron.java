package io.lime.internal.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A background job run at a fixed delay on its own daemon thread: the once-a-second AOF cron
 * and the snapshot cron (Redis's serverCron duties of each). Started by the owner's
 * {@code open}, stopped by its {@code close}.
 *
 * <p>Thread-safety: {@link #start} and {@link #stop} may be called from any thread.
 */
public final class DaemonCron {
  private final String threadName;
  private @Nullable ScheduledExecutorService executor;

  /** A cron whose thread will be named {@code threadName}; nothing runs until {@link #start}. */
  public DaemonCron(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Runs {@code task} every {@code periodMillis} (the first run one period from now), each run
   * starting a period after the previous one ended. A cron already running is stopped first.
   */
  public synchronized void start(long periodMillis, Runnable task) {
    stop();
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads(threadName));
    s.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    executor = s;
  }

  /** Stops the thread, interrupting a running task; does nothing when not running. */
  public synchronized void stop() {
    ScheduledExecutorService s = executor;
    if (s != null) {
      s.shutdownNow();
      executor = null;
    }
  }
}
