package io.lime.internal.store;

import io.lime.GetExOptions;
import io.lime.SetOptions;
import io.lime.StringOperations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The UTF-8 {@code String} overloads of {@link StringOperations}, each encoding its
 * arguments and decoding its result around the {@code byte[]} method: what
 * {@link LocalStringOperations} inherits, so that it holds only the operations.
 */
abstract class Utf8StringOperations implements StringOperations {
  @Override
  public @Nullable String get(String key) {
    return str(get(utf8(key)));
  }

  @Override
  public List<@Nullable String> mget(String... keys) {
    byte[][] raw = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      raw[i] = utf8(keys[i]);
    }
    List<@Nullable String> out = new ArrayList<>(keys.length);
    for (byte[] b : mget(raw)) {
      out.add(str(b));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public long strlen(String key) {
    return strlen(utf8(key));
  }

  @Override
  public void set(String key, String value) {
    set(utf8(key), utf8(value));
  }

  @Override
  public boolean set(String key, String value, SetOptions options) {
    return set(utf8(key), utf8(value), options);
  }

  @Override
  public @Nullable String setAndGet(String key, String value, SetOptions options) {
    return str(setAndGet(utf8(key), utf8(value), options));
  }

  @Override
  public boolean setIfAbsent(String key, String value) {
    return setIfAbsent(utf8(key), utf8(value));
  }

  @Override
  public void setEx(String key, String value, Duration ttl) {
    setEx(utf8(key), utf8(value), ttl);
  }

  @Override
  public @Nullable String getSet(String key, String value) {
    return str(getSet(utf8(key), utf8(value)));
  }

  @Override
  public @Nullable String getDel(String key) {
    return str(getDel(utf8(key)));
  }

  @Override
  public @Nullable String getEx(String key, GetExOptions options) {
    return str(getEx(utf8(key), options));
  }

  @Override
  public void mset(Map<String, String> entries) {
    mset(pairs(entries));
  }

  @Override
  public boolean msetnx(Map<String, String> entries) {
    return msetnx(pairs(entries));
  }

  @Override
  public long append(String key, String value) {
    return append(utf8(key), utf8(value));
  }

  @Override
  public long incr(String key) {
    return incr(utf8(key));
  }

  @Override
  public long decr(String key) {
    return decr(utf8(key));
  }

  @Override
  public long incrBy(String key, long increment) {
    return incrBy(utf8(key), increment);
  }

  @Override
  public long decrBy(String key, long decrement) {
    return decrBy(utf8(key), decrement);
  }

  @Override
  public double incrByFloat(String key, double increment) {
    return incrByFloat(utf8(key), increment);
  }

  private static byte[][] pairs(Map<String, String> entries) {
    byte[][] kv = new byte[entries.size() * 2][];
    int i = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      kv[i++] = utf8(e.getKey());
      kv[i++] = utf8(e.getValue());
    }
    return kv;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static @Nullable String str(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

}
