package io.lime.examples;

import io.lime.KeyValueStore;
import io.lime.SetOptions;
import io.lime.Ticker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedded cache with expiry: values cached for a time-to-live, a hit counter, and
 * expiry observed by moving a manual clock instead of waiting.
 */
public final class EmbeddedCacheExample {
  private EmbeddedCacheExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) {
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    Ticker clock = now::get;
    try (KeyValueStore cache = KeyValueStore.builder().ticker(clock).build()) {
      // Cache a rendered page for 30 seconds, only if nobody cached it first.
      boolean stored = cache.set("page:/home", "<h1>Welcome</h1>",
          SetOptions.ifAbsent().expireIn(Duration.ofSeconds(30)));
      out.println("stored: " + stored);
      out.println("hits: " + cache.incr("stats:hits"));
      out.println("cached: " + cache.get("page:/home"));
      out.println("ttl seconds: " + cache.ttl("page:/home"));

      now.addAndGet(Duration.ofSeconds(31).toMillis());   // time passes...
      out.println("after 31s: " + cache.get("page:/home"));
      out.println("hits kept: " + cache.get("stats:hits"));
    }
  }
}
