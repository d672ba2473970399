package io.lime.internal.command;

import io.lime.internal.aof.AppendOnlyFile;

/** The append-only file's command (Redis's group "server"): BGREWRITEAOF. */
public final class AofCommands implements CommandGroup {
  static final String REWRITE_STARTED = "Background append only file rewriting started";
  static final String REWRITE_SCHEDULED = "Background append only file rewriting scheduled";
  static final String REWRITE_IN_PROGRESS =
      "ERR Background append only file rewriting already in progress";

  /**
   * BGREWRITEAOF — O(1). Starts a background rewrite of the AOF (see {@link AppendOnlyFile}),
   * or schedules it when one cannot start now; an error while one runs.
   */
  static void bgrewriteaof(Call c) {
    AppendOnlyFile aof = aof(c.server());
    if (aof == null) {
      c.out().simple(REWRITE_STARTED); // no AOF configured (in-process command layer): nothing to do
      return;
    }
    switch (aof.bgrewrite()) {
      case STARTED -> c.out().simple(REWRITE_STARTED);
      case SCHEDULED -> c.out().simple(REWRITE_SCHEDULED);
      case ALREADY_IN_PROGRESS -> c.out().error(REWRITE_IN_PROGRESS);
      default -> throw new IllegalStateException();
    }
  }

  /** The server's AOF, or null when its persistence has none. */
  static @org.jspecify.annotations.Nullable AppendOnlyFile aof(ServerState server) {
    return server.engine().persistence().unwrap(AppendOnlyFile.class);
  }

  /** INFO persistence's aof_* lines, as Redis 7.0 prints them. */
  static void info(StringBuilder sb, ServerState server) {
    AppendOnlyFile aof = aof(server);
    boolean on = aof != null && aof.enabled();
    InfoSections.line(sb, "aof_enabled", on ? 1 : 0);
    InfoSections.line(sb, "aof_rewrite_in_progress", aof != null && aof.rewriteInProgress() ? 1 : 0);
    InfoSections.line(sb, "aof_rewrite_scheduled", aof != null && aof.rewriteScheduled() ? 1 : 0);
    InfoSections.line(sb, "aof_last_rewrite_time_sec", aof == null ? -1 : aof.lastRewriteTimeSeconds());
    InfoSections.line(sb, "aof_current_rewrite_time_sec",
        aof == null ? -1 : aof.currentRewriteTimeSeconds());
    InfoSections.line(sb, "aof_last_bgrewrite_status", aof == null || aof.lastRewriteOk() ? "ok" : "err");
    InfoSections.line(sb, "aof_rewrites", aof == null ? 0 : aof.rewrites());
    InfoSections.line(sb, "aof_rewrites_consecutive_failures", 0);
    InfoSections.line(sb, "aof_last_write_status", aof == null || aof.lastWriteOk() ? "ok" : "err");
    InfoSections.line(sb, "aof_last_cow_size", 0);
  }

  /** The lines Redis adds after module_fork_last_cow_size when the AOF is on. */
  static void infoWhenEnabled(StringBuilder sb, ServerState server) {
    AppendOnlyFile aof = aof(server);
    if (aof == null || !aof.enabled()) {
      return;
    }
    InfoSections.line(sb, "aof_current_size", aof.currentSize());
    InfoSections.line(sb, "aof_base_size", aof.baseSize());
    InfoSections.line(sb, "aof_pending_rewrite", aof.rewriteScheduled() ? 1 : 0);
    InfoSections.line(sb, "aof_buffer_length", aof.bufferLength());
    InfoSections.line(sb, "aof_pending_bio_fsync", 0);
    InfoSections.line(sb, "aof_delayed_fsync", 0);
  }
}
