package io.lime.internal.engine;

import io.lime.internal.config.NotifyFlags;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What the engine does when a key changes: Redis's {@code signalModifiedKey} (invalidate the
 * WATCHes on the key) and {@code notifyKeyspaceEvent} (publish {@code __keyspace@<db>__:<key>}
 * and {@code __keyevent@<db>__:<event>} messages on the {@link PubSub} bus when
 * {@code notify-keyspace-events} enables the event's class). One instance per engine
 * ({@link Engine#events()}), called by the type layer, the command handlers and the typed API
 * right after each successful write, with the key's shard lock held.
 *
 * <p>Java code receives the events by subscribing to the same channels on the bus (for
 * example the pattern {@code __keyevent@0__:*}); nothing is built or published while
 * {@code notify-keyspace-events} is empty or no one subscribes.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Watches. A {@link Watcher} (one per client in MULTI state, or per optimistic typed
 *       transaction) registers keys. The registry maps (database, key) to the watchers of
 *       that key; each list is only read or changed under the key's shard lock (WATCH,
 *       UNWATCH, writes and expiry all hold it), so a write either precedes the WATCH or
 *       sees it. A watcher's {@code dirty} flag is volatile: it is set by any thread and read
 *       by the owner at EXEC, after EXEC took the shard locks of the watched keys.
 *   <li>Expired keys. As Redis 7.0, a key that exists but is already past its deadline
 *       when watched is remembered as such: its deletion is no change, and EXEC fails when a
 *       watched key that was live at WATCH time is past its deadline at EXEC even if no one
 *       deleted it yet ({@link #expiredSinceWatch}).
 *   <li>Cost when unused: one volatile read of the watch count and one of the flags per
 *       write; no allocation.
 * </ul>
 */
public final class KeyspaceEvents {
  private final Engine engine;
  private volatile int flags;
  /** Number of (watcher, key) registrations, for the fast path of {@link #modified}. */
  private final AtomicInteger watchCount = new AtomicInteger();
  private final ConcurrentHashMap<DatabaseKey, ArrayList<Watched>> watched =
      new ConcurrentHashMap<>();

  KeyspaceEvents(Engine engine) {
    this.engine = engine;
  }

  /**
   * Client-side caching (Redis's tracking.c), told of every modified key and every flush from
   * here so that every door (commands, the typed API, expiry, eviction) invalidates. Called
   * with the key's shard lock held; must not block.
   */
  public interface Tracking {
    /** {@code b[off..off+len)} was modified in some database (trackingInvalidateKey). */
    void invalidate(byte[] b, int off, int len);

    /** FLUSHDB or FLUSHALL ran (trackingInvalidateKeysOnFlush). */
    void flushed();
  }

  private volatile @Nullable Tracking tracking;

  /** Installs the client-side caching hook (once, by the command layer). */
  public void tracking(Tracking t) {
    this.tracking = t;
  }

  /** A flush ran: tells the tracking hook (FLUSHDB, FLUSHALL; not SWAPDB). */
  public void flushedForTracking() {
    Tracking t = tracking;
    if (t != null) {
      t.flushed();
    }
  }

  /** The {@code notify-keyspace-events} classes ({@link NotifyFlags} bits). */
  public int flags() {
    return flags;
  }

  /** Sets the enabled classes ({@link NotifyFlags} bits), as CONFIG SET does. */
  public void flags(int f) {
    this.flags = f;
  }

  // ------------------------------------------------------------------------ events

  /**
   * A write changed {@code b[off..off+len)} of {@code db}: invalidates WATCHes of the key
   * and publishes {@code event} of class {@code type}. The caller holds the key's shard lock.
   */
  public void change(int type, String event, Database db, byte[] b, int off, int len) {
    modified(db, b, off, len);
    notify(type, event, db, b, off, len);
  }

  /**
   * Shorthand for handlers holding a shard: {@link #change} on the shard's database
   * (signalModifiedKey + notifyKeyspaceEvent of {@code event}, class {@code type}).
   */
  public static void signal(Shard s, int type, String event, byte[] b, int off, int len) {
    Database db = s.database();
    db.engine().events().change(type, event, db, b, off, len);
  }

  /** {@link #signal(Shard, int, String, byte[], int, int)} for a whole-array key. */
  public static void signal(Shard s, int type, String event, byte[] key) {
    signal(s, type, event, key, 0, key.length);
  }

  /** Shorthand: {@link #notify} only (no WATCH invalidation) on the shard's database. */
  public static void event(Shard s, int type, String event, byte[] b, int off, int len) {
    Database db = s.database();
    db.engine().events().notify(type, event, db, b, off, len);
  }

  /** {@link #change} for a whole-array key. */
  public void change(int type, String event, Database db, byte[] key) {
    change(type, event, db, key, 0, key.length);
  }

  /**
   * Redis's notifyKeyspaceEvent: publishes the event when its class and at least one of
   * {@code K}/{@code E} are enabled. Never blocks (the bus queues for slow receivers).
   */
  public void notify(int type, String event, Database db, byte[] b, int off, int len) {
    int f = flags;
    if ((f & type) == 0 || (f & (NotifyFlags.KEYSPACE | NotifyFlags.KEYEVENT)) == 0) {
      return;
    }
    PubSub bus = engine.pubsub();
    if (bus.idle()) {
      return;
    }
    byte[] dbId = Integer.toString(db.index()).getBytes(StandardCharsets.US_ASCII);
    byte[] ev = event.getBytes(StandardCharsets.US_ASCII);
    if ((f & NotifyFlags.KEYSPACE) != 0) {
      bus.publish(channel(KEYSPACE_PREFIX, dbId, b, off, len), ev);
    }
    if ((f & NotifyFlags.KEYEVENT) != 0) {
      bus.publish(channel(KEYEVENT_PREFIX, dbId, ev, 0, ev.length),
          Arrays.copyOfRange(b, off, off + len));
    }
  }

  /** {@link #notify(int, String, Database, byte[], int, int)} for a whole-array key. */
  public void notify(int type, String event, Database db, byte[] key) {
    notify(type, event, db, key, 0, key.length);
  }

  private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);

  private static byte[] channel(byte[] prefix, byte[] dbId, byte[] b, int off, int len) {
    byte[] c = new byte[prefix.length + dbId.length + 3 + len];
    System.arraycopy(prefix, 0, c, 0, prefix.length);
    System.arraycopy(dbId, 0, c, prefix.length, dbId.length);
    int p = prefix.length + dbId.length;
    c[p] = '_';
    c[p + 1] = '_';
    c[p + 2] = ':';
    System.arraycopy(b, off, c, p + 3, len);
    return c;
  }

  /** A key was deleted because its deadline passed (event {@code expired}, class x). */
  void expired(Database db, byte[] key) {
    change(NotifyFlags.EXPIRED, "expired", db, key);
  }

  /**
   * Redis's lookupKeyReadWithFlags miss (without LOOKUP_NONOTIFY): a read command looked
   * {@code b[off..off+len)} up in {@code db} and found nothing (event {@code keymiss}, class
   * m). Write lookups never report a miss, as Redis's lookupKeyWrite.
   */
  public void keyMiss(Database db, byte[] b, int off, int len) {
    notify(NotifyFlags.KEY_MISS, "keymiss", db, b, off, len);
  }

  /** A key was evicted under maxmemory (event {@code evicted}, class e); for the evictor. */
  public void evicted(Database db, byte[] key) {
    change(NotifyFlags.EVICTED, "evicted", db, key);
  }

  // ------------------------------------------------------------------------ watches

  /**
   * The keys one client (or one typed transaction) watches and whether any changed since.
   * Owned by one thread; {@link #dirty()} may be read and set from any.
   */
  public static final class Watcher {
    private volatile boolean dirty;
    private final ArrayList<Watched> keys = new ArrayList<>(4);

    /** Whether a watched key changed since it was watched (Redis's CLIENT_DIRTY_CAS). */
    public boolean dirty() {
      return dirty;
    }

    /** Marks the watcher dirty (e.g. a FLUSHALL). */
    public void markDirty() {
      dirty = true;
    }

    /** Whether no key is watched. */
    public boolean isEmpty() {
      return keys.isEmpty();
    }

    /** Number of watched keys (CLIENT LIST {@code watch=}). */
    public int size() {
      return keys.size();
    }
  }

  /** One watched key of one watcher. */
  private static final class Watched {
    final Watcher owner;
    final DatabaseKey key;
    /** The key existed but was past its deadline when watched (Redis's wk->expired). */
    boolean expired;

    Watched(Watcher owner, DatabaseKey key, boolean expired) {
      this.owner = owner;
      this.key = key;
      this.expired = expired;
    }
  }

  /**
   * WATCH: registers {@code key} of {@code db} for {@code w} (nothing when already watched).
   * Locks the key's shard; the caller must hold no shard lock of a later (database, shard).
   */
  public void watch(Watcher w, Database db, byte[] key, long now) {
    int h = Hashing.hash(key, 0, key.length);
    DatabaseKey k = new DatabaseKey(db.index(), key, h);
    for (Watched x : w.keys) {
      if (x.key.equals(k)) {
        return;
      }
    }
    Shard s = db.shard(h);
    s.lock();
    try {
      Entry e = s.peek(key, 0, key.length, h);
      boolean expired = e != null && e.expiredAt(now);
      Watched entry = new Watched(w, k, expired);
      watched.computeIfAbsent(k, x -> new ArrayList<>(2)).add(entry);
      w.keys.add(entry);
      watchCount.incrementAndGet();
    } finally {
      s.unlock();
    }
  }

  /**
   * UNWATCH / end of a transaction: forgets every key of {@code w} and clears its dirty flag.
   * Locks each key's shard in turn (reentrant: EXEC may already hold them).
   */
  public void unwatchAll(Watcher w) {
    for (Watched x : w.keys) {
      Shard s = engine.db(x.key.db()).shard(x.key.hash());
      s.lock();
      try {
        ArrayList<Watched> list = watched.get(x.key);
        if (list != null) {
          list.remove(x);
          if (list.isEmpty()) {
            watched.remove(x.key);
          }
        }
        watchCount.decrementAndGet();
      } finally {
        s.unlock();
      }
    }
    w.keys.clear();
    w.dirty = false;
  }

  /**
   * Adds to {@code masks} (one shard mask per database) the shards of {@code w}'s keys, so
   * EXEC can hold them while it checks and runs.
   */
  public void addShards(Watcher w, long[] masks) {
    for (Watched x : w.keys) {
      masks[x.key.db()] |= 1L << engine.db(x.key.db()).shardIndex(x.key.hash());
    }
  }

  /**
   * EXEC's check of WATCH (Redis 7.0's execCommand): whether the transaction of {@code w}
   * must fail because a watched key changed ({@link Watcher#dirty}) or expired since it was
   * watched ({@link #expiredSinceWatch}). The caller holds the shard locks of the watched
   * keys.
   */
  public boolean watchBroken(Watcher w, long now) {
    return w.dirty() || expiredSinceWatch(w, now);
  }

  /**
   * Redis 7.0's isWatchedKeyExpired: whether a key that was live when watched is now past
   * its deadline (not yet deleted). The caller holds the shard locks of the watched keys.
   */
  private boolean expiredSinceWatch(Watcher w, long now) {
    for (Watched x : w.keys) {
      if (x.expired) {
        continue;
      }
      DatabaseKey k = x.key;
      Entry e = engine.db(k.db()).shard(k.hash()).peek(k.key(), 0, k.key().length, k.hash());
      if (e != null && e.expiredAt(now)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Redis's signalModifiedKey / touchWatchedKey: marks dirty every watcher of the key. The
   * caller holds the key's shard lock. One volatile read when nothing is watched.
   */
  public void modified(Database db, byte[] b, int off, int len) {
    Tracking t = tracking;
    if (t != null) {
      t.invalidate(b, off, len);
    }
    if (watchCount.get() == 0) {
      return;
    }
    int h = Hashing.hash(b, off, len);
    DatabaseKey k = new DatabaseKey(db.index(), Arrays.copyOfRange(b, off, off + len), h);
    ArrayList<Watched> list = watched.get(k);
    if (list == null) {
      return;
    }
    Shard s = db.shard(h);
    for (Watched x : list) {
      if (x.expired) {
        if (s.peek(k.key(), 0, k.key().length, h) == null) {
          x.expired = false; // an already expired key was deleted: logically no change
          continue;
        }
      }
      x.owner.dirty = true;
    }
  }

  /**
   * Redis's touchAllWatchedKeysInDb, before FLUSHDB/FLUSHALL empty {@code emptied} or
   * SWAPDB replaces its contents with {@code replacedWith}'s. The caller holds every shard
   * lock of both databases.
   */
  public void flushed(Database emptied, @Nullable Database replacedWith) {
    if (watchCount.get() == 0) {
      return;
    }
    long now = engine.now();
    Iterator<Map.Entry<DatabaseKey, ArrayList<Watched>>> it = watched.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<DatabaseKey, ArrayList<Watched>> me = it.next();
      DatabaseKey k = me.getKey();
      if (k.db() != emptied.index()) {
        continue;
      }
      boolean inEmptied =
          emptied.shard(k.hash()).peek(k.key(), 0, k.key().length, k.hash()) != null;
      Entry repl = replacedWith == null ? null
          : replacedWith.shard(k.hash()).peek(k.key(), 0, k.key().length, k.hash());
      if (!inEmptied && repl == null) {
        continue;
      }
      boolean replExpired = repl != null && repl.expiredAt(now);
      for (Watched x : me.getValue()) {
        if (x.expired) {
          if (repl == null) {
            x.expired = false;
            continue;
          } else if (replExpired) {
            continue;
          }
        } else if (!inEmptied && replExpired) {
          x.expired = true;
          continue;
        }
        x.owner.dirty = true;
      }
    }
  }
}
