package io.lime.internal.store;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.SortedSetView;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.ZSetParse;
import io.lime.internal.type.ZSetRange;
import io.lime.internal.type.ZSetType;
import io.lime.internal.type.ZSetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link SortedSetView} over one key of one database: each call locks the key's shard and
 * runs the same {@link ZSetType} operations as the sorted set commands, building no argv and
 * no RESP. Writes add to the engine's dirty counter as the commands do.
 */
public final class LocalSortedSetView implements SortedSetView {
  private final Engine engine;
  private final Database db;
  private final byte[] key;
  private final int hash;

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalSortedSetView(Engine engine, int dbIndex, byte[] key) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
    this.hash = Hashing.hash(this.key);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean add(byte[] member, double score) {
    return add(member, score, AddOptions.NONE) == 1;
  }

  @Override
  public boolean add(String member, double score) {
    return add(utf8(member), score);
  }

  @Override
  public long add(byte[] member, double score, AddOptions options) {
    Objects.requireNonNull(member, "member");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("value is not a valid float");
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    int r;
    try {
      r = addGeneric(member, score, flags(options));
    } finally {
      if (w != null) {
        w.end(zaddForm(options, false, score, member));
      }
    }
    int changed = (r & ZSetType.OUT_ADDED) != 0 ? 1 : 0;
    if (options.ch() && (r & ZSetType.OUT_UPDATED) != 0) {
      changed = 1;
    }
    return changed;
  }

  @Override
  public @Nullable Double incrBy(byte[] member, double delta, AddOptions options) {
    return incrByGeneric(member, delta, options, false);
  }

  /** ZADD ... INCR, or ZINCRBY when {@code zincrby}: the propagated form. */
  private @Nullable Double incrByGeneric(byte[] member, double delta, AddOptions options,
      boolean zincrby) {
    Objects.requireNonNull(member, "member");
    if (Double.isNaN(delta)) {
      throw new IllegalArgumentException("value is not a valid float");
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return incrByLocked(member, delta, options);
    } finally {
      if (w != null) {
        if (zincrby) {
          w.end("ZINCRBY", key, delta, member);
        } else {
          w.end(zaddForm(options, true, delta, member));
        }
      }
    }
  }

  private @Nullable Double incrByLocked(byte[] member, double delta, AddOptions options) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      int r = addGeneric(member, delta, flags(options) | ZSetType.IN_INCR);
      if ((r & ZSetType.OUT_NOP) != 0) {
        return null;
      }
      io.lime.internal.engine.Entry e = s.find(key, hash, engine.now());
      return e == null ? null : ZSetType.score(ZSetType.of(e), member, 0, member.length);
    } finally {
      s.unlock();
    }
  }

  @Override
  public double incrBy(String member, double delta) {
    Double d = incrByGeneric(utf8(member), delta, AddOptions.NONE, true);
    return d == null ? Double.NaN : d;
  }

  /** ZADD of one member: returns ZSetType's OUT flags; creates the key as ZADD does. */
  private int addGeneric(byte[] member, double score, int flags) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      long now = engine.now();
      io.lime.internal.engine.Entry e = ZSetType.lookup(s, key, 0, key.length, hash, now);
      if (e == null && (flags & ZSetType.IN_XX) != 0) {
        return ZSetType.OUT_NOP;
      }
      ZSetValue z;
      if (e == null) {
        z = ZSetType.create(engine.limits(), member.length);
        s.insert(key.clone(), hash, z, now);
        ZSetType.signalReady(s, key, 0, key.length, hash);
      } else {
        z = ZSetType.of(e);
      }
      int r = ZSetType.add(z, engine.limits(), member, 0, member.length, score, flags);
      if ((r & ZSetType.OUT_NAN) != 0) {
        throw new IllegalArgumentException("resulting score is not a number (NaN)");
      }
      engine.dirty(((r & ZSetType.OUT_ADDED) != 0 ? 1 : 0)
          + ((r & ZSetType.OUT_UPDATED) != 0 ? 1 : 0));
      if ((r & (ZSetType.OUT_ADDED | ZSetType.OUT_UPDATED)) != 0) {
        KeyspaceEvents.signal(s, NotifyFlags.ZSET,
            (flags & ZSetType.IN_INCR) != 0 ? "zincr" : "zadd", key);
      }
      engine.blocking().serveReady();
      return r;
    } finally {
      s.unlock();
    }
  }

  /** ZADD as a client sends it: {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member}. */
  private Object[] zaddForm(AddOptions o, boolean incr, double score, byte[] member) {
    List<Object> parts = new ArrayList<>(8);
    parts.add("ZADD");
    parts.add(key);
    if (o.nx()) {
      parts.add("NX");
    } else if (o.xx()) {
      parts.add("XX");
    }
    if (o.gt()) {
      parts.add("GT");
    } else if (o.lt()) {
      parts.add("LT");
    }
    if (o.ch()) {
      parts.add("CH");
    }
    if (incr) {
      parts.add("INCR");
    }
    parts.add(score);
    parts.add(member);
    return parts.toArray();
  }

  private static int flags(AddOptions o) {
    return (o.nx() ? ZSetType.IN_NX : 0) | (o.xx() ? ZSetType.IN_XX : 0)
        | (o.gt() ? ZSetType.IN_GT : 0) | (o.lt() ? ZSetType.IN_LT : 0);
  }

  @Override
  public long remove(byte[]... members) {
    Objects.requireNonNull(members, "members");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return removeLocked(members);
    } finally {
      if (w != null) {
        w.end("ZREM", key, members);
      }
    }
  }

  private long removeLocked(byte[][] members) {
    return write("zrem", (s, e, z) -> {
      long removed = 0;
      for (byte[] m : members) {
        if (ZSetType.remove(z, m, 0, m.length)) {
          removed++;
        }
        if (ZSetType.deleteIfEmpty(s, e)) {
          break;
        }
      }
      return removed;
    });
  }

  @Override
  public long remove(String... members) {
    byte[][] b = new byte[members.length][];
    for (int i = 0; i < b.length; i++) {
      b[i] = utf8(members[i]);
    }
    return remove(b);
  }

  @Override
  public List<Entry> popMin(long count) {
    return pop(false, count);
  }

  @Override
  public List<Entry> popMax(long count) {
    return pop(true, count);
  }

  private List<Entry> pop(boolean max, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("value is out of range, must be positive");
    }
    List<Entry> out = new ArrayList<>();
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      write(max ? "zpopmax" : "zpopmin", (s, e, z) -> {
        long n = ZSetType.pop(z, max, count, collect(out));
        ZSetType.deleteIfEmpty(s, e);
        return n;
      });
    } finally {
      if (w != null) {
        w.end(max ? "ZPOPMAX" : "ZPOPMIN", key, count);
      }
    }
    return out;
  }

  @Override
  public long removeRangeByRank(long start, long stop) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return write("zremrangebyrank", (s, e, z) -> {
        long n = ZSetType.removeByRank(z, start, stop);
        ZSetType.deleteIfEmpty(s, e);
        return n;
      });
    } finally {
      if (w != null) {
        w.end("ZREMRANGEBYRANK", key, start, stop);
      }
    }
  }

  @Override
  public long removeRangeByScore(ScoreRange range) {
    ZSetRange r = score(range);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return write("zremrangebyscore", (s, e, z) -> {
        long n = ZSetType.removeRange(z, r);
        ZSetType.deleteIfEmpty(s, e);
        return n;
      });
    } finally {
      if (w != null) {
        w.end("ZREMRANGEBYSCORE", key,
            bound(range.min(), range.minExclusive()), bound(range.max(), range.maxExclusive()));
      }
    }
  }

  @Override
  public long removeRangeByLex(LexRange range) {
    ZSetRange r = lex(range);
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return write("zremrangebylex", (s, e, z) -> {
        long n = ZSetType.removeRange(z, r);
        ZSetType.deleteIfEmpty(s, e);
        return n;
      });
    } finally {
      if (w != null) {
        w.end("ZREMRANGEBYLEX", key, lexBound(range.min(), range.minExclusive(), "-"),
            lexBound(range.max(), range.maxExclusive(), "+"));
      }
    }
  }

  private interface WriteOp {
    long apply(Shard s, io.lime.internal.engine.Entry e, ZSetValue z);
  }

  /** Runs {@code op} on the sorted set under the lock (0 when missing); counts it dirty. */
  private long write(String event, WriteOp op) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      io.lime.internal.engine.Entry e = ZSetType.lookup(s, key, 0, key.length, hash, engine.now());
      if (e == null) {
        return 0;
      }
      ZSetValue z = ZSetType.of(e);
      long n = op.apply(s, e, z);
      engine.dirty(n);
      if (n > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.ZSET, event, key);
        if (z.size() == 0) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
        }
      }
      return n;
    } finally {
      s.unlock();
    }
  }

  // ------------------------------------------------------------------ reads

  private <T> T read(Function<@Nullable ZSetValue, T> f) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      io.lime.internal.engine.Entry e = ZSetType.lookup(s, key, 0, key.length, hash, engine.now());
      return f.apply(e == null ? null : ZSetType.of(e));
    } finally {
      s.unlock();
    }
  }

  @Override
  public @Nullable Double score(byte[] member) {
    Objects.requireNonNull(member, "member");
    return read(z -> {
      double d = z == null ? Double.NaN : ZSetType.score(z, member, 0, member.length);
      return Double.isNaN(d) ? null : d;
    });
  }

  @Override
  public @Nullable Double score(String member) {
    return score(utf8(member));
  }

  @Override
  public @Nullable Long rank(byte[] member) {
    return rank(member, false);
  }

  @Override
  public @Nullable Long revRank(byte[] member) {
    return rank(member, true);
  }

  private @Nullable Long rank(byte[] member, boolean reverse) {
    Objects.requireNonNull(member, "member");
    return read(z -> {
      long r = z == null ? -1 : ZSetType.rank(z, member, 0, member.length, reverse);
      return r < 0 ? null : r;
    });
  }

  @Override
  public long size() {
    return read(z -> z == null ? 0L : z.size());
  }

  @Override
  public long count(ScoreRange range) {
    ZSetRange r = score(range);
    return read(z -> z == null ? 0L : ZSetType.count(z, r));
  }

  @Override
  public long lexCount(LexRange range) {
    ZSetRange r = lex(range);
    return read(z -> z == null ? 0L : ZSetType.count(z, r));
  }

  @Override
  public List<Entry> range(long start, long stop, boolean reverse) {
    return read(z -> {
      List<Entry> out = new ArrayList<>();
      if (z != null) {
        ZSetType.selectByRank(z, start, stop, reverse, collect(out));
      }
      return out;
    });
  }

  @Override
  public List<Entry> rangeByScore(ScoreRange range, boolean reverse, long offset, long count) {
    return select(score(range), reverse, offset, count);
  }

  @Override
  public List<Entry> rangeByLex(LexRange range, boolean reverse, long offset, long count) {
    return select(lex(range), reverse, offset, count);
  }

  private List<Entry> select(ZSetRange r, boolean reverse, long offset, long count) {
    return read(z -> {
      List<Entry> out = new ArrayList<>();
      if (z != null) {
        ZSetType.select(z, r, reverse, offset, count, collect(out));
      }
      return out;
    });
  }

  // ------------------------------------------------------------------ helpers

  private static io.lime.internal.type.ZSetEncoding.Visitor collect(List<Entry> out) {
    return (b, off, len, score) -> {
      out.add(new Entry(Arrays.copyOfRange(b, off, off + len), score));
      return true;
    };
  }

  private static ZSetRange score(ScoreRange r) {
    return new ZSetRange.Score(r.min(), r.minExclusive(), r.max(), r.maxExclusive());
  }

  private static ZSetRange lex(LexRange r) {
    byte[] min = r.min();
    byte[] max = r.max();
    return new ZSetRange.Lex(min == null ? ZSetParse.LEX_MIN : min.clone(),
        min == null || r.minExclusive(), max == null ? ZSetParse.LEX_MAX : max.clone(),
        max == null || r.maxExclusive());
  }

  /** A score bound as ZRANGEBYSCORE takes it: {@code (1.5}, {@code 2}, {@code -inf}. */
  private static String bound(double d, boolean exclusive) {
    return (exclusive ? "(" : "") + TypedWrite.score(d);
  }

  /** A lex bound as ZRANGEBYLEX takes it: {@code [a}, {@code (a}, or {@code -}/{@code +}. */
  private static byte[] lexBound(byte @Nullable [] b, boolean exclusive, String infinite) {
    if (b == null) {
      return TypedWrite.ascii(infinite);
    }
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) (exclusive ? '(' : '[');
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
