package io.lime.internal.store;

import io.lime.Message;
import io.lime.MessageListener;
import io.lime.Subscription;
import io.lime.internal.engine.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An embedded listener's subscription: a {@link PubSub.Receiver} that hands each message to
 * the store's listener executor, so the publisher (possibly a server loop thread) never runs
 * listener code unless the executor runs tasks in place. Listener exceptions are logged.
 */
final class LocalSubscription implements Subscription, PubSub.Receiver {
  private static final System.Logger LOG = io.lime.internal.util.LimeLog.get("io.lime.pubsub");

  private final PubSub bus;
  private final byte[] name;
  private final boolean pattern;
  private final MessageListener listener;
  private volatile boolean active = true;

  private LocalSubscription(PubSub bus, byte[] name, boolean pattern, MessageListener listener) {
    this.bus = bus;
    this.name = name;
    this.pattern = pattern;
    this.listener = listener;
  }

  /** Subscribes {@code listener} to a channel ({@code pattern} false) or a pattern. */
  static LocalSubscription open(PubSub bus, byte[] name, boolean pattern,
      MessageListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    LocalSubscription s = new LocalSubscription(bus, name.clone(), pattern, listener);
    if (pattern) {
      bus.psubscribe(s, s.name);
    } else {
      bus.subscribe(s, s.name);
    }
    return s;
  }

  @Override public String name() { return new String(name, StandardCharsets.UTF_8); }
  @Override public boolean isPattern() { return pattern; }
  @Override public boolean isActive() { return active; }

  @Override
  public void close() {
    if (!active) {
      return;
    }
    active = false;
    bus.unsubscribeAll(this);
  }

  @Override
  public void message(byte[] channel, byte[] message) {
    deliver(new Message(channel, message, null));
  }

  @Override
  public void pmessage(byte[] pattern, byte[] channel, byte[] message) {
    deliver(new Message(channel, message, pattern));
  }

  @Override
  public void smessage(byte[] channel, byte[] message) {
    // embedded listeners do not subscribe to shard channels
  }

  private void deliver(Message m) {
    if (!active) {
      return;
    }
    Executor e = bus.listenerExecutor();
    try {
      e.execute(() -> run(m));
    } catch (RejectedExecutionException closed) {
      // store closed: the message is dropped, as for a disconnected client
    }
  }

  private void run(Message m) {
    if (!active) {
      return;
    }
    try {
      listener.onMessage(m);
    } catch (RuntimeException | Error err) {
      LOG.log(System.Logger.Level.WARNING, "pub/sub listener for " + name() + " failed", err);
      if (err instanceof VirtualMachineError fatal) {
        throw fatal;
      }
    }
  }
}
