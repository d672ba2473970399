package io.lime.internal.util;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine's log lines go: {@link System.Logger} when LIME is embedded (the
 * application's logging decides), or a server's Redis-format log once the server installs
 * a {@link Sink}, so that a server writes one log, in one format, honouring
 * {@code loglevel} and {@code logfile}. A sink is installed per engine (an in-process
 * {@code LimeServer} routes only its own engine's lines: several servers in one JVM keep
 * their logs apart; {@code Engine.logger}) or for the whole process (the standalone
 * {@code Main}); a line goes to its engine's sink, else the process's, else System.Logger.
 * Core classes take their loggers from {@link #get}.
 *
 * <p>Thread-safe: each sink is one volatile reference read on each call.
 */
public final class LimeLog {
  /** A log that takes engine lines (the server's). */
  public interface Sink {
    /** Whether lines of this level are written. */
    boolean enabled(System.Logger.Level level);

    /** Writes one line. */
    void log(System.Logger.Level level, String message);
  }

  private static volatile @Nullable Sink sink;

  private LimeLog() {}

  /** Routes every engine logger to {@code s}, or back to System.Logger when null. */
  public static void sink(@Nullable Sink s) {
    sink = s;
  }

  /** A logger named {@code name} that follows the process's sink. */
  public static System.Logger get(String name) {
    return new Routed(name, () -> null);
  }

  /**
   * A logger named {@code name} that writes to {@code scope}'s sink when it has one (an
   * engine's), else as {@link #get}.
   */
  public static System.Logger get(String name,
      java.util.function.Supplier<@Nullable Sink> scope) {
    return new Routed(name, scope);
  }

  private static final class Routed implements System.Logger {
    private final String name;
    private final java.util.function.Supplier<@Nullable Sink> scope;
    private volatile System.@Nullable Logger fallback;

    Routed(String name, java.util.function.Supplier<@Nullable Sink> scope) {
      this.name = name;
      this.scope = scope;
    }

    private @Nullable Sink sink() {
      Sink s = scope.get();
      return s != null ? s : sink;
    }

    private System.Logger fallback() {
      System.Logger f = fallback;
      if (f == null) {
        f = System.getLogger(name);
        fallback = f;
      }
      return f;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      Sink s = sink();
      return s != null ? s.enabled(level) : fallback().isLoggable(level);
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String msg,
        @Nullable Throwable thrown) {
      Sink s = sink();
      if (s == null) {
        fallback().log(level, bundle, msg, thrown);
      } else if (s.enabled(level)) {
        s.log(level, thrown == null ? String.valueOf(msg) : msg + ": " + thrown);
      }
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
        @Nullable Object... params) {
      Sink s = sink();
      if (s == null) {
        fallback().log(level, bundle, format, params);
      } else if (s.enabled(level)) {
        s.log(level, params == null || params.length == 0 ? String.valueOf(format)
            : MessageFormat.format(String.valueOf(format), params));
      }
    }
  }
}
