package io.lime.internal.store;

import io.lime.ScanResult;
import io.lime.SetView;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.SetAlgebra;
import io.lime.internal.type.SetAlgebra.Kind;
import io.lime.internal.type.SetType;
import io.lime.internal.type.SetValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link SetView} over one key of one database, on the key-level operations of
 * {@link SetType} and {@link SetAlgebra} the set commands call (the shape is
 * {@link LocalDoor}'s), so SPOP's propagation is theirs too.
 */
public final class LocalSetView extends LocalKeyView implements SetView {
  /** Longest list the JVM reliably allocates. */
  private static final long MAX_LIST = Integer.MAX_VALUE - 8;

  /** A view of {@code key} (copied) in database {@code dbIndex} of {@code engine}. */
  public LocalSetView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "SetView");
  }

  // ------------------------------------------------------------------ single key

  @Override
  public long add(byte[]... members) { // SADD needs a member; an empty call changes nothing
    return members.length == 0 ? 0 : writeMembers(members, SetType::add);
  }

  @Override public long remove(byte[]... members) { return writeMembers(members, SetType::remove); }

  @Override
  public boolean contains(byte[] member) {
    Objects.requireNonNull(member, "member");
    return read(set -> set != null && SetType.contains(set, member, 0, member.length));
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

  @Override public long size() { return read(set -> set == null ? 0L : (long) SetType.size(set)); }

  @Override
  public List<byte[]> members() {
    return read(set -> set == null ? new ArrayList<byte[]>() : SetType.members(set));
  }

  @Override
  public byte @Nullable [] pop() {
    byte[] m = write(key, SetType::pop);
    return m == null ? null : m.clone();
  }

  @Override
  public List<byte[]> pop(long count) {
    requireArgument(count >= 0, Errors.SET_COUNT_NOT_POSITIVE);
    List<byte[]> popped = write(key, k -> SetType.pop(k, count, null));
    popped.replaceAll(byte[]::clone);
    return popped;
  }

  @Override
  public byte @Nullable [] randomMember() {
    return read(set -> set == null ? null : SetType.random(set));
  }

  @Override
  public List<byte[]> randomMembers(long count) {
    requireArgument(count != Long.MIN_VALUE, Errors.SET_RANDOM_COUNT_RANGE);
    requireArgument(-count <= MAX_LIST, Errors.SET_RANDOM_COUNT_TOO_LARGE);
    return read(set -> set == null || count == 0
        ? new ArrayList<byte[]>()
        : SetType.randomMembers(set, Math.abs(count), count > 0));
  }

  @Override
  public ScanResult scan(long cursor, @Nullable String match, long count) {
    requireArgument(count >= 1, Errors.SYNTAX); // Redis: COUNT below 1
    byte[] p = match == null || match.equals("*") ? null : utf8(match);
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
    byte[][] keys = {key, Objects.requireNonNull(destination, "destination")};
    return write(() -> onKeys(keys, (locks, now) -> SetType.move(locks.key(key, now),
        locks.key(destination, now), member, 0, member.length)));
  }

  @Override
  public List<byte[]> intersect(byte[]... others) {
    return readAll(others, SetAlgebra::intersectionMembers);
  }

  @Override
  public long intersectSize(long limit, byte[]... otherKeys) {
    requireArgument(limit >= 0, Errors.SET_LIMIT_NEGATIVE);
    return readAll(otherKeys, sets -> SetAlgebra.intersectionSize(sets, limit));
  }

  @Override public List<byte[]> union(byte[]... others) { return combine(Kind.UNION, others); }
  @Override public List<byte[]> difference(byte[]... others) { return combine(Kind.DIFF, others); }
  @Override public long storeIntersection(byte[]... sources) { return store(Kind.INTER, sources); }
  @Override public long storeUnion(byte[]... sources) { return store(Kind.UNION, sources); }
  @Override public long storeDifference(byte[]... sources) { return store(Kind.DIFF, sources); }

  // ------------------------------------------------------------------ helpers

  /** SUNION and SDIFF of this key then {@code others}, as new arrays in reply order. */
  private List<byte[]> combine(Kind kind, byte[][] others) {
    long max = engine.limits().setMaxIntsetEntries;
    return readAll(others, sets -> SetType.members(SetAlgebra.combine(kind, sets, max)));
  }

  /** S{INTER,UNION,DIFF}STORE into this key from {@code sources}. */
  private long store(Kind kind, byte[][] sources) {
    byte[][] keys = withThisKey(sources);
    return write(() -> onKeys(keys, (locks, now) -> SetAlgebra.store(locks.key(key, now),
        ByteArgs.of(sources), kind, null)));
  }

  /** Runs {@code f} on this key's set (null when missing) under its shard lock. */
  private <T> T read(Function<@Nullable SetValue, T> f) {
    return onKey(k -> f.apply(SetType.read(k)));
  }

  /** Runs {@code f} on the sets of this key then {@code others} (nulls for missing keys). */
  private <T> T readAll(byte[][] others, Function<@Nullable SetValue[], T> f) {
    byte[][] keys = withThisKey(others);
    return onKeys(keys, (locks, now) -> f.apply(SetAlgebra.sources(db, now, ByteArgs.of(keys),
        null)));
  }
}
