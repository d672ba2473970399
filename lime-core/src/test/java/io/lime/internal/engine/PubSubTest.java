package io.lime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PubSubTest {
  /** Records deliveries as "kind pattern channel message" strings. */
  static final class Recorder implements PubSub.Receiver {
    final List<String> got = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void message(byte[] channel, byte[] message) {
      got.add("message " + s(channel) + " " + s(message));
    }

    @Override
    public void pmessage(byte[] pattern, byte[] channel, byte[] message) {
      got.add("pmessage " + s(pattern) + " " + s(channel) + " " + s(message));
    }

    @Override
    public void smessage(byte[] channel, byte[] message) {
      got.add("smessage " + s(channel) + " " + s(message));
    }
  }

  private final PubSub bus = new PubSub();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void publish_noSubscribers_returnsZero() {
    assertEquals(0, bus.publish(b("c"), b("m")));
    assertTrue(bus.idle());
  }

  @Test
  void publish_channelAndPatterns_countsEveryDelivery() {
    Recorder a = new Recorder();
    Recorder p = new Recorder();
    assertTrue(bus.subscribe(a, b("news")));
    assertFalse(bus.subscribe(a, b("news")));
    assertTrue(bus.psubscribe(p, b("n*")));
    assertTrue(bus.psubscribe(p, b("ne?s")));
    assertEquals(3, bus.publish(b("news"), b("hi")));
    assertEquals(List.of("message news hi"), a.got);
    assertEquals(List.of("pmessage n* news hi", "pmessage ne?s news hi"), p.got);
    assertEquals(1, bus.numsub(b("news")));
    assertEquals(2, bus.numpat());
    assertEquals(2, bus.subscriptionCount(p));
  }

  @Test
  void numpat_samePatternTwoReceivers_countsOnce() {
    Recorder a = new Recorder();
    Recorder c = new Recorder();
    bus.psubscribe(a, b("x*"));
    bus.psubscribe(c, b("x*"));
    assertEquals(1, bus.numpat());
    assertEquals(2, bus.publish(b("xy"), b("m")));
    bus.punsubscribe(a, b("x*"));
    assertEquals(1, bus.numpat());
    bus.punsubscribe(c, b("x*"));
    assertEquals(0, bus.numpat());
  }

  @Test
  void publish_emptyChannel_starPatternDoesNotMatch() {
    Recorder p = new Recorder();
    bus.psubscribe(p, b("*"));
    assertEquals(0, bus.publish(b(""), b("m"))); // Redis's stringmatchlen quirk
    assertEquals(1, bus.publish(b("a"), b("")));
  }

  @Test
  void patterns_globSyntax_matchAsRedis() {
    Recorder p = new Recorder();
    bus.psubscribe(p, b("h[ae]llo"));
    bus.psubscribe(p, b("h\\*"));
    bus.psubscribe(p, b("[^a]x"));
    assertEquals(1, bus.publish(b("hello"), b("1")));
    assertEquals(0, bus.publish(b("hillo"), b("2")));
    assertEquals(1, bus.publish(b("h*"), b("3")));
    assertEquals(0, bus.publish(b("ax"), b("4")));
    assertEquals(1, bus.publish(b("bx"), b("5")));
  }

  @Test
  void shardChannels_separateNamespace() {
    Recorder a = new Recorder();
    Recorder p = new Recorder();
    bus.ssubscribe(a, b("s"));
    bus.psubscribe(p, b("*"));
    assertEquals(1, bus.spublish(b("s"), b("m")));
    assertEquals(List.of("smessage s m"), a.got);
    assertTrue(p.got.isEmpty(), "patterns never see shard messages");
    assertEquals(1, bus.publish(b("s"), b("m"))); // the pattern only
    assertEquals(1, bus.shardNumsub(b("s")));
    assertEquals(0, bus.numsub(b("s")));
    assertEquals(1, bus.shardSubscriptionCount(a));
    assertEquals(0, bus.subscriptionCount(a));
  }

  @Test
  void unsubscribeAll_removesEverything() {
    Recorder a = new Recorder();
    bus.subscribe(a, b("c1"));
    bus.subscribe(a, b("c2"));
    bus.psubscribe(a, b("p*"));
    bus.ssubscribe(a, b("s"));
    assertTrue(bus.subscribed(a));
    assertEquals(List.of("c1", "c2"), bus.channels(a).stream().map(PubSubTest::s).toList());
    bus.unsubscribeAll(a);
    assertFalse(bus.subscribed(a));
    assertEquals(0, bus.publish(b("c1"), b("m")) + bus.publish(b("p1"), b("m"))
        + bus.spublish(b("s"), b("m")));
    assertTrue(bus.activeChannels(null).isEmpty());
    assertTrue(bus.activeShardChannels(null).isEmpty());
    assertEquals(0, bus.numpat());
    assertTrue(bus.idle());
  }

  @Test
  void unsubscribe_notHeld_returnsFalse() {
    Recorder a = new Recorder();
    assertFalse(bus.unsubscribe(a, b("x")));
    assertFalse(bus.punsubscribe(a, b("x")));
    assertFalse(bus.sunsubscribe(a, b("x")));
    assertFalse(bus.subscribed(a));
  }

  @Test
  void activeChannels_pattern_filters() {
    Recorder a = new Recorder();
    bus.subscribe(a, b("alpha"));
    bus.subscribe(a, b("beta"));
    List<String> all = bus.activeChannels(null).stream().map(PubSubTest::s).sorted().toList();
    assertEquals(List.of("alpha", "beta"), all);
    assertEquals(List.of("alpha"), bus.activeChannels(b("a*")).stream().map(PubSubTest::s).toList());
  }

  @Test
  void subscribe_copiesTheName() {
    Recorder a = new Recorder();
    byte[] name = b("chan");
    bus.subscribe(a, name);
    name[0] = 'x';
    assertEquals(1, bus.publish(b("chan"), b("m")));
  }

  @Test
  void concurrentSubscribeAndPublish_countsStayConsistent() throws Exception {
    int threads = 4;
    int rounds = 2_000;
    AtomicLong delivered = new AtomicLong();
    PubSub.Receiver counter = new PubSub.Receiver() {
      @Override public void message(byte[] c, byte[] m) { delivered.incrementAndGet(); }
      @Override public void pmessage(byte[] p, byte[] c, byte[] m) { delivered.incrementAndGet(); }
      @Override public void smessage(byte[] c, byte[] m) { delivered.incrementAndGet(); }
    };
    bus.subscribe(counter, b("fixed"));
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    AtomicLong returned = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        Recorder mine = new Recorder();
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < rounds; i++) {
          bus.subscribe(mine, b("c" + id));
          returned.addAndGet(bus.publish(b("fixed"), b("m")));
          bus.unsubscribe(mine, b("c" + id));
        }
      });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    assertEquals((long) threads * rounds, delivered.get());
    assertEquals(delivered.get(), returned.get());
    assertEquals(1, bus.activeChannels(null).size());
  }
}
