package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example and checks what it printed. */
class ExamplesTest {

  private interface Example {
    void run(PrintStream out) throws Exception;
  }

  private static List<String> run(Example example) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.run(out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void embeddedCache_expiresAfterTtl() throws Exception {
    assertEquals(List.of(
        "stored: true",
        "hits: 1",
        "cached: <h1>Welcome</h1>",
        "ttl seconds: 30",
        "after 31s: null",
        "hits kept: 1"), run(EmbeddedCacheExample::run));
  }

  @Test
  void jsonCodec_cacheOfRecords_roundTripsAndEvicts() throws Exception {
    assertEquals(List.of(
        "loaded: Product[id=7, name=product 7, priceCents=700]",
        "cached: Product[id=7, name=product 7, priceCents=700]",
        "replaced: Product[id=7, name=discounted, priceCents=499]",
        "size: 2",
        "removed: [7 REPLACED] and 1 evicted",
        "hits 2, misses 3, loads 3"), run(JsonCodecExample::run));
  }

  @Test
  void embeddedJobQueue_blockingConsumer_processesJobsInOrder() throws Exception {
    List<String> lines = run(EmbeddedJobQueueExample::run);
    assertEquals(List.of(
        "processed: [RESIZE:1.PNG, RESIZE:2.PNG, EMAIL:WELCOME]",
        "count: 3",
        "queue left: 0"), lines.subList(2, 5));
    // the consumer may take the first jobs before the second push: 2 or fewer then
    assertTrue(lines.get(0).matches("queued: [12]"), lines.get(0));
    assertTrue(lines.get(1).matches("queued: [123]"), lines.get(1));
  }

  @Test
  void pubSub_listenersReceivePublishedMessages() throws Exception {
    assertEquals(List.of(
        "order 1 reached: 1",
        "order 2 reached: 1",
        "disk alert reached: 1",
        "nobody listens: 0",
        "orders listener got: [order 1, order 2]",
        "alerts listener got: [alerts:disk -> 91% full]",
        "after close, order 3 reached: 0"), run(PubSubExample::run));
  }

  @Test
  void keyspaceEvents_expiredKeyIsNotified() throws Exception {
    assertEquals(List.of(
        "session ttl seconds: 1800",
        "session after 31 min: null",
        "expired keys: [session:42]"), run(KeyspaceEventsExample::run));
  }

  @Test
  void persistence_rdbAndAof_dataSurvivesRestart(@TempDir Path dir) throws Exception {
    List<String> restored = List.of(
        "keys found: 4",
        "user:1:name = Ada (expires in about 7 days)",
        "visits = 1",
        "recent = [home, pricing, signup]",
        "user:1 lang = en");
    List<String> expected = new java.util.ArrayList<>();
    expected.addAll(List.of("-- rdb", "keys written: 4", "snapshot saved: true"));
    expected.addAll(restored);
    expected.addAll(List.of("-- aof", "keys written: 4", "log written: true"));
    expected.addAll(restored);
    assertEquals(expected, run(out -> PersistenceExample.run(out, dir)));
  }

  @Test
  void standaloneServer_answersPipelinedCommands() throws Exception {
    List<String> lines = run(StandaloneServerExample::run);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("listening on port \\d+"), lines.get(0));
    assertEquals("reply: +OK", lines.get(1));
    assertEquals("reply: \"hello\"", lines.get(2));
  }
}
