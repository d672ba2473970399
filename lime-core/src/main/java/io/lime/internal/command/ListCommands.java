package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.WrongTypeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.ListType;
import io.lime.internal.type.ListValue;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The non-blocking list commands (Redis's src/t_list.c command half). Each handler parses in
 * the order Redis does (so the same error wins), locks the key's shard(s), works through
 * {@link ListType} / {@link ListValue} and replies. Commands that may create a list serve the
 * clients blocked on it before releasing their locks ({@code BlockingKeys#serveReady}). Reads
 * count keyspace hits and misses as lookupKeyRead does; writes do not. The blocking commands
 * are in {@link ListBlockingCommands}.
 */
public final class ListCommands implements CommandGroup {
  private static final String PUSH_COMPLEXITY = "O(1) for each element added, so O(N) to add N"
      + " elements when the command is called with multiple arguments.";
  /** {@link #mpopFirst}'s count for one element replied flat (BLPOP/BRPOP), not an array. */
  static final long POP_ONE = 0;

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        spec("lpush", -3, handler(OP_LPUSH), "1.0.0",
            "Prepend one or multiple elements to a list", PUSH_COMPLEXITY, WRITE, DENYOOM, FAST)
            .acl("write", "list", "fast").build(),
        spec("rpush", -3, handler(OP_RPUSH), "1.0.0",
            "Append one or multiple elements to a list", PUSH_COMPLEXITY, WRITE, DENYOOM, FAST)
            .acl("write", "list", "fast").build(),
        spec("lpushx", -3, handler(OP_LPUSHX), "2.2.0",
            "Prepend an element to a list, only if the list exists", PUSH_COMPLEXITY, WRITE,
            DENYOOM, FAST).acl("write", "list", "fast").build(),
        spec("rpushx", -3, handler(OP_RPUSHX), "2.2.0",
            "Append an element to a list, only if the list exists", PUSH_COMPLEXITY, WRITE,
            DENYOOM, FAST).acl("write", "list", "fast").build(),
        spec("lpop", -2, handler(OP_LPOP), "1.0.0", "Remove and get the first elements in a list",
            "O(N) where N is the number of elements returned", WRITE, FAST)
            .acl("write", "list", "fast").build(),
        spec("rpop", -2, handler(OP_RPOP), "1.0.0", "Remove and get the last elements in a list",
            "O(N) where N is the number of elements returned", WRITE, FAST)
            .acl("write", "list", "fast").build(),
        spec("llen", 2, handler(OP_LLEN), "1.0.0", "Get the length of a list", "O(1)", READONLY,
            FAST).acl("read", "list", "fast").build(),
        spec("lrange", 4, handler(OP_LRANGE), "1.0.0", "Get a range of elements from a list",
            "O(S+N) where S is the distance of start offset from HEAD for small lists, from"
                + " nearest end (HEAD or TAIL) for large lists; and N is the number of elements"
                + " in the specified range.", READONLY).acl("read", "list", "slow").build(),
        spec("lindex", 3, handler(OP_LINDEX), "1.0.0", "Get an element from a list by its index",
            "O(N) where N is the number of elements to traverse to get to the element at index."
                + " This makes asking for the first or the last element of the list O(1).",
            READONLY).acl("read", "list", "slow").build(),
        spec("lset", 4, handler(OP_LSET), "1.0.0",
            "Set the value of an element in a list by its index",
            "O(N) where N is the length of the list. Setting either the first or the last"
                + " element of the list is O(1).", WRITE, DENYOOM)
            .acl("write", "list", "slow").build(),
        spec("linsert", 5, handler(OP_LINSERT), "2.2.0",
            "Insert an element before or after another element in a list",
            "O(N) where N is the number of elements to traverse before seeing the value pivot."
                + " This means that inserting somewhere on the left end on the list (head) can be"
                + " considered O(1) and inserting somewhere on the right end (tail) is O(N).",
            WRITE, DENYOOM).acl("write", "list", "slow").build(),
        spec("lrem", 4, handler(OP_LREM), "1.0.0", "Remove elements from a list",
            "O(N+M) where N is the length of the list and M is the number of elements removed.",
            WRITE).acl("write", "list", "slow").build(),
        spec("ltrim", 4, handler(OP_LTRIM), "1.0.0", "Trim a list to the specified range",
            "O(N) where N is the number of elements to be removed by the operation.", WRITE)
            .acl("write", "list", "slow").build(),
        spec("lpos", -3, handler(OP_LPOS), "6.0.6",
            "Return the index of matching elements on a list",
            "O(N) where N is the number of elements in the list, for the average case. When"
                + " searching for elements near the head or the tail of the list, or when the"
                + " MAXLEN option is provided, the command may run in constant time.", READONLY)
            .acl("read", "list", "slow").build(),
        spec("lmove", 5, handler(OP_LMOVE), "6.2.0",
            "Pop an element from a list, push it to another list and return it", "O(1)", WRITE,
            DENYOOM).keys(1, 2, 1).acl("write", "list", "slow").build(),
        spec("rpoplpush", 3, handler(OP_RPOPLPUSH), "1.2.0",
            "Remove the last element in a list, prepend it to another list and return it",
            "O(1)", WRITE, DENYOOM).keys(1, 2, 1).acl("write", "list", "slow").build(),
        spec("lmpop", -4, handler(OP_LMPOP), "7.0.0", "Pop elements from a list",
            "O(N+M) where N is the number of provided keys and M is the number of elements"
                + " returned.", WRITE, MOVABLEKEYS).keys(0, 0, 0)
            .acl("write", "list", "slow").build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_LLEN = 0;
  private static final int OP_LRANGE = 1;
  private static final int OP_LINDEX = 2;
  private static final int OP_LSET = 3;
  private static final int OP_LINSERT = 4;
  private static final int OP_LREM = 5;
  private static final int OP_LTRIM = 6;
  private static final int OP_LPOS = 7;
  private static final int OP_LMOVE = 8;
  private static final int OP_RPOPLPUSH = 9;
  private static final int OP_LMPOP = 10;
  private static final int OP_LPUSH = 11;
  private static final int OP_RPUSH = 12;
  private static final int OP_LPUSHX = 13;
  private static final int OP_RPUSHX = 14;
  private static final int OP_LPOP = 15;
  private static final int OP_RPOP = 16;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_LLEN -> llen(c);
      case OP_LRANGE -> lrange(c);
      case OP_LINDEX -> lindex(c);
      case OP_LSET -> lset(c);
      case OP_LINSERT -> linsert(c);
      case OP_LREM -> lrem(c);
      case OP_LTRIM -> ltrim(c);
      case OP_LPOS -> lpos(c);
      case OP_LMOVE -> lmove(c);
      case OP_RPOPLPUSH -> rpoplpush(c);
      case OP_LMPOP -> lmpop(c);
      case OP_LPUSH -> push(c, true, false);
      case OP_RPUSH -> push(c, false, false);
      case OP_LPUSHX -> push(c, true, true);
      case OP_RPUSHX -> push(c, false, true);
      case OP_LPOP -> pop(c, true);
      case OP_RPOP -> pop(c, false);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** A list command's spec builder (key at 1, group list). */
  static CommandSpec.Builder spec(String name, int arity, CommandHandler h, String since,
      String summary, String complexity, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, h).flags(flags).keys(1, 1, 1).group("list")
        .since(since).summary(summary).complexity(complexity);
  }

  // ------------------------------------------------------------------ helpers

  /** Whether argument {@code i} is a 64-bit integer as Redis's string2ll reads it. */
  static boolean isLong(Argv a, int i) {
    return Numbers.isLong(a.array(), a.offset(i), a.length(i));
  }

  static long longArg(Argv a, int i) {
    return Numbers.parseLong(a.array(), a.offset(i), a.length(i));
  }

  /** LEFT → 1 (head), RIGHT → 0 (tail), else -1 (Redis's getListPositionFromObjectOrReply). */
  static int where(Argv a, int i) {
    return a.is(i, "LEFT") ? 1 : a.is(i, "RIGHT") ? 0 : -1;
  }

  /** lookupKeyRead: finds and touches the key, counting a keyspace hit or miss. */
  static @Nullable Entry read(Call c, Shard s, byte[] k, int off, int len, int h) {
    Entry e = s.find(k, off, len, h, c.now());
    if (!c.readLookup(e != null, k, off, len)) {
      return null;
    }
    s.touch(e);
    return e;
  }

  // ------------------------------------------------------------------ push / pop

  /** LPUSH/RPUSH/LPUSHX/RPUSHX key element [element ...] — O(1) per element. */
  static void push(Call c, boolean head, boolean onlyIfExists) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e;
      try {
        e = ListType.lookup(s, k, off, len, h, c.now());
      } catch (WrongTypeException wrongType) {
        c.out().error(Errors.WRONGTYPE);
        return;
      }
      ListValue l;
      if (e == null) {
        if (onlyIfExists) {
          c.out().integer(0);
          return;
        }
        l = ListType.create(s, k, off, len, h);
      } else {
        l = ListType.value(e);
      }
      int fill = ListType.fill(s);
      for (int i = 2; i < a.size(); i++) {
        l.push(head, k, a.offset(i), a.length(i), fill);
      }
      c.engine().dirty(a.size() - 2);
      c.out().integer(l.size());
      KeyspaceEvents.signal(s, NotifyFlags.LIST, head ? "lpush" : "rpush", k, off, len);
    } finally {
      c.engine().blocking().serveReady();
      s.unlock();
    }
  }

  /** LPOP/RPOP key [count] — O(N) where N is the number of elements returned. */
  static void pop(Call c, boolean head) {
    Argv a = c.argv();
    if (a.size() > 3) {
      c.out().error(Errors.arity(c.spec().name()));
      return;
    }
    boolean hasCount = a.size() == 3;
    long count = 0;
    if (hasCount) {
      if (!isLong(a, 2) || (count = longArg(a, 2)) < 0) {
        c.out().error(Errors.LIST_MUST_BE_POSITIVE);
        return;
      }
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    ReplySink out = c.out();
    s.lock();
    try {
      Entry e;
      try {
        e = ListType.lookup(s, k, off, len, h, c.now());
      } catch (WrongTypeException wrongType) {
        out.error(Errors.WRONGTYPE);
        return;
      }
      if (e == null) {
        if (hasCount) {
          out.nullArray();
        } else {
          out.nullBulk();
        }
        return;
      }
      if (hasCount && count == 0) {
        out.arrayHeader(0);
        return;
      }
      if (!hasCount) {
        out.bulk(ListType.popFrom(s, e, head));
        return;
      }
      popRange(c, s, e, head, count);
    } finally {
      s.unlock();
    }
  }

  /** Replies and removes up to {@code count} elements from one end (listPopRange...). */
  static void popRange(Call c, Shard s, Entry e, boolean head, long count) {
    ListValue l = ListType.value(e);
    long n = Math.min(count, l.size());
    c.out().arrayHeader((int) n);
    l.replyRange(c.out(), head ? 0 : l.size() - 1, n, !head);
    l.removeEnd(head, n);
    boolean deleted = ListType.deleteIfEmpty(s, e);
    c.engine().dirty(n);
    KeyspaceEvents.signal(s, NotifyFlags.LIST, head ? "lpop" : "rpop", e.key());
    if (deleted) {
      KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", e.key(), 0, e.key().length);
    }
  }

  // ------------------------------------------------------------------ reads

  /** LLEN key — O(1). */
  static void llen(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = read(c, s, k, off, len, h);
      if (e == null) {
        c.out().integer(0);
      } else if (!ListType.isList(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else {
        c.out().integer(ListType.value(e).size());
      }
    } finally {
      s.unlock();
    }
  }

  /** LRANGE key start stop — O(S+N). */
  static void lrange(Call c) {
    Argv a = c.argv();
    if (!isLong(a, 2) || !isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long start = longArg(a, 2);
    long end = longArg(a, 3);
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = read(c, s, k, off, len, h);
      if (e == null) {
        c.out().arrayHeader(0);
      } else if (!ListType.isList(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else {
        ListValue l = ListType.value(e);
        long[] r = ListType.range(l.size(), start, end);
        c.out().arrayHeader((int) r[1]);
        l.replyRange(c.out(), r[0], r[1], false);
      }
    } finally {
      s.unlock();
    }
  }

  /** LINDEX key index — O(N) to reach the element. */
  static void lindex(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = read(c, s, k, off, len, h);
      if (e == null) {
        c.out().nullBulk();
      } else if (!ListType.isList(e.value())) {
        c.out().error(Errors.WRONGTYPE);
      } else if (!isLong(a, 2)) {
        c.out().error(Errors.NOT_INTEGER);
      } else {
        ListValue l = ListType.value(e);
        long i = ListType.index(l.size(), longArg(a, 2));
        if (i < 0) {
          c.out().nullBulk();
        } else {
          l.replyAt(c.out(), i);
        }
      }
    } finally {
      s.unlock();
    }
  }

  /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] — O(N). */
  static void lpos(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int j = 3; j < a.size(); j++) {
      boolean more = j + 1 < a.size();
      if (a.is(j, "RANK") && more) {
        j++;
        if (!isLong(a, j)) {
          out.error(Errors.NOT_INTEGER);
          return;
        }
        rank = longArg(a, j);
        if (rank == 0) {
          out.error(Errors.LIST_RANK_ZERO);
          return;
        }
      } else if (a.is(j, "COUNT") && more) {
        j++;
        if (!isLong(a, j) || (count = longArg(a, j)) < 0) {
          out.error(Errors.LIST_COUNT_NEGATIVE);
          return;
        }
      } else if (a.is(j, "MAXLEN") && more) {
        j++;
        if (!isLong(a, j) || (maxlen = longArg(a, j)) < 0) {
          out.error(Errors.LIST_MAXLEN_NEGATIVE);
          return;
        }
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    boolean fromTail = rank < 0;
    if (fromTail) {
      rank = -rank;
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = read(c, s, k, off, len, h);
      if (e == null) {
        if (count != -1) {
          out.arrayHeader(0);
        } else {
          out.nullBulk();
        }
        return;
      }
      if (!ListType.isList(e.value())) {
        out.error(Errors.WRONGTYPE);
        return;
      }
      ListValue l = ListType.value(e);
      if (count == -1) {
        long[] found = {-1};
        l.positions(k, a.offset(2), a.length(2), fromTail, rank, 1, maxlen, i -> {
          if (found[0] < 0) { // the first match (RANK -2^63 defeats the count arithmetic)
            found[0] = i;
          }
        });
        if (found[0] < 0) {
          out.nullBulk();
        } else {
          out.integer(found[0]);
        }
        return;
      }
      long[][] acc = {new long[8]};
      int[] n = {0};
      l.positions(k, a.offset(2), a.length(2), fromTail, rank, count, maxlen, i -> {
        if (n[0] == acc[0].length) {
          acc[0] = Arrays.copyOf(acc[0], n[0] * 2);
        }
        acc[0][n[0]++] = i;
      });
      out.arrayHeader(n[0]);
      for (int i = 0; i < n[0]; i++) {
        out.integer(acc[0][i]);
      }
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ in-place writes

  /** LSET key index element — O(N). */
  static void lset(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ListType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().error(Errors.NO_SUCH_KEY);
        return;
      }
      if (!isLong(a, 2)) {
        c.out().error(Errors.NOT_INTEGER);
        return;
      }
      ListValue l = ListType.value(e);
      long i = ListType.index(l.size(), longArg(a, 2));
      if (i < 0) {
        c.out().error(Errors.OUT_OF_RANGE);
        return;
      }
      l.set(i, k, a.offset(3), a.length(3), ListType.fill(s));
      c.engine().dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "lset", k, off, len);
      c.out().ok();
    } catch (WrongTypeException wrongType) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** LINSERT key BEFORE|AFTER pivot element — O(N) to find the pivot. */
  static void linsert(Call c) {
    Argv a = c.argv();
    boolean after;
    if (a.is(2, "AFTER")) {
      after = true;
    } else if (a.is(2, "BEFORE")) {
      after = false;
    } else {
      c.out().error(Errors.SYNTAX);
      return;
    }
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ListType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().integer(0);
        return;
      }
      ListValue l = ListType.value(e);
      if (!l.insert(k, a.offset(3), a.length(3), after, k, a.offset(4), a.length(4),
          ListType.fill(s))) {
        c.out().integer(-1);
        return;
      }
      c.engine().dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "linsert", k, off, len);
      c.out().integer(l.size());
    } catch (WrongTypeException wrongType) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** LREM key count element — O(N+M). */
  static void lrem(Call c) {
    Argv a = c.argv();
    if (!isLong(a, 2)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long count = longArg(a, 2);
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ListType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().integer(0);
        return;
      }
      long removed = ListType.value(e).remove(count, k, a.offset(3), a.length(3),
          ListType.fill(s));
      boolean deleted = ListType.deleteIfEmpty(s, e);
      c.engine().dirty(removed);
      if (removed > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.LIST, "lrem", k, off, len);
        if (deleted) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        }
      }
      c.out().integer(removed);
    } catch (WrongTypeException wrongType) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  /** LTRIM key start stop — O(N) where N is the number of elements removed. */
  static void ltrim(Call c) {
    Argv a = c.argv();
    if (!isLong(a, 2) || !isLong(a, 3)) {
      c.out().error(Errors.NOT_INTEGER);
      return;
    }
    long start = longArg(a, 2);
    long end = longArg(a, 3);
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = ListType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().ok();
        return;
      }
      ListValue l = ListType.value(e);
      long size = l.size();
      long[] r = ListType.range(size, start, end);
      long ltrim = r[1] == 0 ? size : r[0];
      long rtrim = r[1] == 0 ? 0 : size - r[0] - r[1];
      l.trim(ltrim, rtrim, ListType.fill(s));
      boolean deleted = ListType.deleteIfEmpty(s, e);
      c.engine().dirty(ltrim + rtrim);
      KeyspaceEvents.signal(s, NotifyFlags.LIST, "ltrim", k, off, len);
      if (deleted) {
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
      }
      c.out().ok();
    } catch (WrongTypeException wrongType) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ moves

  /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT — O(1). */
  static void lmove(Call c) {
    Argv a = c.argv();
    int from = where(a, 3);
    int to = from < 0 ? -1 : where(a, 4);
    if (to < 0) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    move(c, from == 1, to == 1);
  }

  /** RPOPLPUSH source destination — O(1). */
  static void rpoplpush(Call c) {
    move(c, false, true);
  }

  /** LMOVE's body once the directions are parsed (also BLMOVE's when the source has data). */
  static void move(Call c, boolean fromHead, boolean toHead) {
    Argv a = c.argv();
    Database db = c.db();
    byte[] k = a.array();
    long mask = db.lockKeys(a, 1, 2, 1);
    try {
      int off = a.offset(1);
      int len = a.length(1);
      int h = Hashing.hash(k, off, len);
      Shard s = db.shard(h);
      Entry e = ListType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().nullBulk();
        return;
      }
      int doff = a.offset(2);
      int dlen = a.length(2);
      int dh = Hashing.hash(k, doff, dlen);
      byte[] v = ListType.move(s, e, db.shard(dh), k, doff, dlen, dh, c.now(), fromHead, toHead);
      c.out().bulk(v);
    } catch (WrongTypeException wrongType) {
      c.out().error(Errors.WRONGTYPE);
    } finally {
      c.engine().blocking().serveReady();
      db.unlock(mask);
    }
  }

  /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] — O(N+M). */
  static void lmpop(Call c) {
    long[] parsed = parseMpop(c, 1);
    if (parsed == null) {
      return;
    }
    Argv a = c.argv();
    int numkeys = (int) parsed[0];
    boolean head = parsed[1] == 1;
    long count = parsed[2];
    Database db = c.db();
    long mask = db.lockKeys(a, 2, 1 + numkeys, 1);
    try {
      if (!mpopFirst(c, 2, numkeys, head, count)) {
        c.out().nullArray();
      }
    } finally {
      db.unlock(mask);
    }
  }

  /**
   * Parses [B]LMPOP from its numkeys argument: returns {numkeys, head (1/0), count}, or null
   * after replying an error (Redis's lmpopGenericCommand).
   */
  static long @Nullable [] parseMpop(Call c, int numkeysIndex) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long numkeys = NumKeysArgs.numkeys(a, numkeysIndex, 1, Errors.SYNTAX, out);
    if (numkeys < 0) {
      return null;
    }
    int whereIndex = numkeysIndex + (int) numkeys + 1;
    int where = where(a, whereIndex);
    if (where < 0) {
      out.error(Errors.SYNTAX);
      return null;
    }
    long count = NumKeysArgs.popCount(a, whereIndex + 1, out);
    if (count < 0) {
      return null;
    }
    return new long[] {numkeys, where, count};
  }

  /**
   * Pops up to {@code count} elements from the first non-empty list among {@code numkeys}
   * keys from {@code first}, replying {@code [key, [elements]]} ({@code [key, element]} for
   * {@link #POP_ONE}, BLPOP's reply); false (nothing replied) when every key is missing.
   * Replies WRONGTYPE (and returns true) at the first key of another type. The caller holds
   * the keys' shards.
   */
  static boolean mpopFirst(Call c, int first, int numkeys, boolean head, long count) {
    Argv a = c.argv();
    byte[] k = a.array();
    Database db = c.db();
    for (int i = first; i < first + numkeys; i++) {
      int off = a.offset(i);
      int len = a.length(i);
      int h = Hashing.hash(k, off, len);
      Shard s = db.shard(h);
      Entry e;
      try {
        e = ListType.lookup(s, k, off, len, h, c.now());
      } catch (WrongTypeException wrongType) {
        c.out().error(Errors.WRONGTYPE);
        return true;
      }
      if (e == null) {
        continue;
      }
      c.out().arrayHeader(2);
      c.out().bulk(k, off, len);
      if (count == POP_ONE) {
        c.out().bulk(ListType.popFrom(s, e, head));
      } else {
        popRange(c, s, e, head, count);
      }
      return true;
    }
    return false;
  }
}
