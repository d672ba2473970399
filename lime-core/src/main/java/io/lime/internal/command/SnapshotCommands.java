package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.persistence.rdb.RdbPersistence;
import org.jspecify.annotations.Nullable;

/**
 * RDB snapshot commands (Redis's group "server"): SAVE, BGSAVE, LASTSAVE. They act on the
 * engine's {@link RdbPersistence} (the server always has one); without one (an in-process
 * command layer with no persistence) SAVE and BGSAVE fail with Redis's bare {@code ERR}.
 */
public final class SnapshotCommands implements CommandGroup {
  static final String IN_PROGRESS = "ERR Background save already in progress";
  static final String OTHER_CHILD = "ERR Another child process is active (AOF?): can't BGSAVE "
      + "right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.";
  /** Redis's shared.err. */
  static final String BARE_ERR = "ERR";

  /** The engine's snapshots, or null when its persistence has none. */
  static @Nullable RdbPersistence rdb(ServerState server) {
    return server.engine().persistence().unwrap(RdbPersistence.class);
  }

  /**
   * Redis's writeCommandsDeniedByDiskError for RDB: {@code stop-writes-on-bgsave-error yes},
   * {@code save} rules configured and the last BGSAVE failed (a failed SAVE does not count;
   * any successful save clears it). Write commands are then refused with MISCONF.
   */
  static boolean writesDenied(ServerState server) {
    RdbPersistence rdb = rdb(server);
    return rdb != null && !rdb.lastBgsaveOk() && rdb.hasSaveRules()
        && server.config().getBool("stop-writes-on-bgsave-error");
  }

  /**
   * SAVE — O(N). Writes a snapshot now, replying when it is on disk (see {@link
   * RdbPersistence} for the consistency it gives); an error while a BGSAVE runs.
   */
  static void save(Call c) {
    RdbPersistence rdb = rdb(c.server());
    if (rdb == null) {
      c.out().error(BARE_ERR);
      return;
    }
    switch (rdb.save()) {
      case OK -> c.out().ok();
      case IN_PROGRESS -> c.out().error(IN_PROGRESS);
      default -> c.out().error(BARE_ERR);
    }
  }

  /**
   * BGSAVE [SCHEDULE] — O(1). Starts a snapshot on a background thread; with SCHEDULE, while
   * another background job (an AOF rewrite) runs, schedules it for when that ends.
   */
  static void bgsave(Call c) {
    boolean schedule = false;
    if (c.argv().size() > 1) {
      if (c.argv().size() == 2 && c.argv().is(1, "SCHEDULE")) {
        schedule = true;
      } else {
        c.out().error(Errors.SYNTAX);
        return;
      }
    }
    RdbPersistence rdb = rdb(c.server());
    if (rdb == null) {
      c.out().error(BARE_ERR);
      return;
    }
    switch (rdb.bgsave(schedule)) {
      case STARTED -> c.out().simple("Background saving started");
      case SCHEDULED -> c.out().simple("Background saving scheduled");
      case IN_PROGRESS -> c.out().error(IN_PROGRESS);
      case OTHER_CHILD_ACTIVE -> c.out().error(OTHER_CHILD);
      default -> c.out().error(BARE_ERR);
    }
  }

  /** LASTSAVE — O(1). Unix time of the last successful save (start-up time if none). */
  static void lastsave(Call c) {
    RdbPersistence rdb = rdb(c.server());
    c.out().integer(rdb != null ? rdb.lastSaveSeconds() : c.server().lastSaveSeconds());
  }

  /**
   * Redis's prepareForShutdown saving step: saves when {@code save} is given, or when there
   * are save rules and {@code nosave} is not given. Returns false when a needed save failed.
   */
  static boolean saveForShutdown(ServerState server, boolean save, boolean nosave) {
    RdbPersistence rdb = rdb(server);
    if (rdb == null) {
      return true;
    }
    return rdb.shutdownSave(save, nosave);
  }

  /** INFO persistence's rdb_* lines, as Redis 7.0 prints them. */
  static void info(StringBuilder sb, ServerState server) {
    RdbPersistence rdb = rdb(server);
    InfoSections.line(sb, "rdb_changes_since_last_save", server.engine().dirty());
    InfoSections.line(sb, "rdb_bgsave_in_progress", rdb != null && rdb.bgsaveInProgress() ? 1 : 0);
    InfoSections.line(sb, "rdb_last_save_time",
        rdb != null ? rdb.lastSaveSeconds() : server.lastSaveSeconds());
    InfoSections.line(sb, "rdb_last_bgsave_status", rdb == null || rdb.lastBgsaveOk() ? "ok" : "err");
    InfoSections.line(sb, "rdb_last_bgsave_time_sec", rdb == null ? -1 : rdb.lastBgsaveTimeSeconds());
    InfoSections.line(sb, "rdb_current_bgsave_time_sec",
        rdb == null ? -1 : rdb.currentBgsaveTimeSeconds());
    InfoSections.line(sb, "rdb_saves", rdb == null ? 0 : rdb.saves());
    InfoSections.line(sb, "rdb_last_cow_size", 0);
    InfoSections.line(sb, "rdb_last_load_keys_expired", rdb == null ? 0 : rdb.lastLoadKeysExpired());
    InfoSections.line(sb, "rdb_last_load_keys_loaded", rdb == null ? 0 : rdb.lastLoadKeysLoaded());
  }
}
