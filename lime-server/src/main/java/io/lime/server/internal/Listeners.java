package io.lime.server.internal;

import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server's listening sockets (Redis's listenToPort and friends): TCP on {@code port}
 * and TLS on {@code tls-port} for each {@code bind} address, and the {@code unixsocket}.
 *
 * <p>{@code port 0} means what it means in Redis: no TCP listener, so a server can be
 * TLS-only or unix-socket-only; with no listener at all start-up fails ("Configured to not
 * listen anywhere"). A free port chosen by the system is asked for explicitly
 * ({@code ephemeralTcp}, from {@code LimeServer.Builder.ephemeralPort()}), never by 0.
 *
 * <p>Thread-safety: opened before the loops start; {@link #rebindTcp} runs under CONFIG SET
 * (one thread at a time); the lists are read by loop 0.
 */
public final class Listeners {
  private final ConfigRegistry config;
  private final ServerLog log;
  private final List<ServerSocketChannel> tcp = new ArrayList<>();
  private final List<ServerSocketChannel> tlsChannels = new ArrayList<>();
  private volatile @Nullable TlsContext tls;
  private volatile @Nullable UnixListener unix;
  private volatile int port;

  Listeners(ConfigRegistry config, ServerLog log) {
    this.config = config;
    this.log = log;
  }

  /**
   * Binds every configured listener.
   *
   * @param ephemeralTcp listen on a free TCP port whatever {@code port} says
   * @throws IOException if a listener cannot be bound, or none is configured
   */
  void open(boolean ephemeralTcp) throws IOException {
    int wanted = config.getInt("port");
    String unixPath = config.get("unixsocket");
    if (wanted == 0 && !ephemeralTcp && config.getInt("tls-port") == 0
        && (unixPath == null || unixPath.isEmpty())) {
      throw new IOException(NO_LISTENER);
    }
    if (wanted != 0 || ephemeralTcp) {
      bindTcp(ephemeralTcp ? 0 : wanted, config.get("bind"));
    }
    bindTls();
    unix = UnixListener.open(config, log);
  }

  /** Redis's text when nothing would listen. */
  public static final String NO_LISTENER = "Configured to not listen anywhere, exiting.";

  private void bindTcp(int wanted, @Nullable String bind) throws IOException {
    List<ServerSocketChannel> fresh = openListeners(wanted, bind, "TCP");
    tcp.addAll(fresh);
    port = ((InetSocketAddress) fresh.get(0).getLocalAddress()).getPort();
  }

  /** Listening channels on {@code bind}'s addresses (Redis's listenToPort). */
  private List<ServerSocketChannel> openListeners(int wanted, @Nullable String bind,
      String kind) throws IOException {
    List<ServerSocketChannel> fresh = new ArrayList<>();
    int actual = wanted;
    String[] addrs = bind == null || bind.isEmpty() ? new String[] {"*"} : bind.split(" ");
    IOException first = null;
    for (String a : addrs) {
      boolean optional = a.startsWith("-");
      String host = optional ? a.substring(1) : a;
      host = switch (host) {
        case "*" -> "0.0.0.0";
        case "::*" -> "::";
        default -> host;
      };
      ServerSocketChannel ch = ServerSocketChannel.open();
      try {
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.bind(new InetSocketAddress(host, actual), config.getInt("tcp-backlog"));
        ch.configureBlocking(false);
        actual = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        fresh.add(ch);
      } catch (IOException | RuntimeException e) {
        closeQuietly(ch);
        if (!optional) {
          fresh.forEach(Listeners::closeQuietly);
          String text = "Could not create server " + kind + " listening socket " + a + ":"
              + wanted
              + ": bind: " + (e.getMessage() == null ? e.toString() : e.getMessage());
          log.warning("Warning: " + text);
          // as Redis's initServer after the warning: which listener failed, not port 0's TCP
          throw new IOException("Failed listening on port " + wanted + " (" + kind
              + "), aborting.", e);
        }
        if (first == null && e instanceof IOException io) {
          first = io;
        }
      }
    }
    if (fresh.isEmpty()) {
      throw new IOException("Failed listening on port " + wanted + " (" + kind + "), aborting.",
          first);
    }
    return fresh;
  }

  /** Listens on {@code tls-port} (when not 0) with the {@code tls-*} material. */
  private void bindTls() throws IOException {
    int tlsPort = config.getInt("tls-port");
    if (tlsPort == 0) {
      return;
    }
    try {
      tls = TlsContext.load(config);
    } catch (ConfigException e) {
      throw new IOException("Fatal config error: '" + e.directive() + "': " + e.getMessage(), e);
    }
    tlsChannels.addAll(openListeners(tlsPort, config.get("bind"), "TLS"));
  }

  /** The TLS context for connections accepted on {@code ssc}, or null for plain ones. */
  @Nullable TlsContext tlsFor(ServerSocketChannel ssc) {
    return tlsChannels.contains(ssc) ? tls : null;
  }

  /** Every listening channel (TCP, TLS, unix), for loop 0 to accept on. */
  List<ServerSocketChannel> all() {
    List<ServerSocketChannel> out = new ArrayList<>(tcp);
    out.addAll(tlsChannels);
    UnixListener u = unix;
    if (u != null) {
      out.add(u.channel);
    }
    return out;
  }

  /** The TCP port, or 0 without a TCP listener. */
  int port() {
    return port;
  }

  /**
   * CONFIG SET port/bind: binds the new TCP listeners ({@code newPort} 0: none, as Redis)
   * and returns the old ones for the caller to close; on failure keeps the old ones.
   *
   * @throws IOException if a new listener cannot be bound (nothing changed)
   */
  List<ServerSocketChannel> rebindTcp(int newPort, @Nullable String bind) throws IOException {
    List<ServerSocketChannel> old = new ArrayList<>(tcp);
    List<ServerSocketChannel> fresh = newPort == 0 ? List.of()
        : openListeners(newPort, bind, "TCP");
    tcp.clear();
    tcp.addAll(fresh);
    port = fresh.isEmpty() ? 0 : ((InetSocketAddress) fresh.get(0).getLocalAddress()).getPort();
    return old;
  }

  /** The current TCP listeners. */
  List<ServerSocketChannel> tcp() {
    return List.copyOf(tcp);
  }

  /** Closes every listener and removes the unix socket file. Idempotent. */
  void close() {
    tcp.forEach(Listeners::closeQuietly);
    tlsChannels.forEach(Listeners::closeQuietly);
    UnixListener u = unix;
    if (u != null) {
      u.close();
      unix = null;
    }
  }

  static void closeQuietly(@Nullable Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
