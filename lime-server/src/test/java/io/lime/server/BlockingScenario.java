package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.testing.Differential;
import io.lime.testing.RealRedis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness of the blocking differential tests ({@code BlockingListDifferentialIT},
 * {@code BlockingStreamDifferentialIT}): a scenario of clients over real sockets runs against
 * a real redis-server and a {@link LimeServer}, and the transcripts (every reply each client
 * received, in order) are compared byte for byte. No sleeps: a step waits until the server
 * reports the expected number of {@code blocked_clients}.
 */
final class BlockingScenario {
  private static final Pattern BLOCKED = Pattern.compile("blocked_clients:(\\d+)");

  private BlockingScenario() {}

  /** One scenario step log: what each client received, labelled. */
  static final class Transcript {
    final List<String> lines = new ArrayList<>();

    void add(String who, byte[] reply) {
      lines.add(who + " <- " + Differential.show(reply));
    }
  }

  /** A session of a scenario against one server. */
  static final class Session implements AutoCloseable {
    final int port;
    final int resp;
    final Transcript t = new Transcript();
    final RealRedis.RawConnection control;
    final List<RealRedis.RawConnection> opened = new ArrayList<>();

    Session(int port, int resp) {
      this.port = port;
      this.resp = resp;
      this.control = open();
      control.call("FLUSHALL");
      control.call("CONFIG", "SET", "list-max-listpack-size", "-2");
    }

    RealRedis.RawConnection open() {
      RealRedis.RawConnection c = RealRedis.RawConnection.open(port);
      c.call("HELLO", String.valueOf(resp));
      opened.add(c);
      return c;
    }

    /** Sends without reading (a command that will block). */
    void send(RealRedis.RawConnection c, String... args) {
      c.send(encode(args));
    }

    void call(String who, RealRedis.RawConnection c, String... args) {
      t.add(who, c.call(args));
    }

    void read(String who, RealRedis.RawConnection c) {
      t.add(who, c.readReply());
    }

    /** Waits until the server reports {@code n} blocked clients. */
    void awaitBlocked(int n) {
      // bounded so that a client that never blocks (or stops at once) fails the test instead
      // of hanging it; a passing run returns as soon as the server reports n blocked clients
      long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (true) {
        String info = new String(control.call("INFO", "clients"), StandardCharsets.UTF_8);
        Matcher m = BLOCKED.matcher(info);
        if (m.find() && Integer.parseInt(m.group(1)) == n) {
          return;
        }
        if (System.nanoTime() - giveUp > 0) {
          throw new AssertionError(n + " clients never blocked: " + info);
        }
        Thread.onSpinWait();
      }
    }

    @Override
    public void close() {
      for (RealRedis.RawConnection c : opened) {
        c.close();
      }
    }
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] v = a.getBytes(StandardCharsets.UTF_8);
      o.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      o.writeBytes(v);
      o.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return o.toByteArray();
  }

  /** Runs a scenario on both servers and compares the transcripts. */
  static void compare(RealRedis redis, LimeServer lime, int resp,
      java.util.function.Consumer<Session> scenario) {
    List<String> expected = run(redis.port(), resp, scenario);
    List<String> actual = run(lime.port(), resp, scenario);
    if (Boolean.getBoolean("lime.showTranscripts")) {
      System.out.println("RESP" + resp + ":\n" + String.join("\n", actual));
    }
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  private static List<String> run(int port, int resp, java.util.function.Consumer<Session> s) {
    try (Session session = new Session(port, resp)) {
      scenarioRunner(session, s);
      return session.t.lines;
    }
  }

  private static void scenarioRunner(Session s, java.util.function.Consumer<Session> scenario) {
    scenario.accept(s);
    s.awaitBlocked(0);
  }
}
