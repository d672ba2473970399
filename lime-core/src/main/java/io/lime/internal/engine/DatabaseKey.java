package io.lime.internal.engine;

import java.util.Arrays;

/**
 * A (database, key) pair as a map key: the blocked keys of {@link BlockingKeys} and the
 * watched keys of {@link KeyspaceEvents}. Equality compares the key's bytes; the cached
 * {@code hash} ({@link Hashing#hash}) spares rehashing them.
 *
 * @param db the database index
 * @param key the key's bytes (owned by this record; not modified)
 * @param hash the key's hash
 */
record DatabaseKey(int db, byte[] key, int hash) {
  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseKey k && k.db == db && k.hash == hash && Arrays.equals(k.key, key);
  }

  @Override
  public int hashCode() {
    return hash * 31 + db;
  }
}
