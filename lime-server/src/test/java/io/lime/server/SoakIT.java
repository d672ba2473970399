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
 * {@code lime.soak.active}, {@code lime.soak.seconds} size it, default 10,000 / 100 / 60):
 * many idle connections held while active clients run SET/GET round trips, and one client
 * that stops reading under a pipeline of large replies, which the output limit must
 * disconnect while the others keep being served. Prints held count, heap and latency
 * percentiles. The idle count is capped by the descriptor limit (two descriptors per idle
 * connection in this one JVM).
 */
@EnabledIfSystemProperty(named = "lime.soak", matches = "true")
class SoakIT {
  @Test
  void idleAndActiveConnections_outputLimitCutsNonReader() throws Exception {
    int idle = Integer.getInteger("lime.soak.idle", 10_000);
    int active = Integer.getInteger("lime.soak.active", 100);
    int seconds = Integer.getInteger("lime.soak.seconds", 60);
    try (LimeServer server = LimeServer.builder().ephemeralPort().args("--maxclients", "100000",
        "--client-output-buffer-limit", "normal", "1mb", "0", "0").start()) {
      List<SocketChannel> held = new ArrayList<>();
      try {
        for (int i = 0; i < idle; i++) {
          try {
            held.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port())));
          } catch (java.io.IOException e) {
            System.out.println("soak: descriptor limit reached at " + i + " idle connections: "
                + e.getMessage());
            break;
          }
        }
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
              while (System.nanoTime() < deadline && n < mine.length) {
                long s = System.nanoTime();
                c.call("SET", "k" + id, "v" + n);
                mine[n++] = System.nanoTime() - s;
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
            + " MiB (test JVM, server and clients); non-reader cut after %d bytes%n",
            held.size(), heldCount, active, seconds, ops.get(), pct(all, 0.50),
            pct(all, 0.99), pct(all, 0.999), all[all.length - 1] / 1e6, heap >> 20, drained);
        assertTrue(heldCount >= held.size() + 1, "every connection held: " + heldCount);
      } finally {
        for (SocketChannel ch : held) {
          ch.close();
        }
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
