package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;

/**
 * Server commands of this slice (Redis's group "server"): INFO, TIME, SHUTDOWN. CONFIG is
 * {@link ConfigCommands}, COMMAND is {@link CommandCommands}, DBSIZE/FLUSH* are
 * {@link DatabaseCommands}.
 */
public final class ServerCommands implements CommandGroup {
  static final String SHUTDOWN_FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";
  static final String NO_SHUTDOWN_IN_PROGRESS = "ERR No shutdown in progress.";

  /**
   * INFO [section [section ...]] — O(1). A verbatim string in RESP3 (bulk in RESP2);
   * unknown sections are ignored, an all-unknown request gives an empty string.
   */
  static void info(Call call) {
    String text = InfoSections.render(call.server(),
        InfoSections.expand(InfoSections.names(call.argv(), 1)));
    call.out().verbatim("txt", text);
  }

  /**
   * TIME — O(1). Unix seconds and microseconds as bulk strings, from the engine's ticker
   * (the clock expiry uses), so its resolution is the ticker's millisecond.
   */
  static void time(Call call) {
    long now = call.now();
    call.out().arrayHeader(2);
    call.out().bulk(Math.floorDiv(now, 1000));
    call.out().bulk(Math.floorMod(now, 1000) * 1000L);
  }

  /**
   * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT] — options checked as Redis 7.0. Stops the
   * server through {@link ServerState#shutdownHook()}; on success nothing is replied (the
   * connection closes). Saves an RDB snapshot first with SAVE, or when {@code save} rules
   * exist and NOSAVE is not given; a failed save refuses the shutdown unless FORCE. Without a
   * hook (in-process use) it fails as Redis does when shutdown is refused. ABORT always
   * replies that no shutdown is in progress: LIME's shutdown is immediate.
   */
  static void shutdown(Call call) {
    Argv argv = call.argv();
    boolean nosave = false;
    boolean save = false;
    boolean other = false;
    boolean abort = false;
    boolean force = false;
    for (int i = 1; i < argv.size(); i++) {
      if (argv.is(i, "NOSAVE")) {
        nosave = true;
      } else if (argv.is(i, "SAVE")) {
        save = true;
      } else if (argv.is(i, "NOW") || argv.is(i, "FORCE")) {
        other = true;
        force |= argv.is(i, "FORCE");
      } else if (argv.is(i, "ABORT")) {
        abort = true;
      } else {
        call.out().error(Errors.SYNTAX);
        return;
      }
    }
    if ((abort && (nosave || save || other)) || (nosave && save)) {
      call.out().error(Errors.SYNTAX);
      return;
    }
    if (abort) {
      call.out().error(NO_SHUTDOWN_IN_PROGRESS);
      return;
    }
    String busy = ScriptCommands.stopForShutdown(call, nosave);
    if (busy != null) {
      call.out().error(busy);
      return;
    }
    Runnable hook = call.server().shutdownHook();
    if (hook == null) {
      call.out().error(SHUTDOWN_FAILED);
      return;
    }
    if (!SnapshotCommands.saveForShutdown(call.server(), save, nosave) && !force) {
      call.out().error(SHUTDOWN_FAILED);
      return;
    }
    call.client().closeAfterReply(true);
    hook.run();
  }
}
