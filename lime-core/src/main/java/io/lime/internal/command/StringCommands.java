package io.lime.internal.command;

import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StringType;
import io.lime.internal.type.StringWrites;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
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

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        spec("get", 2, handler(OP_GET), "1.0.0", "Get the value of a key", "O(1)", READONLY, FAST)
            .acl("read", "string", "fast").build(),
        spec("set", -3, handler(OP_SET), "1.0.0", "Set the string value of a key", "O(1)", WRITE,
            DENYOOM).acl("write", "string", "slow").build(),
        spec("setnx", 3, handler(OP_SETNX), "1.0.0",
            "Set the value of a key, only if the key does not exist", "O(1)", WRITE, DENYOOM,
            FAST).acl("write", "string", "fast").build(),
        spec("setex", 4, handler(OP_SETEX), "2.0.0", "Set the value and expiration of a key",
            "O(1)", WRITE, DENYOOM).acl("write", "string", "slow").build(),
        spec("psetex", 4, handler(OP_PSETEX), "2.6.0",
            "Set the value and expiration in milliseconds of a key", "O(1)", WRITE, DENYOOM)
            .acl("write", "string", "slow").build(),
        spec("getset", 3, handler(OP_GETSET), "1.0.0",
            "Set the string value of a key and return its old value", "O(1)", WRITE, DENYOOM,
            FAST).acl("write", "string", "fast").build(),
        spec("getdel", 2, handler(OP_GETDEL), "6.2.0", "Get the value of a key and delete the key",
            "O(1)", WRITE, FAST).acl("write", "string", "fast").build(),
        spec("getex", -2, handler(OP_GETEX), "6.2.0",
            "Get the value of a key and optionally set its expiration", "O(1)", WRITE, FAST)
            .acl("write", "string", "fast").build(),
        spec("mget", -2, handler(OP_MGET), "1.0.0", "Get the values of all the given keys",
            "O(N) where N is the number of keys to retrieve.", READONLY, FAST)
            .keys(1, -1, 1).acl("read", "string", "fast").build(),
        spec("mset", -3, handler(OP_MSET), "1.0.1", "Set multiple keys to multiple values",
            "O(N) where N is the number of keys to set.", WRITE, DENYOOM)
            .keys(1, -1, 2).acl("write", "string", "slow").build(),
        spec("msetnx", -3, handler(OP_MSETNX), "1.0.1",
            "Set multiple keys to multiple values, only if none of the keys exist",
            "O(N) where N is the number of keys to set.", WRITE, DENYOOM)
            .keys(1, -1, 2).acl("write", "string", "slow").build(),
        spec("append", 3, handler(OP_APPEND), "2.0.0", "Append a value to a key",
            "O(1). The amortized time complexity is O(1) assuming the appended value is small"
                + " and the already present value is of any size, since the dynamic string"
                + " library used by Redis will double the free space available on every"
                + " reallocation.", WRITE, DENYOOM, FAST)
            .acl("write", "string", "fast").build(),
        spec("strlen", 2, handler(OP_STRLEN), "2.2.0",
            "Get the length of the value stored in a key", "O(1)", READONLY, FAST).acl("read", "string", "fast").build(),
        spec("incr", 2, handler(OP_INCR), "1.0.0", "Increment the integer value of a key by one",
            "O(1)", WRITE, DENYOOM, FAST).acl("write", "string", "fast").build(),
        spec("decr", 2, handler(OP_DECR), "1.0.0", "Decrement the integer value of a key by one",
            "O(1)", WRITE, DENYOOM, FAST).acl("write", "string", "fast").build(),
        spec("incrby", 3, handler(OP_INCRBY), "1.0.0",
            "Increment the integer value of a key by the given amount", "O(1)", WRITE, DENYOOM,
            FAST).acl("write", "string", "fast").build(),
        spec("decrby", 3, handler(OP_DECRBY), "1.0.0",
            "Decrement the integer value of a key by the given number", "O(1)", WRITE, DENYOOM,
            FAST).acl("write", "string", "fast").build(),
        spec("incrbyfloat", 3, handler(OP_INCRBYFLOAT), "2.6.0",
            "Increment the float value of a key by the given amount", "O(1)", WRITE, DENYOOM,
            FAST).acl("write", "string", "fast").build(),
        spec("getrange", 4, handler(OP_GETRANGE), "2.4.0",
            "Get a substring of the string stored at a key", RANGE_COMPLEXITY, READONLY)
            .acl("read", "string", "slow").build(),
        spec("setrange", 4, handler(OP_SETRANGE), "2.2.0",
            "Overwrite part of a string at key starting at the specified offset",
            "O(1), not counting the time taken to copy the new string in place. Usually, this"
                + " string is very small so the amortized complexity is O(1). Otherwise,"
                + " complexity is O(M) with M being the length of the value argument.",
            WRITE, DENYOOM).acl("write", "string", "slow").build(),
        spec("substr", 4, handler(OP_GETRANGE), "1.0.0",
            "Get a substring of the string stored at a key", RANGE_COMPLEXITY, READONLY)
            .acl("read", "string", "slow").build(),
        spec("lcs", -3, handler(OP_LCS), "7.0.0", "Find longest common substring",
            "O(N*M) where N and M are the lengths of s1 and s2, respectively", READONLY)
            .keys(1, 2, 1).acl("read", "string", "slow").build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_GET = 0;
  private static final int OP_SET = 1;
  private static final int OP_SETNX = 2;
  private static final int OP_SETEX = 3;
  private static final int OP_PSETEX = 4;
  private static final int OP_GETSET = 5;
  private static final int OP_GETDEL = 6;
  private static final int OP_GETEX = 7;
  private static final int OP_MGET = 8;
  private static final int OP_MSET = 9;
  private static final int OP_MSETNX = 10;
  private static final int OP_APPEND = 11;
  private static final int OP_STRLEN = 12;
  private static final int OP_INCR = 13;
  private static final int OP_DECR = 14;
  private static final int OP_INCRBY = 15;
  private static final int OP_DECRBY = 16;
  private static final int OP_INCRBYFLOAT = 17;
  private static final int OP_GETRANGE = 18;
  private static final int OP_SETRANGE = 19;
  private static final int OP_LCS = 20;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_GET -> get(c);
      case OP_SET -> set(c);
      case OP_SETNX -> setnx(c);
      case OP_SETEX -> setex(c);
      case OP_PSETEX -> psetex(c);
      case OP_GETSET -> getset(c);
      case OP_GETDEL -> getdel(c);
      case OP_GETEX -> getex(c);
      case OP_MGET -> mget(c);
      case OP_MSET -> mset(c);
      case OP_MSETNX -> msetnx(c);
      case OP_APPEND -> append(c);
      case OP_STRLEN -> strlen(c);
      case OP_INCR -> incr(c);
      case OP_DECR -> decr(c);
      case OP_INCRBY -> incrby(c);
      case OP_DECRBY -> decrby(c);
      case OP_INCRBYFLOAT -> incrbyfloat(c);
      case OP_GETRANGE -> getrange(c);
      case OP_SETRANGE -> setrange(c);
      case OP_LCS -> StringLcsCommand.lcs(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  private static final String RANGE_COMPLEXITY = "O(N) where N is the length of the returned"
      + " string. The complexity is ultimately determined by the returned length, but because"
      + " creating a substring from an existing string is very cheap, it can be considered"
      + " O(1) for small strings.";

  /** A single-key string command's spec builder (key at 1, group string). */
  private static CommandSpec.Builder spec(String name, int arity, CommandHandler h, String since,
      String summary, String complexity, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, h).flags(flags).keys(1, 1, 1).group("string")
        .since(since).summary(summary).complexity(complexity);
  }

  // ------------------------------------------------------------------ reads

  /** GET key — O(1). */
  void get(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      StringType.reply(c.out(), e == null ? null : e.value());
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
        Object v = readValue(c, i);
        StringType.reply(out, StringType.isString(v) ? v : null);
      }
    } finally {
      db.unlock(mask);
    }
  }

  /** STRLEN key — O(1). */
  void strlen(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      c.out().integer(e == null ? 0 : StringType.length(e.value()));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** GETRANGE key start end (and SUBSTR) — O(N) where N is the length of the result. */
  void getrange(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2) || !StringArgs.isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      Entry e = readLookup(c, k);
      if (e == null) {
        c.out().bulk(EMPTY, 0, 0);
      } else {
        StringType.replyRange(c.out(), e.value(), StringArgs.longValue(a, 2),
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
    long parsed = StringArgs.parseOptions(a, true);
    if (parsed == StringArgs.SYNTAX_ERROR) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    boolean get = (StringArgs.flags(parsed) & StringArgs.GET) != 0;
    setGeneric(c, 2, StringArgs.setFlags(parsed), StringArgs.deadline(a, parsed, c.now()),
        get ? REPLY_OLD : REPLY_OK);
  }

  /** SETNX key value — O(1). */
  void setnx(Call c) {
    setGeneric(c, 2, StringWrites.NX, 0, REPLY_INTEGER);
  }

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
  void getset(Call c) {
    setGeneric(c, 2, 0, 0, REPLY_OLD);
  }

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
  void getdel(Call c) {
    readAndWrite(c, StringWrites::getDel);
  }

  /** GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST] — O(1). */
  void getex(Call c) {
    Argv a = c.argv();
    long parsed = StringArgs.parseOptions(a, false);
    if (parsed == StringArgs.SYNTAX_ERROR) {
      c.out().error(Errors.SYNTAX);
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
  void mset(Call c) {
    msetGeneric(c, false);
  }

  /** MSETNX key value [key value ...] — O(N) where N is the number of keys. */
  void msetnx(Call c) {
    msetGeneric(c, true);
  }

  private static void msetGeneric(Call c, boolean nx) {
    Argv a = c.argv();
    if (a.size() % 2 == 0) {
      c.out().error(Errors.arity(c.spec().name()));
      return;
    }
    int n = (a.size() - 1) / 2;
    LockedKey[] keys = new LockedKey[n];
    Object[] values = new Object[n];
    boolean done;
    try (KeyLocks locks = c.lockKeys(1, -1, 2)) {
      for (int j = 0; j < n; j++) {
        keys[j] = c.keyWithin(1 + 2 * j);
        values[j] = StringType.encode(a.array(), a.offset(2 + 2 * j), a.length(2 + 2 * j));
      }
      done = StringWrites.mset(keys, values, nx);
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
    if (!StringArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
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
  void incr(Call c) {
    incrDecr(c, 1, false);
  }

  /** DECR key — O(1). */
  void decr(Call c) {
    incrDecr(c, -1, false);
  }

  /** INCRBY key increment — O(1). */
  void incrby(Call c) {
    incrDecrBy(c, false);
  }

  /** DECRBY key decrement — O(1). */
  void decrby(Call c) {
    incrDecrBy(c, true);
  }

  private static void incrDecrBy(Call c, boolean decrement) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
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
