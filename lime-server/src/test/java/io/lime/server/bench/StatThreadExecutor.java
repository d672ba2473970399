package io.lime.server.bench;

import io.lime.internal.util.StatThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's worker threads as the server's event-loop threads ({@link StatThread}s, which count
 * statistics with plain writes), so the in-process RESP benchmarks run the path the server
 * runs. Selected with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=} this class (JMH
 * calls the {@code (int, String)} constructor).
 */
public final class StatThreadExecutor extends ThreadPoolExecutor {
  public StatThreadExecutor(int maxThreads, String prefix) {
    super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        new Factory(prefix));
  }

  private static final class Factory implements java.util.concurrent.ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Factory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new StatThread(r, prefix + "-" + count.getAndIncrement());
      t.setDaemon(true);
      return t;
    }
  }
}
