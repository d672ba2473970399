package io.lime.internal.store;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Shard;
import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
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
  private static final byte[] DEL = ascii("DEL");
  private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
  private static final byte[] PERSIST = ascii("PERSIST");

  private final Engine engine;
  private final Propagation prop;
  private final int db;
  private final boolean outer;
  private final boolean unit;
  private final long dirtyBefore;

  private TypedWrite(Engine engine, Propagation prop, int db, boolean unit) {
    this.engine = engine;
    this.prop = prop;
    this.db = db;
    ReentrantLock order = prop.order();
    this.outer = !order.isHeldByCurrentThread();
    order.lock();
    this.unit = unit;
    if (unit) {
      prop.begin();
    }
    this.dirtyBefore = engine.dirty() - prop.expiredByThisThread();
  }

  /**
   * Opens a write of database {@code db}, or returns null when no persistence wants commands
   * (then the caller builds nothing).
   */
  static @Nullable TypedWrite begin(Engine engine, int db) {
    Propagation p = engine.propagation();
    if (p == null || !p.active()) {
      return null;
    }
    return new TypedWrite(engine, p, db, true);
  }

  /**
   * Opens a typed transaction: takes the write-order lock whenever the engine has a
   * persistence at all (so the operations inside, which lock shards after it, keep the lock
   * order even if an AOF is switched on meanwhile), and an execution unit when commands are
   * wanted, so the operations inside are propagated together ({@code MULTI ... EXEC} when more
   * than one). Null with {@code Persistence.none()}.
   */
  static @Nullable TypedWrite beginTransaction(Engine engine, int db) {
    Propagation p = engine.propagation();
    if (p == null) {
      return null;
    }
    return new TypedWrite(engine, p, db, p.active());
  }

  /** Whether the data set changed since {@link #begin} (expiry deletions aside). */
  boolean changed() {
    return engine.dirty() - prop.expiredByThisThread() != dirtyBefore;
  }

  /**
   * Ends the write: propagates the command made of {@code parts} if it changed the data set
   * (nothing when {@code parts} is empty), then closes the unit.
   */
  void end(Object... parts) {
    byte[][] argv = null;
    try {
      if (unit && parts.length > 0 && changed()) {
        argv = argv(parts);
      }
    } finally {
      close(argv);
    }
  }

  /** As {@link #end(Object...)}, propagating even when nothing changed (FLUSHDB). */
  void endForced(Object... parts) {
    close(unit ? argv(parts) : null);
  }

  /**
   * Ends the write propagating {@code argv} (already in its final form; null: nothing) if it
   * changed the data set.
   */
  void endWith(byte @Nullable [][] argv) {
    close(unit && changed() ? argv : null);
  }

  private void close(byte @Nullable [][] argv) {
    try {
      if (unit) {
        try {
          prop.commandDone(db, argv);
        } finally {
          prop.end();
        }
      }
    } finally {
      prop.order().unlock();
    }
    if (outer) {
      prop.beforeReply();
    }
  }

  // ------------------------------------------------------------------ argv forms

  /** {@code parts} as a command (see the class comment for the accepted types). */
  static byte[][] argv(Object... parts) {
    List<byte[]> out = new ArrayList<>(parts.length + 4);
    for (Object p : parts) {
      add(out, p);
    }
    return out.toArray(new byte[0][]);
  }

  private static void add(List<byte[]> out, Object p) {
    if (p instanceof byte[] b) {
      out.add(b.clone());
    } else if (p instanceof String s) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
    } else if (p instanceof Long || p instanceof Integer) {
      out.add(Numbers.toBytes(((Number) p).longValue()));
    } else if (p instanceof Double d) {
      out.add(ascii(score(d)));
    } else if (p instanceof byte[][] many) {
      for (byte[] b : many) {
        out.add(b.clone());
      }
    } else if (p instanceof Collection<?> many) {
      for (Object o : many) {
        add(out, o);
      }
    } else {
      throw new IllegalArgumentException("cannot propagate " + p.getClass());
    }
  }

  /**
   * A double as a client would send it and Redis parses it back to the same value: {@code inf}
   * / {@code -inf}, integers without a fraction, otherwise Java's shortest round-trip text.
   */
  static String score(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53 && !(d == 0 && 1 / d < 0)) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /**
   * The deadline of {@code key} after an expiry write, as Redis propagates EXPIRE and GETEX:
   * {@code PEXPIREAT key ms}; {@code DEL key} when the key is gone (a deadline in the past
   * deletes it); {@code PERSIST key} when it has none.
   */
  static byte[][] expiryForm(Database db, byte[] key) {
    long at = deadline(db, key);
    if (at == MISSING) {
      return new byte[][] {DEL, key.clone()};
    }
    if (at == Entry.NO_EXPIRY) {
      return new byte[][] {PERSIST, key.clone()};
    }
    return new byte[][] {PEXPIREAT, key.clone(), Numbers.toBytes(at)};
  }

  private static final long MISSING = Long.MIN_VALUE;

  /** Whether {@code key} is gone (expired entries still count as present). */
  static boolean missing(Database db, byte[] key) {
    return deadline(db, key) == MISSING;
  }

  /**
   * The deadline of {@code key} (expired or not; nothing deleted), {@link Entry#NO_EXPIRY}, or
   * {@link #MISSING}. Called holding the write-order lock, so nothing changed it since the write.
   */
  private static long deadline(Database db, byte[] key) {
    int h = Hashing.hash(key, 0, key.length);
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.find(key, 0, key.length, h, Long.MIN_VALUE);
      return e == null ? MISSING : e.expireAt();
    } finally {
      s.unlock();
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
