package io.lime.examples;

import io.lime.resp.ProtocolException;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.server.LimeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The standalone server started from Java on a free port, then used over the Redis protocol
 * (here with a bare socket; any Redis client works the same way).
 */
public final class StandaloneServerExample {
  private StandaloneServerExample() {}

  public static void main(String[] args) throws IOException, ProtocolException {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) throws IOException, ProtocolException {
    try (LimeServer server = LimeServer.builder().ephemeralPort().start();
         Socket socket = new Socket("127.0.0.1", server.port())) {
      out.println("listening on port " + server.port());
      OutputStream o = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // Two pipelined commands in one write: the server answers both in one go.
      o.write("SET greeting hello\r\nGET greeting\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      RespDecoder decoder = new RespDecoder();
      byte[] buf = new byte[256];
      int replies = 0;
      while (replies < 2) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("server closed the connection");
        }
        decoder.feed(buf, 0, n);
        RespValue v;
        while ((v = decoder.next()) != null) {
          out.println("reply: " + v.describe());
          replies++;
        }
      }
    }
  }
}
