package io.lime.server;

import io.lime.internal.command.LimeVersion;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigFileException;
import io.lime.internal.config.ConfigLoader;
import io.lime.internal.config.ConfigReference;
import io.lime.internal.config.ConfigRegistry;
import io.lime.server.internal.NetServer;
import io.lime.server.internal.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The redis-server compatible command line:
 * {@code java -jar lime-server.jar [/path/to/redis.conf] [--directive value ...] [-]}.
 *
 * <p>As redis-server: the first argument, unless it starts with {@code -}, is a config
 * file; {@code -} reads more configuration from standard input; each {@code --name} starts
 * a directive whose values follow; {@code -v}/{@code --version} and {@code -h}/{@code --help}.
 * A bad configuration prints Redis's FATAL CONFIG FILE ERROR text and exits with status 1.
 */
public final class Main {
  private Main() {}

  /** Entry point; exits the JVM with the server's status. */
  public static void main(String[] args) {
    int status = run(args, System.in, System.out, System.err);
    if (status < 0) {
      awaitShutdown();
      status = 0;
    }
    System.exit(status);
  }

  /**
   * Runs the command line: returns an exit status, or -1 after starting a server that
   * keeps running (on daemon loop threads, until SHUTDOWN or the JVM stops) — the caller
   * then waits in {@link #awaitShutdown()}.
   */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length >= 1) {
      String a = args[0];
      if (a.equals("-v") || a.equals("--version")) {
        out.println(versionLine());
        return 0;
      }
      if (a.equals("-h") || a.equals("--help")) {
        usage(err);
        return 1;
      }
    }
    ServerLog log = new ServerLog(out);
    ConfigRegistry config = new ConfigRegistry();
    NetServer server;
    try {
      server = boot(args, stdin, config, log, err);
    } catch (ExitException e) {
      return e.status;
    }
    running = server;
    return -1;
  }

  private static @Nullable NetServer running;

  /** Blocks until the server started by {@link #run} stops, then exits the JVM with 0. */
  static void awaitShutdown() {
    NetServer s = running;
    if (s != null) {
      s.awaitTermination();
    }
  }

  static NetServer boot(String[] args, InputStream stdin, ConfigRegistry config, ServerLog log,
      PrintStream err) throws ExitException {
    int j = 0;
    Path file = null;
    if (args.length > 0 && !args[0].startsWith("-")) {
      file = Path.of(args[0]).toAbsolutePath();
      j = 1;
    }
    List<String> rest = Arrays.asList(args).subList(j, args.length);
    boolean fromStdin = false;
    List<String> options = new java.util.ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      if (rest.get(i).equals("-") && (i + j == 0 || i == rest.size() - 1)) {
        fromStdin = true;
      } else {
        options.add(rest.get(i));
      }
    }
    try {
      String stdinText = fromStdin ? ConfigLoader.readStdin(stdin) : null;
      new ConfigLoader(config).load(file, stdinText, ConfigLoader.optionsFromArgs(options));
    } catch (ConfigFileException e) {
      if (e.isOpenFailure()) {
        log.warning(e.getMessage());
      } else {
        err.print(e.getMessage());
        err.flush();
      }
      throw new ExitException(1);
    } catch (IOException e) {
      log.warning("Fatal error reading the configuration from stdin: " + e.getMessage());
      throw new ExitException(1);
    }
    log.level(ServerLog.parseLevel(String.valueOf(config.get("loglevel"))));
    try {
      log.file(String.valueOf(config.get("logfile")));
    } catch (IOException e) {
      err.println("Can't open the log file: " + e.getMessage());
      throw new ExitException(1);
    }
    // lines of code without an engine at hand go to the server's log too (its engine's are
    // routed by NetServer)
    io.lime.internal.util.LimeLog.sink(log.engineSink());
    log.warning("oO0OoO0OoO0Oo LIME is starting oO0OoO0OoO0Oo");
    log.warning("LIME version=" + LimeVersion.VALUE + ", redis_version="
        + ServerState.REDIS_VERSION + ", bits=64, java=" + System.getProperty("java.version")
        + ", pid=" + ProcessHandle.current().pid() + ", just started");
    if (args.length == 0) {
      log.warning("Warning: no config file specified, using the default config. In order to"
          + " specify a config file use java -jar lime-server.jar /path/to/redis.conf");
    } else {
      log.warning("Configuration loaded");
    }
    log.role('M');
    NetServer server;
    try {
      server = NetServer.start(config, log, null);
    } catch (io.lime.persistence.PersistenceException e) {
      log.warning(e.getMessage()); // corrupt or truncated saved data: names file and offset
      throw new ExitException(1);
    } catch (IOException e) {
      log.warning(e.getMessage() != null && (e.getMessage().startsWith("Failed")
          || e.getMessage().startsWith("Fatal config error")
          || e.getMessage().equals(io.lime.server.internal.Listeners.NO_LISTENER))
              ? e.getMessage()
              : "Failed listening on port " + config.get("port") + " (TCP), aborting.");
      throw new ExitException(1);
    }
    java.nio.file.Path pidFile = writePidFile(String.valueOf(config.get("pidfile")), log);
    log.notice("Running mode=standalone, port=" + server.port() + ".");
    log.warning("Server initialized");
    log.notice("Ready to accept connections");
    NetServer s = server;
    server.state().shutdownHook(() -> {
      log.warning("User requested shutdown...");
      s.close();
      removePidFile(pidFile);
      log.warning("LIME is now ready to exit, bye bye...");
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!s.isClosing()) {
        log.warning("Received SIGTERM scheduling shutdown...");
        io.lime.internal.persistence.rdb.RdbPersistence rdb =
            s.state().engine().persistence().unwrap(
                io.lime.internal.persistence.rdb.RdbPersistence.class);
        if (rdb != null) {
          rdb.shutdownSave(false, false); // save rules exist: final snapshot, as Redis
        }
        s.close();
        removePidFile(pidFile);
        log.warning("LIME is now ready to exit, bye bye...");
      }
    }, "lime-shutdown"));
    return server;
  }

  /**
   * Redis's createPidFile: the process id and a newline in {@code path} (none when empty); a
   * failure is logged and start-up goes on, as Redis. Returns the file written, or null.
   */
  static java.nio.file.@org.jspecify.annotations.Nullable Path writePidFile(String path,
      ServerLog log) {
    if (path.isEmpty()) {
      return null;
    }
    java.nio.file.Path p = java.nio.file.Path.of(path);
    try {
      java.nio.file.Files.writeString(p, ProcessHandle.current().pid() + "\n");
      return p;
    } catch (IOException | RuntimeException e) {
      log.warning("Failed to write PID file: " + e.getMessage());
      return null;
    }
  }

  /** Removes the pid file at shutdown, as Redis does. */
  private static void removePidFile(java.nio.file.@org.jspecify.annotations.Nullable Path p) {
    if (p != null) {
      try {
        java.nio.file.Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // nothing more to do at exit
      }
    }
  }

  static String versionLine() {
    return "LIME server v=" + LimeVersion.VALUE + " redis=" + ServerState.REDIS_VERSION
        + " sha=00000000:0 malloc=jvm bits=64 java=" + System.getProperty("java.version");
  }

  private static void usage(PrintStream err) {
    String cmd = "java -jar lime-server.jar";
    err.println("Usage: " + cmd + " [/path/to/redis.conf] [options] [-]");
    err.println("       " + cmd + " - (read config from stdin)");
    err.println("       " + cmd + " -v or --version");
    err.println("       " + cmd + " -h or --help");
    err.println();
    err.println("Examples:");
    err.println("       " + cmd + " (run the server with default conf)");
    err.println("       echo 'maxmemory 128mb' | " + cmd + " -");
    err.println("       " + cmd + " /etc/redis/6379.conf");
    err.println("       " + cmd + " --port 7777");
    err.println("       " + cmd + " /etc/myredis.conf --loglevel verbose -");
    err.println("       " + cmd + " /etc/myredis.conf --loglevel verbose");
    err.println();
    err.println("Directives (in a config file as \"name value\", on the command line as --name value;");
    err.println("every one with its default and description in lime.conf):");
    for (String line : ConfigReference.helpLines()) {
      err.println(line);
    }
  }

  /** Ends start-up with an exit status. */
  static final class ExitException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    ExitException(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }
}
