package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.server.LimeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis over LIME's unix domain socket ({@code unixsocket}). Jedis reads and writes a
 * {@link Socket}; the JDK's unix socket channels (Java 16+) are adapted to one here, so no
 * native library is needed.
 */
class JedisUnixSocketTest {
  @TempDir Path dir;

  @Test
  void jedis_overUnixSocket_setGet() {
    Path sock = dir.resolve("lime.sock");
    try (LimeServer server = LimeServer.start("--port", "0", "--unixsocket", sock.toString());
        Jedis jedis = new Jedis(new UnixSocketFactory(sock),
            DefaultJedisClientConfig.builder().build())) {
      assertEquals("OK", jedis.set("greeting", "hello over a unix socket"));
      assertEquals("hello over a unix socket", jedis.get("greeting"));
      assertEquals(1L, jedis.incr("n"));
      assertEquals("PONG", jedis.ping());
    }
  }

  /** Connects a blocking JDK unix socket channel, seen by Jedis as a socket. */
  static final class UnixSocketFactory implements JedisSocketFactory {
    private final Path path;

    UnixSocketFactory(Path path) {
      this.path = path;
    }

    @Override
    public Socket createSocket() {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(path));
        return new ChannelSocket(ch);
      } catch (IOException e) {
        throw new JedisConnectionException(e);
      }
    }
  }

  /** A socket over a connected channel: streams, close and state; timeouts are not applied. */
  static final class ChannelSocket extends Socket {
    private final SocketChannel ch;
    private final InputStream in;
    private final OutputStream out;
    private int soTimeout;

    ChannelSocket(SocketChannel ch) {
      this.ch = ch;
      this.in = Channels.newInputStream(ch);
      this.out = Channels.newOutputStream(ch);
    }

    @Override public InputStream getInputStream() { return in; }
    @Override public OutputStream getOutputStream() { return out; }
    @Override public boolean isConnected() { return ch.isConnected(); }
    @Override public boolean isBound() { return true; }
    @Override public boolean isClosed() { return !ch.isOpen(); }
    @Override public boolean isInputShutdown() { return false; }
    @Override public boolean isOutputShutdown() { return false; }
    @Override public void setSoTimeout(int timeout) { this.soTimeout = timeout; }
    @Override public int getSoTimeout() { return soTimeout; }
    @Override public synchronized void close() throws IOException { ch.close(); }
  }
}
