package io.lime.examples;

import io.lime.KeyValueStore;
import io.lime.ListView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded job queue: producers push jobs to the tail of a list, a consumer thread takes
 * them from the head, waiting while the queue is empty (as BLPOP, without a network).
 */
public final class EmbeddedJobQueueExample {
  private static final String STOP = "stop";

  private EmbeddedJobQueueExample() {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) throws InterruptedException {
    try (KeyValueStore store = KeyValueStore.open()) {
      ListView queue = store.list("jobs");
      List<String> done = new ArrayList<>();

      // The consumer starts first and blocks until jobs arrive.
      Thread worker = new Thread(() -> {
        try {
          String job;
          while (!STOP.equals(job = queue.blockingLeftPopString(Duration.ZERO))) {
            done.add(job.toUpperCase(java.util.Locale.ROOT));
            store.incr("stats:processed");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "worker");
      worker.start();

      // The producer: three jobs, then a stop marker.
      out.println("queued: " + queue.rightPush("resize:1.png", "resize:2.png"));
      out.println("queued: " + queue.rightPush("email:welcome"));
      queue.rightPush(STOP);
      worker.join();

      out.println("processed: " + done);
      out.println("count: " + store.get("stats:processed"));
      out.println("queue left: " + queue.size());
    }
  }
}
