package io.lime.internal.command;

import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.WriteUnit;

/**
 * How a command is propagated to the persistence (Redis's call() propagation step and the
 * rewrites its handlers make with rewriteClientCommandVector). Used only while
 * {@link Propagation#active()}; the dispatcher's path is unchanged otherwise.
 *
 * <p>A WRITE command that changed the data set ({@code engine.dirty} moved) or forced it
 * propagates its arguments, or, when its effect depends on the time or on chance, the
 * deterministic form Redis 7.0 writes to its AOF:
 * <ul>
 *   <li>the string family (SET with an expiry or GET, SETEX, PSETEX, GETEX, GETDEL,
 *       INCRBYFLOAT): set by its operations ({@code StringWrites}, {@code StringType});
 *   <li>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: {@code PEXPIREAT key ms}, or {@code DEL key}
 *       when the deadline had passed (set by its operation, {@code ExpireOps.expire});
 *   <li>HINCRBYFLOAT: {@code HSET key field value} (set by its operation,
 *       {@code HashType.hincrByFloat});
 *   <li>SPOP: SREM of the popped members, or DEL (in SetType.pop); blocked clients served by a
 *       push: LPOP/RPOP/LMOVE/ZPOPMIN/ZPOPMAX (in the waiters); keys deleted by expiry: DEL.
 * </ul>
 * The operations set these forms while they run ({@code Propagation.rewrite}), so the typed API
 * propagates the same; a command that set none propagates its arguments (for the typed API,
 * which has none, the operations set those too: {@code LockedKey.asGiven()}). FLUSHDB and
 * FLUSHALL are always propagated (their operations in {@code KeyspaceOps} force it, as
 * Redis's forceCommandPropagation).
 */
final class Propagations {
  private Propagations() {}

  /** Whether the command must run holding the write-order lock. */
  static boolean ordered(CommandSpec target) {
    return target.has(CommandFlag.WRITE) || switch (target.name()) {
      case "exec", "eval", "evalsha", "fcall" -> true; // a unit of several writes
      default -> false;
    };
  }

  /**
   * Runs the handler of {@code target} in an execution unit of {@code prop}, holding the
   * write-order lock for write commands, and queues its propagation.
   */
  static void execute(Call call, CommandSpec target, boolean outer, long now, Propagation prop) {
    var engine = call.engine();
    WriteUnit unit = WriteUnit.command(engine, prop, call.client().db(), ordered(target));
    boolean write = target.has(CommandFlag.WRITE);
    try {
      if (outer) {
        call.now(now);
      }
      try {
        target.run(call);
        if (outer) {
          engine.blocking().serveReady();
        }
      } finally {
        if (outer) {
          call.clearNow();
        }
      }
    } finally {
      // the command as given, unless its operation set a deterministic form
      unit.end(write ? call.argv()::toArrays : null, false);
    }
  }
}
