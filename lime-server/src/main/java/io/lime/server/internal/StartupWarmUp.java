package io.lime.server.internal;

import io.lime.internal.command.CommandLayer;
import java.lang.reflect.Modifier;
import java.nio.channels.spi.SelectorProvider;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide parts of the first server start in a JVM, made on a short-lived daemon thread
 * while the starting thread reads the configuration and builds the engine: the JDK's
 * {@link SelectorProvider} and the shared command table ({@link CommandLayer#table()}). Both
 * are made once per JVM by whoever asks first; a thread that asks while the other is making
 * them waits for it (class initialization), so nothing is made twice.
 *
 * <p>The provider. {@link SelectorProvider#provider()} first reads the system property
 * {@value #PROVIDER_PROPERTY}, then looks for a provider service file on the class path
 * (ServiceLoader), then takes the platform default. The search opens every jar of the class
 * path (10-15 ms on a test class path of 40 jars, holding the class path's lock, so that it
 * also stalls class loading on other threads); a server never has such a service. So, unless
 * the property is set, this names the platform default in the property for the lookup and
 * removes it after: the same provider, without the search. The one difference: a provider
 * registered as a service on the class path is not used when LIME is the JVM's first user of
 * NIO (set the property to choose one). On an unknown platform, or when the default class is
 * not what is expected, the JDK searches as usual.
 *
 * <p>A failure here is ignored: the starting thread meets it again where it uses what failed,
 * and reports it there. Later starts find both made and start no thread.
 */
public final class StartupWarmUp extends Thread {
  /** The JDK's system property naming the {@link SelectorProvider} class. */
  static final String PROVIDER_PROPERTY = "java.nio.channels.spi.SelectorProvider";

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
      selectorProvider();
      CommandLayer.table();
    } catch (RuntimeException | Error e) {
      // met again, and reported, by the thread starting the server
    }
  }

  /** {@link SelectorProvider#provider()}, without the class-path search (see the class doc). */
  static SelectorProvider selectorProvider() {
    String platform = platformDefault(System.getProperty("os.name", ""));
    if (platform == null || System.getProperty(PROVIDER_PROPERTY) != null
        || !isProviderClass(platform)) {
      return SelectorProvider.provider();
    }
    System.setProperty(PROVIDER_PROPERTY, platform);
    try {
      return SelectorProvider.provider();
    } finally {
      System.getProperties().remove(PROVIDER_PROPERTY, platform); // unless changed meanwhile
    }
  }

  /** The class of the JDK's default provider on {@code osName} (its DefaultSelectorProvider). */
  static @Nullable String platformDefault(String osName) {
    if (osName.startsWith("Linux")) {
      return "sun.nio.ch.EPollSelectorProvider";
    } else if (osName.startsWith("Mac OS X")) {
      return "sun.nio.ch.KQueueSelectorProvider";
    } else if (osName.startsWith("Windows")) {
      return "sun.nio.ch.WindowsSelectorProvider";
    }
    return null;
  }

  /**
   * Whether {@code name} is a public concrete provider class with a public no-argument
   * constructor, as the JDK needs to make it from the property (else its lookup would fail
   * for good).
   */
  static boolean isProviderClass(String name) {
    try {
      Class<?> c = Class.forName(name, false, null);
      int m = c.getModifiers();
      return SelectorProvider.class.isAssignableFrom(c) && Modifier.isPublic(m)
          && !Modifier.isAbstract(m) && Modifier.isPublic(c.getConstructor().getModifiers());
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      return false;
    }
  }
}
