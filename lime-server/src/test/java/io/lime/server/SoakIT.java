package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A bounded soak on loopback, on demand ({@code -Dlime.soak=true}; {@code lime.soak.idle},
 * {@code lime.soak.active}, {@code lime.soak.seconds}, {@code lime.soak.intervalMicros} size
 * it, default 10,000 / 100 / 60 / 10,000: each active client runs one SET round trip every
 * 10 ms, about 10,000 commands a second in all): many idle connections held while active
 * clients run SET round trips, and one client
 * that stops reading under a pipeline of large replies, which the output limit must
 * disconnect while the others keep being served. Prints held count, heap and latency
 * percentiles. The idle connections are held by a child JVM ({@link IdleClients}), so the
 * server's JVM and the holder's each need one descriptor per idle connection (10,000 fit
 * under a limit of 20,000); where the limit is lower, raise it in the shell that runs the
 * soak (as root, within the hard limit, {@code ulimit -Hn}):
 * <pre>
 * ulimit -n 65536 &amp;&amp; ./mvnw -B -o -ntp -pl lime-server -am test -Dtest=SoakIT \
 *     -Dlime.soak=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "lime.soak", matches = "true")
class SoakIT {
  @Test
  void idleAndActiveConnections_outputLimitCutsNonReader() throws Exception {
    int idle = Integer.getInteger("lime.soak.idle", 10_000);
    int active = Integer.getInteger("lime.soak.active", 100);
    int seconds = Integer.getInteger("lime.soak.seconds", 60);
    long intervalNanos = Integer.getInteger("lime.soak.intervalMicros", 10_000) * 1000L;
    try (LimeServer server = LimeServer.builder().ephemeralPort().args("--maxclients", "100000",
        "--client-output-buffer-limit", "normal", "1mb", "0", "0").start()) {
      Process holder = new ProcessBuilder(
          java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-cp", AofCrashIT.testClasspath(), IdleClients.class.getName(),
          String.valueOf(server.port()), String.valueOf(idle))
          .redirectErrorStream(true).start();
      java.io.BufferedReader holderOut = new java.io.BufferedReader(
          new java.io.InputStreamReader(holder.getInputStream(),
              java.nio.charset.StandardCharsets.UTF_8));
      String heldLine = holderOut.readLine(); // "held N" (or where the limit stopped it)
      System.out.println("soak: idle holder: " + heldLine);
      int heldIdle = Integer.parseInt(heldLine.replaceAll("\\D*(\\d+).*", "$1"));
      try {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] lat = new long[active][];
        AtomicLong ops = new AtomicLong();
        CountDownLatch done = new CountDownLatch(active);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < active; t++) {
          int id = t;
          Thread th = new Thread(() -> {
            long[] mine = new long[1 << 20];
            int n = 0;
            try (TestClient c = new TestClient(server.port())) {
              long next = System.nanoTime();
              while (System.nanoTime() < deadline && n < mine.length) {
                long s = System.nanoTime();
                c.call("SET", "k" + id, "v" + n);
                mine[n++] = System.nanoTime() - s;
                next += intervalNanos;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
              }
            } finally {
              lat[id] = Arrays.copyOf(mine, n);
              ops.addAndGet(n);
              done.countDown();
            }
          });
          th.start();
          threads.add(th);
        }
        // one client that asks for large replies and never reads them
        try (TestClient c = new TestClient(server.port())) {
          c.call("SET", "big", "x".repeat(2 << 20)); // one reply past the 1mb hard limit
        }
        Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
        OutputStream out = slow.getOutputStream();
        for (int i = 0; i < 32; i++) {
          out.write(TestClient.encode("GET", "big"));
        }
        out.flush();
        int heldCount = server.clientCount();
        done.await();
        int endCount = server.clientCount(); // idle ones still held, the non-reader gone
        InputStream in = slow.getInputStream();
        slow.setSoTimeout(30_000);
        long drained = 0;
        byte[] buf = new byte[1 << 16];
        int r;
        try {
          while ((r = in.read(buf)) >= 0) {
            drained += r;
          }
        } catch (java.net.SocketException reset) {
          // closed by the server with replies unread: a reset, as from Redis
        }
        slow.close();
        assertTrue(drained < 64L << 20, "the non-reading client was cut off");
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("soak: %d idle held, %d clients at peak, %d active x %d s: %d round"
            + " trips, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms; heap after GC %d"
            + " MiB (test JVM, server and clients); non-reader cut after %d bytes; %d clients at"
            + " the end%n",
            heldIdle, heldCount, active, seconds, ops.get(), pct(all, 0.50),
            pct(all, 0.99), pct(all, 0.999), all[all.length - 1] / 1e6, heap >> 20, drained, endCount);
        assertTrue(heldCount >= heldIdle + 1, "every connection held: " + heldCount);
        assertTrue(endCount >= heldIdle, "idle connections still held: " + endCount);
      } finally {
        holder.getOutputStream().close(); // the holder exits at the end of its input
        holder.waitFor();
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  /** Opens {@code args[1]} idle connections to port {@code args[0]}, holds them until stdin ends. */
  static final class IdleClients {
    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(args[0]);
      int n = Integer.parseInt(args[1]);
      List<SocketChannel> held = new ArrayList<>();
      String note = "";
      for (int i = 0; i < n; i++) {
        try {
          held.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
        } catch (java.io.IOException e) {
          note = " (stopped by: " + e.getMessage() + ")";
          break;
        }
      }
      System.out.println("held " + held.size() + note);
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
      for (SocketChannel ch : held) {
        ch.close();
      }
    }
  }
}
