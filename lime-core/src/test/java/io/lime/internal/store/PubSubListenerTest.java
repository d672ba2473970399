package io.lime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.KeyValueStore;
import io.lime.Message;
import io.lime.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded listener API: delivery thread, patterns, unsubscribe handles, executors. */
class PubSubListenerTest {
  private static Message take(BlockingQueue<Message> q) throws InterruptedException {
    Message m = q.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message delivered");
    }
    return m;
  }

  @Test
  void subscribe_defaultExecutor_deliversOnStoreThread() throws Exception {
    try (KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build()) {
      BlockingQueue<Message> got = new LinkedBlockingQueue<>();
      BlockingQueue<String> threads = new LinkedBlockingQueue<>();
      Subscription sub = store.subscribe("news", m -> {
        threads.add(Thread.currentThread().getName());
        got.add(m);
      });
      assertEquals("news", sub.name());
      assertFalse(sub.isPattern());
      assertEquals(1, store.publish("news", "hello"));
      Message m = take(got);
      assertEquals("news", m.channelString());
      assertEquals("hello", m.messageString());
      assertNull(m.pattern());
      assertNull(m.patternString());
      assertEquals("lime-pubsub-delivery", threads.take());
      assertEquals(0, store.publish("other", "x"));
    }
  }

  @Test
  void psubscribe_messageCarriesPattern() throws Exception {
    try (KeyValueStore store = KeyValueStore.builder().activeExpiryHz(0).build()) {
      BlockingQueue<Message> got = new LinkedBlockingQueue<>();
      try (Subscription sub = store.psubscribe("user:*", got::add)) {
        assertTrue(sub.isPattern());
        assertEquals(1, store.publish("user:42", "joined"));
        Message m = take(got);
        assertEquals("user:*", m.patternString());
        assertEquals("user:42", m.channelString());
        assertEquals("joined", m.messageString());
        assertEquals(0, store.publish("", "x"), "a non-empty pattern never matches \"\"");
      }
    }
  }

  @Test
  void close_stopsDeliveryAndIsIdempotent() throws Exception {
    try (KeyValueStore store = KeyValueStore.builder().listenerExecutor(Runnable::run).build()) {
      List<String> got = new ArrayList<>();
      Subscription sub = store.subscribe("c", m -> got.add(m.messageString()));
      assertEquals(1, store.publish("c", "1"));
      sub.close();
      assertFalse(sub.isActive());
      sub.close();
      assertEquals(0, store.publish("c", "2"));
      assertEquals(List.of("1"), got);
    }
  }

  @Test
  void synchronousExecutor_runsOnPublisherThread_inOrder() {
    try (KeyValueStore store = KeyValueStore.builder().listenerExecutor(Runnable::run).build()) {
      List<String> got = new ArrayList<>();
      Thread me = Thread.currentThread();
      store.subscribe("c", m -> {
        assertSame(me, Thread.currentThread());
        got.add(m.messageString());
      });
      for (int i = 0; i < 100; i++) {
        store.publish("c", Integer.toString(i));
      }
      assertEquals(100, got.size());
      assertEquals("99", got.get(99));
    }
  }

  @Test
  void givenExecutor_isUsed() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-delivery"));
    try (KeyValueStore store = KeyValueStore.builder().listenerExecutor(pool).build()) {
      BlockingQueue<String> threads = new LinkedBlockingQueue<>();
      store.subscribe("c", m -> threads.add(Thread.currentThread().getName()));
      store.publish("c", "x");
      assertEquals("my-delivery", threads.poll(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listenerException_doesNotStopLaterDeliveries() throws Exception {
    try (KeyValueStore store = KeyValueStore.open()) {
      CountDownLatch second = new CountDownLatch(1);
      store.subscribe("c", m -> {
        if (m.messageString().equals("boom")) {
          throw new IllegalStateException("listener failure (expected by the test)");
        }
        second.countDown();
      });
      store.publish("c", "boom");
      store.publish("c", "ok");
      assertTrue(second.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void defaultThread_keepsPublicationOrder() throws Exception {
    try (KeyValueStore store = KeyValueStore.open()) {
      int n = 1000;
      CountDownLatch done = new CountDownLatch(n);
      List<Integer> got = new ArrayList<>();
      store.subscribe("c".getBytes(StandardCharsets.UTF_8), m -> {
        got.add(Integer.parseInt(m.messageString()));
        done.countDown();
      });
      for (int i = 0; i < n; i++) {
        store.publish(("c").getBytes(StandardCharsets.UTF_8),
            Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < n; i++) {
        assertEquals(i, got.get(i));
      }
    }
  }

  @Test
  void twoSubscriptions_countTwiceAndViewsShareTheBus() {
    try (KeyValueStore store = KeyValueStore.builder().listenerExecutor(Runnable::run).build()) {
      List<String> got = new ArrayList<>();
      store.subscribe("c", m -> got.add("a"));
      store.database(3).psubscribe("c*", m -> got.add("b:" + m.patternString()));
      assertEquals(2, store.database(5).publish("c", "x"));
      assertEquals(List.of("a", "b:c*"), got);
    }
  }

  @Test
  void publish_binaryArguments_areCopied() {
    try (KeyValueStore store = KeyValueStore.builder().listenerExecutor(Runnable::run).build()) {
      List<Message> got = new ArrayList<>();
      store.subscribe(new byte[] {0, (byte) 0xff}, got::add);
      byte[] payload = {1, 2, 3};
      assertEquals(1, store.publish(new byte[] {0, (byte) 0xff}, payload));
      payload[0] = 9;
      assertEquals(new Message(new byte[] {0, (byte) 0xff}, new byte[] {1, 2, 3}, null),
          got.get(0));
    }
  }
}
