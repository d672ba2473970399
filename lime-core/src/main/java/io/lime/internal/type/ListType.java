package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.Shard;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The list type (Redis's src/t_list.c type part): key-level list operations shared by
 * {@code ListCommands}, the blocking commands and the typed {@code ListView}. Element storage
 * is {@link ListValue}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency: every method requires the caller to hold the lock of the shard(s)
 *       passed in. A command that may create a list key must call
 *       {@code engine.blocking().serveReady()} before releasing its locks, so clients
 *       blocked on the key are served first (see {@code BlockingKeys}).
 *   <li>Empty lists are never stored: operations that remove elements delete the key when the
 *       list becomes empty, as Redis's listElementsRemoved does.
 *   <li>Errors are thrown as {@link WrongTypeException} before anything is modified; the
 *       handlers reply with its message.
 * </ul>
 */
public final class ListType {
  /** OBJECT ENCODING of every list in Redis 7.0.15. */
  public static final String ENCODING = "quicklist";

  private ListType() {}

  /** Whether a stored value is a list. */
  public static boolean isList(@Nullable Object value) {
    return value instanceof ListValue;
  }

  /** The list-max-listpack-size in force for a shard's engine. */
  public static int fill(Shard s) {
    return s.database().engine().limits().listMaxListpackSize;
  }

  /**
   * Finds a live key holding a list and touches it (lookupKey); null when absent.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Entry lookup(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = s.find(k, off, len, hash, now);
    if (e == null) {
      return null;
    }
    if (!(e.value() instanceof ListValue)) {
      throw new WrongTypeException();
    }
    s.touch(e);
    return e;
  }

  /** The list of an entry found by {@link #lookup}. */
  public static ListValue value(Entry e) {
    return (ListValue) e.value();
  }

  /**
   * Adds an empty list under a key known to be absent (Redis's dbAdd of a new list; the
   * shard's insert signals clients blocked on it). The caller must push at least one element before it
   * releases the lock.
   */
  public static ListValue create(Shard s, byte[] k, int off, int len, int hash) {
    ListValue l = new ListValue();
    s.insert(Arrays.copyOfRange(k, off, off + len), hash, l); // signals blocked clients
    return l;
  }

  /** The list under a key, created when absent ({@link #create}). */
  public static ListValue getOrCreate(Shard s, byte[] k, int off, int len, int hash, long now) {
    Entry e = lookup(s, k, off, len, hash, now);
    return e != null ? value(e) : create(s, k, off, len, hash);
  }

  /** Deletes the key of {@code e} when its list is empty; returns whether it did. */
  public static boolean deleteIfEmpty(Shard s, Entry e) {
    if (value(e).size() == 0) {
      s.delete(e);
      return true;
    }
    return false;
  }

  /**
   * Pops one element from the head or tail of the list under a key, deleting the key when it
   * empties; null when the key is absent. Counts one change.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static byte @Nullable [] pop(Shard s, byte[] k, int off, int len, int hash, long now,
      boolean head) {
    Entry e = lookup(s, k, off, len, hash, now);
    if (e == null) {
      return null;
    }
    return popFrom(s, e, head);
  }

  /** Pops one element from the (non-empty) list of {@code e}, deleting the key when it empties. */
  public static byte[] popFrom(Shard s, Entry e, boolean head) {
    byte[] v = value(e).pop(head);
    boolean deleted = deleteIfEmpty(s, e);
    s.database().engine().dirty(1);
    KeyspaceEvents.signal(s, NotifyFlags.LIST, head ? "lpop" : "rpop", e.key());
    if (deleted) {
      KeyspaceEvents.event(s, NotifyFlags.GENERIC, "del", e.key(), 0, e.key().length);
    }
    return v;
  }

  /**
   * LMOVE's core (Redis's lmoveGenericCommand after parsing): pops from the source list of
   * entry {@code src} (non-empty), pushes to the destination key (created when absent, so it
   * is signalled), deletes the source when it empties, counts one change. Both shards must be
   * held; {@code src} and the destination may be the same key.
   *
   * @return the moved element
   * @throws WrongTypeException if the destination holds another type (nothing moves)
   */
  public static byte[] move(Shard srcShard, Entry src, Shard dstShard, byte[] dk, int doff,
      int dlen, int dhash, long now, boolean fromHead, boolean toHead) {
    Entry dst = lookup(dstShard, dk, doff, dlen, dhash, now);
    ListValue from = value(src);
    byte[] v = from.pop(fromHead);
    ListValue to = dst != null ? value(dst) : create(dstShard, dk, doff, dlen, dhash);
    to.push(toHead, v, fill(dstShard));
    KeyspaceEvents.signal(dstShard, NotifyFlags.LIST, toHead ? "lpush" : "rpush", dk, doff, dlen);
    KeyspaceEvents.signal(srcShard, NotifyFlags.LIST, fromHead ? "lpop" : "rpop", src.key());
    if (from.size() == 0) {
      srcShard.delete(src);
      KeyspaceEvents.event(srcShard, NotifyFlags.GENERIC, "del", src.key(), 0, src.key().length);
    }
    srcShard.database().engine().dirty(1);
    return v;
  }

  /**
   * LRANGE's (and LTRIM's) index arithmetic for a list of {@code size} elements: returns
   * {@code {start, count}} of the selected range, count 0 when empty.
   */
  public static long[] range(long size, long start, long end) {
    long s = start < 0 ? size + start : start;
    long e = end < 0 ? size + end : end;
    if (s < 0) {
      s = 0;
    }
    if (s > e || s >= size) {
      return new long[] {0, 0};
    }
    if (e >= size) {
      e = size - 1;
    }
    return new long[] {s, e - s + 1};
  }

  /** Normalises a possibly negative index; -1 when out of range. */
  public static long index(long size, long index) {
    long i = index < 0 ? size + index : index;
    return i < 0 || i >= size ? -1 : i;
  }
}
