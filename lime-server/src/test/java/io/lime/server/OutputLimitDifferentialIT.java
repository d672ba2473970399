package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code client-output-buffer-limit normal}, side by side with redis-server 7.0: a client
 * pipelines 64 GETs of a 256 KiB value (16 MiB of replies) and does not read. With a hard
 * limit, or a soft one held past its seconds, both servers disconnect it (the replies stop
 * short); with {@code 0 0 0} both deliver every reply once the client reads. LIME's pause
 * of parsing at 1 MiB of pending replies must not hide the limit (it did before: the client
 * stalled instead of being disconnected). The other clients are served meanwhile.
 */
class OutputLimitDifferentialIT {
  private static final int VALUE_BYTES = 256 * 1024;
  private static final int GETS = 64;
  /** One reply: {@code $262144\r\n} + value + CRLF. */
  private static final long REPLY_BYTES = VALUE_BYTES + 11;

  @ParameterizedTest(name = "normal {0}: disconnected={1}")
  @CsvSource({"4mb 0 0, true", "0 1mb 0, true", "0 0 0, false", "64mb 0 0, false"})
  void nonReadingClient_limitDecides(String limits, boolean disconnected) throws Exception {
    try (WireDifferential d = WireDifferential.start("--client-output-buffer-limit",
        "normal " + limits)) {
      for (int port : new int[] {d.redisPort(), d.limePort()}) {
        String who = port == d.redisPort() ? "redis-server" : "LIME";
        // a soft limit closes a client whose output stays stuck over it: Redis's clientsCron
        // after the seconds (0 here: within two wall-clock seconds), LIME's loop housekeeping
        boolean soft = !limits.startsWith("0 0");
        long read = nonReader(port, soft && limits.startsWith("0 ") ? 2_200 : 0);
        if (disconnected) {
          assertTrue(read < GETS * REPLY_BYTES, who + " delivered all " + read + " bytes");
        } else {
          assertEquals(GETS * REPLY_BYTES, read, who);
        }
      }
    }
  }

  /** Pipelines the GETs without reading, then reads to the end; the bytes received. */
  private static long nonReader(int port, long softWaitMillis) throws IOException {
    try (TestClient c = new TestClient(port)) {
      assertEquals("OK", TestClient.text(c.call("SET", "big", "x".repeat(VALUE_BYTES))));
    }
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = s.getOutputStream();
      byte[] get = TestClient.encode("GET", "big");
      // All GETs in one write: a server may close the client as soon as it has read enough
      // of them to pass the limit, and a later write of ours would then meet the reset.
      byte[] gets = new byte[get.length * GETS];
      for (int i = 0; i < GETS; i++) {
        System.arraycopy(get, 0, gets, i * get.length, get.length);
      }
      out.write(gets);
      out.flush();
      try (TestClient other = new TestClient(port)) {
        // the other clients are served while this one does not read (for a soft limit, for
        // as long as its time runs)
        assertEquals("PONG", TestClient.text(other.call("PING")));
        long until = System.nanoTime() + softWaitMillis * 1_000_000L;
        while (System.nanoTime() < until) {
          assertEquals("PONG", TestClient.text(other.call("PING")));
          Thread.sleep(50); // pacing the PINGs, not synchronising
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      InputStream in = s.getInputStream();
      s.setSoTimeout(20_000);
      byte[] buf = new byte[1 << 16];
      long total = 0;
      try {
        int n;
        while (total < GETS * REPLY_BYTES && (n = in.read(buf)) >= 0) {
          total += n;
        }
      } catch (SocketException reset) {
        // closed with our GETs unread: the close comes as a reset
        assertTrue(String.valueOf(reset.getMessage()).toLowerCase().contains("reset"),
            reset.toString());
      }
      return total;
    }
  }
}
