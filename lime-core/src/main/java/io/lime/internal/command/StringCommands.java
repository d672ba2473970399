package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StringType;
import io.lime.internal.type.StringWrites;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The string commands (Redis's src/t_string.c command half). Each handler parses its
 * arguments in place, locks the key's shard, calls the key-level operation of
 * {@link StringType} or {@link StringWrites} (the one home of their semantics, shared with
 * the typed API) and replies; errors the operations throw are replied with their Redis text.
 * Keyspace hits and misses are counted here, where Redis uses lookupKeyRead. LCS lives in
 * {@link StringLcsCommand}.
 */
public final class StringCommands implements CommandGroup {
  private static final byte[] EMPTY = new byte[0];

  // ------------------------------------------------------------------ reads

  /** GET key — O(1). */
  void get(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      if (e == null) {
        c.out().nullBulk();
      } else {
        StringType.reply(c.out(), e);
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** MGET key [key ...] — O(N) where N is the number of keys. */
  void mget(Call c) {
    ReplySink out = c.out();
    int n = c.argv().size();
    Database db = c.db();
    long mask = db.lockKeys(c.argv(), 1, -1, 1); // not a KeyLocks: MGET allocates nothing
    try {
      out.arrayHeader(n - 1);
      for (int i = 1; i < n; i++) {
        Entry e = readEntry(c, i);
        if (e != null && StringType.isString(e)) {
          StringType.reply(out, e);
        } else {
          out.nullBulk();
        }
      }
    } finally {
      db.unlock(mask);
    }
  }

  /** STRLEN key — O(1). */
  void strlen(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      c.out().integer(e == null ? 0 : StringType.length(e));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** SUBSTR: {@code getrange(c)}. */
  void substr(Call c) { getrange(c); }

  /** GETRANGE key start end (and SUBSTR) — O(N) where N is the length of the result. */
  void getrange(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integersOrReply(c, 2, 3)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      if (e == null) {
        c.out().bulk(EMPTY, 0, 0);
      } else {
        StringType.replyRange(c.out(), e, StringArgs.longValue(a, 2),
            StringArgs.longValue(a, 3));
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ SET family

  /** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT ts | PXAT ms-ts | KEEPTTL] — O(1). */
  void set(Call c) {
    Argv a = c.argv();
    long parsed = StringArgs.parseOptionsOrReply(c, true);
    if (parsed == StringArgs.SYNTAX_ERROR) {
      return;
    }
    boolean get = (StringArgs.flags(parsed) & StringArgs.GET) != 0;
    setGeneric(c, 2, StringArgs.setFlags(parsed), StringArgs.deadline(a, parsed, c.now()),
        get ? REPLY_OLD : REPLY_OK);
  }

  /** SETNX key value — O(1). */
  void setnx(Call c) { setGeneric(c, 2, StringWrites.NX, 0, REPLY_INTEGER); }

  /** SETEX key seconds value — O(1). */
  void setex(Call c) {
    setGeneric(c, 3, StringWrites.EXPIRE, StringArgs.deadline(c.argv(), 2, true, true, c.now()),
        REPLY_OK);
  }

  /** PSETEX key milliseconds value — O(1). */
  void psetex(Call c) {
    setGeneric(c, 3, StringWrites.EXPIRE, StringArgs.deadline(c.argv(), 2, false, true, c.now()),
        REPLY_OK);
  }

  /** GETSET key value — O(1). */
  void getset(Call c) { setGeneric(c, 2, 0, 0, REPLY_OLD); }

  private static final int REPLY_OK = 0;
  private static final int REPLY_INTEGER = 1;
  private static final int REPLY_OLD = 2;

  /**
   * Redis's setGenericCommand: the key is argument 1, the value argument {@code vi}; replies
   * OK or nil, 1 or 0 (SETNX), or the old value (SET ... GET, GETSET: read first as Redis's
   * getGenericCommand, so that the read is accounted before the write's events).
   */
  private static void setGeneric(Call c, int vi, int flags, long deadline, int reply) {
    if (deadline < 0) {
      c.out().error(StringWrites.deadlineError(deadline, c.spec().name()).getMessage());
      return;
    }
    Argv a = c.argv();
    Object value = StringType.encode(a.array(), a.offset(vi), a.length(vi));
    try (LockedKey k = c.lockKey(1)) {
      if (reply == REPLY_OLD) {
        StringType.reply(c.out(),
            StringWrites.setGet(k, readLookup(c, k), value, flags, deadline, a::toArrays));
      } else {
        boolean done = StringWrites.set(k, value, flags, deadline);
        if (reply == REPLY_INTEGER) {
          c.out().integer(done ? 1 : 0);
        } else if (done) {
          c.out().ok();
        } else {
          c.out().nullBulk();
        }
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** GETDEL key — O(1). */
  void getdel(Call c) { readAndWrite(c, StringWrites::getDel); }

  /** GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST] — O(1). */
  void getex(Call c) {
    Argv a = c.argv();
    long parsed = StringArgs.parseOptionsOrReply(c, false);
    if (parsed == StringArgs.SYNTAX_ERROR) {
      return;
    }
    int mode = StringArgs.getExMode(parsed);
    long deadline = StringArgs.deadline(a, parsed, c.now());
    readAndWrite(c, k -> StringWrites.getEx(k, mode, deadline));
  }

  /**
   * GETDEL and GETEX: replies the value {@code op} read (and then changed), its read accounted
   * as Redis's lookupKeyRead; an error (WRONGTYPE, GETEX's deadline) means the key exists.
   */
  private static void readAndWrite(Call c, Function<LockedKey, @Nullable Object> op) {
    try (LockedKey k = c.lockKey(1)) {
      Object value = op.apply(k);
      c.readLookup(value != null, 1);
      StringType.reply(c.out(), value);
    } catch (LimeException found) {
      c.readLookup(true, 1);
      c.out().error(found.getMessage());
    }
  }

  /** MSET key value [key value ...] — O(N) where N is the number of keys. */
  void mset(Call c) { msetGeneric(c, false); }

  /** MSETNX key value [key value ...] — O(N) where N is the number of keys. */
  void msetnx(Call c) { msetGeneric(c, true); }

  private static void msetGeneric(Call c, boolean nx) {
    Argv a = c.argv();
    if (a.size() % 2 == 0) {
      c.out().error(Errors.arity(c.spec().name()));
      return;
    }
    Database db = c.db();
    boolean done;
    long mask = db.lockKeys(a, 1, -1, 2); // a mask, not a KeyLocks: MSET allocates no handle
    try {
      done = StringWrites.mset(db, c.args(1, -1), c.now(), nx);
    } finally {
      db.unlock(mask);
    }
    if (nx) {
      c.out().integer(done ? 1 : 0);
    } else {
      c.out().ok();
    }
  }

  // ------------------------------------------------------------------ modifications

  /** APPEND key value — O(1) amortised. */
  void append(Call c) {
    Argv a = c.argv();
    long max = StringArgs.maxStringBytes(c);
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(StringWrites.append(k, a.array(), a.offset(2), a.length(2), max));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** SETRANGE key offset value — O(1) plus copying the value. */
  void setrange(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integerOrReply(c, 2)) {
      return;
    }
    long max = StringArgs.maxStringBytes(c);
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(StringWrites.setRange(k, StringArgs.longValue(a, 2), a.array(),
          a.offset(3), a.length(3), max));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** INCR key — O(1). */
  void incr(Call c) { incrDecr(c, 1, false); }

  /** DECR key — O(1). */
  void decr(Call c) { incrDecr(c, -1, false); }

  /** INCRBY key increment — O(1). */
  void incrby(Call c) { incrDecrBy(c, false); }

  /** DECRBY key decrement — O(1). */
  void decrby(Call c) { incrDecrBy(c, true); }

  private static void incrDecrBy(Call c, boolean decrement) {
    Argv a = c.argv();
    if (!KeyArgs.integerOrReply(c, 2)) {
      return;
    }
    incrDecr(c, StringArgs.longValue(a, 2), decrement);
  }

  /**
   * Redis's incrDecrCommand, shared by INCR, DECR, INCRBY and DECRBY: adds {@code amount},
   * or subtracts it for a {@code decrement} (DECRBY, whose overflow is checked first).
   */
  private static void incrDecr(Call c, long amount, boolean decrement) {
    try (LockedKey k = c.lockKey(1)) {
      long delta = decrement ? StringType.negateDecrement(amount) : amount;
      c.out().integer(StringType.incrBy(k, delta));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** INCRBYFLOAT key increment — O(1). */
  void incrbyfloat(Call c) {
    Argv a = c.argv();
    LongDouble increment = LongDouble.parse(a.array(), a.offset(2), a.length(2));
    try (LockedKey k = c.lockKey(1)) {
      c.out().bulk(StringType.incrByFloat(k, increment));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * {@link StringType#lookupString} accounted as Redis's lookupKeyRead: a keyspace hit (a key
   * of another type too), or a miss and the keymiss event ({@link Call#readLookup}).
   */
  private static @Nullable Entry readLookup(Call c, LockedKey k) {
    Entry e;
    try {
      e = StringType.lookupString(k);
    } catch (LimeException wrongType) {
      c.readLookup(true, 1);
      throw wrongType;
    }
    c.readLookup(e != null, 1);
    return e;
  }

  /**
   * {@link StringType#lookupValue} of the key at argument {@code i}, whose shard the command
   * locked, accounted as Redis's lookupKeyRead (MGET, LCS); allocates nothing.
   */
  static @Nullable Entry readEntry(Call c, int i) {
    Entry e = c.keyAt(i).lookup();
    c.readLookup(e != null, i);
    return e;
  }

  static @Nullable Object readValue(Call c, int i) {
    Object v = StringType.lookupValue(c.keyAt(i));
    c.readLookup(v != null, i);
    return v;
  }

  /**
   * Accounts a read lookup of {@code k[off..off+len)} as Redis's lookupKeyRead (for the
   * groups that do not take a {@code LockedKey} yet): see {@link Call#readLookup}.
   */
  static boolean counted(Call c, @Nullable Entry e, byte[] k, int off, int len) {
    return c.readLookup(e != null, k, off, len);
  }
}
