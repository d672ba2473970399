package io.lime.examples;

import io.lime.KeyValueStore;
import io.lime.Subscription;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publish/subscribe inside one process: a channel listener and a pattern listener receive
 * what the application publishes (RESP clients of a server on the same store would too).
 * Listeners run on the store's delivery thread, so the example waits for them with a latch.
 */
public final class PubSubExample {
  private PubSubExample() {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) throws InterruptedException {
    try (KeyValueStore store = KeyValueStore.open()) {
      List<String> orders = new CopyOnWriteArrayList<>();
      List<String> alerts = new CopyOnWriteArrayList<>();
      CountDownLatch delivered = new CountDownLatch(3);

      // SUBSCRIBE orders, PSUBSCRIBE alerts:*
      Subscription orderFeed = store.subscribe("orders", message -> {
        orders.add(message.messageString());
        delivered.countDown();
      });
      Subscription alertFeed = store.psubscribe("alerts:*", message -> {
        alerts.add(message.channelString() + " -> " + message.messageString());
        delivered.countDown();
      });

      // PUBLISH returns how many subscribers the message reached.
      out.println("order 1 reached: " + store.publish("orders", "order 1"));
      out.println("order 2 reached: " + store.publish("orders", "order 2"));
      out.println("disk alert reached: " + store.publish("alerts:disk", "91% full"));
      out.println("nobody listens: " + store.publish("audit", "ignored"));

      if (!delivered.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("listeners did not receive every message");
      }
      out.println("orders listener got: " + orders);
      out.println("alerts listener got: " + alerts);

      // Closing a subscription unsubscribes it.
      orderFeed.close();
      out.println("after close, order 3 reached: " + store.publish("orders", "order 3"));
      alertFeed.close();
    }
  }
}
