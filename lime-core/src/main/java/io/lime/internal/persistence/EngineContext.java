package io.lime.internal.persistence;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Shard;
import io.lime.persistence.PersistenceContext;
import io.lime.persistence.SnapshotVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The {@link PersistenceContext} over an {@link Engine}. */
public final class EngineContext implements PersistenceContext {
  private final Engine engine;

  public EngineContext(Engine engine) {
    this.engine = engine;
  }

  /** The engine. */
  public Engine engine() {
    return engine;
  }

  @Override
  public int databaseCount() {
    return engine.databaseCount();
  }

  @Override
  public long now() {
    return engine.now();
  }

  @Override
  public long dirty() {
    return engine.dirty();
  }

  @Override
  public void clearDirty(long n) {
    engine.dirty(-n);
  }

  @Override
  public void snapshot(SnapshotVisitor visitor) throws IOException {
    for (int d = 0; d < engine.databaseCount(); d++) {
      Database db = engine.db(d);
      long size = db.size();
      if (size == 0) {
        continue;
      }
      visitor.beginDatabase(d, size, db.volatileCount());
      final int dbIndex = d;
      for (int i = 0; i < db.shardCount(); i++) {
        Shard s = db.shardAt(i);
        s.lock();
        try {
          long now = engine.now();
          s.forEach(e -> {
            long at = e.expireAt();
            if (at != Entry.NO_EXPIRY && at < now) {
              return;
            }
            try {
              visitor.entry(dbIndex, e.key(), e.value(), at);
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          });
        } catch (UncheckedIOException x) {
          throw x.getCause();
        } finally {
          s.unlock();
        }
        visitor.endShard();
      }
    }
  }

  @Override
  public void restore(int db, byte[] key, Object value, long expireAtMillis) {
    int h = Hashing.hash(key, 0, key.length);
    Shard s = engine.db(db).shard(h);
    s.lock();
    try {
      Entry old = s.find(key, h, Long.MIN_VALUE);
      if (old != null) {
        s.delete(old);
      }
      Entry e = s.insert(key, h, value);
      if (expireAtMillis != Entry.NO_EXPIRY) {
        s.setExpireAt(e, expireAtMillis);
      }
    } finally {
      s.unlock();
    }
  }

  @Override
  public void restore(int db, byte[] key, io.lime.persistence.StoredValue value,
      long expireAtMillis) {
    if (!StoredValues.isEmpty(value)) {
      restore(db, key, StoredValues.toEngine(value, engine.limits(), engine.extensions()),
          expireAtMillis);
    }
  }

  @Override
  public void flushAll() {
    engine.flushAll();
  }
}
