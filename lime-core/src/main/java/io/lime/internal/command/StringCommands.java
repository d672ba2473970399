package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.StringType;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The string commands (Redis's src/t_string.c command half). Each handler parses its
 * arguments in place, locks the key's shard, calls {@link StringType} and replies; errors
 * the type layer throws are replied with their Redis text. Keyspace hits and misses are
 * counted where Redis uses lookupKeyRead. LCS lives in {@link StringLcsCommand}.
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
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = StringType.lookup(s, k, off, len, h, c.now());
      if (!counted(c, e, k, off, len)) {
        c.out().nullBulk();
      } else if (!StringType.isString(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else {
        StringType.reply(c.out(), e.value());
      }
    } finally {
      s.unlock();
    }
  }

  /** MGET key [key ...] — O(N) where N is the number of keys. */
  void mget(Call c) {
    Argv a = c.argv();
    Database db = c.db();
    long now = c.now();
    ReplySink out = c.out();
    long mask = db.lockKeys(a, 1, -1, 1);
    try {
      out.arrayHeader(a.size() - 1);
      byte[] k = a.array();
      for (int i = 1; i < a.size(); i++) {
        int off = a.offset(i);
        int len = a.length(i);
        int h = Hashing.hash(k, off, len);
        Entry e = StringType.lookup(db.shard(h), k, off, len, h, now);
        if (counted(c, e, k, off, len) && StringType.isString(e.value())) {
          StringType.reply(out, e.value());
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
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = StringType.lookup(s, k, off, len, h, c.now());
      if (!counted(c, e, k, off, len)) {
        c.out().integer(0);
      } else if (!StringType.isString(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else {
        c.out().integer(StringType.length(e.value()));
      }
    } finally {
      s.unlock();
    }
  }

  /** GETRANGE key start end (and SUBSTR) — O(N) where N is the length of the result. */
  void getrange(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2) || !StringArgs.isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long start = StringArgs.longValue(a, 2);
    long end = StringArgs.longValue(a, 3);
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = StringType.lookup(s, k, off, len, h, c.now());
      if (!counted(c, e, k, off, len)) {
        c.out().bulk(EMPTY, 0, 0);
      } else if (!StringType.isString(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else {
        StringType.replyRange(c.out(), e.value(), start, end);
      }
    } finally {
      s.unlock();
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
    int flags = StringArgs.flags(parsed);
    int expireIndex = StringArgs.expireIndex(parsed);
    long now = c.now();
    long deadline = 0;
    if (expireIndex != 0) {
      deadline = StringArgs.deadline(c, expireIndex, (flags & StringArgs.SECONDS) != 0,
          (flags & StringArgs.RELATIVE) != 0, now);
      if (deadline == StringArgs.REPLIED) {
        return;
      }
    }
    int typeFlags = ((flags & StringArgs.NX) != 0 ? StringType.SET_NX : 0)
        | ((flags & StringArgs.XX) != 0 ? StringType.SET_XX : 0)
        | ((flags & StringArgs.KEEPTTL) != 0 ? StringType.SET_KEEPTTL : 0)
        | (expireIndex != 0 ? StringType.SET_EXPIRE : 0);
    setGeneric(c, 2, typeFlags, deadline, (flags & StringArgs.GET) != 0, now, Reply.OK_OR_NULL);
  }

  /** SETNX key value — O(1). */
  void setnx(Call c) {
    setGeneric(c, 2, StringType.SET_NX, 0, false, c.now(), Reply.ONE_OR_ZERO);
  }

  /** SETEX key seconds value — O(1). */
  void setex(Call c) {
    expiringSet(c, true);
  }

  /** PSETEX key milliseconds value — O(1). */
  void psetex(Call c) {
    expiringSet(c, false);
  }

  private void expiringSet(Call c, boolean seconds) {
    long now = c.now();
    long deadline = StringArgs.deadline(c, 2, seconds, true, now);
    if (deadline != StringArgs.REPLIED) {
      setGeneric(c, 3, StringType.SET_EXPIRE, deadline, false, now, Reply.OK_OR_NULL);
    }
  }

  private enum Reply { OK_OR_NULL, ONE_OR_ZERO }

  /** Redis's setGenericCommand: the key is argument 1, the value argument {@code vi}. */
  private static void setGeneric(Call c, int vi, int flags, long deadline, boolean get, long now,
      Reply reply) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Object value = StringType.encode(k, a.offset(vi), a.length(vi));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      if (get) {
        // Redis's getGenericCommand: a read lookup (a keymiss precedes the write's events)
        Entry found = StringType.lookup(s, k, off, len, h, now);
        c.readLookup(found != null, k, off, len);
        if (found != null && !StringType.isString(found.value())) {
          c.out().error(Errors.WRONGTYPE);
          return;
        }
        Object old = StringType.setGet(s, found, k, off, len, h, now, value, flags, deadline);
        if (old != null) {
          StringType.reply(c.out(), old);
        } else {
          c.out().nullBulk();
        }
        return;
      }
      boolean done = StringType.set(s, k, off, len, h, now, value, flags, deadline);
      if (reply == Reply.ONE_OR_ZERO) {
        c.out().integer(done ? 1 : 0);
      } else if (done) {
        c.out().ok();
      } else {
        c.out().nullBulk();
      }
    } finally {
      s.unlock();
    }
  }

  /** GETSET key value — O(1). */
  void getset(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Object value = StringType.encode(k, a.offset(2), a.length(2));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      long now = c.now();
      Entry found = StringType.lookup(s, k, off, len, h, now); // as SET GET
      c.readLookup(found != null, k, off, len);
      if (found != null && !StringType.isString(found.value())) {
        c.out().error(Errors.WRONGTYPE);
        return;
      }
      Object old = StringType.getSet(s, found, k, off, len, h, now, value);
      if (old != null) {
        StringType.reply(c.out(), old);
      } else {
        c.out().nullBulk();
      }
    } finally {
      s.unlock();
    }
  }

  /** GETDEL key — O(1). */
  void getdel(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      replyOld(c, k, off, len, StringType.getDel(s, k, off, len, h, c.now()));
    } catch (LimeException wrongType) {
      c.server().keyspaceHits.increment();
      c.out().error(wrongType.getMessage());
    } finally {
      s.unlock();
    }
  }

  private static void replyOld(Call c, byte[] k, int off, int len, @Nullable Object old) {
    if (c.readLookup(old != null, k, off, len)) {
      StringType.reply(c.out(), old);
    } else {
      c.out().nullBulk();
    }
  }

  /** GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST] — O(1). */
  void getex(Call c) {
    Argv a = c.argv();
    long parsed = StringArgs.parseOptions(a, false);
    if (parsed == StringArgs.SYNTAX_ERROR) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    int flags = StringArgs.flags(parsed);
    int expireIndex = StringArgs.expireIndex(parsed);
    long now = c.now();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = StringType.lookup(s, k, off, len, h, now);
      if (!counted(c, e, k, off, len)) {
        c.out().nullBulk();
        return;
      }
      if (!StringType.isString(e.value())) {
        c.out().error(Errors.WRONGTYPE);
        return;
      }
      long deadline = 0;
      int mode = (flags & StringArgs.PERSIST) != 0 ? StringType.GETEX_PERSIST : StringType.GETEX_NONE;
      if (expireIndex != 0) {
        deadline = StringArgs.deadline(c, expireIndex, (flags & StringArgs.SECONDS) != 0,
            (flags & StringArgs.RELATIVE) != 0, now);
        if (deadline == StringArgs.REPLIED) {
          return;
        }
        mode = (flags & StringArgs.RELATIVE) != 0 ? StringType.GETEX_EXPIRE
            : StringType.GETEX_EXPIRE_AT;
      }
      StringType.reply(c.out(), e.value());
      StringType.applyGetEx(s, e, now, mode, deadline);
    } finally {
      s.unlock();
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
    Database db = c.db();
    long now = c.now();
    byte[] k = a.array();
    long mask = db.lockKeys(a, 1, -1, 2);
    try {
      if (nx) {
        for (int i = 1; i < a.size(); i += 2) {
          int h = Hashing.hash(k, a.offset(i), a.length(i));
          if (StringType.lookup(db.shard(h), k, a.offset(i), a.length(i), h, now) != null) {
            c.out().integer(0);
            return;
          }
        }
      }
      for (int i = 1; i < a.size(); i += 2) {
        int h = Hashing.hash(k, a.offset(i), a.length(i));
        Object value = StringType.encode(k, a.offset(i + 1), a.length(i + 1));
        StringType.setKey(db.shard(h), k, a.offset(i), a.length(i), h, now, value, false);
        KeyspaceEvents.signal(db.shard(h), NotifyFlags.STRING, "set", k, a.offset(i),
            a.length(i));
      }
      c.engine().dirty((a.size() - 1) / 2);
    } finally {
      db.unlock(mask);
    }
    if (nx) {
      c.out().integer(1);
    } else {
      c.out().ok();
    }
  }

  // ------------------------------------------------------------------ modifications

  /** APPEND key value — O(1) amortised. */
  void append(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      c.out().integer(StringType.append(s, k, off, len, h, c.now(), k, a.offset(2), a.length(2),
          maxStringBytes(c)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SETRANGE key offset value — O(1) plus copying the value. */
  void setrange(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long offset = StringArgs.longValue(a, 2);
    if (offset < 0) {
      c.out().error(StringType.OFFSET_OUT_OF_RANGE);
      return;
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      c.out().integer(StringType.setRange(s, k, off, len, h, c.now(), offset, k, a.offset(3),
          a.length(3), maxStringBytes(c)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** INCR key — O(1). */
  void incr(Call c) {
    incrDecr(c, 1);
  }

  /** DECR key — O(1). */
  void decr(Call c) {
    incrDecr(c, -1);
  }

  /** INCRBY key increment — O(1). */
  void incrby(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    incrDecr(c, StringArgs.longValue(a, 2));
  }

  /** DECRBY key decrement — O(1). */
  void decrby(Call c) {
    Argv a = c.argv();
    if (!StringArgs.isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long delta;
    try {
      delta = StringType.negateDecrement(StringArgs.longValue(a, 2));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
      return;
    }
    incrDecr(c, delta);
  }

  /** Redis's incrDecrCommand, shared by INCR, DECR, INCRBY and DECRBY. */
  private static void incrDecr(Call c, long delta) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(StringType.incrBy(k, delta));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }


  /** INCRBYFLOAT key increment — O(1). */
  void incrbyfloat(Call c) {
    Argv a = c.argv();
    LongDouble increment = LongDouble.parse(a.array(), a.offset(2), a.length(2));
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      c.out().bulk(StringType.incrByFloat(s, k, off, len, h, c.now(), increment));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Accounts a read lookup of {@code k[off..off+len)} as Redis's lookupKeyRead: a keyspace
   * hit, or a miss and the keymiss event ({@link Call#readLookup}); true on hit.
   */
  static boolean counted(Call c, @Nullable Entry e, byte[] k, int off, int len) {
    return c.readLookup(e != null, k, off, len);
  }

  /** The configured proto-max-bulk-len. */
  static long maxStringBytes(Call c) {
    try {
      return c.server().config().getLong("proto-max-bulk-len");
    } catch (IllegalArgumentException unknown) {
      return StringType.DEFAULT_MAX_STRING_BYTES;
    }
  }
}
