package io.lime;

/**
 * The time source of a store: expiry deadlines, TTLs and access clocks read it, so tests
 * can move time forward without sleeping.
 *
 * <p>Implementations must be thread-safe and should be monotonic non-decreasing; a ticker
 * that goes backwards makes keys live longer, never shorter.
 */
@FunctionalInterface
public interface Ticker {

  /** Milliseconds since the Unix epoch, as {@link System#currentTimeMillis()}. */
  long currentTimeMillis();

  /** The wall clock. */
  static Ticker system() {
    return System::currentTimeMillis;
  }
}
