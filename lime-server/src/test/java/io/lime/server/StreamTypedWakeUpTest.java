package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.StreamView;
import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Clients blocked in XREAD and XREADGROUP over a socket are woken by an entry added through
 * the typed API ({@link StreamView#add}), the same operation XADD runs, in arrival order; and
 * typed readers waiting in {@link StreamView#readAsync} are woken by XADD over a socket,
 * inside MULTI/EXEC included (when EXEC runs).
 */
class StreamTypedWakeUpTest {
  private static final Pattern BLOCKED = Pattern.compile("blocked_clients:(\\d+)");

  private static void awaitBlocked(RealRedis.RawConnection control, int n) {
    while (true) {
      Matcher m = BLOCKED.matcher(new String(control.call("INFO", "clients"),
          StandardCharsets.UTF_8));
      if (m.find() && Integer.parseInt(m.group(1)) == n) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void typedAdd_wakesBlockedReaders() {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
        RealRedis.RawConnection control = RealRedis.RawConnection.open(server.port());
        RealRedis.RawConnection reader = RealRedis.RawConnection.open(server.port());
        RealRedis.RawConnection worker = RealRedis.RawConnection.open(server.port())) {
      StreamView s = server.store().stream("events");
      s.createGroup("g", "$", true);
      reader.send(BlockingScenario.encode("XREAD", "BLOCK", "0", "STREAMS", "events", "$"));
      awaitBlocked(control, 1);
      worker.send(BlockingScenario.encode("XREADGROUP", "GROUP", "g", "w", "BLOCK", "0",
          "STREAMS", "events", ">"));
      awaitBlocked(control, 2);
      s.add("7-1", Map.of("k", "v"));
      String entry = "*1\r\n*2\r\n$6\r\nevents\r\n*1\r\n*2\r\n$3\r\n7-1\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n";
      assertEquals(entry, new String(reader.readReply(), StandardCharsets.UTF_8));
      assertEquals(entry, new String(worker.readReply(), StandardCharsets.UTF_8));
      assertEquals("*4\r\n:1\r\n$3\r\n7-1\r\n$3\r\n7-1\r\n*1\r\n*2\r\n$1\r\nw\r\n$1\r\n1\r\n",
          new String(control.call("XPENDING", "events", "g"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void socketXadd_wakesTypedReaders_alsoFromMultiExec() throws Exception {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
        RealRedis.RawConnection client = RealRedis.RawConnection.open(server.port())) {
      StreamView s = server.store().stream("events");
      CompletableFuture<Map<String, List<StreamView.Entry>>> plain =
          s.readAsync("$", Map.of("other", "$"), 0, Duration.ZERO);
      client.call("XADD", "other", "5-1", "via", "socket");
      assertEquals(Map.of("other", List.of(new StreamView.Entry("5-1",
          Map.of("via", "socket")))), plain.get());
      CompletableFuture<Map<String, List<StreamView.Entry>>> queued =
          s.readAsync("$", Map.of(), 0, Duration.ZERO);
      assertEquals("+OK\r\n", new String(client.call("MULTI"), StandardCharsets.UTF_8));
      client.call("XADD", "events", "6-1", "via", "multi");
      client.call("XADD", "events", "6-2", "via", "multi");
      assertEquals(false, queued.isDone()); // queued, not run
      client.call("EXEC");
      assertEquals(List.of("6-1", "6-2"), queued.get().get("events").stream()
          .map(StreamView.Entry::id).toList());
    }
  }
}
