package io.lime.internal.store;

import io.lime.HashView;
import io.lime.internal.engine.Engine;
import io.lime.internal.type.HashType;
import io.lime.internal.type.HashValue;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link HashView} over one key of one database, on the key-level operations of
 * {@link HashType} that the hash commands call (the shape is {@link LocalDoor}'s); the
 * encoding is the command's, and HINCRBYFLOAT propagates as HSET, as Redis.
 */
public final class LocalHashView extends LocalKeyView implements HashView {
  /** Most fields a negative-count random pick returns (a list cannot hold more). */
  private static final long MAX_REPEATED_PICKS = Integer.MAX_VALUE - 8;

  /** The view of {@code key} (copied) in database {@code dbIndex}. */
  public LocalHashView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "HashView");
  }

  /** Applies {@code read} to the key's hash (null when absent) under the shard lock. */
  private <T> T read(Function<@Nullable HashValue, T> read) {
    return onKey(k -> read.apply(HashType.read(k)));
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean put(byte[] field, byte[] value) {
    Argv pair = Argv.ofBytes(Objects.requireNonNull(field, "field"),
        Objects.requireNonNull(value, "value"));
    return write(key, k -> HashType.hset(k, pair, 0)) > 0;
  }

  @Override
  public long putAll(Map<String, String> entries) {
    if (entries.isEmpty()) {
      return 0;
    }
    Argv pairs = new Argv(entries.size() * 2, 64);
    entries.forEach((f, v) -> {
      pairs.add(utf8(f));
      pairs.add(utf8(v));
    });
    return write(key, k -> HashType.hset(k, pairs, 0));
  }

  @Override
  public boolean putIfAbsent(byte[] field, byte[] value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    return write(key, k -> HashType.hsetnx(k, field, 0, field.length, value, 0, value.length));
  }

  @Override
  public long delete(byte[]... fields) {
    Argv a = Argv.ofBytes(nonNull(fields));
    return write(key, k -> HashType.hdel(k, a, 0));
  }

  @Override
  public long incrBy(byte[] field, long increment) {
    Objects.requireNonNull(field, "field");
    return write(key, k -> HashType.hincrBy(k, field, 0, field.length, increment));
  }

  @Override
  public double incrByFloat(byte[] field, double increment) {
    Objects.requireNonNull(field, "field");
    LongDouble inc = HashType.checkFloatIncrement(LongDouble.asSent(increment));
    return Double.parseDouble(ascii(incrByFloat(field, inc)));
  }

  @Override
  public String incrByFloatText(String field, String increment) {
    byte[] inc = utf8(increment);
    return ascii(incrByFloat(utf8(field),
        HashType.checkFloatIncrement(LongDouble.parse(inc, 0, inc.length))));
  }

  /** HINCRBYFLOAT; the operation sets its propagated form ({@code HSET key field result}). */
  private byte[] incrByFloat(byte[] field, LongDouble increment) {
    return write(key, k -> HashType.hincrByFloat(k, field, 0, field.length, increment));
  }

  // ------------------------------------------------------------------ reads

  @Override
  public byte @Nullable [] get(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> h == null ? null : h.get(field, 0, field.length));
  }

  @Override
  public List<byte @Nullable []> getMany(byte[]... fields) {
    nonNull(fields);
    return read(h -> Arrays.stream(fields)
        .map(f -> h == null ? null : h.get(f, 0, f.length)).toList());
  }

  @Override public List<Map.Entry<byte[], byte[]>> entries() { return all(ENTRY_BYTES); }
  @Override public List<byte[]> keyBytes() { return all(FIELD_BYTES); }
  @Override public List<byte[]> valueBytes() { return all(VALUE_BYTES); }

  @Override
  public boolean exists(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> HashType.exists(h, field, 0, field.length));
  }

  @Override public long size() { return read(HashType::size); }

  @Override
  public long strlen(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> HashType.strlen(h, field, 0, field.length));
  }

  @Override
  public byte @Nullable [] randomFieldBytes() {
    List<byte[]> one = collect(FIELD_BYTES, (h, v) -> h.randomPairs(1, v));
    return one.isEmpty() ? null : one.get(0);
  }

  @Override
  public List<String> randomFields(long count) {
    checkCount(count, false);
    return collect(FIELD, (h, v) -> HashType.random(h, count, v));
  }

  @Override
  public List<Map.Entry<String, String>> randomEntries(long count) {
    checkCount(count, true);
    return collect(ENTRY, (h, v) -> HashType.random(h, count, v));
  }

  /** HRANDFIELD's count bounds: a list holds so many picks; WITHVALUES as Redis. */
  private static void checkCount(long count, boolean withValues) {
    requireArgument(count >= -MAX_REPEATED_PICKS && !(withValues && count > Long.MAX_VALUE / 2),
        "count out of range", count);
  }

  @Override
  public ScanPage scan(long cursor, @Nullable String match, long count) {
    requireArgument(count >= 1, "count must be >= 1", count);
    byte[] p = match == null ? null : utf8(match);
    long[] next = new long[1];
    List<Map.Entry<byte[], byte[]>> entries = collect(ENTRY_BYTES,
        (h, v) -> next[0] = HashType.scan(h, cursor, count, p, 0, p == null ? 0 : p.length, v));
    return new ScanPage(next[0], entries);
  }

  // ------------------------------------------------------------------ helpers

  /** A pair turned into an element of a result (slices valid only during the call). */
  @FunctionalInterface
  private interface PairMapper<T> {
    T map(byte[] fb, int foff, int flen, byte[] vb, int voff, int vlen);
  }

  private static final PairMapper<byte[]> FIELD_BYTES = (f, fo, fl, v, vo, vl) -> copy(f, fo, fl);
  private static final PairMapper<byte[]> VALUE_BYTES = (f, fo, fl, v, vo, vl) -> copy(v, vo, vl);
  private static final PairMapper<String> FIELD = (f, fo, fl, v, vo, vl) -> str(f, fo, fl);
  private static final PairMapper<Map.Entry<byte[], byte[]>> ENTRY_BYTES =
      (f, fo, fl, v, vo, vl) -> new SimpleImmutableEntry<>(copy(f, fo, fl), copy(v, vo, vl));
  private static final PairMapper<Map.Entry<String, String>> ENTRY =
      (f, fo, fl, v, vo, vl) -> new SimpleImmutableEntry<>(str(f, fo, fl), str(v, vo, vl));

  /** Every pair of the key's hash, in its order, mapped by {@code mapper}. */
  private <T> List<T> all(PairMapper<T> mapper) {
    return collect(mapper, HashValue::forEach);
  }

  /**
   * The pairs {@code walk} visits in the key's hash (none when absent), under the shard lock,
   * each turned into a list element by {@code mapper}.
   */
  private <T> List<T> collect(PairMapper<T> mapper,
      BiConsumer<HashValue, HashValue.PairVisitor> walk) {
    List<T> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        walk.accept(h, (fb, foff, flen, vb, voff, vlen) ->
            out.add(mapper.map(fb, foff, flen, vb, voff, vlen)));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  private static byte[] copy(byte[] b, int off, int len) {
    return Arrays.copyOfRange(b, off, off + len);
  }

  private static String str(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }
}
