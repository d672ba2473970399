package io.lime.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
  void standaloneServer_answersPipelinedCommands() throws Exception {
    List<String> lines = run(StandaloneServerExample::run);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("listening on port \\d+"), lines.get(0));
    assertEquals("reply: +OK", lines.get(1));
    assertEquals("reply: \"hello\"", lines.get(2));
  }
}
