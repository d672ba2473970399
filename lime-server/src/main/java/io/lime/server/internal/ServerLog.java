package io.lime.server.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Redis's log format: {@code PID:R DD Mon YYYY HH:MM:SS.mmm L message}, where R is the role
 * ({@code C} while the configuration loads, then {@code M}) and L the level mark
 * ({@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning). Honours
 * {@code loglevel} and {@code logfile} (empty: standard output). Thread-safe.
 */
public final class ServerLog {
  /** Levels as Redis numbers them. */
  public static final int DEBUG = 0;
  public static final int VERBOSE = 1;
  public static final int NOTICE = 2;
  public static final int WARNING = 3;
  /** A level above every message: logs nothing. */
  public static final int SILENT = 4;

  /** Built on the first logged line: a silent log (test fixtures) never pays for them. */
  private static final class Format {
    static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);
    static final long PID = ProcessHandle.current().pid();
  }

  private volatile int level = NOTICE;
  private volatile char role = 'C';
  private volatile PrintStream out;
  private @Nullable OutputStream file;

  /** A logger writing to {@code out} at level notice. */
  public ServerLog(PrintStream out) {
    this.out = out;
  }

  /** A logger that writes nothing. */
  public static ServerLog silent() {
    ServerLog l = new ServerLog(System.out);
    l.level = SILENT;
    return l;
  }

  /** The level of a {@code loglevel} value. */
  public static int parseLevel(String v) {
    return switch (v) {
      case "debug" -> DEBUG;
      case "verbose" -> VERBOSE;
      case "warning" -> WARNING;
      default -> NOTICE;
    };
  }

  /** Sets the minimum level written. */
  public void level(int l) {
    if (level != SILENT) {
      level = l;
    }
  }

  /** Switches to role {@code M} once the configuration is loaded. */
  public void role(char r) {
    role = r;
  }

  /**
   * Appends to {@code path} from now on (empty: standard output).
   *
   * @throws IOException if the file cannot be opened for appending
   */
  public synchronized void file(String path) throws IOException {
    if (path.isEmpty()) {
      return;
    }
    OutputStream f = new FileOutputStream(path, true);
    file = f;
    out = new PrintStream(f, true, StandardCharsets.UTF_8);
  }

  /** Whether messages of {@code l} are written. */
  public boolean enabled(int l) {
    return l >= level;
  }

  public void debug(String msg) {
    log(DEBUG, msg);
  }

  public void verbose(String msg) {
    log(VERBOSE, msg);
  }

  public void notice(String msg) {
    log(NOTICE, msg);
  }

  public void warning(String msg) {
    log(WARNING, msg);
  }

  /** Writes one line at level {@code l}. */
  public void log(int l, String msg) {
    if (l < level) {
      return;
    }
    String line = Format.PID + ":" + role + " " + Format.TIME.format(ZonedDateTime.now()) + " "
        + ".-*#".charAt(Math.min(l, 3)) + " " + msg;
    synchronized (this) {
      out.println(line);
      out.flush();
    }
  }

  /**
   * This log as a sink for the engine's lines ({@link io.lime.internal.util.LimeLog}):
   * System.Logger's TRACE/DEBUG are Redis's debug, INFO its notice, WARNING and ERROR its
   * warning.
   */
  public io.lime.internal.util.LimeLog.Sink engineSink() {
    return new io.lime.internal.util.LimeLog.Sink() {
      @Override
      public boolean enabled(System.Logger.Level l) {
        return ServerLog.this.enabled(redisLevel(l));
      }

      @Override
      public void log(System.Logger.Level l, String message) {
        ServerLog.this.log(redisLevel(l), message);
      }
    };
  }

  private static int redisLevel(System.Logger.Level level) {
    return switch (level) {
      case ALL, TRACE, DEBUG -> DEBUG;
      case INFO -> NOTICE;
      default -> WARNING;
    };
  }

  /** Whether this log writes anything at all (not {@link #silent()}). */
  public boolean isSilent() {
    return level == SILENT;
  }

  /** Closes the log file, if any. */
  public synchronized void close() {
    if (file != null) {
      out.flush();
      try {
        file.close();
      } catch (IOException ignored) {
        // nothing left to report it to
      }
      file = null;
      out = System.out;
    }
  }
}
