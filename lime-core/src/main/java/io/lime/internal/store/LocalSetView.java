package io.lime.internal.store;

import io.lime.ScanResult;
import io.lime.SetView;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.SetAlgebra;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link SetView} over one key of one database: each method checks its Java arguments, locks
 * the key (the shards of every key, in ascending order, for multi-key calls) and calls the
 * key-level operation of {@link SetType} or {@link SetAlgebra} the SET commands call, so the
 * semantics (and SPOP's propagation) are theirs. A write runs in a {@link WriteUnit} whose
 * command "as given" is the equivalent Redis command, built only when persistence wants it.
 */
public final class LocalSetView implements SetView {
  /** Longest list the JVM reliably allocates. */
  private static final long MAX_LIST = Integer.MAX_VALUE - 8;

  private final Engine engine;
  private final Database db;
  private final byte[] key;

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalSetView(Engine engine, int dbIndex, byte[] key) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  // ------------------------------------------------------------------ single key

  @Override
  public long add(byte[]... members) {
    if (nonNull(members).length == 0) {
      return 0;
    }
    return write(k -> SetType.add(k, ByteArgs.of(members)), () -> Argvs.of("SADD", key, members));
  }

  @Override
  public long add(String... members) {
    return add(utf8(members));
  }

  @Override
  public long remove(byte[]... members) {
    nonNull(members);
    return write(k -> SetType.remove(k, ByteArgs.of(members)),
        () -> Argvs.of("SREM", key, members));
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
    nonNull(members);
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
    byte[] m = write(SetType::pop, () -> Argvs.of("SPOP", key));
    return m == null ? null : m.clone();
  }

  @Override
  public @Nullable String popString() {
    byte[] m = pop();
    return m == null ? null : new String(m, StandardCharsets.UTF_8);
  }

  @Override
  public List<byte[]> pop(long count) {
    if (count < 0) {
      throw new IllegalArgumentException(Errors.SET_COUNT_NOT_POSITIVE);
    }
    List<byte[]> popped = write(k -> SetType.pop(k, count, null),
        () -> Argvs.of("SPOP", key, count));
    popped.replaceAll(byte[]::clone);
    return popped;
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
    if (count == Long.MIN_VALUE) {
      throw new IllegalArgumentException(Errors.SET_RANDOM_COUNT_RANGE);
    } else if (-count > MAX_LIST) {
      throw new IllegalArgumentException(Errors.SET_RANDOM_COUNT_TOO_LARGE);
    }
    return read(set -> set == null || count == 0
        ? new ArrayList<byte[]>()
        : SetType.randomMembers(set, Math.abs(count), count > 0));
  }

  @Override
  public ScanResult scan(long cursor, @Nullable String match, long count) {
    if (count < 1) {
      throw new IllegalArgumentException(Errors.SYNTAX); // Redis: COUNT below 1
    }
    byte[] p = match == null || match.equals("*") ? null : match.getBytes(StandardCharsets.UTF_8);
    return read(set -> {
      List<byte[]> found = new ArrayList<>();
      long next = set == null ? 0
          : SetType.scan(set, cursor, p, 0, p == null ? 0 : p.length, count, found);
      return new ScanResult(next, found);
    });
  }

  // ------------------------------------------------------------------ multi key

  @Override
  public boolean move(byte[] member, byte[] destination) {
    Objects.requireNonNull(member, "member");
    return writeAll(new byte[][] {key, Objects.requireNonNull(destination, "destination")},
        (locks, now) -> SetType.move(locks.key(key, now), locks.key(destination, now), member, 0,
            member.length),
        () -> Argvs.of("SMOVE", key, destination, member));
  }

  @Override
  public boolean move(String member, String destination) {
    return move(member.getBytes(StandardCharsets.UTF_8),
        destination.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<byte[]> intersect(byte[]... otherKeys) {
    return readAll(otherKeys, SetAlgebra::intersectionMembers);
  }

  @Override
  public Set<String> intersect(String... otherKeys) {
    return strings(intersect(utf8(otherKeys)));
  }

  @Override
  public long intersectSize(long limit, byte[]... otherKeys) {
    if (limit < 0) {
      throw new IllegalArgumentException(Errors.SET_LIMIT_NEGATIVE);
    }
    return readAll(otherKeys, sets -> SetAlgebra.intersectionSize(sets, limit));
  }

  @Override
  public List<byte[]> union(byte[]... otherKeys) {
    return combine(SetAlgebra.Kind.UNION, otherKeys);
  }

  @Override
  public Set<String> union(String... otherKeys) {
    return strings(union(utf8(otherKeys)));
  }

  @Override
  public List<byte[]> difference(byte[]... otherKeys) {
    return combine(SetAlgebra.Kind.DIFF, otherKeys);
  }

  @Override
  public Set<String> difference(String... otherKeys) {
    return strings(difference(utf8(otherKeys)));
  }

  @Override
  public long storeIntersection(byte[]... sourceKeys) {
    return store(SetAlgebra.Kind.INTER, "SINTERSTORE", sourceKeys);
  }

  @Override
  public long storeIntersection(String... sourceKeys) {
    return storeIntersection(utf8(sourceKeys));
  }

  @Override
  public long storeUnion(byte[]... sourceKeys) {
    return store(SetAlgebra.Kind.UNION, "SUNIONSTORE", sourceKeys);
  }

  @Override
  public long storeUnion(String... sourceKeys) {
    return storeUnion(utf8(sourceKeys));
  }

  @Override
  public long storeDifference(byte[]... sourceKeys) {
    return store(SetAlgebra.Kind.DIFF, "SDIFFSTORE", sourceKeys);
  }

  @Override
  public long storeDifference(String... sourceKeys) {
    return storeDifference(utf8(sourceKeys));
  }

  // ------------------------------------------------------------------ helpers

  /** SUNION and SDIFF of this key then {@code others}, as new arrays in reply order. */
  private List<byte[]> combine(SetAlgebra.Kind kind, byte[][] others) {
    long max = engine.limits().setMaxIntsetEntries;
    return readAll(others, sets -> SetType.members(SetAlgebra.combine(kind, sets, max)));
  }

  /** A STORE command into this key from {@code sources}, propagated as {@code command}. */
  private long store(SetAlgebra.Kind kind, String command, byte[][] sources) {
    return writeAll(withThisKey(sources),
        (locks, now) -> SetAlgebra.store(locks.key(key, now), ByteArgs.of(sources), kind, null),
        () -> Argvs.of(command, key, sources));
  }

  /** Runs {@code f} on this key's set (null when missing) under its shard lock. */
  private <T> T read(Function<@Nullable SetValue, T> f) {
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return f.apply(SetType.read(k));
    }
  }

  /** Runs {@code f} on the sets of this key then {@code others} (nulls for missing keys). */
  private <T> T readAll(byte[][] others, Function<@Nullable SetValue[], T> f) {
    byte[][] keys = withThisKey(others);
    try (KeyLocks locks = KeyLocks.of(db, keys)) {
      return f.apply(SetAlgebra.sources(db, engine.now(), ByteArgs.of(keys), null));
    }
  }

  /** Runs the write {@code op} on this key in a write unit propagating {@code given}. */
  private <T> T write(Function<LockedKey, T> op, Supplier<byte[][]> given) {
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try (LockedKey k = LockedKey.lock(db, key, engine.now())) {
      return op.apply(k);
    } finally {
      if (w != null) {
        w.end(given);
      }
    }
  }

  /** A multi-key write: {@code op} given the locks of {@code keys} and the time. */
  private <T> T writeAll(byte[][] keys, MultiKeyOp<T> op, Supplier<byte[][]> given) {
    WriteUnit w = WriteUnit.begin(engine, db.index());
    try (KeyLocks locks = KeyLocks.of(db, keys)) {
      return op.apply(locks, engine.now());
    } finally {
      if (w != null) {
        w.end(given);
      }
    }
  }

  @FunctionalInterface
  private interface MultiKeyOp<T> {
    T apply(KeyLocks locks, long now);
  }

  private byte[][] withThisKey(byte[][] others) {
    byte[][] keys = new byte[others.length + 1][];
    keys[0] = key;
    System.arraycopy(nonNull(others), 0, keys, 1, others.length);
    return keys;
  }

  private static byte[][] nonNull(byte[][] arrays) {
    for (byte[] a : arrays) {
      Objects.requireNonNull(a);
    }
    return arrays;
  }

  private static byte[][] utf8(String... strings) {
    return Arrays.stream(strings).map(s -> s.getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new);
  }

  private static Set<String> strings(List<byte[]> members) {
    Set<String> out = new LinkedHashSet<>(members.size() * 2);
    members.forEach(m -> out.add(new String(m, StandardCharsets.UTF_8)));
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
    return Arrays.hashCode(key);
  }
}
