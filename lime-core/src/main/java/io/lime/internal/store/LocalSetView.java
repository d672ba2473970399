package io.lime.internal.store;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.ScanResult;
import io.lime.SetView;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import io.lime.internal.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link SetView} over one key of one database: each call locks the key's shard (every
 * involved key's shard, in ascending order, for multi-key calls) and runs the same
 * {@link SetType} operations as the SET commands, building no argv and no RESP. Writes add
 * to the engine's dirty counter as the commands do.
 */
public final class LocalSetView implements SetView {
  /** Longest list the JVM reliably allocates. */
  private static final long MAX_LIST = Integer.MAX_VALUE - 8;

  private final Engine engine;
  private final Database db;
  private final byte[] key;
  private final int hash;

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalSetView(Engine engine, int dbIndex, byte[] key) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
    this.hash = Hashing.hash(this.key);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  // ------------------------------------------------------------------ single key

  @Override
  public long add(byte[]... members) {
    if (members.length == 0) {
      return 0;
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return addLocked(members);
    } finally {
      if (w != null) {
        w.end("SADD", key, members);
      }
    }
  }

  private long addLocked(byte[][] members) {
    long max = engine.limits().setMaxIntsetEntries;
    Shard s = db.shard(hash);
    s.lock();
    try {
      byte[] first = members[0];
      SetValue set = SetType.getOrCreate(s, key, 0, key.length, hash, engine.now(), first, 0,
          first.length);
      long added = 0;
      for (byte[] m : members) {
        if (SetType.add(set, m, 0, m.length, max)) {
          added++;
        }
      }
      engine.dirty(added);
      if (added > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.SET, "sadd", key);
      }
      return added;
    } finally {
      s.unlock();
    }
  }

  @Override
  public long add(String... members) {
    return add(utf8(members));
  }

  @Override
  public long remove(byte[]... members) {
    Objects.requireNonNull(members, "members");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return removeLocked(members);
    } finally {
      if (w != null) {
        w.end("SREM", key, members);
      }
    }
  }

  private long removeLocked(byte[][] members) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = StringType.lookup(s, key, 0, key.length, hash, engine.now());
      if (e == null) {
        return 0;
      }
      SetValue set = SetType.of(e);
      long removed = 0;
      for (byte[] m : members) {
        if (SetType.remove(set, m, 0, m.length)) {
          removed++;
          if (SetType.deleteIfEmpty(s, e)) {
            break;
          }
        }
      }
      engine.dirty(removed);
      if (removed > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.SET, "srem", key);
        if (SetType.size(set) == 0) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
        }
      }
      return removed;
    } finally {
      s.unlock();
    }
  }

  @Override
  public long remove(String... members) {
    return remove(utf8(members));
  }

  @Override
  public boolean contains(byte[] member) {
    Objects.requireNonNull(member, "member");
    return read(set -> set != null && SetType.contains(set, member, 0, member.length));
  }

  @Override
  public boolean contains(String member) {
    return contains(member.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean[] containsEach(byte[]... members) {
    for (byte[] m : members) {
      Objects.requireNonNull(m, "member");
    }
    return read(set -> {
      boolean[] r = new boolean[members.length];
      for (int i = 0; i < members.length && set != null; i++) {
        r[i] = SetType.contains(set, members[i], 0, members[i].length);
      }
      return r;
    });
  }

  @Override
  public long size() {
    return read(set -> set == null ? 0L : (long) SetType.size(set));
  }

  @Override
  public List<byte[]> members() {
    return read(set -> set == null ? new ArrayList<byte[]>() : SetType.members(set));
  }

  @Override
  public Set<String> memberStrings() {
    return strings(members());
  }

  @Override
  public byte @Nullable [] pop() {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    byte[] popped = null;
    try {
      popped = popLocked();
      return popped;
    } finally {
      if (w != null) { // Redis propagates SPOP as SREM of the member
        if (popped != null) {
          w.end("SREM", key, popped);
        } else {
          w.end();
        }
      }
    }
  }

  private byte @Nullable [] popLocked() {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = StringType.lookup(s, key, 0, key.length, hash, engine.now());
      if (e == null) {
        return null;
      }
      byte[] m = SetType.pop(SetType.of(e));
      boolean deleted = SetType.deleteIfEmpty(s, e);
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", key);
      if (deleted) {
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
      }
      return m.clone();
    } finally {
      s.unlock();
    }
  }

  @Override
  public @Nullable String popString() {
    byte[] m = pop();
    return m == null ? null : new String(m, StandardCharsets.UTF_8);
  }

  @Override
  public List<byte[]> pop(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("ERR value is out of range, must be positive");
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    List<byte[]> popped = null;
    try {
      popped = popLocked(count);
      return popped;
    } finally {
      if (w != null) { // as Redis: DEL when the whole set went, else SREM of the members
        if (popped == null) {
          w.end();
        } else if (TypedWrite.missing(db, key)) {
          w.end("DEL", key);
        } else {
          w.end("SREM", key, popped);
        }
      }
    }
  }

  private List<byte[]> popLocked(long count) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = StringType.lookup(s, key, 0, key.length, hash, engine.now());
      if (e == null) {
        return new ArrayList<>();
      }
      SetValue set = SetType.of(e);
      if (count == 0) {
        return new ArrayList<>();
      }
      if (count >= SetType.size(set)) {
        List<byte[]> all = SetType.members(set);
        s.delete(e);
        engine.dirty(1);
        KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", key);
        KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
        return all;
      }
      engine.dirty(count);
      KeyspaceEvents.signal(s, NotifyFlags.SET, "spop", key);
      List<byte[]> popped = SetType.pop(set, (int) count);
      List<byte[]> out = new ArrayList<>(popped.size());
      for (byte[] m : popped) {
        out.add(m.clone());
      }
      return out;
    } finally {
      s.unlock();
    }
  }

  @Override
  public byte @Nullable [] randomMember() {
    return read(set -> set == null ? null : SetType.random(set));
  }

  @Override
  public @Nullable String randomMemberString() {
    byte[] m = randomMember();
    return m == null ? null : new String(m, StandardCharsets.UTF_8);
  }

  @Override
  public List<byte[]> randomMembers(long count) {
    if (count == Long.MIN_VALUE || -count > MAX_LIST) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    return read(set -> set == null || count == 0
        ? new ArrayList<byte[]>()
        : SetType.randomMembers(set, Math.abs(count), count > 0));
  }

  @Override
  public ScanResult scan(long cursor, @Nullable String match, long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    byte[] p = match == null || match.equals("*") ? null : match.getBytes(StandardCharsets.UTF_8);
    return read(set -> {
      List<byte[]> found = new ArrayList<>();
      if (set == null) {
        return new ScanResult(0, found);
      }
      long next = SetType.scan(set, cursor, p, 0, p == null ? 0 : p.length, count, found);
      return new ScanResult(next, found);
    });
  }

  // ------------------------------------------------------------------ multi key

  @Override
  public boolean move(byte[] member, byte[] destination) {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(destination, "destination");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return moveLocked(member, destination);
    } finally {
      if (w != null) {
        w.end("SMOVE", key, destination, member);
      }
    }
  }

  private boolean moveLocked(byte[] member, byte[] destination) {
    int dh = Hashing.hash(destination);
    long mask = (1L << db.shardIndex(hash)) | (1L << db.shardIndex(dh));
    db.lockMask(mask);
    try {
      long now = engine.now();
      Shard ss = db.shard(hash);
      Shard ds = db.shard(dh);
      Entry src = StringType.lookup(ss, key, 0, key.length, hash, now);
      Entry dst = StringType.lookup(ds, destination, 0, destination.length, dh, now);
      if (src == null) {
        return false;
      }
      SetValue from = SetType.of(src);
      SetValue to = dst == null ? null : SetType.of(dst);
      if (from == to) {
        return SetType.contains(from, member, 0, member.length);
      }
      if (!SetType.remove(from, member, 0, member.length)) {
        return false;
      }
      KeyspaceEvents.event(ss, NotifyFlags.SET, "srem", key, 0, key.length);
      if (SetType.deleteIfEmpty(ss, src)) {
        KeyspaceEvents.event(ss, NotifyFlags.GENERIC, "del", key, 0, key.length);
      }
      if (to == null) {
        to = SetType.getOrCreate(ds, destination, 0, destination.length, dh, now, member, 0,
            member.length);
      }
      engine.events().modified(db, key, 0, key.length);
      engine.dirty(1);
      if (SetType.add(to, member, 0, member.length, engine.limits().setMaxIntsetEntries)) {
        engine.dirty(1);
        KeyspaceEvents.signal(ds, NotifyFlags.SET, "sadd", destination);
      }
      return true;
    } finally {
      db.unlock(mask);
    }
  }

  @Override
  public boolean move(String member, String destination) {
    return move(member.getBytes(StandardCharsets.UTF_8),
        destination.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<byte[]> intersect(byte[]... otherKeys) {
    return readAll(otherKeys, sets -> anyMissing(sets)
        ? new ArrayList<byte[]>() : SetType.intersectionMembers(sets));
  }

  @Override
  public Set<String> intersect(String... otherKeys) {
    return strings(intersect(utf8(otherKeys)));
  }

  @Override
  public long intersectSize(long limit, byte[]... otherKeys) {
    if (limit < 0) {
      throw new IllegalArgumentException("ERR LIMIT can't be negative");
    }
    return readAll(otherKeys, sets -> anyMissing(sets) ? 0L : SetType.intersectionSize(sets, limit));
  }

  @Override
  public List<byte[]> union(byte[]... otherKeys) {
    long max = engine.limits().setMaxIntsetEntries;
    return readAll(otherKeys, sets -> SetType.members(SetType.union(sets, max)));
  }

  @Override
  public Set<String> union(String... otherKeys) {
    return strings(union(utf8(otherKeys)));
  }

  @Override
  public List<byte[]> difference(byte[]... otherKeys) {
    long max = engine.limits().setMaxIntsetEntries;
    return readAll(otherKeys, sets -> SetType.members(SetType.difference(sets, max)));
  }

  @Override
  public Set<String> difference(String... otherKeys) {
    return strings(difference(utf8(otherKeys)));
  }

  @Override
  public long storeIntersection(byte[]... sourceKeys) {
    long max = engine.limits().setMaxIntsetEntries;
    return storeAll("sinterstore", "SINTERSTORE", sourceKeys, sets -> anyMissing(sets)
        ? SetType.empty() : SetType.intersection(sets, max));
  }

  @Override
  public long storeIntersection(String... sourceKeys) {
    return storeIntersection(utf8(sourceKeys));
  }

  @Override
  public long storeUnion(byte[]... sourceKeys) {
    long max = engine.limits().setMaxIntsetEntries;
    return storeAll("sunionstore", "SUNIONSTORE", sourceKeys, sets -> SetType.union(sets, max));
  }

  @Override
  public long storeUnion(String... sourceKeys) {
    return storeUnion(utf8(sourceKeys));
  }

  @Override
  public long storeDifference(byte[]... sourceKeys) {
    long max = engine.limits().setMaxIntsetEntries;
    return storeAll("sdiffstore", "SDIFFSTORE", sourceKeys, sets -> SetType.difference(sets, max));
  }

  @Override
  public long storeDifference(String... sourceKeys) {
    return storeDifference(utf8(sourceKeys));
  }

  // ------------------------------------------------------------------ helpers

  /** Runs {@code f} on this key's set (null when missing) under its shard lock. */
  private <T> T read(Function<@Nullable SetValue, T> f) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      return f.apply(SetType.get(s, key, 0, key.length, hash, engine.now()));
    } finally {
      s.unlock();
    }
  }

  /** Runs {@code f} on the sets of this key then {@code others} (nulls for missing keys). */
  private <T> T readAll(byte[][] others, Function<@Nullable SetValue[], T> f) {
    byte[][] keys = new byte[others.length + 1][];
    keys[0] = key;
    System.arraycopy(others, 0, keys, 1, others.length);
    long mask = lockMask(keys);
    try {
      return f.apply(lookup(keys));
    } finally {
      db.unlock(mask);
    }
  }

  /** Computes a set from {@code sources} and stores it at this key (STORE semantics). */
  private long storeAll(String event, String command, byte[][] sources,
      Function<@Nullable SetValue[], SetValue> f) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return storeLocked(event, sources, f);
    } finally {
      if (w != null) {
        w.end(command, key, sources);
      }
    }
  }

  private long storeLocked(String event, byte[][] sources,
      Function<@Nullable SetValue[], SetValue> f) {
    byte[][] keys = new byte[sources.length + 1][];
    keys[0] = key;
    System.arraycopy(sources, 0, keys, 1, sources.length);
    long mask = lockMask(keys);
    try {
      SetValue result = f.apply(lookup(sources));
      int changed = SetType.store(db.shard(hash), key, 0, key.length, hash, engine.now(), result);
      engine.dirty(changed);
      if (SetType.size(result) > 0) {
        KeyspaceEvents.signal(db.shard(hash), NotifyFlags.SET, event, key);
      } else if (changed > 0) {
        KeyspaceEvents.signal(db.shard(hash), NotifyFlags.GENERIC, "del", key);
      }
      return SetType.size(result);
    } finally {
      db.unlock(mask);
    }
  }

  private long lockMask(byte[][] keys) {
    long mask = 0;
    for (byte[] k : keys) {
      Objects.requireNonNull(k, "key");
      mask |= 1L << db.shardIndex(Hashing.hash(k));
    }
    db.lockMask(mask);
    return mask;
  }

  /** The sets at {@code keys} (locked), every type checked before returning. */
  private @Nullable SetValue[] lookup(byte[][] keys) {
    long now = engine.now();
    @Nullable SetValue[] sets = new SetValue[keys.length];
    for (int i = 0; i < keys.length; i++) {
      byte[] k = keys[i];
      int h = Hashing.hash(k);
      sets[i] = SetType.get(db.shard(h), k, 0, k.length, h, now);
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

  private static byte[][] utf8(String... strings) {
    byte[][] out = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      out[i] = strings[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static Set<String> strings(List<byte[]> members) {
    Set<String> out = new LinkedHashSet<>(members.size() * 2);
    for (byte[] m : members) {
      out.add(new String(m, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public String toString() {
    return "SetView[" + new String(key, StandardCharsets.UTF_8) + "]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LocalSetView v && v.db == db && Arrays.equals(v.key, key);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
