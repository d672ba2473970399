package io.lime.server.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Start-up time of the {@link LimeTest} fixture, as the extension starts it: the first start
 * in this (fresh) JVM until the first PING is answered over a socket, then repeated
 * start / PING / stop cycles. Not a test; run it in its own JVM:
 *
 * <pre>{@code
 * java -cp lime-server/target/test-classes:lime-server/target/classes:lime-core/target/classes:\
 *   lime-resp/target/classes:$JUNIT_API_JAR io.lime.server.junit.FixtureStartup [cycles]
 * }</pre>
 */
public final class FixtureStartup {
  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

  @LimeTest
  private static final class Defaults {}

  @LimeTest(manualClock = true, config = "lime-loops 1")
  private static final class OneLoop {}

  private FixtureStartup() {}

  public static void main(String[] args) {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainMillis = System.currentTimeMillis();
    LimeTest defaults = Defaults.class.getAnnotation(LimeTest.class);
    LimeTest oneLoop = OneLoop.class.getAnnotation(LimeTest.class);

    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    LimeFixture first = LimeFixture.start(defaults);
    long started = System.nanoTime();
    ping(first.server().port());
    long ponged = System.nanoTime();
    long cpu1 = threads.getCurrentThreadCpuTime();
    first.close();
    long closed = System.nanoTime();
    System.out.printf("JVM start -> main: %d ms%n", mainMillis - jvmStartMillis);
    System.out.printf("first start: %.1f ms to start(), %.1f ms until the first PONG; close %.1f ms%n",
        ms(started - t0), ms(ponged - t0), ms(closed - ponged));
    System.out.printf("first start: CPU time of the starting thread %.1f ms (the wall figure above"
        + " also includes waiting for a core on a busy machine)%n", ms(cpu1 - cpu0));

    report("later starts (defaults)", defaults, cycles);
    report("later starts (lime-loops 1, manual clock)", oneLoop, cycles);
  }

  private static void report(String label, LimeTest options, int cycles) {
    long[] toPong = new long[cycles];
    long[] toClose = new long[cycles];
    for (int i = 0; i < cycles; i++) {
      long t0 = System.nanoTime();
      LimeFixture f = LimeFixture.start(options);
      ping(f.server().port());
      long t1 = System.nanoTime();
      f.close();
      toPong[i] = t1 - t0;
      toClose[i] = System.nanoTime() - t1;
    }
    // the second half: after JIT warm-up of the start path
    long[] warm = Arrays.copyOfRange(toPong, cycles / 2, cycles);
    long[] warmClose = Arrays.copyOfRange(toClose, cycles / 2, cycles);
    System.out.printf("%s, %d cycles: start->PONG median %.2f ms, p90 %.2f ms, max %.2f ms;"
            + " cycles 2-10 median %.2f ms; close median %.2f ms%n",
        label, cycles, ms(pct(warm, 50)), ms(pct(warm, 90)), ms(pct(warm, 100)),
        ms(pct(Arrays.copyOfRange(toPong, 0, Math.min(10, cycles)), 50)), ms(pct(warmClose, 50)));
  }

  private static long pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void ping(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(PING);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] reply = new byte[7];
      int n = 0;
      while (n < reply.length) {
        int r = in.read(reply, n, reply.length - n);
        if (r < 0) {
          throw new IOException("closed before PONG");
        }
        n += r;
      }
      if (!"+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
        throw new IOException("unexpected reply " + new String(reply, StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
