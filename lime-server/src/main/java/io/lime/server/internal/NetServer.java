package io.lime.server.internal;

import io.lime.Ticker;
import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The running server: listening sockets, {@code lime-loops} event loops, the engine and the
 * command layer.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Threads: one thread per event loop plus the engine's expiry thread; nothing else.
 *       Loop 0 also accepts: each accepted socket goes round-robin to a loop, handed over
 *       through that loop's task queue. A connection then lives on its loop thread, where
 *       its commands run (the engine's shard locks make loops safe against each other).
 *   <li>Limits: {@code maxclients} is checked at accept ({@code -ERR max number of clients
 *       reached} then close); protected mode refuses non-loopback peers when no password is
 *       set; {@code timeout} closes idle clients; {@code proto-max-bulk-len} and
 *       {@code client-query-buffer-limit} bound what a client may buffer.
 *   <li>Configuration: {@code port} and {@code bind} can be changed at run time (the
 *       listeners are re-bound; a failure is reported and the old ones kept, as Redis).
 * </ul>
 */
public final class NetServer implements Closeable {

  private final ConfigRegistry config;
  private final ServerLog log;
  private final Engine engine;
  private final boolean ownsEngine;
  private final ServerState state;
  private final Dispatcher dispatcher;
  private final EventLoop[] loops;
  /** TCP, TLS and unix listeners. */
  private final Listeners listeners;
  private final AtomicInteger clients = new AtomicInteger();
  private final CountDownLatch stopped;
  private int nextLoop;
  private volatile boolean closing;
  private volatile long maxBulkLen;
  private volatile long queryBufferLimit;
  private volatile long maxClients;
  private volatile long timeoutSeconds;
  private volatile boolean protectedMode;
  private volatile boolean tcpKeepAlive;
  /** {@code client-output-buffer-limit normal}: hard bytes, soft bytes, soft seconds (0: off). */
  private volatile long[] normalOutputLimits = new long[3];

  private NetServer(ConfigRegistry config, ServerLog log, @Nullable Engine shared,
      io.lime.internal.engine.Extensions extensions) throws IOException {
    StartupWarmUp.begin(); // begun already by LimeServer.Builder; this is for Main
    this.config = config;
    this.log = log;
    this.listeners = new Listeners(config, log);
    if (shared != null) {
      this.engine = shared;
      this.ownsEngine = false;
    } else {
      this.engine = new Engine(config.getInt("databases"), config.getInt("lime-shards"),
          Ticker.system(), config.getInt("hz"));
      this.ownsEngine = true;
    }
    if (!log.isSilent()) { // one log: the engine's lines (persistence, scripts...) go to it
      engineLog = log.engineSink();
      engine.logSink(engineLog);
    }
    if (!extensions.isEmpty()) {
      engine.extensions(extensions); // custom commands and types, before the table is built
    }
    this.state = new ServerState(engine, config);
    this.dispatcher = CommandLayer.install(state);
    int n = config.getInt("lime-loops");
    this.loops = new EventLoop[n];
    this.stopped = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      loops[i] = new EventLoop(this, i);
    }
    readSettings();
  }

  /**
   * Creates the engine (unless {@code shared} is given), binds the listeners and starts the
   * loops. The server is serving when this returns.
   *
   * @throws IOException if no listener can be bound (the message says which address)
   */
  public static NetServer start(ConfigRegistry config, ServerLog log, @Nullable Engine shared)
      throws IOException {
    return start(config, log, shared, io.lime.internal.engine.Extensions.NONE);
  }

  /**
   * {@link #start(ConfigRegistry, ServerLog, Engine)} with custom commands and value types
   * registered on the engine first (so the AOF they wrote loads).
   *
   * @throws IllegalArgumentException if a custom command replaces a built-in without saying so
   */
  public static NetServer start(ConfigRegistry config, ServerLog log, @Nullable Engine shared,
      io.lime.internal.engine.Extensions extensions) throws IOException {
    return start(config, log, shared, extensions, false);
  }

  /**
   * {@link #start(ConfigRegistry, ServerLog, Engine, io.lime.internal.engine.Extensions)};
   * {@code ephemeralPort} listens on a free TCP port whatever {@code port} says ({@code port
   * 0} alone means no TCP listener, as in Redis).
   */
  public static NetServer start(ConfigRegistry config, ServerLog log, @Nullable Engine shared,
      io.lime.internal.engine.Extensions extensions, boolean ephemeralPort) throws IOException {
    NetServer s = new NetServer(config, log, shared, extensions);
    try {
      try {
        StartupChecks.refuseUnsupported(config);
        s.state.renameCommands();
        s.state.loadUsers();
      } catch (ConfigException e) {
        throw new IOException("Fatal config error: '" + e.directive() + "': " + e.getMessage(),
            e);
      }
      // Saved data is loaded before the server accepts connections.
      PersistenceSetup.open(config, log, s.engine, s.dispatcher);
      s.listeners.open(ephemeralPort);
    } catch (IOException | RuntimeException e) {
      s.engine.persistence().close();
      s.release();
      throw e;
    }
    s.state.port(s.port());
    try {
      config.set("port", Integer.toString(s.port()));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
    s.installConfigHooks();
    s.state.shutdownHook(s::close);
    if (s.ownsEngine) {
      s.engine.start();
    }
    for (ServerSocketChannel l : s.listeners.all()) {
      s.loops[0].listen(l);
    }
    for (EventLoop l : s.loops) {
      l.start();
    }
    return s;
  }

  private void readSettings() {
    maxBulkLen = config.getLong("proto-max-bulk-len");
    queryBufferLimit = config.getLong("client-query-buffer-limit");
    maxClients = config.getLong("maxclients");
    timeoutSeconds = config.getLong("timeout");
    protectedMode = config.getBool("protected-mode");
    tcpKeepAlive = config.getLong("tcp-keepalive") > 0;
    long[] normal = io.lime.internal.command.PubSubLimits.classLimits(
        config.get("client-output-buffer-limit"), "normal");
    long[] l = normal == null ? new long[3] : normal;
    normalOutputLimits = l;
    // A limit is checked once a batch's replies reach the lower one; parsing pauses at 1 MiB
    // of replies, or only at the hard limit (else twice the soft one) when one is set, so
    // that the limit, not the pause, decides, as in Redis (a client that does not read is
    // disconnected).
    outputCheckBytes = l[0] > 0 && l[1] > 0 ? Math.min(l[0], l[1])
        : l[0] > 0 ? l[0] : l[1] > 0 ? l[1] : Long.MAX_VALUE;
    outputPauseBytes = Math.max(Connection.PAUSE_OUTPUT_BYTES, l[0] > 0 ? l[0] : 2 * l[1]);
  }

  private volatile long outputCheckBytes = Long.MAX_VALUE;
  private volatile long outputPauseBytes = Connection.PAUSE_OUTPUT_BYTES;

  /** Pending reply bytes at which a connection's parsing pauses. */
  long outputPauseBytes() {
    return outputPauseBytes;
  }

  /** Pending reply bytes from which the {@code normal} output limits are checked. */
  long outputCheckBytes() {
    return outputCheckBytes;
  }

  private void installConfigHooks() {
    config.onChange(this::configChanged, "proto-max-bulk-len", "client-query-buffer-limit",
        "maxclients", "timeout", "protected-mode", "requirepass", "tcp-keepalive",
        "client-output-buffer-limit", "hz", "dynamic-hz", "loglevel");
    dynamicHz();
    config.applier(this::rebind, "port", "bind");
  }

  /** This server's directives on CONFIG SET. */
  private void configChanged(String name, String v) {
    switch (name) {
      case "hz" -> engine.hz(Integer.parseInt(v));
      case "dynamic-hz" -> dynamicHz();
      case "loglevel" -> log.level(ServerLog.parseLevel(v));
      default -> readSettings();
    }
  }

  /** CONFIG SET port or bind: listens anew, or refuses with Redis's text. */
  private void rebind(String name, String v) throws ConfigException {
    if (name.equals("port")) {
      rebind(Integer.parseInt(v), config.get("bind"),
          "Unable to listen on this port. Check server logs.");
    } else { // bind
      rebind(port(), v, "Failed to bind to specified addresses.");
    }
  }

  /** dynamic-hz: the engine's cron frequency follows the number of clients (or not). */
  private void dynamicHz() {
    engine.dynamicHz(config.getBool("dynamic-hz") ? () -> state.clients().size() : null);
  }

  /** The TLS context for connections accepted on {@code ssc}, or null for plain ones. */
  @Nullable TlsContext tlsFor(ServerSocketChannel ssc) {
    return listeners.tlsFor(ssc);
  }

  /** CONFIG SET port/bind: binds the new listeners first, then drops the old ones. */
  private void rebind(int newPort, @Nullable String bind, String failure) throws ConfigException {
    List<ServerSocketChannel> old;
    try {
      old = listeners.rebindTcp(newPort, bind);
    } catch (IOException e) {
      throw new ConfigException(failure, "port");
    }
    List<ServerSocketChannel> fresh = listeners.tcp();
    state.port(port());
    loops[0].execute(() -> {
      for (ServerSocketChannel o : old) {
        closeQuietly(o);
      }
      for (ServerSocketChannel f : fresh) {
        try {
          loops[0].listen(f);
        } catch (IOException e) {
          log.warning("Failed to listen on new socket: " + e);
        }
      }
    });
  }

  /** Accepts every pending connection of {@code ssc}; runs on loop 0. */
  void accept(ServerSocketChannel ssc) {
    for (int i = 0; i < 1000; i++) {
      SocketChannel ch;
      try {
        ch = ssc.accept();
      } catch (IOException e) {
        log.warning("Accepting client connection: " + e.getMessage());
        return;
      }
      if (ch == null) {
        return;
      }
      state.totalConnections.increment();
      if (clients.get() >= maxClients) {
        reject(ch, Admission.MAX_CLIENTS);
        continue;
      }
      if (protectedMode && state.acl().defaultUser().nopass() && !Admission.isLoopback(ch)) {
        reject(ch, Admission.DENIED);
        continue;
      }
      clients.incrementAndGet();
      EventLoop target = loops[nextLoop];
      nextLoop = (nextLoop + 1) % loops.length;
      TlsContext t = tlsFor(ssc);
      if (target.inLoop()) {
        target.adopt(ch, t);
      } else {
        target.execute(() -> target.adopt(ch, t));
      }
    }
  }

  private void reject(SocketChannel ch, byte[] reply) {
    state.rejectedConnections.increment();
    Admission.reject(ch, reply);
    closeQuietly(ch);
  }

  void connectionClosed() {
    clients.decrementAndGet();
  }

  void loopStopped() {
    stopped.countDown();
  }

  void closeQuietly(@Nullable Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }

  /** The port the server listens on (the actual one when 0 was asked). */
  public int port() {
    return listeners.port();
  }

  public ServerState state() {
    return state;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The registered interceptors, or null when there are none (the common case). */
  private volatile @Nullable Interceptors interceptors;
  private final Interceptors interceptorList = new Interceptors();

  @Nullable Interceptors interceptors() {
    return interceptors;
  }

  /** Registers a command interceptor (see {@link io.lime.server.CommandInterceptor}). */
  public synchronized void addInterceptor(io.lime.server.CommandInterceptor i) {
    interceptorList.add(i);
    interceptors = interceptorList;
  }

  /** Removes a command interceptor. */
  public synchronized void removeInterceptor(io.lime.server.CommandInterceptor i) {
    if (interceptorList.remove(i)) {
      interceptors = null;
    }
  }

  public Engine engine() {
    return engine;
  }

  public ConfigRegistry config() {
    return config;
  }

  ServerLog log() {
    return log;
  }

  long maxBulkLen() {
    return maxBulkLen;
  }

  long queryBufferLimit() {
    return queryBufferLimit;
  }

  /** The {@code unixsocket} path, or empty. */
  String unixSocketPath() {
    return java.util.Objects.requireNonNullElse(config.get("unixsocket"), "");
  }

  long[] normalOutputLimits() {
    return normalOutputLimits;
  }

  long timeoutSeconds() {
    return timeoutSeconds;
  }

  boolean passwordRequired() {
    return state.requiresPassword();
  }

  boolean tcpKeepAlive() {
    return tcpKeepAlive;
  }

  /** Number of connected clients. */
  public int clientCount() {
    return clients.get();
  }

  /**
   * Stops accepting, closes every connection and stops the loops; waits for them unless
   * called from a loop thread (SHUTDOWN). Idempotent.
   */
  @Override
  public void close() {
    if (closing) {
      awaitUnlessLoop();
      return;
    }
    closing = true;
    listeners.close();
    for (EventLoop l : loops) {
      l.shutdown();
    }
    awaitUnlessLoop();
    engine.persistence().close(); // after the last command: flushes (AOF fsync)
    release();
  }

  /** The sink this server installed on its engine, or null (a silent log). */
  private io.lime.internal.util.LimeLog.@Nullable Sink engineLog;

  private void release() {
    if (ownsEngine) {
      engine.close();
    } else if (engineLog != null && engine.logSink() == engineLog) {
      engine.logSink(null); // a shared engine logs through System.Logger again
    }
    listeners.close();
  }



  private void awaitUnlessLoop() {
    for (EventLoop l : loops) {
      if (l.inLoop()) {
        return;
      }
    }
    awaitTermination();
  }

  /** Blocks until every loop has stopped. */
  public void awaitTermination() {
    io.lime.internal.util.Latches.awaitUninterruptibly(stopped);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosing() {
    return closing;
  }
}
