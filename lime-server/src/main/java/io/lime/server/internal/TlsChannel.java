package io.lime.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One TLS connection over a non-blocking socket, run by the JDK's {@link SSLEngine} on the
 * connection's loop thread (no native library): {@link #read} returns decrypted bytes (0
 * while the handshake or a record is incomplete, -1 at the end), {@link #write} encrypts.
 *
 * <h2>Buffering</h2>
 * Encrypted input waits in {@code netIn} until a whole record arrived; a record decrypted
 * beyond what the caller's buffer takes waits in {@code appIn} ({@link #hasBufferedInput},
 * which the connection serves without a readable event). Encrypted output the socket did
 * not take waits in {@code netOut} ({@link #hasPendingOutput}); {@link #write} first pushes
 * it and takes no new bytes until it is gone, so output stays bounded by one record.
 * Handshake messages and delegated tasks are handled inside read and write.
 *
 * <p>Not thread-safe: used by the connection's loop thread only.
 */
final class TlsChannel implements ByteChannel {
  private final SocketChannel ch;
  private final SSLEngine engine;
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private final ByteBuffer netOut;
  private boolean closedInbound;
  /** Whole records may wait in {@code netIn}: the last unwrap stopped because appIn was full. */
  private boolean recordsPending;

  /** {@code tls-session-caching no}: each session is invalidated once its handshake ends. */
  private final boolean forgetSession;

  TlsChannel(SocketChannel ch, TlsContext tls) throws SSLException {
    this.ch = ch;
    this.engine = tls.engine();
    this.forgetSession = !tls.sessionCaching();
    int net = engine.getSession().getPacketBufferSize();
    int app = engine.getSession().getApplicationBufferSize();
    this.netIn = ByteBuffer.allocate(net);
    this.appIn = ByteBuffer.allocate(app);
    this.appIn.flip(); // read mode, empty
    this.netOut = ByteBuffer.allocate(net);
    this.netOut.flip(); // read mode, empty
    engine.beginHandshake();
  }

  /** Whether decrypted bytes wait to be read. */
  boolean hasBufferedInput() {
    return appIn.hasRemaining() || recordsPending;
  }

  /** Whether encrypted bytes wait for the socket. */
  boolean hasPendingOutput() {
    return netOut.hasRemaining();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!appIn.hasRemaining()) {
      if (closedInbound) {
        return -1;
      }
      int n = ch.read(netIn);
      if (n < 0 && netIn.position() == 0) {
        return -1;
      }
      if (!unwrapAll()) {
        return appIn.hasRemaining() ? drain(dst) : -1;
      }
    }
    return drain(dst);
  }

  private int drain(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), appIn.remaining());
    int lim = appIn.limit();
    appIn.limit(appIn.position() + n);
    dst.put(appIn);
    appIn.limit(lim);
    return n;
  }

  /** Unwraps what {@code netIn} holds into {@code appIn}; false once the peer closed. */
  private boolean unwrapAll() throws IOException {
    recordsPending = false;
    appIn.compact(); // write mode
    try {
      while (true) {
        handshake();
        netIn.flip();
        SSLEngineResult r;
        try {
          r = engine.unwrap(netIn, appIn);
        } finally {
          netIn.compact();
        }
        handshakeEnded(r);
        switch (r.getStatus()) {
          case OK -> {
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                && r.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK
                && r.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
              return true;
            }
          }
          case BUFFER_UNDERFLOW -> {
            if (netIn.position() == netIn.capacity()) {
              netIn = grow(netIn, engine.getSession().getPacketBufferSize());
            }
            handshake();
            return true;
          }
          case BUFFER_OVERFLOW -> {
            if (appIn.position() > 0) {
              recordsPending = true;
              return true; // serve what is decrypted first
            }
            appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
          }
          case CLOSED -> {
            closedInbound = true;
            return false;
          }
          default -> throw new IllegalStateException(r.toString());
        }
      }
    } finally {
      appIn.flip();
    }
  }

  private static ByteBuffer grow(ByteBuffer b, int atLeast) {
    ByteBuffer g = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
    b.flip();
    g.put(b);
    return g;
  }

  /**
   * Under {@code tls-session-caching no}, a session is never resumed: invalidated (so
   * removed from the server's cache and refused for resumption) when its handshake ends.
   */
  private void handshakeEnded(SSLEngineResult r) {
    if (forgetSession && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
      engine.getSession().invalidate();
    }
  }

  /** Runs delegated tasks and sends handshake messages the engine asks for. */
  private void handshake() throws IOException {
    while (true) {
      SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
      } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
        if (!flushNet()) {
          return;
        }
        wrap(ByteBuffer.allocate(0));
        if (!flushNet()) {
          return;
        }
      } else {
        return;
      }
    }
  }

  private void wrap(ByteBuffer src) throws IOException {
    netOut.compact();
    try {
      SSLEngineResult r = engine.wrap(src, netOut);
      handshakeEnded(r);
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("TLS connection closed");
      }
    } finally {
      netOut.flip();
    }
  }

  /** Writes pending encrypted bytes; true when none are left. */
  boolean flushNet() throws IOException {
    while (netOut.hasRemaining()) {
      if (ch.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int start = src.position();
    handshake();
    while (src.hasRemaining() && flushNet()) {
      if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
          && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.FINISHED) {
        handshake();
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
          break; // application data waits for the peer's handshake messages
        }
      }
      wrap(src);
    }
    flushNet();
    return src.position() - start;
  }

  @Override
  public boolean isOpen() {
    return ch.isOpen();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
