package io.lime.server.junit;

import io.lime.internal.engine.Engine;
import io.lime.internal.store.LocalKeyValueStore;
import io.lime.server.LimeServer;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/** One running server of the extension, with its clock; closed by JUnit with its context. */
record LimeFixture(LimeServer server, @Nullable LimeClock clock, URI uri)
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** Starts a server on a free loopback port as {@code options} say. */
  static LimeFixture start(LimeTest options) {
    LimeServer.Builder b = LimeServer.builder().port(0);
    for (String line : options.config()) {
      String directive = line.strip();
      int space = directive.indexOf(' ');
      if (space < 0) {
        throw new ExtensionConfigurationException(
            "@LimeTest config entry needs a name and a value: '" + line + "'");
      }
      b.directive(directive.substring(0, space), unquote(directive.substring(space + 1).strip()));
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
      clock.afterAdvance(() -> engine(s).activeExpireCycle());
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
