package io.lime.server.internal;

import io.lime.internal.command.CommandLayer;
import java.nio.channels.spi.SelectorProvider;

/**
 * The part of the first server start in a JVM that does not depend on any server's
 * configuration, done on a second thread while the starting thread reads the configuration
 * and builds the engine: the shared command table ({@link CommandLayer#table()}) and the
 * JDK's {@link SelectorProvider}, whose first lookup searches every class-path entry for a
 * provider service file (tens of milliseconds on a test class path of many jars). Both are
 * made once per JVM whoever asks first; a thread that asks while the other is making them
 * waits for that one (class initialization), so nothing is made twice and nothing changes
 * but when the work is done.
 *
 * <p>A failure here is ignored: the starting thread meets it again where it uses what failed,
 * and reports it there. Later starts find both made and start no thread.
 */
public final class StartupWarmUp extends Thread {
  private static volatile boolean begun;

  private StartupWarmUp() {
    super("lime-startup-warm-up");
    setDaemon(true);
  }

  /** Starts the warm-up thread, the first time only. Thread-safe. */
  public static void begin() {
    if (begun) {
      return;
    }
    synchronized (StartupWarmUp.class) {
      if (begun) {
        return;
      }
      begun = true;
    }
    new StartupWarmUp().start();
  }

  @Override
  public void run() {
    try {
      // The provider first: the starting thread needs the table sooner and, arriving before
      // this thread began it, builds it itself rather than wait.
      SelectorProvider.provider();
      CommandLayer.table();
    } catch (RuntimeException | Error e) {
      // met again, and reported, by the thread starting the server
    }
  }
}
