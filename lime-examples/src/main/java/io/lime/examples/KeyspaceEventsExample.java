package io.lime.examples;

import io.lime.KeyValueStore;
import io.lime.Ticker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keyspace notifications (Redis's {@code notify-keyspace-events}): the store publishes an
 * event for every change, here used to react when a session key expires. A manual clock
 * makes the key expire without waiting.
 */
public final class KeyspaceEventsExample {
  private KeyspaceEventsExample() {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) throws InterruptedException {
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    Ticker clock = now::get;
    // K: __keyspace@<db>__:<key> channels, E: __keyevent@<db>__:<event> channels, A: all events
    try (KeyValueStore store = KeyValueStore.builder()
        .ticker(clock)
        .notifyKeyspaceEvents("KEA")
        .build()) {
      List<String> expired = new CopyOnWriteArrayList<>();
      CountDownLatch sessionExpired = new CountDownLatch(1);
      store.psubscribe("__keyevent@0__:expired", message -> {
        expired.add(message.messageString()); // the message is the key's name
        sessionExpired.countDown();
      });

      store.set("session:42", "alice");
      store.expire("session:42", Duration.ofMinutes(30));
      out.println("session ttl seconds: " + store.ttl("session:42"));

      now.addAndGet(Duration.ofMinutes(31).toMillis()); // half an hour passes...
      // The next access (or the background expiry cycle) finds the key expired and
      // publishes the "expired" event.
      out.println("session after 31 min: " + store.get("session:42"));

      if (!sessionExpired.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no expired event");
      }
      out.println("expired keys: " + expired);
    }
  }
}
