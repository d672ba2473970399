package io.lime.server.junit;

import io.lime.internal.engine.Engine;
import io.lime.internal.store.LocalKeyValueStore;
import io.lime.server.LimeServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/** One running server of the extension, with its clock; closed by JUnit with its context. */
record LimeFixture(LimeServer server, @Nullable LimeClock clock, URI uri)
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /**
   * One test at a time on a run-wide server (test classes may run in parallel): taken before
   * the flush of each test, released after it, per server.
   */
  private static final java.util.concurrent.ConcurrentHashMap<LimeFixture,
      java.util.concurrent.Semaphore> TURNS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Waits for this run-wide server's turn (see {@link #TURNS}). */
  void acquireTurn() {
    TURNS.computeIfAbsent(this, f -> new java.util.concurrent.Semaphore(1)).acquireUninterruptibly();
  }

  /** Ends the current test's turn. */
  void releaseTurn() {
    java.util.concurrent.Semaphore s = TURNS.get(this);
    if (s != null) {
      s.release();
    }
  }

  /** Run-wide servers ({@code Lifecycle.PER_RUN}, Spring contexts) by {@link #sharedKey}. */
  private static final java.util.concurrent.ConcurrentHashMap<String, LimeFixture> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The run-wide server for {@code options}, started on first use; classes (and Spring test
   * contexts) with equal options share it. Closed by {@link #closeShared()} at the end of the
   * JUnit run, or when the JVM exits.
   */
  static LimeFixture shared(LimeTest options) {
    return SHARED.computeIfAbsent(sharedKey(options), k -> {
      if (SHARED.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(LimeFixture::closeShared, "lime-shared-close"));
      }
      return start(options);
    });
  }

  /** Closes every run-wide server. */
  static void closeShared() {
    for (String k : List.copyOf(SHARED.keySet())) {
      LimeFixture f = SHARED.remove(k);
      if (f != null) {
        f.close();
      }
    }
  }

  /** The run-wide server's key: the options that shape a server. */
  static String sharedKey(LimeTest options) {
    return java.util.Arrays.toString(options.config()) + " clock=" + options.manualClock()
        + " modules=" + java.util.Arrays.toString(options.modules());
  }

  /** Starts a server on a free loopback port as {@code options} say. */
  static LimeFixture start(LimeTest options) {
    LimeServer.Builder b = LimeServer.builder().ephemeralPort();
    for (String line : options.config()) {
      String directive = line.strip();
      int space = directive.indexOf(' ');
      if (space < 0) {
        throw new ExtensionConfigurationException(
            "@LimeTest config entry needs a name and a value: '" + line + "'");
      }
      b.directive(directive.substring(0, space), unquote(directive.substring(space + 1).strip()));
    }
    for (Class<? extends io.lime.command.CommandModule> m : options.modules()) {
      try {
        b.module(m.getConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        throw new ExtensionConfigurationException("@LimeTest modules: " + m.getName()
            + " needs a public no-argument constructor", e);
      }
    }
    if (options.tls()) {
      b.tls();
    }
    LimeClock clock = null;
    if (options.manualClock()) {
      clock = new LimeClock(System.currentTimeMillis());
      b.ticker(clock);
    }
    LimeServer server;
    try {
      server = b.start();
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("@LimeTest config: " + e.getMessage(), e);
    }
    if (clock != null) {
      LimeServer s = server;
      // Cycles until one expires nothing: a single cycle has a time budget, which a loaded
      // machine can exhaust before every due key was sampled.
      clock.afterAdvance(() -> {
        while (engine(s).activeExpireCycle() > 0) {
          // each pass removed keys; the next samples again
        }
      });
    }
    return new LimeFixture(server, clock, URI.create("redis://127.0.0.1:" + server.port()));
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
        || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** Removes every key of every database. */
  void flushAll() {
    engine(server).flushAll();
  }

  private static Engine engine(LimeServer server) {
    return ((LocalKeyValueStore) server.store()).engine();
  }

  @Override
  public void close() {
    server.close();
  }
}
