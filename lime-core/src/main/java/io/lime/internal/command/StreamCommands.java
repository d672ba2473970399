package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StreamAddArgs;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;

/**
 * The stream commands on entries (Redis 7.0's t_stream.c: XADD, XRANGE, XREVRANGE, XLEN,
 * XDEL, XTRIM, XSETID). Each handler parses with Redis's checks and order, calls the
 * key-level operation of {@link StreamType}, and replies. Consumer groups are in
 * {@link StreamGroupCommands}, reads of several streams in {@link StreamReadCommands}.
 */
final class StreamCommands implements CommandGroup {
  private StreamCommands() {}

  /** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...] — O(1) when adding, O(N) for the entries evicted. */
  static void xadd(Call c) {
    Argv a = c.argv();
    try {
      StreamAddArgs args = StreamAddArgs.parse(c.args(0, -1), true,
          c.engine().limits().streamNodeMaxEntries);
      int fields = a.size() - (args.idIndex() + 1);
      if (fields < 2 || fields % 2 == 1) {
        c.out().error(Errors.arity("xadd"));
        return;
      }
      try (LockedKey k = c.lockKey(1)) {
        StreamId id = StreamType.add(k, args, c.args(0, -1));
        if (id == null) {
          c.out().nullBulk();
        } else {
          c.out().bulk(id.toBytes());
        }
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] — O(N) for the entries evicted. */
  static void xtrim(Call c) {
    try {
      StreamAddArgs args = StreamAddArgs.parse(c.args(0, -1), false,
          c.engine().limits().streamNodeMaxEntries);
      try (LockedKey k = c.lockKey(1)) {
        c.out().integer(StreamType.trim(k, args, c.args(0, -1)));
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** XDEL key id [id ...] — O(1) for each ID deleted. */
  static void xdel(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(StreamType.delete(k, c.args(2, -1)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** XLEN key — O(1). */
  static void xlen(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      Entry e = k.lookup();
      c.readLookup(e != null, 1);
      StreamValue s = StreamType.of(e);
      c.out().integer(s == null ? 0 : s.length());
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** XRANGE key start end [COUNT count] — O(N) with N the number of entries returned. */
  static void xrange(Call c) { range(c, false); }

  /** XREVRANGE key end start [COUNT count] — O(N) with N the number of entries returned. */
  static void xrevrange(Call c) { range(c, true); }

  private static void range(Call c, boolean rev) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try {
      StreamId start = interval(a, rev ? 3 : 2, 0, true);
      StreamId end = interval(a, rev ? 2 : 3, -1L, false);
      long count = -1;
      for (int j = 4; j < a.size(); j++) {
        if (a.is(j, "COUNT") && j + 1 < a.size()) {
          if (!KeyArgs.integerOrReply(c, j + 1)) {
            return;
          }
          count = Math.max(0, KeyArgs.longValue(a, j + 1));
          j++;
        } else {
          out.error(Errors.SYNTAX);
          return;
        }
      }
      try (LockedKey k = c.lockKey(1)) {
        Entry e = k.lookup();
        c.readLookup(e != null, 1);
        StreamValue s = StreamType.of(e);
        if (s == null) {
          out.arrayHeader(0);
        } else if (count == 0) {
          out.nullArray();
        } else {
          replyEntries(out, StreamType.range(s, start, end, Math.max(count, 0), rev));
        }
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** The range bound at argument {@code i} ({@link StreamId#parseBound}). */
  static StreamId interval(Argv a, int i, long missingSeq, boolean start) {
    return StreamId.parseBound(a.array(), a.offset(i), a.length(i), missingSeq, start);
  }

  /** XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] — O(1). */
  static void xsetid(Call c) {
    Argv a = c.argv();
    try {
      StreamId id = StreamId.parse(a.array(), a.offset(2), a.length(2), 0, true, false);
      long entriesAdded = -1;
      StreamId maxDeleted = StreamId.MIN;
      for (int i = 3; i < a.size(); ) {
        boolean more = i + 1 < a.size();
        if (a.is(i, "ENTRIESADDED") && more) {
          if (!KeyArgs.integerOrReply(c, i + 1)) {
            return;
          }
          entriesAdded = KeyArgs.longValue(a, i + 1);
          if (entriesAdded < 0) {
            throw new LimeException(Errors.STREAM_ENTRIES_ADDED_NEGATIVE);
          }
          i += 2;
        } else if (a.is(i, "MAXDELETEDID") && more) {
          maxDeleted = StreamId.parse(a.array(), a.offset(i + 1), a.length(i + 1), 0, true,
              false);
          if (id.compareTo(maxDeleted) < 0) {
            throw new LimeException(Errors.STREAM_SETID_BELOW_GIVEN_MAX_DELETED);
          }
          i += 2;
        } else {
          throw new LimeException(Errors.SYNTAX);
        }
      }
      try (LockedKey k = c.lockKey(1)) {
        StreamType.setId(k, id, entriesAdded, maxDeleted);
        c.out().ok();
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ replies

  /** Entries as Redis's streamReplyWithRange writes them: {@code [[id, [f, v, ...]], ...]}. */
  static void replyEntries(ReplySink out, List<StreamEntry> entries) {
    out.arrayHeader(entries.size());
    for (StreamEntry e : entries) {
      replyEntry(out, e.id(), e.fieldsValues());
    }
  }

  /** One entry: {@code [id, [f, v, ...]]}, or {@code [id, nil]} when {@code fv} is null. */
  static void replyEntry(ReplySink out, StreamId id, byte[][] fv) {
    out.arrayHeader(2);
    out.bulk(id.toBytes());
    if (fv == null) {
      out.nullArray();
      return;
    }
    out.arrayHeader(fv.length);
    for (byte[] b : fv) {
      out.bulk(b);
    }
  }
}
