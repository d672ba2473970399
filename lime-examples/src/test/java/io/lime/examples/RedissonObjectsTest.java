package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.api.PendingEntry;
import org.redisson.api.PendingResult;
import org.redisson.api.RBloomFilter;
import org.redisson.api.RStream;
import org.redisson.api.RTopic;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * Example: more of Redisson's objects against LIME: a Bloom filter (bit operations in Lua
 * scripts), a topic (pub/sub) and a stream with a consumer group.
 */
class RedissonObjectsTest extends RedissonExample {
  @Test
  void bloomFilter_addContainsCount() {
    RBloomFilter<String> filter = redisson.getBloomFilter("bloom", StringCodec.INSTANCE);
    assertTrue(filter.tryInit(1_000, 0.01));
    // Already initialised. (Another object: Redisson keeps the sizes of a failed tryInit in
    // the object that tried, which then refuses to add to the filter stored with others.)
    assertFalse(redisson.getBloomFilter("bloom", StringCodec.INSTANCE).tryInit(10, 0.5));
    assertEquals(1_000, filter.getExpectedInsertions());
    assertTrue(filter.add("apple"));
    assertTrue(filter.add("pear"));
    assertFalse(filter.add("apple")); // every bit already set
    assertTrue(filter.contains("apple"));
    assertTrue(filter.contains("pear"));
    int falsePositives = 0;
    for (int i = 0; i < 100; i++) {
      if (filter.contains("absent-" + i)) {
        falsePositives++;
      }
    }
    assertTrue(falsePositives <= 5, "false positives: " + falsePositives);
    assertEquals(2, filter.count());
    assertEquals(3, filter.add(List.of("a", "b", "c")));
    assertEquals(5, filter.count());
  }

  @Test
  void topic_publishReachesListener() throws Exception {
    RTopic topic = redisson.getTopic("news", StringCodec.INSTANCE);
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch latch = new CountDownLatch(2);
    int listener = topic.addListener(String.class, (channel, msg) -> {
      received.add(channel + ":" + msg);
      latch.countDown();
    });
    assertEquals(1, topic.countSubscribers());
    assertEquals(1, topic.publish("first"));
    assertEquals(1, topic.publish("second"));
    assertTrue(latch.await(10, TimeUnit.SECONDS), "received only " + received);
    assertEquals(List.of("news:first", "news:second"), received);
    topic.removeListener(listener);
    assertEquals(0, topic.countListeners());
  }

  @Test
  void stream_addReadGroupAckPending() {
    RStream<String, String> stream = redisson.getStream("orders", StringCodec.INSTANCE);
    StreamMessageId first = stream.add(StreamAddArgs.entry("item", "book"));
    StreamMessageId second = stream.add(StreamAddArgs.entries(Map.of("item", "pen")));
    assertEquals(2, stream.size());
    assertTrue(second.getId0() > first.getId0()
        || second.getId0() == first.getId0() && second.getId1() > first.getId1());

    Map<StreamMessageId, Map<String, String>> all =
        stream.read(StreamReadArgs.greaterThan(StreamMessageId.ALL));
    assertEquals(List.of(first, second), List.copyOf(all.keySet()));
    assertEquals(Map.of("item", "book"), all.get(first));

    stream.createGroup(StreamCreateGroupArgs.name("shipping").id(StreamMessageId.ALL));
    Map<StreamMessageId, Map<String, String>> delivered =
        stream.readGroup("shipping", "alice", StreamReadGroupArgs.neverDelivered().count(1));
    assertEquals(Map.of(first, Map.of("item", "book")), delivered);
    delivered = stream.readGroup("shipping", "bob", StreamReadGroupArgs.neverDelivered());
    assertEquals(Map.of(second, Map.of("item", "pen")), delivered);
    assertTrue(stream.readGroup("shipping", "bob", StreamReadGroupArgs.neverDelivered())
        .isEmpty());

    PendingResult pending = stream.getPendingInfo("shipping");
    assertEquals(2, pending.getTotal());
    assertEquals(first, pending.getLowestId());
    assertEquals(second, pending.getHighestId());
    assertEquals(Map.of("alice", 1L, "bob", 1L), pending.getConsumerNames());

    assertEquals(1, stream.ack("shipping", first));
    assertEquals(0, stream.ack("shipping", first)); // already acknowledged
    List<PendingEntry> left =
        stream.listPending("shipping", StreamMessageId.MIN, StreamMessageId.MAX, 10);
    assertEquals(1, left.size());
    assertEquals(second, left.get(0).getId());
    assertEquals("bob", left.get(0).getConsumerName());
    assertEquals(1, left.get(0).getLastTimeDelivered()); // delivery count
  }
}
