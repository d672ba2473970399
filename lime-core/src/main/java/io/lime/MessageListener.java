package io.lime;

/**
 * Receives messages published to a channel or pattern subscribed with
 * {@link KeyValueStore#subscribe} or {@link KeyValueStore#psubscribe}.
 *
 * <p>Called on the store's delivery thread (see
 * {@link KeyValueStore.Builder#listenerExecutor}): by default one daemon thread per store,
 * so publishers never run listener code and one listener sees messages in publication order.
 * An exception thrown by the listener is logged ({@link System.Logger} {@code io.lime.pubsub})
 * and does not stop later deliveries.
 */
@FunctionalInterface
public interface MessageListener {
  /** Handles one message. */
  void onMessage(Message message);
}
