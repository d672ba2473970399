package io.lime.internal.store;

import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.HashView;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.internal.type.HashType;
import io.lime.internal.type.HashValue;
import io.lime.internal.util.LongDouble;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link HashView} over one key of one database, calling {@link HashType} (the type layer
 * the commands use) with the caller's arrays: no argv, no RESP.
 *
 * <p>Concurrency: each call locks the key's shard for its whole duration. Writes add to the
 * engine's dirty counter as the corresponding command does.
 */
public final class LocalHashView implements HashView {
  /** Most fields a negative-count random pick returns (a list cannot hold more). */
  private static final long MAX_REPEATED_PICKS = Integer.MAX_VALUE - 8;

  private final Engine engine;
  private final Database db;
  private final byte[] key;
  private final int hash;

  /** The view of {@code key} (copied) in database {@code dbIndex}. */
  public LocalHashView(Engine engine, int dbIndex, byte[] key) {
    this.engine = engine;
    this.db = engine.db(dbIndex);
    this.key = key.clone();
    this.hash = Hashing.hash(this.key);
  }

  /** A locked step over the key's entry (null when the key is absent). */
  @FunctionalInterface
  private interface ReadStep<T> {
    T apply(@Nullable HashValue h);
  }

  /** A locked step over an existing or just-created entry. */
  @FunctionalInterface
  private interface WriteStep<T> {
    T apply(Shard s, Entry e);
  }

  private <T> T read(ReadStep<T> step) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = HashType.lookup(s, key, 0, key.length, hash, engine.now());
      return step.apply(e == null ? null : HashType.value(e));
    } finally {
      s.unlock();
    }
  }

  private <T> T write(WriteStep<T> step) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = HashType.lookupOrCreate(s, key, 0, key.length, hash, engine.now());
      try {
        return step.apply(s, e);
      } finally {
        if (HashType.value(e).size() == 0 && s.find(key, hash, engine.now()) == e) {
          s.delete(e); // nothing was stored: do not leave an empty hash behind
        }
      }
    } finally {
      s.unlock();
    }
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  // ------------------------------------------------------------------ writes

  @Override
  public boolean put(byte[] field, byte[] value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return putLocked(field, value);
    } finally {
      if (w != null) {
        w.end("HSET", key, field, value);
      }
    }
  }

  private boolean putLocked(byte[] field, byte[] value) {
    return write((s, e) -> {
      HashType.tryConversion(e, engine.limits(), Math.max(field.length, value.length));
      boolean created = HashType.set(e, engine.limits(), field, 0, field.length, value, 0,
          value.length);
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.HASH, "hset", key);
      return created;
    });
  }

  @Override
  public boolean put(String field, String value) {
    return put(utf8(field), utf8(value));
  }

  @Override
  public long putAll(Map<String, String> entries) {
    if (entries.isEmpty()) {
      return 0;
    }
    List<byte[]> flat = new ArrayList<>(entries.size() * 2);
    long longest = 0;
    for (Map.Entry<String, String> en : entries.entrySet()) {
      byte[] f = utf8(en.getKey());
      byte[] v = utf8(en.getValue());
      flat.add(f);
      flat.add(v);
      longest = Math.max(longest, Math.max(f.length, v.length));
    }
    long longestArg = longest;
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return putAllLocked(flat, longestArg);
    } finally {
      if (w != null) {
        w.end("HSET", key, flat);
      }
    }
  }

  private long putAllLocked(List<byte[]> flat, long longestArg) {
    return write((s, e) -> {
      HashType.tryConversion(e, engine.limits(), longestArg);
      long created = 0;
      for (int i = 0; i < flat.size(); i += 2) {
        byte[] f = flat.get(i);
        byte[] v = flat.get(i + 1);
        if (HashType.set(e, engine.limits(), f, 0, f.length, v, 0, v.length)) {
          created++;
        }
      }
      engine.dirty(flat.size() / 2);
      KeyspaceEvents.signal(s, NotifyFlags.HASH, "hset", key);
      return created;
    });
  }

  @Override
  public boolean putIfAbsent(byte[] field, byte[] value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return putIfAbsentLocked(field, value);
    } finally {
      if (w != null) {
        w.end("HSETNX", key, field, value);
      }
    }
  }

  private boolean putIfAbsentLocked(byte[] field, byte[] value) {
    return write((s, e) -> {
      if (HashType.value(e).valueLength(field, 0, field.length) >= 0) {
        return false;
      }
      HashType.tryConversion(e, engine.limits(), Math.max(field.length, value.length));
      HashType.set(e, engine.limits(), field, 0, field.length, value, 0, value.length);
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.HASH, "hset", key);
      return true;
    });
  }

  @Override
  public boolean putIfAbsent(String field, String value) {
    return putIfAbsent(utf8(field), utf8(value));
  }

  @Override
  public long delete(byte[]... fields) {
    for (byte[] f : fields) {
      Objects.requireNonNull(f, "field");
    }
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return deleteLocked(fields);
    } finally {
      if (w != null) {
        w.end("HDEL", key, fields);
      }
    }
  }

  private long deleteLocked(byte[][] fields) {
    Shard s = db.shard(hash);
    s.lock();
    try {
      Entry e = HashType.lookup(s, key, 0, key.length, hash, engine.now());
      if (e == null) {
        return 0;
      }
      long deleted = 0;
      for (byte[] f : fields) {
        if (HashType.deleteField(s, e, f, 0, f.length)) {
          deleted++;
          if (HashType.value(e).size() == 0) {
            break;
          }
        }
      }
      engine.dirty(deleted);
      if (deleted > 0) {
        KeyspaceEvents.signal(s, NotifyFlags.HASH, "hdel", key);
        if (HashType.value(e).size() == 0) {
          KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", key, 0, key.length);
        }
      }
      return deleted;
    } finally {
      s.unlock();
    }
  }

  @Override
  public long delete(String... fields) {
    return delete(utf8(fields));
  }

  @Override
  public long incrBy(byte[] field, long increment) {
    Objects.requireNonNull(field, "field");
    TypedWrite w = TypedWrite.begin(engine, db.index());
    try {
      return incrByLocked(field, increment);
    } finally {
      if (w != null) {
        w.end("HINCRBY", key, field, increment);
      }
    }
  }

  private long incrByLocked(byte[] field, long increment) {
    return write((s, e) -> {
      long v = HashType.incrBy(e, engine.limits(), field, 0, field.length, increment);
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.HASH, "hincrby", key);
      return v;
    });
  }

  @Override
  public long incrBy(String field, long increment) {
    return incrBy(utf8(field), increment);
  }

  @Override
  public double incrByFloat(byte[] field, double increment) {
    Objects.requireNonNull(field, "field");
    LongDouble inc = HashType.checkFloatIncrement(
        Double.isNaN(increment) ? null : LongDouble.of(increment));
    byte[] text = incrByFloat(field, inc);
    return Double.parseDouble(new String(text, StandardCharsets.US_ASCII));
  }

  @Override
  public double incrByFloat(String field, double increment) {
    return incrByFloat(utf8(field), increment);
  }

  @Override
  public String incrByFloatText(String field, String increment) {
    byte[] inc = utf8(increment);
    LongDouble parsed = HashType.checkFloatIncrement(LongDouble.parse(inc, 0, inc.length));
    return new String(incrByFloat(utf8(field), parsed), StandardCharsets.US_ASCII);
  }

  /** HINCRBYFLOAT, propagated as Redis does: {@code HSET key field result}. */
  private byte[] incrByFloat(byte[] field, LongDouble increment) {
    TypedWrite w = TypedWrite.begin(engine, db.index());
    byte[] text = null;
    try {
      text = incrByFloatLocked(field, increment);
      return text;
    } finally {
      if (w != null) {
        if (text != null) {
          w.end("HSET", key, field, text);
        } else {
          w.end();
        }
      }
    }
  }

  private byte[] incrByFloatLocked(byte[] field, LongDouble increment) {
    return write((s, e) -> {
      byte[] text = HashType.incrByFloat(e, engine.limits(), field, 0, field.length, increment);
      engine.dirty(1);
      KeyspaceEvents.signal(s, NotifyFlags.HASH, "hincrbyfloat", key);
      return text;
    });
  }

  // ------------------------------------------------------------------ reads

  @Override
  public byte @Nullable [] get(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> h == null ? null : h.get(field, 0, field.length));
  }

  @Override
  public @Nullable String get(String field) {
    return str(get(utf8(field)));
  }

  @Override
  public List<byte @Nullable []> getMany(byte[]... fields) {
    for (byte[] f : fields) {
      Objects.requireNonNull(f, "field");
    }
    return read(h -> {
      List<byte @Nullable []> out = new ArrayList<>(fields.length);
      for (byte[] f : fields) {
        out.add(h == null ? null : h.get(f, 0, f.length));
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public List<@Nullable String> getMany(String... fields) {
    List<@Nullable String> out = new ArrayList<>(fields.length);
    for (byte[] b : getMany(utf8(fields))) {
      out.add(str(b));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public Map<String, String> getAll() {
    Map<String, String> out = new LinkedHashMap<>();
    read(h -> {
      if (h != null) {
        h.forEach((fb, foff, flen, vb, voff, vlen) -> out.put(
            new String(fb, foff, flen, StandardCharsets.UTF_8),
            new String(vb, voff, vlen, StandardCharsets.UTF_8)));
      }
      return null;
    });
    return Collections.unmodifiableMap(out);
  }

  @Override
  public List<Map.Entry<byte[], byte[]>> entries() {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        h.forEach((fb, foff, flen, vb, voff, vlen) -> out.add(pair(fb, foff, flen, vb, voff, vlen)));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<String> keys() {
    return strings(keyBytes());
  }

  @Override
  public List<byte[]> keyBytes() {
    List<byte[]> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        h.forEach((fb, foff, flen, vb, voff, vlen) -> out.add(Arrays.copyOfRange(fb, foff, foff + flen)));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<String> values() {
    return strings(valueBytes());
  }

  @Override
  public List<byte[]> valueBytes() {
    List<byte[]> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        h.forEach((fb, foff, flen, vb, voff, vlen) -> out.add(Arrays.copyOfRange(vb, voff, voff + vlen)));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean exists(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> h != null && h.valueLength(field, 0, field.length) >= 0);
  }

  @Override
  public boolean exists(String field) {
    return exists(utf8(field));
  }

  @Override
  public long size() {
    return read(h -> h == null ? 0L : (long) h.size());
  }

  @Override
  public long strlen(byte[] field) {
    Objects.requireNonNull(field, "field");
    return read(h -> h == null ? 0L : (long) Math.max(0, h.valueLength(field, 0, field.length)));
  }

  @Override
  public long strlen(String field) {
    return strlen(utf8(field));
  }

  @Override
  public @Nullable String randomField() {
    return str(randomFieldBytes());
  }

  @Override
  public byte @Nullable [] randomFieldBytes() {
    List<byte[]> out = new ArrayList<>(1);
    read(h -> {
      if (h != null) {
        h.randomPairs(1, (fb, foff, flen, vb, voff, vlen) -> out.add(Arrays.copyOfRange(fb, foff, foff + flen)));
      }
      return null;
    });
    return out.isEmpty() ? null : out.get(0);
  }

  @Override
  public List<String> randomFields(long count) {
    if (count < -MAX_REPEATED_PICKS) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    List<String> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        HashType.random(h, count, (fb, foff, flen, vb, voff, vlen) ->
            out.add(new String(fb, foff, flen, StandardCharsets.UTF_8)));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<Map.Entry<String, String>> randomEntries(long count) {
    if (count < -MAX_REPEATED_PICKS || count > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    List<Map.Entry<String, String>> out = new ArrayList<>();
    read(h -> {
      if (h != null) {
        HashType.random(h, count, (fb, foff, flen, vb, voff, vlen) -> out.add(
            new SimpleImmutableEntry<>(new String(fb, foff, flen, StandardCharsets.UTF_8),
                new String(vb, voff, vlen, StandardCharsets.UTF_8))));
      }
      return null;
    });
    return Collections.unmodifiableList(out);
  }

  @Override
  public ScanPage scan(long cursor, @Nullable String match, long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    byte[] p = match == null ? null : utf8(match);
    List<byte[]> items = new ArrayList<>();
    long next = read(h -> h == null ? 0L
        : HashType.scan(h, cursor, count, p, 0, p == null ? 0 : p.length, items));
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(items.size() / 2);
    for (int i = 0; i < items.size(); i += 2) {
      entries.add(new SimpleImmutableEntry<>(items.get(i), items.get(i + 1)));
    }
    return new ScanPage(next, entries);
  }

  // ------------------------------------------------------------------ helpers

  private static Map.Entry<byte[], byte[]> pair(byte[] fb, int foff, int flen, byte[] vb,
      int voff, int vlen) {
    return new SimpleImmutableEntry<>(Arrays.copyOfRange(fb, foff, foff + flen),
        Arrays.copyOfRange(vb, voff, voff + vlen));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] utf8(String[] s) {
    byte[][] out = new byte[s.length][];
    for (int i = 0; i < s.length; i++) {
      out[i] = utf8(Objects.requireNonNull(s[i], "field"));
    }
    return out;
  }

  private static @Nullable String str(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static List<String> strings(List<byte[]> bytes) {
    List<String> out = new ArrayList<>(bytes.size());
    for (byte[] b : bytes) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableList(out);
  }
}
