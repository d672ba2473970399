package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamGroups;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import io.lime.internal.type.StreamWaiter;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * XREAD and XREADGROUP (Redis 7.0's xreadCommand): read one or more streams after given IDs
 * (XREAD, {@code $} = after the last one) or for a consumer of a group ({@code >} = new
 * entries, another ID = the consumer's pending history); when nothing can be served and
 * BLOCK was given, the client waits ({@link StreamWaiter}) until an XADD to one of the keys,
 * its group's destruction, the timeout (a null array) or CLIENT UNBLOCK.
 *
 * <p>Replies: RESP2 an array of {@code [key, entries]} pairs, RESP3 a map key to entries.
 */
final class StreamReadCommands implements CommandGroup {
  private StreamReadCommands() {}

  /** XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...] — O(N) with N the entries returned. */
  static void xread(Call c) { read(c, false); }

  /** XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...] — O(M) with M the entries returned. */
  static void xreadgroup(Call c) { read(c, true); }

  /** What was parsed. */
  private static final class Request {
    long timeout = -1;
    long count;
    int streamsArg;
    int streams;
    boolean noack;
    byte[] group;
    byte[] consumer;
  }

  private static void read(Call c, boolean xreadgroup) {
    Argv a = c.argv();
    ReplySink out = c.out();
    Request r = new Request();
    for (int i = 1; i < a.size(); i++) {
      int more = a.size() - i - 1;
      if (a.is(i, "BLOCK") && more > 0) {
        i++;
        if (!KeyArgs.isLong(a, i)) {
          out.error(Errors.TIMEOUT_NOT_INTEGER);
          return;
        }
        r.timeout = KeyArgs.longValue(a, i);
        if (r.timeout < 0) {
          out.error(Errors.TIMEOUT_NEGATIVE);
          return;
        }
      } else if (a.is(i, "COUNT") && more > 0) {
        i++;
        if (!KeyArgs.integerOrReply(c, i)) {
          return;
        }
        r.count = Math.max(0, KeyArgs.longValue(a, i));
      } else if (a.is(i, "STREAMS") && more > 0) {
        r.streamsArg = i + 1;
        int n = a.size() - r.streamsArg;
        if (n % 2 != 0) {
          out.error(Errors.STREAM_UNBALANCED);
          return;
        }
        r.streams = n / 2;
        break;
      } else if (a.is(i, "GROUP") && more >= 2) {
        if (!xreadgroup) {
          out.error(Errors.STREAM_GROUP_ONLY_XREADGROUP);
          return;
        }
        r.group = a.copy(i + 1);
        r.consumer = a.copy(i + 2);
        i += 2;
      } else if (a.is(i, "NOACK")) {
        if (!xreadgroup) {
          out.error(Errors.STREAM_NOACK_ONLY_XREADGROUP);
          return;
        }
        r.noack = true;
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    if (r.streamsArg == 0) {
      out.error(Errors.SYNTAX);
      return;
    }
    if (xreadgroup && r.group == null) {
      out.error(Errors.STREAM_MISSING_GROUP);
      return;
    }
    int first = r.streamsArg;
    c.preventPropagation(); // as Redis: a group read propagates its effects (XCLAIM ...) only
    try (KeyLocks locks = c.lockKeys(first, first + r.streams - 1, 1)) {
      StreamId[] ids = new StreamId[r.streams];
      StreamGroup[] groups = new StreamGroup[r.streams];
      for (int i = 0; i < r.streams; i++) {
        int idArg = first + r.streams + i;
        LockedKey k = c.keyWithin(first + i);
        Entry e = k.lookup();
        c.readLookup(e != null, first + i);
        StreamValue s = StreamType.of(e);
        if (r.group != null) {
          groups[i] = s == null ? null : s.group(r.group);
          if (groups[i] == null) {
            out.error(Errors.streamNoKeyOrGroupRead(a.string(first + i),
                new String(r.group, java.nio.charset.StandardCharsets.UTF_8)));
            return;
          }
        }
        boolean dollar = a.length(idArg) == 1 && a.array()[a.offset(idArg)] == '$';
        if (dollar && xreadgroup) {
          out.error(Errors.STREAM_DOLLAR_IN_XREADGROUP);
          return;
        } else if (a.length(idArg) == 1 && a.array()[a.offset(idArg)] == '>') {
          if (!xreadgroup) {
            out.error(Errors.STREAM_GT_ONLY_XREADGROUP);
            return;
          }
          ids[i] = StreamId.MAX;
        } else {
          ids[i] = StreamType.readAfter(s, a.array(), a.offset(idArg), a.length(idArg));
        }
      }
      List<byte[]> keys = new ArrayList<>();
      List<List<StreamEntry>> results = new ArrayList<>();
      for (int i = 0; i < r.streams; i++) {
        LockedKey k = c.keyWithin(first + i);
        Entry e = k.lookup();
        StreamValue s = StreamType.of(e);
        if (s == null) {
          continue;
        }
        List<StreamEntry> served = serveNow(k, s, groups[i], ids[i], r);
        if (served != null) {
          keys.add(a.copy(first + i));
          results.add(served);
        }
      }
      if (!keys.isEmpty()) {
        replyStreams(out, keys, results);
        return;
      }
      if (r.timeout == -1 || !Blocking.canBlock(c)) {
        out.nullArray();
        return;
      }
      block(c, r, ids);
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** What one stream serves synchronously, or null (Redis's serve_synchronously). */
  private static List<StreamEntry> serveNow(LockedKey k, StreamValue s, StreamGroup g,
      StreamId gt, Request r) {
    if (g == null) {
      return StreamType.readAfter(s, gt, r.count);
    }
    boolean history = !gt.equals(StreamId.MAX);
    boolean serve = history;
    StreamId from = gt;
    if (!history) {
      StreamId last = s.lastEntryId();
      if (last != null && last.compareTo(g.lastId()) > 0) {
        serve = true;
        from = g.lastId();
      }
    }
    if (!serve) {
      return null; // no consumer made either (Redis 7.0)
    }
    StreamGroup.Consumer consumer = StreamGroups.readConsumer(k, g, r.consumer, r.noack, false);
    StreamId start = from.next();
    return StreamGroups.read(k, s, g, consumer, start == null ? StreamId.MIN : start, r.count,
        r.noack, history, false);
  }

  /** Replies served streams: RESP2 {@code [[key, entries] ...]}, RESP3 {@code {key: entries}}. */
  static void replyStreams(ReplySink out, List<byte[]> keys, List<List<StreamEntry>> results) {
    if (out.protocol() == 2) {
      out.arrayHeader(keys.size());
    } else {
      out.mapHeader(keys.size());
    }
    for (int i = 0; i < keys.size(); i++) {
      if (out.protocol() == 2) {
        out.arrayHeader(2);
      }
      out.bulk(keys.get(i));
      StreamCommands.replyEntries(out, results.get(i));
    }
  }

  /** Blocks the client on the streams (Redis's blockForKeys with BLOCKED_STREAM). */
  private static void block(Call c, Request r, StreamId[] ids) {
    ClientSession session = c.client();
    Executor loop = Objects.requireNonNull(session.loopExecutor(), "loopExecutor");
    long deadline = StreamWaiter.deadline(c.now(), r.timeout);
    byte[][] keys = Blocking.keys(c.argv(), r.streamsArg, r.streamsArg + r.streams - 1);
    ClientStreamWaiter w = new ClientStreamWaiter(c, loop, c.db(), keys, ids, deadline, r);
    session.waiter(w);
    c.engine().blocking().block(w);
  }

  /** A connection blocked in XREAD / XREADGROUP; replies on its loop thread. */
  static final class ClientStreamWaiter extends StreamWaiter {
    private final Call call;
    private final Executor loop;

    ClientStreamWaiter(Call call, Executor loop, Database db, byte[][] keys, StreamId[] ids,
        long deadline, Request r) {
      super(db, keys, ids, deadline, r.group, r.consumer, r.noack, r.count);
      this.call = call;
      this.loop = loop;
    }

    @Override
    protected void served(byte[] key, List<StreamEntry> entries) {
      Blocking.finish(call, loop, this,
          out -> replyStreams(out, List.of(key), List.of(entries)));
    }

    @Override
    protected void noGroup() {
      Blocking.finish(call, loop, this, out -> out.error(Errors.STREAM_GROUP_DESTROYED));
    }

    @Override
    protected void timedOut(boolean error) {
      Blocking.timedOut(call, loop, this, error);
    }
  }
}
