package io.lime.internal.script;

import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/**
 * What a running script needs from the command layer: running a command for {@code
 * redis.call}/{@code redis.pcall} (through the same command table and checks as a client's
 * command, as Redis's scriptCall) and logging.
 */
public interface ScriptHost {
  /**
   * Runs {@code argv} as the script's client, replying to {@code out} (whose protocol is the
   * one the script chose with {@code redis.setresp}). Returns null when the command ran
   * (its reply, maybe an error, is in {@code out}), or the error text, with its code, when the
   * command was refused before running (unknown, wrong arity, not allowed from scripts, a
   * write in a read-only script).
   */
  @Nullable String call(byte[][] argv, ReplySink out);

  /**
   * {@code redis.acl_check_cmd}: whether the caller may run {@code argv}; null when the command
   * is unknown.
   */
  @Nullable Boolean aclCheck(byte[][] argv);

  /**
   * {@code redis.set_repl}: where the script's next commands propagate (bits 1 AOF, 2
   * replicas; Redis's PROPAGATE_*). All by default, at each run's start.
   */
  default void replication(int flags) {}

  /** {@code redis.log}: level 0 (debug) to 3 (warning). */
  void log(int level, String message);

  /**
   * Called by the interpreter every few thousand instructions while the script runs: lets the
   * host serve its other clients once the script has run past {@code busy-reply-threshold}
   * (Redis's processEventsWhileBlocked). Does nothing by default.
   */
  default void whileRunning() {}
}
