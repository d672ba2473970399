package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lime.server.junit.LimePort;
import io.lime.server.junit.LimeTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;

/**
 * Spring Data Redis streams against LIME: a {@link StreamMessageListenerContainer} consuming
 * with a consumer group (XREADGROUP BLOCK, XACK), and the stream operations of
 * {@link StringRedisTemplate} (XADD, XRANGE, XLEN, XPENDING, XDEL, XTRIM, XINFO).
 */
@LimeTest(flushBetweenTests = true)
class SpringDataRedisStreamsTest {
  static LettuceConnectionFactory factory;
  static StringRedisTemplate template;

  @BeforeAll
  static void connect(@LimePort int port) {
    factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
    factory.afterPropertiesSet();
    factory.start();
    template = new StringRedisTemplate(factory);
  }

  @AfterAll
  static void disconnect() {
    factory.destroy();
  }

  @Test
  void listenerContainer_consumesWithGroup_andAcknowledges() throws Exception {
    var ops = template.<String, String>opsForStream();
    ops.add("orders", Map.of("item", "seed"));
    assertEquals("OK", ops.createGroup("orders", ReadOffset.latest(), "workers"));
    var options = StreamMessageListenerContainerOptions.builder()
        .pollTimeout(Duration.ofMillis(50)).build();
    StreamMessageListenerContainer<String, MapRecord<String, String, String>> container =
        StreamMessageListenerContainer.create(factory, options);
    BlockingQueue<MapRecord<String, String, String>> received = new LinkedBlockingQueue<>();
    container.receive(Consumer.from("workers", "w1"),
        StreamOffset.create("orders", ReadOffset.lastConsumed()), r -> {
          ops.acknowledge("workers", r); // before handing it over: the test then sees it acked
          received.add(r);
        });
    container.start();
    try {
      RecordId a = ops.add("orders", Map.of("item", "book"));
      RecordId b = ops.add("orders", Map.of("item", "pen"));
      MapRecord<String, String, String> first = received.poll(30, TimeUnit.SECONDS);
      MapRecord<String, String, String> second = received.poll(30, TimeUnit.SECONDS);
      assertNotNull(first);
      assertNotNull(second);
      assertEquals(List.of(a, b), List.of(first.getId(), second.getId()));
      assertEquals("pen", second.getValue().get("item"));
    } finally {
      container.stop();
    }
    PendingMessagesSummary pending = ops.pending("orders", "workers");
    assertEquals(0, pending.getTotalPendingMessages());
    assertEquals(3L, ops.size("orders"));
  }

  @Test
  void streamOperations_rangePendingTrim() {
    var ops = template.<String, String>opsForStream();
    RecordId one = ops.add("events", Map.of("n", "1"));
    ops.add("events", Map.of("n", "2"));
    ops.add("events", Map.of("n", "3"));
    assertEquals(3L, ops.size("events"));
    assertEquals("1", ops.range("events",
        org.springframework.data.domain.Range.unbounded()).get(0).getValue().get("n"));
    ops.createGroup("events", ReadOffset.from("0"), "g");
    var read = ops.read(Consumer.from("g", "c"),
        StreamOffset.create("events", ReadOffset.lastConsumed()));
    assertEquals(3, read.size());
    assertEquals(3L, ops.pending("events", "g").getTotalPendingMessages());
    assertEquals(1L, ops.acknowledge("events", "g", one));
    assertEquals(1L, ops.delete("events", one));
    assertEquals(1L, ops.trim("events", 1));
    assertEquals(1L, ops.info("events").streamLength());
    assertEquals(1L, ops.groups("events").size());
  }
}
