package io.lime.internal.command;

import static io.lime.internal.command.Replies.field;

import io.lime.LimeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamGroups;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
import java.util.Map;

/**
 * XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS and XINFO HELP (Redis 7.0's
 * xinfoCommand and xinfoReplyWithStreamInfo), with 7.0.15's fields (including
 * {@code recorded-first-entry-id}); maps in RESP3, flat arrays in RESP2.
 */
final class StreamInfoCommands implements CommandGroup {
  private StreamInfoCommands() {}

  private static final String[] HELP = {
    "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CONSUMERS <key> <groupname>",
    "    Show consumers of <groupname>.",
    "GROUPS <key>",
    "    Show the stream consumer groups.",
    "STREAM <key> [FULL [COUNT <count>]",
    "    Show information about the stream.",
    "HELP",
    "    Prints this help.",
  };

  /** XINFO HELP — O(1). */
  static void xinfoHelp(Call c) { c.replyHelp(HELP); }

  /** The stream at argument 2, or null after replying {@code ERR no such key} / WRONGTYPE. */
  private static StreamValue stream(Call c, LockedKey k) {
    Entry e = k.lookup();
    c.readLookup(e != null, 2);
    return StreamType.existing(e);
  }

  /** XINFO CONSUMERS key group — O(1). */
  static void xinfoConsumers(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(2)) {
      StreamValue s = stream(c, k);
      StreamGroup g = StreamGroups.existing(k, s, a.copy(3));
      out.arrayHeader(g.consumers().size());
      long now = c.now();
      for (StreamGroup.Consumer cons : g.consumers().values()) {
        out.mapHeader(3);
        field(out, "name", cons.name());
        field(out, "pending", cons.pel().size());
        field(out, "idle", Math.max(0, now - cons.seenTime()));
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** XINFO GROUPS key — O(1). */
  static void xinfoGroups(Call c) {
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(2)) {
      StreamValue s = stream(c, k);
      out.arrayHeader(s.groups().size());
      for (StreamGroup g : s.groups().values()) {
        out.mapHeader(6);
        field(out, "name", g.name());
        field(out, "consumers", g.consumers().size());
        field(out, "pending", g.pel().size());
        field(out, "last-delivered-id", g.lastId().toBytes());
        replyCounters(out, s, g);
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** {@code entries-read} (null when invalid) and {@code lag} (null when unknown). */
  private static void replyCounters(ReplySink out, StreamValue s, StreamGroup g) {
    out.bulk("entries-read");
    if (g.entriesRead() != StreamValue.INVALID_ENTRIES_READ) {
      out.integer(g.entriesRead());
    } else {
      out.nullBulk();
    }
    out.bulk("lag");
    Long lag = s.lag(g);
    if (lag != null) {
      out.integer(lag);
    } else {
      out.nullBulk();
    }
  }

  /** XINFO STREAM key [FULL [COUNT count]] — O(1), FULL: O(N) with N the COUNT. */
  static void xinfoStream(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(2)) {
      StreamValue s = stream(c, k);
      int argc = a.size() - 3;
      boolean full = argc > 0;
      long count = 10;
      if (full) {
        if (!a.is(3, "FULL")) {
          out.error(Errors.subcommandSyntax(a.string(1), "XINFO"));
          return;
        }
        if (argc > 1) {
          if (argc != 3 || !a.is(4, "COUNT")) {
            out.error(Errors.subcommandSyntax(a.string(1), "XINFO"));
            return;
          }
          if (!KeyArgs.integerOrReply(c, 5)) {
            return;
          }
          count = KeyArgs.longValue(a, 5);
          if (count < 0) {
            count = 10;
          }
        }
      }
      out.mapHeader(full ? 9 : 10);
      field(out, "length", s.length());
      field(out, "radix-tree-keys", s.nodeCount());
      field(out, "radix-tree-nodes", s.raxNodes());
      field(out, "last-generated-id", s.lastId().toBytes());
      field(out, "max-deleted-entry-id", s.maxDeletedId().toBytes());
      field(out, "entries-added", s.entriesAdded());
      field(out, "recorded-first-entry-id", s.recordedFirstId().toBytes());
      if (!full) {
        field(out, "groups", s.groups().size());
        out.bulk("first-entry");
        edge(out, s, s.firstEntryId());
        out.bulk("last-entry");
        edge(out, s, s.lastEntryId());
        return;
      }
      out.bulk("entries");
      StreamCommands.replyEntries(out, StreamType.range(s, StreamId.MIN, StreamId.MAX, count,
          false));
      out.bulk("groups");
      out.arrayHeader(s.groups().size());
      for (StreamGroup g : s.groups().values()) {
        replyFullGroup(out, s, g, count);
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  private static void edge(ReplySink out, StreamValue s, StreamId id) {
    if (id == null) {
      out.nullBulk();
      return;
    }
    List<StreamEntry> e = StreamType.range(s, id, id, 1, false);
    StreamCommands.replyEntry(out, id, e.get(0).fieldsValues());
  }

  private static void replyFullGroup(ReplySink out, StreamValue s, StreamGroup g, long count) {
    out.mapHeader(7);
    field(out, "name", g.name());
    field(out, "last-delivered-id", g.lastId().toBytes());
    replyCounters(out, s, g);
    pending(out, g.pel(), count, true);
    out.bulk("consumers");
    out.arrayHeader(g.consumers().size());
    for (StreamGroup.Consumer cons : g.consumers().values()) {
      out.mapHeader(4);
      field(out, "name", cons.name());
      field(out, "seen-time", cons.seenTime());
      pending(out, cons.pel(), count, false);
    }
  }

  /**
   * The {@code pel-count} and {@code pending} fields of a group ({@code withConsumer}: each
   * entry names its consumer) or of a consumer: at most {@code count} entries (0: all).
   */
  private static void pending(ReplySink out, Map<StreamId, StreamGroup.Nack> pel, long count,
      boolean withConsumer) {
    field(out, "pel-count", pel.size());
    out.bulk("pending");
    int n = limit(pel.size(), count);
    out.arrayHeader(n);
    int i = 0;
    for (Map.Entry<StreamId, StreamGroup.Nack> e : pel.entrySet()) {
      if (i++ == n) {
        break;
      }
      out.arrayHeader(withConsumer ? 4 : 3);
      out.bulk(e.getKey().toBytes());
      if (withConsumer) {
        out.bulk(e.getValue().consumer().name());
      }
      out.integer(e.getValue().deliveryTime());
      out.integer(e.getValue().deliveryCount());
    }
  }

  private static int limit(int size, long count) {
    return count == 0 || count >= size ? size : (int) count;
  }
}
