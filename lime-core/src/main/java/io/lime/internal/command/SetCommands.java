package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.MOVABLEKEYS;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.StringType;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The set commands (Redis's src/t_set.c command half). Each handler parses its arguments in
 * place, locks the shards of its keys, calls {@link SetType} and replies, in Redis's order of
 * checks (argument errors before the key lookup where Redis parses first, WRONGTYPE after;
 * multi-key commands check the type of every key even after a missing one). Reads count
 * keyspace hits and misses as Redis's lookupKeyRead (the sources of the STORE variants
 * included; SADD, SREM, SPOP and SMOVE look up for writing, which does not count); writes
 * add to the dirty counter as t_set.c does.
 */
public final class SetCommands implements CommandGroup {
  private static final String INTER_COMPLEXITY = "O(N*M) worst case where N is the cardinality"
      + " of the smallest set and M is the number of sets.";
  private static final String ALL_COMPLEXITY =
      "O(N) where N is the total number of elements in all given sets.";

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        spec("sadd", -3, handler(OP_SADD), "1.0.0", "Add one or more members to a set",
            "O(1) for each element added, so O(N) to add N elements when the command is called"
                + " with multiple arguments.", WRITE, DENYOOM, FAST)
            .acl("write", "set", "fast").build(),
        spec("scard", 2, handler(OP_SCARD), "1.0.0", "Get the number of members in a set", "O(1)",
            READONLY, FAST).acl("read", "set", "fast").build(),
        spec("sdiff", -2, handler(OP_SDIFF), "1.0.0", "Subtract multiple sets", ALL_COMPLEXITY,
            READONLY).keys(1, -1, 1).acl("read", "set", "slow").build(),
        spec("sdiffstore", -3, handler(OP_SDIFFSTORE), "1.0.0",
            "Subtract multiple sets and store the resulting set in a key", ALL_COMPLEXITY,
            WRITE, DENYOOM).keys(1, -1, 1).acl("write", "set", "slow").build(),
        spec("sinter", -2, handler(OP_SINTER), "1.0.0", "Intersect multiple sets", INTER_COMPLEXITY,
            READONLY).keys(1, -1, 1).acl("read", "set", "slow").build(),
        spec("sintercard", -3, handler(OP_SINTERCARD), "7.0.0",
            "Intersect multiple sets and return the cardinality of the result",
            INTER_COMPLEXITY, READONLY, MOVABLEKEYS).keys(0, 0, 0)
            .acl("read", "set", "slow").build(),
        spec("sinterstore", -3, handler(OP_SINTERSTORE), "1.0.0",
            "Intersect multiple sets and store the resulting set in a key", INTER_COMPLEXITY,
            WRITE, DENYOOM).keys(1, -1, 1).acl("write", "set", "slow").build(),
        spec("sismember", 3, handler(OP_SISMEMBER), "1.0.0",
            "Determine if a given value is a member of a set", "O(1)", READONLY, FAST)
            .acl("read", "set", "fast").build(),
        spec("smembers", 2, handler(OP_SMEMBERS), "1.0.0", "Get all the members in a set",
            "O(N) where N is the set cardinality.", READONLY).acl("read", "set", "slow").build(),
        spec("smismember", -3, handler(OP_SMISMEMBER), "6.2.0",
            "Returns the membership associated with the given elements for a set",
            "O(N) where N is the number of elements being checked for membership", READONLY,
            FAST).acl("read", "set", "fast").build(),
        spec("smove", 4, handler(OP_SMOVE), "1.0.0", "Move a member from one set to another",
            "O(1)", WRITE, FAST).keys(1, 2, 1).acl("write", "set", "fast").build(),
        spec("spop", -2, handler(OP_SPOP), "1.0.0",
            "Remove and return one or multiple random members from a set",
            "Without the count argument O(1), otherwise O(N) where N is the value of the passed"
                + " count.", WRITE, FAST).acl("write", "set", "fast").build(),
        spec("srandmember", -2, handler(OP_SRANDMEMBER), "1.0.0",
            "Get one or multiple random members from a set",
            "Without the count argument O(1), otherwise O(N) where N is the absolute value of"
                + " the passed count.", READONLY).acl("read", "set", "slow").build(),
        spec("srem", -3, handler(OP_SREM), "1.0.0", "Remove one or more members from a set",
            "O(N) where N is the number of members to be removed.", WRITE, FAST)
            .acl("write", "set", "fast").build(),
        spec("sscan", -3, handler(OP_SSCAN), "2.8.0", "Incrementally iterate Set elements",
            "O(1) for every call. O(N) for a complete iteration, including enough command calls"
                + " for the cursor to return back to 0. N is the number of elements inside the"
                + " collection..", READONLY).acl("read", "set", "slow").build(),
        spec("sunion", -2, handler(OP_SUNION), "1.0.0", "Add multiple sets", ALL_COMPLEXITY,
            READONLY).keys(1, -1, 1).acl("read", "set", "slow").build(),
        spec("sunionstore", -3, handler(OP_SUNIONSTORE), "1.0.0",
            "Add multiple sets and store the resulting set in a key", ALL_COMPLEXITY, WRITE,
            DENYOOM).keys(1, -1, 1).acl("write", "set", "slow").build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_SADD = 0;
  private static final int OP_SCARD = 1;
  private static final int OP_SDIFF = 2;
  private static final int OP_SDIFFSTORE = 3;
  private static final int OP_SINTER = 4;
  private static final int OP_SINTERCARD = 5;
  private static final int OP_SINTERSTORE = 6;
  private static final int OP_SISMEMBER = 7;
  private static final int OP_SMEMBERS = 8;
  private static final int OP_SMISMEMBER = 9;
  private static final int OP_SMOVE = 10;
  private static final int OP_SPOP = 11;
  private static final int OP_SRANDMEMBER = 12;
  private static final int OP_SREM = 13;
  private static final int OP_SSCAN = 14;
  private static final int OP_SUNION = 15;
  private static final int OP_SUNIONSTORE = 16;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_SADD -> sadd(c);
      case OP_SCARD -> scard(c);
      case OP_SDIFF -> sdiff(c);
      case OP_SDIFFSTORE -> sdiffstore(c);
      case OP_SINTER -> sinter(c);
      case OP_SINTERCARD -> sintercard(c);
      case OP_SINTERSTORE -> sinterstore(c);
      case OP_SISMEMBER -> sismember(c);
      case OP_SMEMBERS -> smembers(c);
      case OP_SMISMEMBER -> smismember(c);
      case OP_SMOVE -> smove(c);
      case OP_SPOP -> spop(c);
      case OP_SRANDMEMBER -> srandmember(c);
      case OP_SREM -> srem(c);
      case OP_SSCAN -> sscan(c);
      case OP_SUNION -> sunion(c);
      case OP_SUNIONSTORE -> sunionstore(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** A set command's spec builder (single key at 1 unless overridden, group set). */
  private static CommandSpec.Builder spec(String name, int arity, CommandHandler h, String since,
      String summary, String complexity, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, h).flags(flags).keys(1, 1, 1).group("set")
        .since(since).summary(summary).complexity(complexity);
  }

  // ------------------------------------------------------------------ single key

  /** SADD key member [member ...] — O(1) per member. */
  void sadd(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    long max = c.engine().limits().setMaxIntsetEntries;
    s.lock();
    try {
      SetValue set = SetType.getOrCreate(s, k, off, len, h, c.now(), k, a.offset(2), a.length(2));
      int added = 0;
      for (int i = 2; i < a.size(); i++) {
        if (SetType.add(set, k, a.offset(i), a.length(i), max)) {
          added++;
        }
      }
      c.engine().dirty(added);
      c.out().integer(added);
      if (added > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.SET, "sadd", k, off, len);
      }
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SREM key member [member ...] — O(N) where N is the number of members removed. */
  void srem(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      Entry e = StringType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        c.out().integer(0);
        return;
      }
      SetValue set = SetType.of(e);
      int deleted = 0;
      for (int i = 2; i < a.size(); i++) {
        if (SetType.remove(set, k, a.offset(i), a.length(i))) {
          deleted++;
          if (SetType.deleteIfEmpty(s, e)) {
            break;
          }
        }
      }
      c.engine().dirty(deleted);
      c.out().integer(deleted);
      if (deleted > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.SET, "srem", k, off, len);
        if (SetType.size(set) == 0) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        }
      }
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SISMEMBER key member — O(1). */
  void sismember(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      c.out().integer(set != null && SetType.contains(set, k, a.offset(2), a.length(2)) ? 1 : 0);
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SMISMEMBER key member [member ...] — O(N) where N is the number of members checked. */
  void smismember(Call c) {
    Argv a = c.argv();
    byte[] k = a.array();
    int h = Hashing.hash(k, a.offset(1), a.length(1));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      ReplySink out = c.out();
      out.arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        out.integer(set != null && SetType.contains(set, k, a.offset(i), a.length(i)) ? 1 : 0);
      }
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SCARD key — O(1). */
  void scard(Call c) {
    Argv a = c.argv();
    int h = Hashing.hash(a.array(), a.offset(1), a.length(1));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      c.out().integer(set == null ? 0 : SetType.size(set));
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SMEMBERS key — O(N) where N is the set cardinality. */
  void smembers(Call c) {
    Argv a = c.argv();
    int h = Hashing.hash(a.array(), a.offset(1), a.length(1));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      if (set == null) {
        c.out().setHeader(0);
      } else {
        SetType.reply(c.out(), set, true);
      }
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SPOP key [count] — O(1) without count, else O(N) where N is the count. */
  void spop(Call c) {
    Argv a = c.argv();
    if (a.size() > 3) {
      c.out().error(Errors.SYNTAX);
      return;
    }
    long count = 1;
    if (a.size() == 3) {
      if (!KeyArgs.isLong(a, 2) || (count = KeyArgs.longValue(a, 2)) < 0) {
        c.out().error(Errors.SET_COUNT_NOT_POSITIVE);
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
      Entry e = StringType.lookup(s, k, off, len, h, c.now());
      if (e == null) {
        if (a.size() == 3) {
          out.setHeader(0);
        } else {
          out.nullBulk();
        }
        return;
      }
      SetValue set = SetType.of(e);
      if (a.size() == 2) {
        byte[] member = SetType.pop(set);
        out.bulk(member);
        boolean deleted = SetType.deleteIfEmpty(s, e);
        c.engine().dirty(1);
        KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", k, off, len);
        if (deleted) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        }
        if (c.propagating()) { // Redis propagates SPOP as SREM of what it popped
          c.rewritePropagation(Propagations.SREM, a.copy(1), member.clone());
        }
        return;
      }
      if (count == 0) {
        out.setHeader(0);
        return;
      }
      if (count >= SetType.size(set)) {
        // Redis replies the whole set through SUNION (a read lookup: one keyspace hit), then
        // deletes the key: one change
        StringCommands.counted(c, e, k, off, len);
        SetValue all = SetType.union(new SetValue[] {set}, c.engine().limits().setMaxIntsetEntries);
        SetType.reply(out, all, true);
        s.delete(e);
        c.engine().dirty(1);
        KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", k, off, len);
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", k, off, len);
        if (c.propagating()) {
          c.rewritePropagation(Propagations.DEL, a.copy(1));
        }
        return;
      }
      c.engine().dirty(count);
      List<byte[]> popped = SetType.pop(set, (int) count);
      KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", k, off, len);
      out.setHeader(popped.size());
      for (byte[] m : popped) {
        out.bulk(m);
      }
      if (c.propagating()) { // one SREM of every popped member (Redis: one SREM each, in MULTI)
        byte[][] srem = new byte[popped.size() + 2][];
        srem[0] = Propagations.SREM;
        srem[1] = a.copy(1);
        for (int i = 0; i < popped.size(); i++) {
          srem[i + 2] = popped.get(i).clone();
        }
        c.rewritePropagation(srem);
      }
    } catch (LimeException e) {
      out.error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SRANDMEMBER key [count] — O(1) without count, else O(N) where N is |count|. */
  void srandmember(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (a.size() > 3) {
      out.error(Errors.SYNTAX);
      return;
    }
    long count = 0;
    if (a.size() == 3) {
      if (!KeyArgs.isLong(a, 2)) {
        out.error(Errors.NOT_INTEGER);
        return;
      }
      count = KeyArgs.longValue(a, 2);
      if (count == Long.MIN_VALUE) {
        out.error(Errors.SET_RANDOM_COUNT_RANGE);
        return;
      }
    }
    int h = Hashing.hash(a.array(), a.offset(1), a.length(1));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      if (a.size() == 2) {
        if (set == null) {
          out.nullBulk();
        } else {
          out.bulk(SetType.random(set));
        }
        return;
      }
      if (set == null || count == 0) {
        out.arrayHeader(0);
        return;
      }
      boolean unique = count > 0;
      long n = Math.abs(count);
      if (!unique) {
        // CASE 1: repeats allowed; streamed, no intermediate list
        int replies = (int) Math.min(n, Integer.MAX_VALUE);
        out.arrayHeader(replies);
        for (int i = 0; i < replies; i++) {
          out.bulk(SetType.random(set));
        }
        return;
      }
      if (n >= SetType.size(set)) {
        SetType.reply(out, set, false);
        return;
      }
      List<byte[]> picked = SetType.randomMembers(set, n, true);
      out.arrayHeader(picked.size());
      for (byte[] m : picked) {
        out.bulk(m);
      }
    } catch (LimeException e) {
      out.error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  /** SSCAN key cursor [MATCH pattern] [COUNT count] — O(1) per call. */
  void sscan(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (!ScanArgs.validCursor(a, 2, out)) {
      return;
    }
    long cursor = KeyArgs.cursorValue(a, 2);
    int h = Hashing.hash(a.array(), a.offset(1), a.length(1));
    Shard s = c.db().shard(h);
    s.lock();
    try {
      SetValue set = readSet(c, s, 1, h);
      if (set == null) {
        ScanArgs.replyEmpty(out);
        return;
      }
      if (!ScanArgs.validOptions(a, 3, false, out)) {
        return;
      }
      long count = ScanArgs.count(a, 3, SetType.SCAN_DEFAULT_COUNT);
      int pattern = ScanArgs.value(a, 3, "MATCH");
      List<byte[]> found = new ArrayList<>();
      long next = pattern < 0 || isStar(a, pattern)
          ? SetType.scan(set, cursor, null, 0, 0, count, found)
          : SetType.scan(set, cursor, a.array(), a.offset(pattern), a.length(pattern), count,
              found);
      ScanArgs.reply(out, next, found);
    } catch (LimeException e) {
      out.error(e.getMessage());
    } finally {
      s.unlock();
    }
  }

  private static boolean isStar(Argv a, int i) {
    return a.length(i) == 1 && a.array()[a.offset(i)] == '*';
  }

  // ------------------------------------------------------------------ multi key

  /** SMOVE source destination member — O(1). */
  void smove(Call c) {
    Argv a = c.argv();
    Database db = c.db();
    long now = c.now();
    byte[] k = a.array();
    long mask = db.lockKeys(a, 1, 2, 1);
    try {
      int sh = Hashing.hash(k, a.offset(1), a.length(1));
      int dh = Hashing.hash(k, a.offset(2), a.length(2));
      Shard ss = db.shard(sh);
      Shard ds = db.shard(dh);
      Entry src = StringType.lookup(ss, k, a.offset(1), a.length(1), sh, now);
      Entry dst = StringType.lookup(ds, k, a.offset(2), a.length(2), dh, now);
      if (src == null) {
        c.out().integer(0);
        return;
      }
      SetValue from = SetType.of(src);
      SetValue to = dst == null ? null : SetType.of(dst);
      int moff = a.offset(3);
      int mlen = a.length(3);
      if (from == to) {
        c.out().integer(SetType.contains(from, k, moff, mlen) ? 1 : 0);
        return;
      }
      if (!SetType.remove(from, k, moff, mlen)) {
        c.out().integer(0);
        return;
      }
      KeyspaceEvents.event(ss, NotifyFlags.SET, "srem", k, a.offset(1), a.length(1));
      if (SetType.deleteIfEmpty(ss, src)) {
        KeyspaceEvents.event(ss, NotifyFlags.GENERIC, "del", k, a.offset(1), a.length(1));
      }
      if (to == null) {
        to = SetType.getOrCreate(ds, k, a.offset(2), a.length(2), dh, now, k, moff, mlen);
      }
      db.engine().events().modified(db, k, a.offset(1), a.length(1));
      c.engine().dirty(1);
      if (SetType.add(to, k, moff, mlen, c.engine().limits().setMaxIntsetEntries)) {
        c.engine().dirty(1);
        KeyspaceEvents.signal(ds, NotifyFlags.SET, "sadd", k, a.offset(2), a.length(2));
      }
      c.out().integer(1);
    } catch (LimeException e) {
      c.out().error(e.getMessage());
    } finally {
      db.unlock(mask);
    }
  }

  /** SINTER key [key ...] — O(N*M) worst case. */
  void sinter(Call c) {
    Database db = c.db();
    long mask = db.lockKeys(c.argv(), 1, -1, 1);
    try {
      SetValue[] sets = lookupAll(c, 1, c.argv().size() - 1);
      if (sets == null) {
        return;
      }
      if (anyMissing(sets)) {
        c.out().setHeader(0);
      } else {
        SetType.replyIntersection(c.out(), sets);
      }
    } finally {
      db.unlock(mask);
    }
  }

  /** SINTERCARD numkeys key [key ...] [LIMIT limit] — O(N*M) worst case. */
  void sintercard(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    long numkeys = NumKeysArgs.numkeys(a, 1, 0, Errors.SET_NUMKEYS_TOO_MANY, out);
    if (numkeys < 0) {
      return;
    }
    long limit = 0;
    for (int i = 2 + (int) numkeys; i < a.size(); i++) {
      boolean moreArgs = a.size() - 1 - i > 0;
      if (a.is(i, "LIMIT") && moreArgs) {
        i++;
        if (!KeyArgs.isLong(a, i) || (limit = KeyArgs.longValue(a, i)) < 0) {
          out.error(Errors.SET_LIMIT_NEGATIVE);
          return;
        }
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    Database db = c.db();
    int last = 1 + (int) numkeys;
    long mask = db.lockKeys(a, 2, last, 1);
    try {
      SetValue[] sets = lookupAll(c, 2, last);
      if (sets == null) {
        return;
      }
      out.integer(anyMissing(sets) ? 0 : SetType.intersectionSize(sets, limit));
    } finally {
      db.unlock(mask);
    }
  }

  /** SINTERSTORE destination key [key ...] — O(N*M) worst case. */
  void sinterstore(Call c) {
    Database db = c.db();
    long mask = db.lockKeys(c.argv(), 1, -1, 1);
    try {
      SetValue[] sets = lookupAll(c, 2, c.argv().size() - 1);
      if (sets == null) {
        return;
      }
      SetValue result = anyMissing(sets)
          ? null : SetType.intersection(sets, c.engine().limits().setMaxIntsetEntries);
      store(c, result);
    } finally {
      db.unlock(mask);
    }
  }

  /** SUNION key [key ...] — O(N) where N is the total number of members. */
  void sunion(Call c) {
    unionDiff(c, false, false);
  }

  /** SUNIONSTORE destination key [key ...] — O(N) where N is the total number of members. */
  void sunionstore(Call c) {
    unionDiff(c, false, true);
  }

  /** SDIFF key [key ...] — O(N) where N is the total number of members. */
  void sdiff(Call c) {
    unionDiff(c, true, false);
  }

  /** SDIFFSTORE destination key [key ...] — O(N) where N is the total number of members. */
  void sdiffstore(Call c) {
    unionDiff(c, true, true);
  }

  /** SUNION/SDIFF and their STORE variants (Redis's sunionDiffGenericCommand). */
  private void unionDiff(Call c, boolean diff, boolean store) {
    Database db = c.db();
    long mask = db.lockKeys(c.argv(), 1, -1, 1);
    try {
      SetValue[] sets = lookupAll(c, store ? 2 : 1, c.argv().size() - 1);
      if (sets == null) {
        return;
      }
      long max = c.engine().limits().setMaxIntsetEntries;
      SetValue result = diff ? SetType.difference(sets, max) : SetType.union(sets, max);
      if (store) {
        store(c, result);
      } else {
        SetType.reply(c.out(), result, true);
      }
    } finally {
      db.unlock(mask);
    }
  }

  /** Stores a STORE command's result at argv[1] and replies its size (0 when null/empty). */
  private static void store(Call c, @Nullable SetValue result) {
    Argv a = c.argv();
    byte[] k = a.array();
    int off = a.offset(1);
    int len = a.length(1);
    int h = Hashing.hash(k, off, len);
    Shard s = c.db().shard(h);
    int size = result == null ? 0 : SetType.size(result);
    if (result == null) {
      Entry e = s.find(k, off, len, h, c.now());
      if (e != null) {
        s.delete(e);
        c.engine().dirty(1);
        KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", k, off, len);
      }
    } else {
      int changed = SetType.store(s, k, off, len, h, c.now(), result);
      c.engine().dirty(changed);
      if (size > 0) { // the STORE command's name is the event (sinterstore, sunionstore...)
        KeyspaceEvents.signal(s, NotifyFlags.SET, c.spec().name(), k, off, len);
      } else if (changed > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.GENERIC, "del", k, off, len);
      }
    }
    c.out().integer(size);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The set at argv[i] (whose hash is {@code h}, shard locked) looked up as Redis's
   * lookupKeyRead (counting a keyspace hit or miss); null when missing.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  private static @Nullable SetValue readSet(Call c, Shard s, int i, int h) {
    Argv a = c.argv();
    Entry e = StringType.lookup(s, a.array(), a.offset(i), a.length(i), h, c.now());
    c.readLookup(e != null, i);
    return e == null ? null : SetType.of(e);
  }

  /**
   * The sets at argv[first..last] (null entries for missing keys), every type checked in
   * order; null after replying WRONGTYPE. Each lookup counts a keyspace hit or miss: Redis
   * 7.0 reads the sources with lookupKeyRead in the STORE variants too.
   */
  private static @Nullable SetValue @Nullable [] lookupAll(Call c, int first, int last) {
    Argv a = c.argv();
    Database db = c.db();
    long now = c.now();
    byte[] k = a.array();
    @Nullable SetValue[] sets = new SetValue[last - first + 1];
    for (int i = first; i <= last; i++) {
      int h = Hashing.hash(k, a.offset(i), a.length(i));
      Entry e = StringType.lookup(db.shard(h), k, a.offset(i), a.length(i), h, now);
      c.readLookup(e != null, i);
      if (e == null) {
        continue;
      }
      if (!SetType.isSet(e.value())) {
        c.out().error(Errors.WRONGTYPE);
        return null;
      }
      sets[i - first] = (SetValue) e.value();
    }
    return sets;
  }

  private static boolean anyMissing(@Nullable SetValue[] sets) {
    for (SetValue s : sets) {
      if (s == null) {
        return true;
      }
    }
    return false;
  }
}
