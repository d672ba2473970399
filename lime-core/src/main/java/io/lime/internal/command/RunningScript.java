package io.lime.internal.command;

import io.lime.internal.engine.Errors;

/**
 * The script or function running now (Redis's curr_run_ctx), published by {@link
 * ScriptCommands#runLocked} for the other threads: the dispatcher of another client makes its
 * command wait while the script runs and, once the script has run longer than {@code
 * busy-reply-threshold}, refuses it with BUSY unless the command is flagged {@code allow_busy}
 * (SCRIPT KILL, FUNCTION KILL, FUNCTION STATS, SHUTDOWN...). Clients served by the script's
 * own loop thread are served from the script's interpreter hook once it has run past the
 * threshold ({@link ScriptCaller#whileRunning}); their commands, dispatched on the script's
 * thread but not by its client, get BUSY at once. A command of another loop that passed
 * this check before the script started (or is allowed while busy, as WATCH) and then waits
 * for a lock the script holds keeps its loop serving the other clients past the threshold
 * ({@link io.lime.internal.engine.LockWaits}, {@link ServerState#scriptBusyElsewhere()}); it
 * runs once the script ends.
 */
final class RunningScript {
  final Thread thread = Thread.currentThread();
  final long startNanos = System.nanoTime();
  final boolean eval;
  final String name;
  /** The FCALL command as sent (FUNCTION STATS); empty for a script, which it never shows. */
  final byte[][] command;
  final ScriptCaller caller;
  private boolean done;

  RunningScript(boolean eval, String name, byte[][] command, ScriptCaller caller) {
    this.eval = eval;
    this.name = name;
    this.command = command;
    this.caller = caller;
  }

  /** Ends the run and wakes the commands waiting for it. */
  synchronized void done() {
    done = true;
    notifyAll();
  }

  /**
   * Waits until the run ends or has lasted {@code thresholdMillis}; returns true when it is
   * still running (the caller replies BUSY).
   */
  synchronized boolean busyAfterWait(long thresholdMillis) {
    long deadline = startNanos + Math.max(0, thresholdMillis) * 1_000_000L;
    while (!done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        wait(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return false;
  }

  /** The BUSY error for a command refused while this runs. */
  String busyError() {
    return eval ? Errors.BUSY_EVAL : Errors.BUSY_FUNCTION;
  }

  /** Milliseconds since the run started. */
  long durationMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }
}
