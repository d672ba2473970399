package io.lime;

/**
 * A channel or pattern subscription made with {@link KeyValueStore#subscribe} or
 * {@link KeyValueStore#psubscribe}; {@link #close()} unsubscribes.
 *
 * <p>Each subscription counts as one subscriber, as a Redis client connection does (PUBLISH's
 * reply, PUBSUB NUMSUB / NUMPAT). Thread-safe.
 */
public interface Subscription extends AutoCloseable {
  /** The channel or pattern subscribed (as given, UTF-8 decoded). */
  String name();

  /** Whether this is a pattern subscription. */
  boolean isPattern();

  /** Whether {@link #close()} has not been called yet. */
  boolean isActive();

  /**
   * Unsubscribes. Once it returns no new delivery to the listener starts (one already running
   * on another thread may still finish). Idempotent.
   */
  @Override
  void close();
}
