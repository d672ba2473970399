package io.lime.server.junit;

import io.lime.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The manual clock of a {@link LimeTest#manualClock() manualClock} server: time stands still
 * until the test moves it, so keys expire exactly when the test says, without sleeping.
 *
 * <pre>{@code
 * @LimeTest(manualClock = true)
 * class SessionTest {
 *   @Test
 *   void session_afterTtl_isGone(@LimePort int port, LimeClock clock) {
 *     jedis.setex("session", 30, "alice");
 *     clock.advance(Duration.ofSeconds(31));
 *     assertNull(jedis.get("session"));
 *   }
 * }
 * }</pre>
 *
 * <p>The clock drives everything the engine times: expiry deadlines, {@code TTL}/{@code PTTL},
 * {@code EXPIRETIME}, relative {@code EX}/{@code PX} options, the LRU clock and {@code TIME}.
 * Socket-level timers of the server ({@code timeout} for idle clients) keep the wall clock.
 * It starts at the wall-clock time at which the server started.
 *
 * <p>Thread-safety: safe for use by any number of threads. The clock never goes backwards.
 */
public final class LimeClock implements Ticker {
  private final AtomicLong millis;
  private volatile @Nullable Runnable afterAdvance;

  LimeClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /** Runs {@code hook} after each move (the extension runs active expiry cycles). */
  void afterAdvance(Runnable hook) {
    this.afterAdvance = hook;
  }

  /** Now, in milliseconds since the Unix epoch. */
  @Override
  public long currentTimeMillis() {
    return millis.get();
  }

  /** Now, as an instant. */
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  /**
   * Moves time forward by {@code amount} (millisecond precision), then runs active expiry
   * cycles until one expires nothing, so that keys past their deadline leave the keyspace as they would on a
   * server where that much time passed ({@code DBSIZE}, {@code KEYS}, {@code SCAN} agree).
   * Reads see expired keys as absent even without that cycle.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock cannot go backwards: " + amount);
    }
    millis.addAndGet(amount.toMillis());
    runHook();
  }

  /**
   * Sets the time to {@code instant}, as {@link #advance(Duration)}.
   *
   * @throws IllegalArgumentException if {@code instant} is before the current time
   */
  public void set(Instant instant) {
    long target = instant.toEpochMilli();
    long current;
    do {
      current = millis.get();
      if (target < current) {
        throw new IllegalArgumentException("the clock cannot go backwards: " + instant
            + " is before " + Instant.ofEpochMilli(current));
      }
    } while (!millis.compareAndSet(current, target));
    runHook();
  }

  private void runHook() {
    Runnable hook = afterAdvance;
    if (hook != null) {
      hook.run();
    }
  }

  @Override
  public String toString() {
    return "LimeClock[" + instant() + "]";
  }
}
