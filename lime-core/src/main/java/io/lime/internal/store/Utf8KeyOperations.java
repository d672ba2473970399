package io.lime.internal.store;

import io.lime.ExpireCondition;
import io.lime.KeyOperations;
import io.lime.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UTF-8 {@code String} overloads of {@link KeyOperations}, each encoding its arguments
 * (and decoding KEYS' result) around the {@code byte[]} method: what {@link
 * LocalKeyOperations} inherits, so that it holds only the operations.
 */
abstract class Utf8KeyOperations implements KeyOperations {
  @Override
  public long delete(String... keys) {
    return delete(utf8(keys));
  }

  @Override
  public long unlink(String... keys) {
    return unlink(utf8(keys));
  }

  @Override
  public boolean exists(String key) {
    return exists(utf8(key));
  }

  @Override
  public long countExisting(String... keys) {
    return countExisting(utf8(keys));
  }

  @Override
  public long touch(String... keys) {
    return touch(utf8(keys));
  }

  @Override
  public KeyType type(String key) {
    return type(utf8(key));
  }

  @Override
  public void rename(String key, String newKey) {
    rename(utf8(key), utf8(newKey));
  }

  @Override
  public boolean renameNx(String key, String newKey) {
    return renameNx(utf8(key), utf8(newKey));
  }

  @Override
  public boolean copy(String source, String destination, boolean replace) {
    return copy(utf8(source), utf8(destination), replace);
  }

  @Override
  public boolean copy(String source, String destination, int targetDb, boolean replace) {
    return copy(utf8(source), utf8(destination), targetDb, replace);
  }

  @Override
  public boolean move(String key, int targetDb) {
    return move(utf8(key), targetDb);
  }

  @Override
  public boolean expire(String key, Duration ttl, ExpireCondition... conditions) {
    return expire(utf8(key), ttl, conditions);
  }

  @Override
  public boolean expireAt(String key, Instant deadline, ExpireCondition... conditions) {
    return expireAt(utf8(key), deadline, conditions);
  }

  @Override
  public long ttl(String key) {
    return ttl(utf8(key));
  }

  @Override
  public long pttl(String key) {
    return pttl(utf8(key));
  }

  @Override
  public Optional<Instant> expireTime(String key) {
    return expireTime(utf8(key));
  }

  @Override
  public boolean persist(String key) {
    return persist(utf8(key));
  }

  @Override
  public List<String> keys(String pattern) {
    List<byte[]> raw = keys(utf8(pattern));
    List<String> out = new ArrayList<>(raw.size());
    for (byte[] k : raw) {
      out.add(new String(k, StandardCharsets.UTF_8));
    }
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[][] utf8(String[] keys) {
    byte[][] out = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      out[i] = utf8(keys[i]);
    }
    return out;
  }
}
