package io.lime.internal.store;

import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.WriteUnit;
import org.jspecify.annotations.Nullable;

/**
 * One typed-API write (or a whole {@code transaction}) as the persistence sees it: the
 * embedded views' counterpart of the dispatcher's propagation step ({@code Propagations}).
 * A write method brackets its body:
 *
 * <pre>{@code
 * TypedWrite w = TypedWrite.begin(engine, db);      // null: nothing wants commands
 * try {
 *   ... lock shards, mutate, engine.dirty(n) ...
 * } finally {
 *   if (w != null) w.end("HSET", key, field, value);
 * }
 * }</pre>
 *
 * <p>{@link #begin} returns null unless the engine has a persistence that wants commands
 * ({@link Propagation#active()}), so with {@code Persistence.none()} (and snapshot-only
 * persistence) a write pays one volatile read and builds nothing. Otherwise it takes the
 * write-order lock <em>before</em> the method locks any shard (the rule every writer follows,
 * see {@link Propagation}), opens an execution unit and remembers the dirty counter. {@link
 * #end} propagates the command, as a client would have sent it or in the deterministic form
 * Redis 7.0 rewrites it to, only if the dirty counter moved for another reason than lazy
 * expiry (as the dispatcher: a write that changed nothing is not logged), closes the unit
 * (deletions by expiry first, then the command, then the pops of blocked clients it served;
 * several wrapped in {@code MULTI}/{@code EXEC}), releases the lock and, for the outermost
 * write of the thread, makes the log as durable as configured (the AOF's reply barrier: with
 * {@code appendfsync always} the write is on disk when the method returns).
 *
 * <p>Arguments of {@link #end(Object...)}: {@code byte[]} (copied), {@code String} (UTF-8),
 * {@code Long}/{@code Integer} (decimal), {@code Double} (a score: {@link #score(double)}),
 * {@code byte[][]} and collections of {@code byte[]} (flattened).
 */
final class TypedWrite {
  private final WriteUnit unit;

  private TypedWrite(WriteUnit unit) {
    this.unit = unit;
  }

  /** Transitional: see {@link WriteUnit#begin}. */
  static @Nullable TypedWrite begin(Engine engine, int db) {
    WriteUnit u = WriteUnit.begin(engine, db);
    return u == null ? null : new TypedWrite(u);
  }

  void end(Object... parts) {
    unit.end(parts.length == 0 ? null : () -> Argvs.of(parts));
  }

  // ------------------------------------------------------------------ argv forms

  static byte[][] argv(Object... parts) {
    return Argvs.of(parts);
  }

  static String score(double d) {
    return Argvs.score(d);
  }

  static byte[] ascii(String s) {
    return Argvs.ascii(s);
  }
}
