package io.lime.server;

import io.lime.KeyValueStore;
import io.lime.Ticker;
import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigFileException;
import io.lime.internal.config.ConfigLoader;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.store.LocalKeyValueStore;
import io.lime.server.internal.NetServer;
import io.lime.server.internal.ScratchDirectory;
import io.lime.server.internal.ServerLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A LIME server running in this JVM, speaking the Redis protocol on a TCP port (and, when
 * configured, on a TLS port and a unix domain socket).
 *
 * <pre>{@code
 * try (LimeServer server = LimeServer.builder().ephemeralPort().start()) {
 *   int port = server.port();   // connect redis-cli, Jedis, Lettuce... to it
 * }
 * }</pre>
 *
 * <p>Ports: {@code port 0} means what it means in redis.conf, no TCP listener (for a
 * TLS-only or unix-socket-only server); a free port chosen by the system is asked for with
 * {@link Builder#ephemeralPort()}. A server with no listener at all does not start.
 *
 * <p>Configuration uses redis.conf directives ({@code maxclients}, {@code requirepass},
 * {@code databases}, ...) given as a map or as {@code --directive value} arguments.
 * Unlike redis-server, an embedded server binds to the loopback interface
 * ({@code 127.0.0.1 -::1}) unless {@code bind} is given, has no {@code save} rules unless
 * given, works in a fresh temporary {@code dir} (deleted on {@link #close()}) unless
 * {@code dir} is given, so it never loads or leaves dump files in the caller's working
 * directory, and logs nothing unless {@link Builder#logging(boolean)} is set.
 *
 * <p>Threads, all daemons, none per client: {@code lime-loops} selector threads (default:
 * half the available processors, at least one) and the expiry cron; on first need only, the
 * RDB cron (once there are {@code save} rules or a scheduled BGSAVE), the AOF cron (once the
 * AOF is on), a BGSAVE or AOF-rewrite thread while one runs, and the timers of blocked
 * clients, client pauses, lazy freeing and pub/sub delivery. {@link #close()} stops them.
 * Shared by every server of the JVM and never stopped: the sampler of INFO's instantaneous
 * metrics (one thread, which holds the servers weakly) and, during the first start only, a
 * short-lived thread that makes the JVM-wide parts (command table, NIO selector provider)
 * while the configuration is read.
 *
 * <p>Thread-safety: all methods are safe to call from any thread.
 */
public final class LimeServer implements AutoCloseable {
  private final NetServer net;
  /** The engine this server created for a custom {@link Builder#ticker ticker}; closed with it. */
  private final @Nullable Engine ownedEngine;
  /** Made on the first {@link #store()}: most servers never use it (a cost of the start). */
  private volatile @Nullable KeyValueStore store;
  /** The scratch {@code dir} this server created (no {@code dir} was given); deleted on close. */
  private final @Nullable Path scratchDir;

  /** TLS material and port when started with {@link Builder#tls()}, else null. */
  private final @Nullable LimeTls tls;
  private final @Nullable Path tlsDir;

  private LimeServer(NetServer net, @Nullable Engine ownedEngine, @Nullable Path scratchDir,
      @Nullable LimeTls tls, @Nullable Path tlsDir) {
    this.net = net;
    this.tls = tls;
    this.tlsDir = tlsDir;
    this.ownedEngine = ownedEngine;
    this.scratchDir = scratchDir;
  }

  /** A builder with Redis's defaults, port 6379, loopback only. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a server configured by redis-server style arguments, e.g.
   * {@code start("--port", "7000", "--maxclients", "100")} ({@code --port 0}: no TCP
   * listener, as redis-server; for a free port use {@link Builder#ephemeralPort()}).
   *
   * @throws IllegalArgumentException if an argument names an unknown directive or a bad
   *     value (the message is Redis's config error text)
   * @throws UncheckedIOException if the port cannot be bound, or nothing would listen
   */
  public static LimeServer start(String... args) {
    return builder().args(args).start();
  }

  /**
   * The TCP port the server listens on (the one the system chose under {@link
   * Builder#ephemeralPort()}), or 0 when it has no TCP listener ({@code port 0}).
   */
  public int port() {
    return net.port();
  }

  /** Number of connected clients. */
  public int clientCount() {
    return net.clientCount();
  }

  /** The current value of a directive as CONFIG GET shows it, or null when unknown. */
  public @Nullable String config(String directive) {
    return net.config().get(directive);
  }

  /**
   * The data of this server as an in-process store on database 0 ({@link
   * KeyValueStore#database(int)} for the others): what a client writes, the store reads,
   * and back, with no socket in between. Useful to seed or inspect data in tests.
   *
   * <p>Do not {@link KeyValueStore#close() close} it: it would stop the server's active
   * expiry; {@link #close()} of the server releases everything.
   */
  public KeyValueStore store() {
    KeyValueStore s = store;
    if (s == null) {
      synchronized (this) {
        s = store;
        if (s == null) {
          s = Stores.over(net);
          store = s;
        }
      }
    }
    return s;
  }

  /**
   * Makes {@link #store()}. Apart so that linking this class at start-up does not load the
   * store's interfaces (the verifier loads a declared type to check an assignment to it).
   */
  private static final class Stores {
    static KeyValueStore over(NetServer net) {
      return LocalKeyValueStore.over(net.engine(), 0,
          new io.lime.internal.command.EmbeddedCommands(net.state()));
    }
  }

  /**
   * Adds a command interceptor (fault injection for tests): {@code interceptor} sees every
   * command before it runs and may replace its reply, delay it or drop the connection. Close
   * the returned handle to remove it.
   */
  public AutoCloseable intercept(CommandInterceptor interceptor) {
    java.util.Objects.requireNonNull(interceptor, "interceptor");
    net.addInterceptor(interceptor);
    return () -> net.removeInterceptor(interceptor);
  }

  /** Starts recording the commands received (see {@link CommandRecording}). */
  public CommandRecording record() {
    CommandRecording r = new CommandRecording(this);
    net.addInterceptor(r.interceptor());
    return r;
  }

  private final Object pauseLock = new Object();
  private java.util.concurrent.@Nullable CountDownLatch paused;
  private @Nullable CommandInterceptor pauseGate;

  /**
   * Holds every command received from now on until {@link #resume()} (as CLIENT PAUSE ALL,
   * for the whole server): clients see a server that stopped answering; connections stay
   * open. Idempotent. Each loop thread waits at its next command.
   */
  public void pause() {
    synchronized (pauseLock) {
      if (paused != null) {
        return;
      }
      java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
      CommandInterceptor gate = c -> {
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return CommandInterceptor.Action.proceed();
      };
      paused = latch;
      pauseGate = gate;
      net.addInterceptor(gate);
    }
  }

  /** Lets the commands held by {@link #pause()} run, in order. Idempotent. */
  public void resume() {
    synchronized (pauseLock) {
      if (paused != null && pauseGate != null) {
        net.removeInterceptor(pauseGate);
        paused.countDown();
        paused = null;
        pauseGate = null;
      }
    }
  }

  /** The underlying server, for LIME's own modules and tests (not a stable API). */
  NetServer net() {
    return net;
  }

  /**
   * Stops accepting connections, closes every client connection and stops the loops and
   * the server's other threads; returns once the loops have stopped. Idempotent.
   */
  @Override
  public void close() {
    resume(); // loop threads held by pause() must run to stop
    net.close();
    if (ownedEngine != null) {
      ownedEngine.close();
    }
    if (scratchDir != null) {
      deleteRecursively(scratchDir);
    }
    if (tlsDir != null) {
      deleteRecursively(tlsDir);
    }
  }

  /** The TLS port and trust material when built with {@link Builder#tls()}, else null. */
  public @Nullable LimeTls tls() {
    return tls;
  }

  private static void deleteRecursively(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temporary directory is harmless
    }
  }

  /** Configures and starts a {@link LimeServer}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> directives = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private boolean logging;
    private @Nullable Engine engine;
    private @Nullable Ticker ticker;
    private io.lime.internal.engine.Extensions extensions = io.lime.internal.engine.Extensions.NONE;
    private boolean tls;
    private boolean ephemeralPort;

    private Builder() {}

    /**
     * Registers a custom command (see {@link io.lime.command}): served beside the built-in
     * commands, listed by COMMAND, queued by MULTI, written to the AOF.
     *
     * @throws IllegalArgumentException if a command of that name is already registered; a
     *     built-in name without {@code replaceBuiltin()} is refused by {@link #start()}
     */
    public Builder command(io.lime.command.CustomCommand command) {
      extensions = extensions.plus(List.of(command), List.of());
      return this;
    }

    /**
     * Registers a custom value type, so commands can store it and snapshots can load it.
     *
     * @throws IllegalArgumentException if another type of that name is registered
     */
    public Builder valueType(io.lime.command.CustomType<?> type) {
      extensions = extensions.plus(List.of(), List.of(type));
      return this;
    }

    /**
     * Registers a module's commands and value types.
     *
     * @throws IllegalArgumentException if a command or type name is already registered
     */
    public Builder module(io.lime.command.CommandModule module) {
      extensions = extensions.plus(module);
      return this;
    }

    /**
     * Also listens with TLS on a free port, with a self-signed certificate made for this
     * server; {@link LimeServer#tls()} hands the port and the trust material to clients.
     */
    public Builder tls() {
      this.tls = true;
      return this;
    }

    /**
     * The time source for expiry deadlines, TTLs and the LRU clock (default: the wall
     * clock). Tests pass a manual ticker to make keys expire without sleeping.
     */
    public Builder ticker(Ticker time) {
      this.ticker = time;
      return this;
    }

    /**
     * The TCP port ({@code port} directive, default 6379); 0 means no TCP listener, as in
     * redis.conf, for a TLS-only ({@code tls-port}) or unix-socket-only ({@code unixsocket})
     * server. For a free port chosen by the system, use {@link #ephemeralPort()}.
     */
    public Builder port(int port) {
      this.ephemeralPort = false;
      return directive("port", Integer.toString(port));
    }

    /**
     * Listens on a free TCP port chosen by the system, whatever {@code port} says; read it
     * with {@link LimeServer#port()} (CONFIG GET port shows it too). What tests and
     * in-process servers want; the JUnit fixture uses it.
     */
    public Builder ephemeralPort() {
      this.ephemeralPort = true;
      return this;
    }

    /**
     * Sets a directive (redis.conf name, e.g. {@code "maxmemory"}, {@code "1gb"}); values of
     * multi-argument directives are separated by spaces ({@code "save", "900 1 300 10"}).
     */
    public Builder directive(String name, String value) {
      directives.put(name, value);
      return this;
    }

    /** Sets every directive of {@code map}. */
    public Builder directives(Map<String, String> map) {
      directives.putAll(map);
      return this;
    }

    /** Adds redis-server style arguments ({@code --port 7000 --save ""}), applied last. */
    public Builder args(String... arguments) {
      args.addAll(List.of(arguments));
      return this;
    }

    /**
     * Whether to write Redis-format log lines to the {@code logfile} (default: standard
     * output) at {@code loglevel}: the server's own and its engine's (persistence, scripts'
     * {@code redis.log}), one log as redis-server writes. Off (the default), the server
     * writes nothing and the engine logs through {@link System.Logger}, as embedded LIME.
     */
    public Builder logging(boolean enabled) {
      this.logging = enabled;
      return this;
    }

    /** Serves an existing engine instead of creating one (internal hook for LIME modules). */
    Builder engine(Engine shared) {
      this.engine = shared;
      return this;
    }

    /**
     * Starts the server; it accepts connections when this returns.
     *
     * @throws IllegalArgumentException on an unknown directive or a bad value
     * @throws UncheckedIOException if a port cannot be bound, or nothing would listen
     *     ({@code port 0} with no {@code tls-port} and no {@code unixsocket})
     */
    public LimeServer start() {
      io.lime.server.internal.StartupWarmUp.begin(); // config-independent work, in parallel
      ConfigRegistry config = new ConfigRegistry();
      Path scratch = null;
      Path tlsDir = null;
      LimeTls made = null;
      try {
        config.set("bind", "127.0.0.1 -::1");
        config.set("save", ""); // embedded servers and test fixtures: no snapshot rules unless set
        if (!directives.containsKey("dir") && !args.contains("--dir")) {
          // Never load or leave dump/AOF files in the caller's working directory.
          scratch = ScratchDirectory.create("lime-server-");
          config.set("dir", scratch.toString());
        }
        for (Map.Entry<String, String> e : directives.entrySet()) {
          config.set(e.getKey(), e.getValue());
        }
        new ConfigLoader(config).loadString(ConfigLoader.optionsFromArgs(args));
        if (tls) {
          tlsDir = ScratchDirectory.create("lime-tls-");
          made = LimeTls.generate(tlsDir);
          config.set("tls-port", Integer.toString(made.port()));
          config.set("tls-cert-file", tlsDir.resolve("server.crt").toString());
          config.set("tls-key-file", tlsDir.resolve("server.key").toString());
          config.set("tls-auth-clients", "no");
        }
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "'" + e.directive() + "': " + e.getMessage(), e);
      } catch (ConfigFileException e) {
        throw new IllegalArgumentException(e.getMessage().strip(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ServerLog log = logging ? new ServerLog(System.out) : ServerLog.silent();
      if (logging) {
        log.level(ServerLog.parseLevel(String.valueOf(config.get("loglevel"))));
        try {
          log.file(String.valueOf(config.get("logfile")));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        log.role('M');
      }
      Engine own = null;
      if (engine == null && ticker != null) {
        own = new Engine(config.getInt("databases"), config.getInt("lime-shards"), ticker,
            config.getInt("hz"));
        own.start();
      }
      try {
        return new LimeServer(NetServer.start(config, log, own == null ? engine : own,
            extensions, ephemeralPort), own, scratch, made, tlsDir);
      } catch (IOException e) {
        if (own != null) {
          own.close();
        }
        if (io.lime.server.internal.Listeners.NO_LISTENER.equals(e.getMessage())) {
          throw new UncheckedIOException(e.getMessage() + " (port 0 means no TCP listener, as"
              + " in redis.conf: give tls-port or unixsocket, or ask for a free TCP port with"
              + " LimeServer.Builder.ephemeralPort())", e);
        }
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }
}
