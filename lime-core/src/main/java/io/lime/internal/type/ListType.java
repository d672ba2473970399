package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.NotIntegerException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyspaceEvents;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.resp.Argv;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The list type (Redis's src/t_list.c type part): the key-level list operations, the only
 * home of list semantics, called alike by {@code ListCommands} (RESP), the blocking commands,
 * blocked clients being served ({@link ListWaiter}) and the typed {@code ListView}. Each
 * takes a {@link LockedKey} (two for moves) and parsed arguments, and does the lookup, type
 * check, creation, mutation, deletion when empty, dirty count, keyspace events, waking of
 * blocked clients and the propagation form; it returns what the reply needs. Element storage
 * is {@link ListValue}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Concurrency: the caller holds the key's shard lock (both shards for moves). An
 *       operation that may create a list serves the clients blocked on it before returning,
 *       so before the caller releases its locks ({@code BlockingKeys#serveReady}); the
 *       returned length is the one before any of them took an element, as in Redis.
 *   <li>Empty lists are never stored: operations that remove elements delete the key when the
 *       list becomes empty, as Redis's listElementsRemoved does.
 *   <li>Errors are thrown ({@link WrongTypeException}, {@link LimeException} with an {@link
 *       Errors} text) before anything is modified, in Redis's order: an index argument that
 *       is not an integer is reported after the key's type, as LINDEX and LSET do.
 *   <li>Arguments are read in place: elements of a push are an {@link Argv} range (the RESP
 *       door's own, the typed door builds one); elements read or popped go to a {@link ListSink}
 *       while still in the list, so the RESP door writes its reply without copying.
 *   <li>Propagation: what differs from the command as given is set here ({@link Form}), and
 *       for the typed door, which has no command as given, the command itself
 *       ({@link LockedKey#asGiven()}: null over RESP, so that path builds nothing).
 * </ul>
 */
public final class ListType {
  /** OBJECT ENCODING of every list in Redis 7.0.15. */
  public static final String ENCODING = "quicklist";

  /** How a pop or move reaches the AOF (and replicas), besides the command as given. */
  public enum Form {
    /**
     * As given: LPOP, LMOVE, RPOPLPUSH; the typed pops and moves, whose command as given the
     * operation builds ({@link LockedKey#asGiven()}).
     */
    GIVEN,
    /**
     * Rewritten to the plain command (Redis's rewriteClientCommandVector): BLPOP/BRPOP served
     * at once as {@code LPOP/RPOP key}, LMPOP/BLMPOP as {@code LPOP/RPOP key n}, BLMOVE and
     * BRPOPLPUSH served at once as {@code LMOVE} (Redis writes {@code RPOPLPUSH} for the
     * latter: the same effect).
     */
    REWRITTEN,
    /**
     * Serving a blocked client: propagated after the command that served it (Redis's
     * serveClientBlockedOnList alsoPropagate, LIME's {@link Propagation#served}).
     */
    SERVED
  }

  private ListType() {}

  /** Whether a stored value is a list. */
  public static boolean isList(@Nullable Object value) {
    return value instanceof ListValue;
  }

  // ------------------------------------------------------------------ push / pop / move

  /**
   * LPUSH/RPUSH/LPUSHX/RPUSHX (Redis's pushGenericCommand): pushes {@code args[first..]} one
   * by one at the head or the tail, creating the list unless {@code onlyIfExists}, and serves
   * the clients blocked on a created list. Returns the length after the push (0 when nothing
   * was pushed to a missing key).
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long push(LockedKey k, boolean head, boolean onlyIfExists, Argv args,
      int first) {
    int n = args.size() - first;
    Entry e = lookup(k);
    if (n == 0 || (e == null && onlyIfExists)) {
      return e == null ? 0 : value(e).size();
    }
    ListValue l = valueOrCreate(k, e);
    int fill = fill(k);
    byte[] b = args.array();
    for (int i = first; i < args.size(); i++) {
      l.push(head, b, args.offset(i), args.length(i), fill);
    }
    if (e == null && n > 1) {
      l.fitToSize(); // created in one command: exact size, as Redis's listpack
    }
    long size = l.size();
    k.dirty(n);
    k.event(NotifyFlags.LIST, head ? "lpush" : "rpush");
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of((head ? "L" : "R") + (onlyIfExists ? "PUSHX" : "PUSH"), k,
          ByteArgs.copies(args, first)));
    }
    k.engine().blocking().serveReady();
    return size;
  }

  /**
   * LPOP/RPOP without a count (the typed door's, which returns the element), a blocked BLPOP
   * being served: removes and returns the head or tail element, deleting the key when the
   * list empties; null when the key is missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static byte @Nullable [] pop(LockedKey k, boolean head, Form form) {
    Entry e = lookup(k);
    return e == null ? null : pop(k, e, head, form); // small: a miss allocates nothing
  }

  private static byte[] pop(LockedKey k, Entry e, boolean head, Form form) {
    ListValue l = value(e);
    byte[] v = l.pop(head);
    popped(k, e, l, head, form);
    return v;
  }

  /**
   * {@link #pop(LockedKey, boolean, Form)} into a reply (LPOP/RPOP without a count, BLPOP/BRPOP
   * with data, over RESP): the element goes to {@code sink}
   * ({@link ListSink#begin} with 1, or with 0 when the key is missing) from the list's node,
   * then is removed, so nothing is copied. Returns whether the key existed.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static <T> boolean pop(LockedKey k, boolean head, Form form, T target,
      ListSink<T> sink) {
    Entry e = lookup(k);
    if (e == null) {
      sink.begin(target, k, 0);
      return false;
    }
    ListValue l = value(e);
    sink.begin(target, k, 1);
    l.range(head ? 0 : l.size() - 1, 1, false, target, sink);
    l.removeEnd(head, 1);
    popped(k, e, l, head, form);
    return true;
  }

  /** After one element left the head or tail of list {@code l}: Redis's bookkeeping of LPOP/RPOP. */
  private static void popped(LockedKey k, Entry e, ListValue l, boolean head, Form form) {
    removed(k, e, l, head ? "lpop" : "rpop", 1);
    Propagation p = propagation(k, form);
    if (p != null) {
      emit(p, k, form, new byte[][] {head ? Argvs.LPOP : Argvs.RPOP, k.keyCopy()});
    }
  }

  /**
   * LPOP/RPOP with a count, LMPOP, BLMPOP (Redis's listPopRangeAndReplyWithKey): gives up to
   * {@code count} elements from one end to {@code sink} in pop order ({@link ListSink#begin} with
   * their number first, also for 0), then removes them, deleting the key when the list
   * empties. Returns how many, or -1 (nothing given to the sink) when the key is missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static <T> long pop(LockedKey k, boolean head, long count, Form form, T target,
      ListSink<T> sink) {
    Entry e = lookup(k);
    if (e == null) {
      return -1;
    }
    ListValue l = value(e);
    long n = Math.min(count, l.size());
    sink.begin(target, k, n);
    if (n == 0) {
      return 0;
    }
    l.range(head ? 0 : l.size() - 1, n, !head, target, sink);
    l.removeEnd(head, n);
    removed(k, e, l, head ? "lpop" : "rpop", n);
    Propagation p = propagation(k, form);
    if (p != null) {
      emit(p, k, form, new byte[][] {head ? Argvs.LPOP : Argvs.RPOP, k.keyCopy(),
          Argvs.number(form == Form.GIVEN ? count : n)});
    }
    return n;
  }

  /**
   * LMOVE/RPOPLPUSH, BLMOVE/BRPOPLPUSH with data, a blocked BLMOVE being served (Redis's
   * lmoveGenericCommand): pops from the source's {@code fromHead} end, pushes to the
   * destination's {@code toHead} end (creating it, and serving the clients blocked on it),
   * deletes the source when it empties, counts one change. Source and destination may be the
   * same key. Returns the moved element, or null when the source is missing (the
   * destination is then not looked at).
   *
   * @throws WrongTypeException if either key holds another type (nothing moves)
   */
  public static byte @Nullable [] move(LockedKey src, LockedKey dst, boolean fromHead,
      boolean toHead, Form form) {
    Entry se = lookup(src);
    if (se == null) {
      return null;
    }
    Entry de = lookup(dst);
    ListValue from = value(se);
    byte[] v = from.pop(fromHead);
    ListValue to = valueOrCreate(dst, de);
    to.push(toHead, v, fill(dst));
    dst.event(NotifyFlags.LIST, toHead ? "lpush" : "rpush");
    src.event(NotifyFlags.LIST, fromHead ? "lpop" : "rpop");
    if (from.size() == 0) {
      src.delete(se);
      delEvent(src);
    }
    src.dirty(1);
    dst.remeasure();
    Propagation p = propagation(src, form);
    if (p != null) {
      emit(p, src, form, new byte[][] {Argvs.LMOVE, src.keyCopy(), dst.keyCopy(),
          fromHead ? Argvs.LEFT : Argvs.RIGHT, toHead ? Argvs.LEFT : Argvs.RIGHT});
    }
    src.engine().blocking().serveReady();
    return v;
  }

  // ------------------------------------------------------------------ in-place writes

  /**
   * LSET: replaces the element at {@code index} (negative: from the tail). {@code
   * indexValid} is false when the index argument was not an integer: reported once the key
   * was found to hold a list, as Redis does.
   *
   * @throws LimeException {@link Errors#NO_SUCH_KEY} when the key is missing, {@link
   *     Errors#OUT_OF_RANGE} when the index is
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if {@code !indexValid}
   */
  public static void set(LockedKey k, boolean indexValid, long index, byte[] b, int off,
      int len) {
    Entry e = lookup(k);
    if (e == null) {
      throw new LimeException(Errors.NO_SUCH_KEY);
    }
    if (!indexValid) {
      throw new NotIntegerException();
    }
    ListValue l = value(e);
    long i = Ranks.index(l.size(), index);
    if (i < 0) {
      throw new LimeException(Errors.OUT_OF_RANGE);
    }
    l.set(i, b, off, len, fill(k));
    k.dirty(1);
    k.event(NotifyFlags.LIST, "lset");
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("LSET", k, index, Arrays.copyOfRange(b, off, off + len)));
    }
  }

  /**
   * LINSERT: inserts {@code b[off..off+len)} before or after the first element equal to the
   * pivot {@code p[poff..poff+plen)}. Returns the new length, 0 when the key is missing, -1
   * when the pivot is not found (nothing changes).
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long insert(LockedKey k, boolean after, byte[] p, int poff, int plen, byte[] b,
      int off, int len) {
    Entry e = lookup(k);
    if (e == null) {
      return 0;
    }
    ListValue l = value(e);
    if (!l.insert(p, poff, plen, after, b, off, len, fill(k))) {
      return -1;
    }
    k.dirty(1);
    k.event(NotifyFlags.LIST, "linsert");
    Propagation g = k.asGiven();
    if (g != null) {
      g.rewrite(Argvs.of("LINSERT", k, after ? "AFTER" : "BEFORE",
          Arrays.copyOfRange(p, poff, poff + plen), Arrays.copyOfRange(b, off, off + len)));
    }
    return l.size();
  }

  /**
   * LREM: removes up to {@code count} elements equal to {@code b[off..off+len)} (from the head
   * when positive, from the tail when negative, all when 0), deleting the key when the list
   * empties. Returns how many.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long remove(LockedKey k, long count, byte[] b, int off, int len) {
    Entry e = lookup(k);
    if (e == null) {
      return 0;
    }
    ListValue l = value(e);
    long removed = l.remove(count, b, off, len, fill(k));
    if (removed > 0) {
      removed(k, e, l, "lrem", removed);
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(Argvs.of("LREM", k, count, Arrays.copyOfRange(b, off, off + len)));
      }
    }
    return removed;
  }

  /**
   * LTRIM: keeps the elements from {@code start} to {@code stop} (inclusive, negative: from
   * the tail), deleting the key when none remain.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static void trim(LockedKey k, long start, long stop) {
    Entry e = lookup(k);
    if (e == null) {
      return;
    }
    ListValue l = value(e);
    long size = l.size();
    long n = Ranks.count(size, start, stop);
    long head = n == 0 ? size : Ranks.first(size, start);
    long tail = n == 0 ? 0 : size - head - n;
    l.trim(head, tail, fill(k));
    removed(k, e, l, "ltrim", head + tail);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("LTRIM", k, start, stop));
    }
  }

  // ------------------------------------------------------------------ reads

  /**
   * LLEN: the length of the list, 0 when the key is missing (lists are never empty).
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static long length(LockedKey k) {
    Entry e = lookup(k);
    return e == null ? 0 : value(e).size();
  }

  /**
   * LRANGE: gives the elements from {@code start} to {@code stop} (inclusive, negative: from
   * the tail) to {@code sink}, their number first. Returns how many, or -1 (nothing given)
   * when the key is missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static <T> long range(LockedKey k, long start, long stop, T target, ListSink<T> sink) {
    Entry e = lookup(k);
    if (e == null) {
      return -1;
    }
    ListValue l = value(e);
    long n = Ranks.count(l.size(), start, stop);
    sink.begin(target, k, n);
    if (n > 0) {
      l.range(Ranks.first(l.size(), start), n, false, target, sink);
    }
    return n;
  }

  /**
   * LINDEX: gives the element at {@code index} (negative: from the tail) to {@code sink}
   * ({@link ListSink#begin} with 1, or with 0 when out of range). Returns false (nothing given)
   * when the key is missing. {@code indexValid} as for {@link #set}.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws NotIntegerException if {@code !indexValid} and the key holds a list
   */
  public static <T> boolean index(LockedKey k, boolean indexValid, long index, T target,
      ListSink<T> sink) {
    Entry e = lookup(k);
    if (e == null) {
      return false;
    }
    if (!indexValid) {
      throw new NotIntegerException();
    }
    ListValue l = value(e);
    long i = Ranks.index(l.size(), index);
    sink.begin(target, k, i < 0 ? 0 : 1);
    if (i >= 0) {
      l.range(i, 1, false, target, sink);
    }
    return true;
  }

  /**
   * LPOS: reports to {@code sink} the indices of the elements equal to {@code b[off..off+len)},
   * from the {@code |rank|}-th match on (counted from the tail when {@code rank} is
   * negative), at most {@code count} (0: all), looking at no more than {@code maxlen}
   * elements (0: all). Returns false when the key is missing.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static boolean positions(LockedKey k, byte[] b, int off, int len, long rank,
      long count, long maxlen, LongConsumer sink) {
    Entry e = lookup(k);
    if (e == null) {
      return false;
    }
    boolean fromTail = rank < 0;
    value(e).positions(b, off, len, fromTail, fromTail ? -rank : rank, count, maxlen, sink);
    return true;
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The key's entry when it holds a list, touching its access clock (Redis's lookupKey, which
   * touches before the type is checked); null when missing.
   */
  private static @Nullable Entry lookup(LockedKey k) {
    Entry e = k.lookup();
    if (e != null && !(e.value() instanceof ListValue)) {
      throw new WrongTypeException();
    }
    return e;
  }

  private static ListValue value(Entry e) {
    return (ListValue) e.value();
  }

  /**
   * The list of entry {@code e} of key {@code k}, or, when {@code e} is null, a new empty list
   * added under the key (Redis's dbAdd, which signals the clients blocked on it); the caller
   * pushes to it before releasing the lock.
   */
  private static ListValue valueOrCreate(LockedKey k, @Nullable Entry e) {
    if (e != null) {
      return value(e);
    }
    ListValue l = new ListValue();
    k.insert(l);
    return l;
  }

  /** The list-max-listpack-size in force. */
  private static int fill(LockedKey k) {
    return k.engine().limits().listMaxListpackSize;
  }

  /**
   * Redis's listElementsRemoved: {@code n} elements left list {@code l} of entry {@code e}:
   * deletes the key when the list is empty, counts the changes, publishes {@code event}
   * (and {@code del}).
   */
  private static void removed(LockedKey k, Entry e, ListValue l, String event, long n) {
    boolean deleted = l.size() == 0;
    if (deleted) {
      k.delete(e);
    }
    k.dirty(n);
    k.event(NotifyFlags.LIST, event);
    if (deleted) {
      delEvent(k);
    }
  }

  private static void delEvent(LockedKey k) {
    KeyspaceEvents.event(k.shard(), NotifyFlags.GENERIC, "del", k.array(), k.offset(),
        k.length());
  }

  /**
   * The propagation to hand the pop or move's form to, or null (nothing to build): as given
   * only for the typed door, which has no command as given.
   */
  private static @Nullable Propagation propagation(LockedKey k, Form form) {
    return form == Form.GIVEN ? k.asGiven() : k.propagation();
  }

  /** Hands {@code argv} to {@code p} as {@code form} says. */
  private static void emit(Propagation p, LockedKey k, Form form, byte[][] argv) {
    if (form == Form.SERVED) {
      p.served(k.db().index(), argv);
    } else {
      p.rewrite(argv);
    }
  }
}
