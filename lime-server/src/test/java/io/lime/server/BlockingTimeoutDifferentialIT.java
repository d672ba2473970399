package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking timeouts after a run of blocking commands, on a real redis-server 7.0 and on LIME:
 * with 20 clients blocked for long, 50 short BLPOP timeouts, then 50 BRPOPs with a 1 ms
 * timeout. After every timed-out reply both servers must report exactly the 20 long waiters
 * in {@code blocked_clients} (and in {@code clients_in_timeout_table}); the replies are
 * compared. LIME's timeouts must never return early, and their median must stay within 25 ms
 * (a generous bound for a loaded machine). Redis 7.0 handles timeouts at its cron ticks (every
 * 100 ms at the default {@code hz 10}; here {@code hz 500}), so its times are printed, not
 * compared.
 */
class BlockingTimeoutDifferentialIT {
  private static final Pattern FIELD = Pattern.compile("(blocked_clients|clients_in_timeout_table):(\\d+)");
  private static RealRedis redis;
  private static LimeServer lime;

  @BeforeAll
  static void up() {
    redis = RealRedis.start("--hz", "500"); // timeouts at 2 ms ticks, not 100 ms
    lime = LimeServer.builder().ephemeralPort().start();
  }

  @AfterAll
  static void down() {
    if (lime != null) {
      lime.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private record Run(long[] micros, List<String> transcript) {}

  private static String counts(RealRedis.RawConnection c) {
    Matcher m = FIELD.matcher(new String(c.call("INFO", "clients"), StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      sb.append(m.group(1)).append('=').append(m.group(2)).append(' ');
    }
    return sb.toString().trim();
  }

  private static Run run(int port) {
    List<RealRedis.RawConnection> waiters = new ArrayList<>();
    List<String> t = new ArrayList<>();
    try (RealRedis.RawConnection c = RealRedis.RawConnection.open(port)) {
      for (int i = 0; i < 20; i++) {
        RealRedis.RawConnection w = RealRedis.RawConnection.open(port);
        w.send(WireDifferential.encode("BLPOP", "long" + i, "30"));
        waiters.add(w);
      }
      while (!counts(c).startsWith("blocked_clients=20 ")) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < 50; i++) {
        t.add(new String(c.call("BLPOP", "short" + i, "0.01"), StandardCharsets.UTF_8));
      }
      long[] micros = new long[50];
      for (int i = 0; i < micros.length; i++) {
        long start = System.nanoTime();
        t.add(new String(c.call("BRPOP", "k", "0.001"), StandardCharsets.UTF_8));
        micros[i] = (System.nanoTime() - start) / 1000;
        t.add(counts(c));
      }
      for (RealRedis.RawConnection w : waiters) {
        w.close();
      }
      while (!counts(c).startsWith("blocked_clients=0 ")) {
        Thread.onSpinWait();
      }
      t.add(counts(c));
      Arrays.sort(micros);
      return new Run(micros, t);
    }
  }

  @Test
  void shortTimeouts_afterManyBlockingCommands_accurateAndCountedExactly() {
    Run r = run(redis.port());
    Run l = run(lime.port());
    assertEquals(String.join("\n", r.transcript()), String.join("\n", l.transcript()));
    System.out.printf("BRPOP 1 ms timeout, median/max us: redis %d/%d, lime %d/%d%n",
        r.micros()[25], r.micros()[49], l.micros()[25], l.micros()[49]);
    assertTrue(l.micros()[0] >= 1000, () -> "returned early: " + l.micros()[0] + " us");
    assertTrue(l.micros()[25] < 25_000, () -> "median " + l.micros()[25] + " us");
  }
}
