package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.util.PartialSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SORT and SORT_RO after parsing (Redis's src/sort.c): the elements of a list, set or sorted
 * set, ordered numerically or lexicographically by themselves or by the values of other keys
 * (BY pattern, {@code key->field} for a hash field), limited, projected through GET patterns,
 * and returned or stored as a list. Both doors call it: {@code SortCommands} and the typed
 * {@code KeyValueStore.sort}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Ordering is Redis's sortCompare: numeric by the value's strtod (a missing BY key counts
 *       as 0; ties broken by the element's bytes), or ALPHA by bytes (Redis's strcoll in the C
 *       locale; a missing BY value first). The sort is stable like glibc's qsort (a merge
 *       sort), so ties keep the load order; a BY with a LIMIT window uses Redis's partial
 *       quicksort ({@link PartialSort}), which places ties as Redis does.
 *   <li>A BY pattern without {@code *} does not sort: lists and sorted sets keep their order
 *       (reversed by DESC), sets their iteration order, except with STORE, where a set is
 *       sorted ALPHA as Redis does for determinism.
 *   <li>Sorting a sorted set converts it to the skiplist encoding, as Redis does.
 *   <li>Concurrency: the caller holds the shard of the key (and of the destination); when a
 *       pattern reads other keys ({@link Spec#readsOtherKeys}), every shard of the database.
 * </ul>
 */
public final class SortType {
  private SortType() {}

  /**
   * A parsed SORT: DESC, ALPHA, {@code LIMIT start count} (count negative: all), the BY pattern
   * (null: the elements themselves) and the GET patterns ({@code #}: the element).
   */
  public record Spec(boolean desc, boolean alpha, long limitStart, long limitCount,
      byte @Nullable [] by, List<byte[]> gets) {

    /** Whether the BY pattern is a constant (Redis's dontsort: no sorting). */
    public boolean dontSort() {
      return by != null && indexOf(by, (byte) '*', 0) < 0;
    }

    /** Whether a BY or GET pattern reads other keys (the caller locks the whole database). */
    public boolean readsOtherKeys() {
      if (by != null && !dontSort()) {
        return true;
      }
      for (byte[] g : gets) {
        if (!isHash(g) && indexOf(g, (byte) '*', 0) >= 0) {
          return true;
        }
      }
      return false;
    }

    /**
     * {@code SORT key [BY p] LIMIT start count [GET p ...] [DESC] [ALPHA] STORE destination}:
     * this sort storing into {@code destination}, as a command (the typed door's form).
     */
    public byte[][] storeForm(byte[] key, byte[] destination) {
      List<Object> argv = new ArrayList<>(List.of("SORT", key));
      if (by != null) {
        argv.add("BY");
        argv.add(by);
      }
      argv.add("LIMIT");
      argv.add(limitStart);
      argv.add(limitCount);
      for (byte[] g : gets) {
        argv.add("GET");
        argv.add(g);
      }
      if (desc) {
        argv.add("DESC");
      }
      if (alpha) {
        argv.add("ALPHA");
      }
      argv.add("STORE");
      argv.add(destination);
      return Argvs.of(argv.toArray());
    }
  }

  /** Counts the read lookups of the sorted key and of the pattern keys (the RESP door's stats). */
  @FunctionalInterface
  public interface Reads {
    void lookedUp(boolean hit, byte[] key, int off, int len);
  }

  private static final class Item {
    final byte[] obj;
    double score;
    byte @Nullable [] cmp;

    Item(byte[] obj) {
      this.obj = obj;
    }
  }

  /**
   * SORT as a whole, for both doors: locks the shards of {@code key} and {@code destination}
   * (every shard of the database when a pattern reads other keys, {@link
   * Spec#readsOtherKeys}), sorts as {@link #sort(LockedKey, Spec, boolean, Reads)}, and when
   * {@code destination} is not null stores the output there ({@link #store}). Returns the
   * output.
   */
  @SuppressWarnings("try") // the locks are held, not referenced
  public static List<byte @Nullable []> sort(Database db, byte[] key,
      byte @Nullable [] destination, Spec s, @Nullable Reads reads, long now) {
    byte[][] keys = destination == null ? new byte[][] {key} : new byte[][] {key, destination};
    try (KeyLocks locks = s.readsOtherKeys() ? KeyLocks.all(db) : KeyLocks.of(db, keys)) {
      List<byte @Nullable []> out =
          sort(LockedKey.within(db, key, 0, key.length, now), s, destination != null, reads);
      if (destination != null) {
        store(LockedKey.within(db, destination, 0, destination.length, now), out);
        Propagation p = Propagation.asGiven(db.engine());
        if (p != null) {
          p.rewrite(s.storeForm(key, destination));
        }
      }
      return out;
    }
  }

  /**
   * Runs the sort on the key {@code k} ({@code store}: for a STORE, which sorts a set with a
   * constant BY alphabetically). Returns the output: per selected element, the element itself
   * without GET patterns, else one value per pattern (null: missing).
   *
   * @throws WrongTypeException if the key is not a list, set or sorted set
   * @throws LimeException "One or more scores can't be converted into double"
   */
  public static List<byte @Nullable []> sort(LockedKey k, Spec s, boolean store,
      @Nullable Reads reads) {
    Entry e = k.lookup();
    if (reads != null) {
      reads.lookedUp(e != null, k.array(), k.offset(), k.length());
    }
    Object v = e == null ? null : e.value();
    if (v != null && !(v instanceof ListValue || v instanceof SetValue
        || v instanceof SortedSetValue)) {
      throw new WrongTypeException();
    }
    boolean dontSort = s.dontSort();
    boolean alpha = s.alpha();
    byte[] by = s.by();
    if (dontSort && v instanceof SetValue && store) {
      dontSort = false;
      alpha = true;
      by = null;
    }
    if (v instanceof SortedSetValue z) {
      z.toSkiplist();
    }
    long len = v == null ? 0 : v instanceof ListValue l ? l.size()
        : v instanceof SetValue set ? set.size() : ((SortedSetValue) v).size();
    long start = s.limitStart() < 0 ? 0 : s.limitStart();
    long end = s.limitCount() < 0 ? len - 1 : start + s.limitCount() - 1;
    if (start >= len) {
      start = len - 1;
      end = len - 2;
    }
    if (end >= len) {
      end = len - 1;
    }
    List<Item> items = load(v, dontSort, s.desc(), start, end);
    if (dontSort && !(v instanceof SetValue)) {
      end -= start;
      start = 0;
    }
    Database db = k.db();
    if (!dontSort) {
      boolean error = false;
      for (Item it : items) {
        byte[] byVal = it.obj;
        if (by != null) {
          byVal = lookup(db, k.now(), by, it.obj, reads);
          if (byVal == null) {
            continue;
          }
        }
        if (alpha) {
          if (by != null) {
            it.cmp = byVal;
          }
        } else {
          it.score = strtod(byVal);
          error |= Double.isNaN(it.score);
        }
      }
      boolean alphaSort = alpha;
      boolean byPattern = by != null;
      boolean desc = s.desc();
      java.util.Comparator<Item> order = (a, b) -> {
        int c = compare(a, b, alphaSort, byPattern);
        return desc ? -c : c;
      };
      if (by != null && (start != 0 || end != items.size() - 1)) {
        Item[] all = items.toArray(new Item[0]);
        PartialSort.sort(all, all.length, order, (int) start, (int) end); // Redis's pqsort
        items = Arrays.asList(all);
      } else {
        items.sort(order); // glibc's qsort: a stable merge sort
      }
      if (error) {
        throw new LimeException(Errors.SORT_NOT_DOUBLE);
      }
    }
    List<byte @Nullable []> out = new ArrayList<>();
    for (long j = start; j <= end; j++) {
      Item it = items.get((int) j);
      if (s.gets().isEmpty()) {
        out.add(it.obj);
      }
      for (byte[] g : s.gets()) {
        out.add(lookup(db, k.now(), g, it.obj, reads));
      }
    }
    return out;
  }

  /** The elements to sort: all, or only the LIMIT window in order when nothing is sorted. */
  private static List<Item> load(@Nullable Object v, boolean dontSort, boolean desc, long start,
      long end) {
    List<Item> items = new ArrayList<>();
    if (v instanceof ListValue l) {
      if (!dontSort) {
        for (byte[] b : l.copyRange(0, l.size())) {
          items.add(new Item(b));
        }
      } else if (end >= start) {
        long from = desc ? l.size() - 1 - end : start;
        List<byte[]> window = l.copyRange(from, end - start + 1);
        if (desc) {
          java.util.Collections.reverse(window);
        }
        for (byte[] b : window) {
          items.add(new Item(b));
        }
      }
    } else if (v instanceof SetValue set) {
      for (byte[] b : SetType.members(set)) {
        items.add(new Item(b));
      }
    } else if (v instanceof SortedSetValue z) {
      if (!dontSort) {
        SortedSetType.forEach(z, (b, off, len, score) ->
            items.add(new Item(Arrays.copyOfRange(b, off, off + len))));
      } else if (end >= start) {
        int n = (int) (end - start + 1);
        int rank = (int) (desc ? z.size() - 1 - start : start);
        z.rep().walk(rank, desc, (b, off, len, score) -> {
          items.add(new Item(Arrays.copyOfRange(b, off, off + len)));
          return items.size() < n;
        });
      }
    }
    return items;
  }

  /** sortCompare before DESC. */
  private static int compare(Item a, Item b, boolean alpha, boolean byPattern) {
    if (!alpha) {
      if (a.score > b.score) {
        return 1;
      } else if (a.score < b.score) {
        return -1;
      }
      return Arrays.compareUnsigned(a.obj, b.obj);
    }
    if (byPattern) {
      if (a.cmp == null || b.cmp == null) {
        return a.cmp == b.cmp ? 0 : a.cmp == null ? -1 : 1;
      }
      return Arrays.compareUnsigned(a.cmp, b.cmp);
    }
    return Arrays.compareUnsigned(a.obj, b.obj);
  }

  /**
   * The score SORT gives a value: C's strtod of the whole text (leading white space allowed,
   * the empty text is 0); NaN when Redis reports it can't be converted.
   */
  static double strtod(byte[] b) {
    int len = indexOf(b, (byte) 0, 0);
    if (len < 0) {
      len = b.length;
    }
    if (len == 0) {
      return 0;
    }
    int off = 0;
    while (off < len && SortedSetParse.isSpace(b[off])) {
      off++;
    }
    return SortedSetParse.parseScore(b, off, len - off);
  }

  private static boolean isHash(byte[] pattern) {
    return pattern.length == 1 && pattern[0] == '#';
  }

  /**
   * Redis's lookupKeyByPattern: {@code #} is the element; else the first {@code *} of the
   * pattern replaced by the element names a string key, or with {@code ->field} after the
   * {@code *} a hash field; null when the pattern has no {@code *}, the key is missing or of
   * another type, or the field is absent.
   */
  static byte @Nullable [] lookup(Database db, long now, byte[] pattern, byte[] elem,
      @Nullable Reads reads) {
    if (isHash(pattern)) {
      return elem;
    }
    int star = indexOf(pattern, (byte) '*', 0);
    if (star < 0) {
      return null;
    }
    int arrow = indexOfArrow(pattern, star + 1);
    int fieldLen = arrow >= 0 && arrow + 2 < pattern.length ? pattern.length - arrow - 2 : 0;
    int postfix = pattern.length - star - 1 - (fieldLen > 0 ? fieldLen + 2 : 0);
    byte[] key = new byte[star + elem.length + postfix];
    System.arraycopy(pattern, 0, key, 0, star);
    System.arraycopy(elem, 0, key, star, elem.length);
    System.arraycopy(pattern, star + 1, key, star + elem.length, postfix);
    Entry e = LockedKey.within(db, key, 0, key.length, now).lookup();
    if (reads != null) {
      reads.lookedUp(e != null, key, 0, key.length);
    }
    if (e == null) {
      return null;
    }
    if (fieldLen > 0) {
      if (!(e.value() instanceof HashValue h)) {
        return null;
      }
      return h.get(pattern, arrow + 2, fieldLen);
    }
    Object v = e.value();
    return StringType.isString(v) ? StringType.toBytes(v) : null;
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfArrow(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '-' && b[i + 1] == '>') {
        return i;
      }
    }
    return -1;
  }

  /**
   * SORT ... STORE: stores the output as a list under {@code dst} (a missing value as an empty
   * string), replacing any value and serving clients blocked on it, or deletes {@code dst}
   * when the output is empty. Returns the output's length.
   */
  public static long store(LockedKey dst, List<byte @Nullable []> output) {
    int n = output.size();
    ListValue l = null;
    if (n > 0) {
      l = new ListValue();
      int fill = dst.engine().limits().listMaxListpackSize;
      for (byte[] b : output) {
        l.push(false, b == null ? new byte[0] : b, fill);
      }
    }
    KeyOps.storeOrDelete(dst, l, n, NotifyFlags.LIST, "sortstore");
    return n;
  }
}
