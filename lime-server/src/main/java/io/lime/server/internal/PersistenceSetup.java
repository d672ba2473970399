package io.lime.server.internal;

import io.lime.internal.aof.AppendOnlyFile;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.persistence.EngineContext;
import io.lime.internal.persistence.rdb.ConfigSettings;
import io.lime.internal.persistence.rdb.RdbPersistence;
import io.lime.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The server's persistence from its directives: the append-only file ({@code appendonly},
 * {@code appendfsync}, {@code appenddirname}, {@code appendfilename}, {@code aof-*},
 * {@code auto-aof-rewrite-*}, {@code dir}), opened (loaded) before the server accepts
 * connections, with the directives Redis lets CONFIG SET change bound to it.
 *
 * <p>Snapshots (RDB {@code save} rules) are composed here too once available, through
 * {@link Persistence#all}: the AOF part must come last, and with {@code appendonly yes} only
 * the AOF loads (Redis ignores dump.rdb then).
 */
public final class PersistenceSetup {
  private PersistenceSetup() {}

  /**
   * Builds the AOF over {@code engine}, installs it as the engine's persistence, loads it
   * and binds its directives.
   *
   * @throws IOException if the saved data cannot be loaded (the message names the file)
   */
  public static AppendOnlyFile open(ConfigRegistry config, ServerLog log, Engine engine,
      Dispatcher dispatcher) throws IOException {
    AppendOnlyFile aof = new AppendOnlyFile(Path.of(String.valueOf(config.get("dir"))),
        String.valueOf(config.get("appenddirname")), String.valueOf(config.get("appendfilename")),
        new AppendOnlyFile.Log() {
          @Override
          public void notice(String message) {
            log.notice(message);
          }

          @Override
          public void warning(String message) {
            log.warning(message);
          }
        });
    aof.enabled(config.getBool("appendonly"))
        .fsync(AppendOnlyFile.Fsync.parse(String.valueOf(config.get("appendfsync"))))
        .loadTruncated(config.getBool("aof-load-truncated"))
        .rdbPreamble(config.getBool("aof-use-rdb-preamble"))
        .rdbOptions(bool(config, "rdbcompression", true), bool(config, "rdbchecksum", true))
        .autoRewrite(config.getLong("auto-aof-rewrite-percentage"),
            config.getLong("auto-aof-rewrite-min-size"))
        .loader(dispatcher);
    // RDB snapshots (SAVE, BGSAVE, save rules) come first; they load dump.rdb unless the AOF
    // is on (Redis then loads only the AOF)
    RdbPersistence rdb = new RdbPersistence(new ConfigSettings(config), false);
    aof.pairWith(rdb);
    Persistence before = engine.persistence();
    engine.persistence(before instanceof Persistence.None ? rdb : Persistence.all(before, rdb));
    rdb.open(new EngineContext(engine));
    Persistence current = engine.persistence();
    engine.persistence(current instanceof Persistence.None ? aof : Persistence.all(current, aof));
    aof.open(new EngineContext(engine));
    bind(config, aof, rdb);
    return aof;
  }

  private static boolean bool(ConfigRegistry config, String name, boolean dflt) {
    String v = config.get(name);
    return v == null ? dflt : v.equals("yes");
  }

  private static void bind(ConfigRegistry config, AppendOnlyFile aof, RdbPersistence rdb) {
    config.onChange((name, v) -> changed(config, aof, rdb, name, v), "appendfsync",
        "aof-load-truncated", "aof-use-rdb-preamble", "auto-aof-rewrite-percentage",
        "auto-aof-rewrite-min-size", "save");
    config.applier("appendonly", v -> appendonly(aof, v));
  }

  /** The AOF's directives and {@code save} on CONFIG SET. */
  private static void changed(ConfigRegistry config, AppendOnlyFile aof, RdbPersistence rdb,
      String name, String v) {
    switch (name) {
      case "save" -> rdb.rulesChanged(); // the snapshot cron runs once there are rules
      case "appendfsync" -> aof.fsync(AppendOnlyFile.Fsync.parse(v));
      case "aof-load-truncated" -> aof.loadTruncated(v.equals("yes"));
      case "aof-use-rdb-preamble" -> aof.rdbPreamble(v.equals("yes"));
      default -> aof.autoRewrite(config.getLong("auto-aof-rewrite-percentage"),
          config.getLong("auto-aof-rewrite-min-size")); // auto-aof-rewrite-*
    }
  }

  /** CONFIG SET appendonly: turns the AOF on or off, or refuses with Redis's text. */
  private static void appendonly(AppendOnlyFile aof, String v) throws ConfigException {
    try {
      if (v.equals("yes")) {
        aof.enable();
      } else {
        aof.disable();
      }
    } catch (IOException e) {
      throw new ConfigException("Unable to turn on AOF. Check server logs.", "appendonly");
    }
  }
}
