package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.ListView;
import io.lime.ListView.End;
import io.lime.WrongTypeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed list view, blocking consumers included. */
class ListViewTest {
  private final KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    pool.shutdownNow();
    store.close();
  }

  private LocalKeyValueStore local() {
    return (LocalKeyValueStore) store;
  }

  /** Waits (no sleep) until {@code n} consumers are blocked in the engine. */
  private void awaitBlocked(int n) throws InterruptedException {
    while (local().engine().blocking().blockedCount() < n) {
      Thread.onSpinWait();
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  @Test
  void pushPopRange_behaveAsCommands() {
    ListView l = store.list("l");
    assertEquals(3, l.rightPush("a", "b", "c"));
    assertEquals(4, l.leftPush("z"));
    assertEquals(List.of("z", "a", "b", "c"), l.rangeStrings(0, -1));
    assertEquals("z", l.leftPopString());
    assertEquals("c", l.rightPopString());
    assertEquals(2, l.size());
    assertEquals("b", l.indexString(-1));
    assertEquals(0, store.list("missing").leftPushIfExists("x"));
    assertEquals(0, store.list("missing").size());
  }

  @Test
  void setInsertRemoveTrimPosition() {
    ListView l = store.list("l");
    l.rightPush("a", "b", "a", "c");
    l.set(1, "B");
    assertEquals(5, l.insert(true, "B", "x"));
    assertEquals(-1, l.insert(false, "nope", "x"));
    assertEquals(2, l.remove(0, "a"));
    assertEquals(List.of("B", "x", "c"), l.rangeStrings(0, -1));
    assertEquals(2, l.position("c"));
    assertEquals(-1, l.position("zz"));
    l.trim(1, 1);
    assertEquals(List.of("x"), l.rangeStrings(0, -1));
    LimeException e = assertThrows(LimeException.class, () -> l.set(5, "y"));
    assertEquals("ERR index out of range", e.getMessage());
    assertThrows(LimeException.class, () -> store.list("missing").set(0, "y"));
    l.trim(5, 6);
    assertEquals(false, store.exists("l"));
  }

  @Test
  void popCount_andMove() {
    ListView l = store.list("src");
    l.rightPush("1", "2", "3");
    assertEquals(2, l.rightPop(2).size());
    assertEquals("1", l.move("dst", End.LEFT, End.RIGHT));
    assertNull(l.move("dst", End.LEFT, End.RIGHT));
    assertEquals(List.of("1"), store.list("dst").rangeStrings(0, -1));
  }

  @Test
  void wrongType_throws() {
    store.set("s", "v");
    assertThrows(WrongTypeException.class, () -> store.list("s").rightPush("x"));
    assertThrows(WrongTypeException.class, () -> store.list("s").size());
  }

  @Test
  void blockingLeftPop_wokenByPushFromAnotherThread() throws Exception {
    ListView q = store.list("jobs");
    Future<String> consumer = pool.submit(() -> q.blockingLeftPopString(Duration.ZERO));
    awaitBlocked(1);
    assertEquals(1, store.list("jobs").rightPush("job-1"));
    assertEquals("job-1", consumer.get(10, TimeUnit.SECONDS));
    assertEquals(0, q.size());
  }

  @Test
  void blockingConsumers_servedInArrivalOrder() throws Exception {
    ListView q = store.list("q");
    Future<String> first = pool.submit(() -> q.blockingLeftPopString(Duration.ZERO));
    awaitBlocked(1);
    Future<String> second = pool.submit(() -> q.blockingRightPopString(Duration.ZERO));
    awaitBlocked(2);
    q.rightPush("a", "b", "c");
    assertEquals("a", first.get(10, TimeUnit.SECONDS));
    assertEquals("c", second.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("b"), q.rangeStrings(0, -1));
  }

  @Test
  void blockingMove_wokenByPush() throws Exception {
    ListView src = store.list("src");
    Future<byte[]> mover = pool.submit(() ->
        src.blockingMove("dst".getBytes(), End.RIGHT, End.LEFT, Duration.ZERO));
    awaitBlocked(1);
    src.leftPush("x");
    assertArrayEquals("x".getBytes(), mover.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("x"), store.list("dst").rangeStrings(0, -1));
    assertEquals(0, src.size());
  }

  /**
   * A timeout past 2^63 nanoseconds waits, as BLPOP k 9223372036854775 blocks on Redis 7.0.15:
   * it threw ArithmeticException (Duration.toNanos) with its waiter still registered, so the
   * next push was popped for no one.
   */
  @Test
  void blockingPop_timeoutPastLongNanos_waitsAndIsServed() throws Exception {
    ListView q = store.list("q");
    Future<String> consumer = pool.submit(() ->
        q.blockingLeftPopString(Duration.ofMillis(Long.MAX_VALUE)));
    awaitBlocked(1);
    assertEquals(1, q.rightPush("a"));
    assertEquals("a", consumer.get(30, TimeUnit.SECONDS));
    assertEquals(0, q.size());
  }

  @Test
  void blockingPop_timeout_returnsNullAndLeavesQueue() throws Exception {
    assertNull(store.list("q").blockingLeftPop(Duration.ofMillis(5)));
    assertEquals(0, local().engine().blocking().blockedCount());
    assertEquals(1, store.list("q").rightPush("a"));
    assertEquals("a", store.list("q").blockingLeftPopString(Duration.ofMillis(5)));
  }

  @Test
  void producersAndBlockingConsumers_loseAndDuplicateNothing() throws Exception {
    int producers = 3;
    int perProducer = 2000;
    ListView q = store.list("work");
    List<Future<List<String>>> consumers = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
    int total = producers * perProducer;
    for (int n = 0; n < 3; n++) {
      int c = n;
      consumers.add(pool.submit(() -> {
        List<String> got = new java.util.ArrayList<>();
        while (taken.get() < total) {
          String v = c % 2 == 0 ? q.blockingLeftPopString(Duration.ofMillis(20))
              : q.blockingRightPopString(Duration.ofMillis(20));
          if (v != null) {
            got.add(v);
            taken.incrementAndGet();
          }
        }
        return got;
      }));
    }
    List<Future<?>> pushers = new java.util.ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      pushers.add(pool.submit(() -> {
        for (int i = 0; i < perProducer; i++) {
          q.rightPush(id + ":" + i);
        }
      }));
    }
    for (Future<?> f : pushers) {
      f.get(60, TimeUnit.SECONDS);
    }
    java.util.Set<String> all = new java.util.HashSet<>();
    int count = 0;
    for (Future<List<String>> f : consumers) {
      List<String> got = f.get(60, TimeUnit.SECONDS);
      count += got.size();
      all.addAll(got);
    }
    assertEquals(total, count);
    assertEquals(total, all.size());
    assertEquals(0, q.size());
  }

  @Test
  void blockingMovesAgainstReverseMoves_noDeadlockNoLoss() throws Exception {
    int items = 3000;
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    List<Future<?>> workers = new java.util.ArrayList<>();
    for (int m = 0; m < 3; m++) {
      byte[] dst = ("dst-" + m).getBytes();
      workers.add(pool.submit(() -> {
        while (!stop.get()) {
          store.list("src").blockingMove(dst, End.LEFT, End.RIGHT, Duration.ofMillis(10));
        }
        return null;
      }));
    }
    for (int b = 0; b < 2; b++) {
      int id = b;
      workers.add(pool.submit(() -> {
        for (int i = 0; i < 20_000 && !stop.get(); i++) {
          store.list("dst-" + ((i + id) % 3)).move("src", End.RIGHT, End.LEFT);
        }
        return null;
      }));
    }
    for (int i = 0; i < items; i++) {
      store.list("src").rightPush("i" + i);
    }
    workers.get(3).get(60, TimeUnit.SECONDS);
    workers.get(4).get(60, TimeUnit.SECONDS);
    stop.set(true);
    for (Future<?> w : workers) {
      w.get(60, TimeUnit.SECONDS);
    }
    long total = store.list("src").size();
    java.util.Set<String> seen = new java.util.HashSet<>(store.list("src").rangeStrings(0, -1));
    for (int m = 0; m < 3; m++) {
      total += store.list("dst-" + m).size();
      seen.addAll(store.list("dst-" + m).rangeStrings(0, -1));
    }
    assertEquals(items, total);
    assertEquals(items, seen.size());
  }

  @Test
  void blockingPop_interrupted_takesNothing() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      started.countDown();
      try {
        store.list("q").blockingLeftPop(Duration.ZERO);
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    t.start();
    started.await();
    awaitBlocked(1);
    t.interrupt();
    assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof InterruptedException);
    assertEquals(0, local().engine().blocking().blockedCount());
    store.list("q").rightPush("a");
    assertEquals(1, store.list("q").size());
  }
}
