package io.lime.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatCounterTest {

  @Test
  void add_fromStatThreadsAndOtherThreads_sumsEveryAdd() throws InterruptedException {
    StatCounter c = new StatCounter();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Runnable r = () -> {
        for (int i = 0; i < 100_000; i++) {
          c.increment();
        }
        c.add(5);
      };
      threads.add(t % 2 == 0 ? new StatThread(r, "stat-" + t) : new Thread(r));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(6 * 100_005L, c.sum());
  }

  @Test
  void reset_thenAdd_countsFromZero() throws InterruptedException {
    StatCounter c = new StatCounter();
    c.add(7);
    Thread t = new StatThread(() -> c.add(3), "stat");
    t.start();
    t.join();
    assertEquals(10, c.sum());
    c.reset();
    assertEquals(0, c.sum());
    Thread u = new StatThread(() -> c.add(4), "stat");
    u.start();
    u.join();
    c.increment();
    assertEquals(5, c.sum());
  }

  @Test
  void stripes_ofEndedThreads_areReusedWithoutLosingCounts() throws InterruptedException {
    StatCounter c = new StatCounter();
    for (int round = 0; round < 50; round++) {
      Thread t = new StatThread(c::increment, "stat");
      t.start();
      t.join();
    }
    assertEquals(50, c.sum());
  }
}
