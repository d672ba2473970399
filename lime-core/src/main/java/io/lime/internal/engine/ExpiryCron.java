package io.lime.internal.engine;

import io.lime.internal.util.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's cron thread, run {@code hz} times a second (Redis's serverCron, of which LIME
 * runs the active expiry cycle here), and its frequency: the configured {@code hz}
 * (config_hz), or with {@code dynamic-hz} one that follows the number of clients as Redis's
 * serverCron does: it starts at the configured hz and doubles while {@code clients / hz >
 * 200} (MAX_CLIENTS_PER_CLOCK_TICK), up to 500 (CONFIG_MAX_HZ), checked at each run.
 * Thread-safe.
 */
final class ExpiryCron implements Runnable {
  /** Redis's MAX_CLIENTS_PER_CLOCK_TICK. */
  static final int MAX_CLIENTS_PER_CLOCK_TICK = 200;
  /** Redis's CONFIG_MAX_HZ. */
  static final int MAX_HZ = 500;

  private final Engine engine;
  /** The frequency in force (server.hz). */
  private volatile int hz;
  /** The configured frequency (config_hz); 0: no background cycle until set. */
  private volatile int configuredHz;
  /** dynamic-hz: the client count the frequency follows, or null for the configured one. */
  private volatile @Nullable IntSupplier clients;
  private @Nullable ScheduledExecutorService cron;
  private @Nullable ScheduledFuture<?> future;

  /** {@code engine}'s cron (its {@link Engine#cronRun()} is the task). */
  ExpiryCron(Engine engine, int hz) {
    this.engine = engine;
    this.hz = hz;
    this.configuredHz = hz;
  }

  /** The frequency in force for {@code configuredHz} (at least 1) and {@code clients}. */
  static int effective(int configuredHz, int clients) {
    int hz = Math.max(1, configuredHz);
    while (clients / hz > MAX_CLIENTS_PER_CLOCK_TICK) {
      hz *= 2;
      if (hz > MAX_HZ) {
        return MAX_HZ;
      }
    }
    return hz;
  }

  /** The frequency in force. */
  int hz() {
    return hz;
  }

  /** Sets the configured frequency (clamped to 1..500). */
  void configure(int newHz) {
    configuredHz = Math.max(1, Math.min(MAX_HZ, newHz));
    adapt();
  }

  /** Follows {@code clientCount} (dynamic-hz yes), or the configured frequency (null). */
  void dynamic(@Nullable IntSupplier clientCount) {
    clients = clientCount;
    adapt();
  }

  private void adapt() {
    IntSupplier c = clients;
    int configured = configuredHz;
    int next = c == null ? configured : effective(configured, c.getAsInt());
    if (next != hz && configured > 0) {
      apply(next);
    }
  }

  private synchronized void apply(int next) {
    hz = next;
    if (future != null) {
      future.cancel(false);
      schedule();
    }
  }

  /** Starts the thread; idempotent; nothing while the frequency is 0. */
  synchronized void start() {
    if (cron != null || hz <= 0) {
      return;
    }
    cron = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("lime-expire"));
    schedule();
  }

  private void schedule() {
    long periodMicros = 1_000_000L / hz;
    future = cron.scheduleAtFixedRate(this, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** One run of the cron: not for callers (public as the scheduled task). */
  @Override
  public void run() {
    adapt(); // serverCron: the frequency follows the clients first (dynamic-hz)
    engine.cronRun();
  }

  /** Whether the thread is started (until {@link #stop}). */
  synchronized boolean running() {
    return cron != null;
  }

  /** Stops the thread. */
  synchronized void stop() {
    if (cron != null) {
      cron.shutdownNow();
      cron = null;
      future = null;
    }
  }
}
