package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code client-output-buffer-limit normal}: a client that stops reading while its replies
 * pile up past the hard limit is disconnected, and the other clients keep being served.
 */
class OutputLimitTest {
  private LimeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void normalHardLimit_nonReadingClientClosed_othersServed() throws Exception {
    server = LimeServer.builder().ephemeralPort().args("--lime-loops", "1",
        "--client-output-buffer-limit", "normal", "1mb", "0", "0").start();
    try (TestClient c = new TestClient(server.port())) {
      assertEquals(new RespValue.SimpleString("OK"),
          c.call("SET", "big", "x".repeat(4 << 20)));
    }
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      OutputStream out = s.getOutputStream();
      for (int i = 0; i < 8; i++) {
        out.write(TestClient.encode("GET", "big"));
      }
      out.flush();
      try (TestClient other = new TestClient(server.port())) {
        assertEquals(new RespValue.SimpleString("PONG"), other.call("PING"));
        // the server closed the non-reading client: reading drains at most what the kernel
        // buffered, then hits the end of the stream
        InputStream in = s.getInputStream();
        s.setSoTimeout(10_000);
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        try {
          while ((n = in.read(buf)) >= 0) {
            total += n;
          }
        } catch (java.net.SocketException reset) {
          // the close came as a reset: the server closed with our unread GETs in its buffer
          assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset.toString());
        }
        assertTrue(total < 8L * (4 << 20), "read " + total + " bytes: not cut off");
        assertEquals(new RespValue.SimpleString("PONG"), other.call("PING"));
      }
    }
  }
}
