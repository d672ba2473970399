package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stream type (Redis 7.0's src/t_stream.c): the key-level operations on entries shared by
 * the stream commands and the typed view (XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM,
 * XSETID); consumer groups are in {@link StreamGroups}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Representation. A {@link StreamValue}: nodes as Redis's listpacks, with their exact
 *       listpack size, bounded by {@code stream-node-max-bytes} and
 *       {@code stream-node-max-entries} ({@code EncodingLimits}, read at each XADD), so that
 *       XTRIM {@code ~} removes the same whole nodes as Redis. OBJECT ENCODING answers
 *       {@code stream}.
 *   <li>Empty streams stay: unlike the other types, a stream whose entries are all deleted
 *       or trimmed keeps its key (and its last ID and groups), as in Redis.
 *   <li>Side effects follow Redis: dirty counts, keyspace events (class {@code t}),
 *       WATCH invalidation, the propagated form (XADD with the generated ID, and {@code ~}
 *       trims rewritten exact), and waking clients blocked in XREAD/XREADGROUP.
 * </ul>
 */
public final class StreamType {
  /** OBJECT ENCODING of every stream. */
  public static final String ENCODING = "stream";

  private StreamType() {}

  /** Whether a stored value is a stream. */
  public static boolean isStream(@Nullable Object value) {
    return value instanceof StreamValue;
  }

  /** A deep copy (COPY). */
  public static Object duplicate(Object value) {
    return ((StreamValue) value).duplicate();
  }

  /**
   * The stream at the key, or null when absent (touches the access clock).
   *
   * @throws io.lime.WrongTypeException if it holds another type
   */
  public static @Nullable StreamValue lookup(LockedKey k) {
    return ValueTypes.valueAs(k.lookup(), StreamValue.class);
  }

  /**
   * The stream of a looked-up entry, or null when {@code e} is null.
   *
   * @throws io.lime.WrongTypeException if it holds another type
   */
  public static @Nullable StreamValue of(@Nullable Entry e) {
    return ValueTypes.valueAs(e, StreamValue.class);
  }

  // ------------------------------------------------------------------ XADD

  /**
   * Redis's STREAM_LISTPACK_MAX_SIZE: XADD refuses an entry whose fields and values total more
   * bytes ("Elements are too large to be stored"), after the ID checks.
   */
  static final long ELEMENTS_MAX_BYTES = 1L << 30;

  /**
   * XADD: appends an entry with the fields and values {@code argv[args.idIndex()+1 ..]},
   * creating the stream unless NOMKSTREAM, then trims as asked. Returns the new ID, or null
   * when the key is absent with NOMKSTREAM. {@code argv} is the whole command (for the
   * propagated form).
   *
   * @throws LimeException on an ID at or below the top, 0-0 or an exhausted stream
   */
  public static @Nullable StreamId add(LockedKey k, StreamAddArgs args, ByteArgs argv) {
    StreamId given = args.id;
    if (given != null && args.seqGiven && given.isZero()) {
      throw new LimeException(Errors.STREAM_ID_ZERO);
    }
    Entry e = k.lookup();
    StreamValue s = ValueTypes.valueAs(e, StreamValue.class);
    boolean create = s == null;
    if (create) {
      if (args.noMkStream) {
        return null;
      }
      s = new StreamValue();
    }
    if (s.lastId.equals(StreamId.MAX)) {
      throw new LimeException(Errors.STREAM_EXHAUSTED);
    }
    StreamId id = nextId(s, given, args.seqGiven, k.now());
    int first = args.idIndex + 1;
    long total = 0;
    for (int i = first; i < argv.size(); i++) {
      total += argv.length(i);
    }
    if (total > ELEMENTS_MAX_BYTES) {
      throw new LimeException(Errors.STREAM_ELEMENTS_TOO_LARGE);
    }
    byte[][] fv = new byte[argv.size() - first][];
    for (int i = 0; i < fv.length; i++) {
      fv[i] = argv.copy(first + i);
    }
    var limits = k.engine().limits();
    s.append(id, fv, limits.streamNodeMaxBytes, limits.streamNodeMaxEntries);
    if (create) {
      k.insert(s);
    }
    k.event(NotifyFlags.STREAM, "xadd");
    k.dirty(1);
    byte[][] rewritten = null;
    if (args.trims()) {
      if (trim(s, args) > 0) {
        k.event(NotifyFlags.STREAM, "xtrim");
      }
      if (args.approx) {
        rewritten = rewriteTrim(argv, s, args);
      }
    }
    Propagation p = k.propagation();
    if (p != null && (rewritten != null || given == null || !args.seqGiven)) {
      if (rewritten == null) {
        rewritten = copyAll(argv);
      }
      rewritten[args.idIndex] = id.toBytes();
      p.rewrite(rewritten);
    } else if (p != null && k.asGiven() != null) {
      p.rewrite(copyAll(argv)); // the typed door: its command as given
    }
    k.engine().blocking().signal(k.db(), k.array(), k.offset(), k.length(), k.hash());
    k.engine().blocking().serveReady();
    return id;
  }

  /** The ID of a new entry (Redis's streamNextID and the checks of streamAppendItem). */
  private static StreamId nextId(StreamValue s, @Nullable StreamId given, boolean seqGiven,
      long now) {
    StreamId id;
    StreamId last = s.lastId;
    if (given == null) {
      id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0)
          : new StreamId(last.ms(), last.seq() + 1);
    } else if (!seqGiven) {
      if (last.ms() == given.ms()) {
        if (last.seq() == -1L) {
          throw new LimeException(Errors.STREAM_ID_TOO_SMALL);
        }
        id = new StreamId(last.ms(), last.seq() + 1);
      } else {
        id = given;
      }
    } else {
      id = given;
    }
    if (id.compareTo(last) <= 0) {
      throw new LimeException(Errors.STREAM_ID_TOO_SMALL);
    }
    return id;
  }

  private static long trim(StreamValue s, StreamAddArgs a) {
    return s.trim(a.trimStrategy == StreamAddArgs.TRIM_MAXLEN ? a.maxLen : 0,
        a.trimStrategy == StreamAddArgs.TRIM_MINID ? a.minId : null, a.approx, a.limit);
  }

  /**
   * The command with {@code ~} made {@code =} and the threshold set to what the trim left
   * (Redis's streamRewriteApproxSpecifier and streamRewriteTrimArgument).
   */
  private static byte[][] rewriteTrim(ByteArgs argv, StreamValue s, StreamAddArgs a) {
    byte[][] out = copyAll(argv);
    out[a.trimArgIndex - 1] = new byte[] {'='};
    out[a.trimArgIndex] = a.trimStrategy == StreamAddArgs.TRIM_MAXLEN
        ? io.lime.internal.util.Numbers.toBytes(s.length)
        : s.edgeId(true, false).toBytes();
    return out;
  }

  private static byte[][] copyAll(ByteArgs argv) {
    byte[][] out = new byte[argv.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = argv.copy(i);
    }
    return out;
  }

  // ------------------------------------------------------------------ XTRIM, XDEL, XSETID

  /**
   * XTRIM: trims the stream (0 when the key is absent). {@code argv} is the whole command.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  public static long trim(LockedKey k, StreamAddArgs args, ByteArgs argv) {
    StreamValue s = lookup(k);
    if (s == null) {
      return 0;
    }
    Propagation given = k.asGiven();
    if (given != null) {
      given.rewrite(copyAll(argv));
    }
    long deleted = trim(s, args);
    if (deleted > 0) {
      k.event(NotifyFlags.STREAM, "xtrim");
      if (args.approx) {
        Propagation p = k.propagation();
        if (p != null) {
          p.rewrite(rewriteTrim(argv, s, args));
        }
      }
      k.dirty(deleted);
    }
    return deleted;
  }

  /**
   * XDEL: deletes the live entries among the IDs {@code idArgs} (all parsed first, after the
   * key's lookup, as Redis); returns how many.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   * @throws LimeException on an invalid ID (nothing is deleted)
   */
  public static long delete(LockedKey k, ByteArgs idArgs) {
    StreamValue s = lookup(k);
    if (s == null) {
      return 0;
    }
    List<StreamId> ids = parseIds(idArgs);
    long deleted = 0;
    boolean firstEntry = false;
    for (StreamId id : ids) {
      if (s.delete(id)) {
        if (id.equals(s.firstId)) {
          firstEntry = true;
        }
        if (id.compareTo(s.maxDeletedId) > 0) {
          s.maxDeletedId = id;
        }
        deleted++;
      }
    }
    if (deleted > 0) {
      if (s.length == 0) {
        s.firstId = StreamId.MIN;
      } else if (firstEntry) {
        s.firstId = s.edgeId(true, true);
      }
      k.event(NotifyFlags.STREAM, "xdel");
      k.dirty(deleted);
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(Argvs.of("XDEL", k, idArgs.copies()));
      }
    }
    return deleted;
  }

  /**
   * Parses XDEL's IDs, all of them before anything is deleted.
   *
   * @throws LimeException on an invalid ID
   */
  public static List<StreamId> parseIds(ByteArgs ids) {
    List<StreamId> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(StreamId.parse(ids.array(i), ids.offset(i), ids.length(i), 0, true, false));
    }
    return out;
  }

  /**
   * XSETID: sets the last ID, and optionally the entries-added counter ({@code -1}: keep)
   * and the max deleted ID (0-0: keep).
   *
   * @throws LimeException a negative {@code entriesAdded} other than -1 or {@code id} below
   *     {@code maxDeleted} (checked first, as XSETID's arguments), {@code ERR no such key},
   *     WRONGTYPE or an ID below what the stream holds
   */
  /**
   * The typed XSETID: {@code id} and {@code maxDeleted} as text (0-0: keep), parsed as the
   * command parses them; propagated as the command a client would send.
   */
  public static void setId(LockedKey k, byte[] id, long entriesAdded, byte[] maxDeleted) {
    StreamId parsedId = StreamId.parse(id, 0, true);
    StreamId parsedMd = StreamId.parse(maxDeleted, 0, true);
    setId(k, parsedId, entriesAdded, parsedMd);
    Propagation p = k.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("XSETID", k, id,
          entriesAdded == -1 ? List.of() : List.of("ENTRIESADDED", entriesAdded),
          parsedMd.isZero() ? List.of() : List.of("MAXDELETEDID", maxDeleted)));
    }
  }

  public static void setId(LockedKey k, StreamId id, long entriesAdded, StreamId maxDeleted) {
    if (entriesAdded < -1) {
      throw new LimeException(Errors.STREAM_ENTRIES_ADDED_NEGATIVE);
    }
    if (id.compareTo(maxDeleted) < 0) {
      throw new LimeException(Errors.STREAM_SETID_BELOW_GIVEN_MAX_DELETED);
    }
    StreamValue s = lookup(k);
    if (s == null) {
      throw new LimeException(Errors.NO_SUCH_KEY);
    }
    if (s.length > 0) {
      if (id.compareTo(s.edgeId(false, true)) < 0) {
        throw new LimeException(Errors.STREAM_SETID_BELOW_TOP);
      }
      if (entriesAdded != -1 && Long.compareUnsigned(s.length, entriesAdded) > 0) {
        throw new LimeException(Errors.STREAM_SETID_ENTRIES_ADDED_BELOW_LENGTH);
      }
    }
    s.lastId = id;
    if (entriesAdded != -1) {
      s.entriesAdded = entriesAdded;
    }
    if (!maxDeleted.isZero()) {
      s.maxDeletedId = maxDeleted;
    }
    k.dirty(1);
    k.event(NotifyFlags.STREAM, "xsetid");
  }

  // ------------------------------------------------------------------ reads

  /**
   * XLEN: the number of entries, 0 when the key is absent.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  public static long length(LockedKey k) {
    StreamValue s = lookup(k);
    return s == null ? 0 : s.length;
  }

  /**
   * XRANGE / XREVRANGE: at most {@code count} (0: all; negative: none, as XRANGE ... COUNT -1,
   * the key still looked up and type-checked) live entries with IDs in {@code [start, end]},
   * ascending or descending. Null when the key is absent.
   *
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  public static @Nullable List<StreamEntry> range(LockedKey k, StreamId start, StreamId end,
      long count, boolean reverse) {
    StreamValue s = lookup(k);
    if (s == null) {
      return null;
    }
    return count < 0 ? List.of() : range(s, start, end, count, reverse);
  }

  /** The entries of {@code s} in {@code [start, end]}, at most {@code count} (0: all). */
  public static List<StreamEntry> range(StreamValue s, StreamId start, StreamId end, long count,
      boolean reverse) {
    List<StreamEntry> out = new ArrayList<>();
    s.forEach(start, end, reverse, (id, fv) -> {
      out.add(new StreamEntry(id, fv));
      return count == 0 || out.size() < count;
    });
    return out;
  }

  /**
   * The stream XINFO reports on: the value of {@code e}.
   *
   * @throws LimeException {@code ERR no such key} when {@code e} is null
   * @throws io.lime.WrongTypeException if it holds another type
   */
  public static StreamValue existing(@Nullable Entry e) {
    StreamValue s = of(e);
    if (s == null) {
      throw new LimeException(Errors.NO_SUCH_KEY);
    }
    return s;
  }

  /**
   * XREAD's ID for one stream: {@code $} is the stream's last ID (0-0 when absent), other
   * text a strict ID ({@code ms} alone: {@code ms-0}).
   *
   * @throws LimeException on an invalid ID
   * @throws io.lime.WrongTypeException if the key holds another type
   */
  public static StreamId readAfter(@Nullable StreamValue s, byte[] array, int offset,
      int length) {
    if (length == 1 && array[offset] == '$') {
      return s != null ? s.lastId : StreamId.MIN;
    }
    return StreamId.parse(array, offset, length, 0, true, false);
  }

  /**
   * XREAD on one stream: at most {@code count} (0: all) entries with IDs above {@code after},
   * or null when there is none (Redis then does not name the stream in the reply).
   */
  public static @Nullable List<StreamEntry> readAfter(StreamValue s, StreamId after,
      long count) {
    StreamId last = s.lastEntryId();
    if (last == null || last.compareTo(after) <= 0) {
      return null;
    }
    StreamId start = after.next();
    return range(s, start == null ? StreamId.MIN : start, StreamId.MAX, count, false);
  }
}
