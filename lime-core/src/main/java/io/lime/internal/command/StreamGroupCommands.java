package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StreamClaims;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamGroups;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consumer-group commands (Redis 7.0's xgroupCommand, xackCommand, xpendingCommand,
 * xclaimCommand, xautoclaimCommand): parse with Redis's checks and order, call
 * {@link StreamGroups} / {@link StreamClaims}, reply.
 */
final class StreamGroupCommands implements CommandGroup {
  private StreamGroupCommands() {}

  private static final String[] XGROUP_HELP = {
    "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CREATE <key> <groupname> <id|$> [option]",
    "    Create a new consumer group. Options are:",
    "    * MKSTREAM",
    "      Create the empty stream if it does not exist.",
    "    * ENTRIESREAD entries_read",
    "      Set the group's entries_read counter (internal use).",
    "CREATECONSUMER <key> <groupname> <consumer>",
    "    Create a new consumer in the specified group.",
    "DELCONSUMER <key> <groupname> <consumer>",
    "    Remove the specified consumer.",
    "DESTROY <key> <groupname>",
    "    Remove the specified group.",
    "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
    "    Set the current group ID and entries_read counter.",
    "HELP",
    "    Prints this help.",
  };

  /** XGROUP HELP — O(1). */
  static void xgroupHelp(Call c) { c.replyHelp(XGROUP_HELP); }

  /** XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read] — O(1). */
  static void xgroupCreate(Call c) { xgroup(c, Sub.CREATE); }

  /** XGROUP SETID key group id|$ [ENTRIESREAD entries-read] — O(1). */
  static void xgroupSetid(Call c) { xgroup(c, Sub.SETID); }

  /** XGROUP DESTROY key group — O(N) where N is the number of entries in the group's PEL. */
  static void xgroupDestroy(Call c) { xgroup(c, Sub.DESTROY); }

  /** XGROUP CREATECONSUMER key group consumer — O(1). */
  static void xgroupCreateconsumer(Call c) { xgroup(c, Sub.CREATECONSUMER); }

  /** XGROUP DELCONSUMER key group consumer — O(1). */
  static void xgroupDelconsumer(Call c) { xgroup(c, Sub.DELCONSUMER); }

  private enum Sub { CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER }

  /** Redis's xgroupCommand: options, then the key and group checks, then the subcommand. */
  private static void xgroup(Call c, Sub sub) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int argc = a.size();
    boolean mkstream = false;
    long entriesRead = StreamValue.INVALID_ENTRIES_READ;
    for (int i = 5; i < argc; ) {
      if (sub == Sub.CREATE && a.is(i, "MKSTREAM")) {
        mkstream = true;
        i++;
      } else if ((sub == Sub.CREATE || sub == Sub.SETID) && a.is(i, "ENTRIESREAD")
          && i + 1 < argc) {
        if (!KeyArgs.integerOrReply(c, i + 1)) {
          return;
        }
        entriesRead = KeyArgs.longValue(a, i + 1);
        if (entriesRead < 0 && entriesRead != StreamValue.INVALID_ENTRIES_READ) {
          out.error(Errors.STREAM_ENTRIES_READ_NEGATIVE);
          return;
        }
        i += 2;
      } else {
        out.error(Errors.subcommandSyntax(a.string(1), "XGROUP"));
        return;
      }
    }
    boolean arityOk = switch (sub) {
      case CREATE -> argc >= 5 && argc <= 8;
      case SETID -> argc == 5 || argc == 7;
      case DESTROY -> argc == 4;
      case CREATECONSUMER, DELCONSUMER -> argc == 5;
    };
    if (!arityOk) {
      out.error(Errors.subcommandSyntax(a.string(1), "XGROUP"));
      return;
    }
    byte[] group = a.copy(3);
    try (LockedKey k = c.lockKey(2)) {
      switch (sub) {
        case CREATE -> {
          StreamGroups.create(k, group, a.copy(4), mkstream, entriesRead);
          out.ok();
        }
        case SETID -> {
          StreamGroups.setId(k, group, a.copy(4), entriesRead);
          out.ok();
        }
        case DESTROY -> out.integer(StreamGroups.destroy(k, group));
        case CREATECONSUMER -> out.integer(StreamGroups.createConsumer(k, group, a.copy(4)));
        case DELCONSUMER -> out.integer(StreamGroups.delConsumer(k, group, a.copy(4)));
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** XACK key group id [id ...] — O(1) for each ID. */
  static void xack(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(StreamGroups.ack(k, c.argv().copy(2), c.args(3, -1)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** XPENDING key group [[IDLE min-idle-time] start end count [consumer]] — O(N) with N the entries returned. */
  static void xpending(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int argc = a.size();
    boolean summary = argc == 3;
    if (argc != 3 && (argc < 6 || argc > 9)) {
      out.error(Errors.SYNTAX);
      return;
    }
    long minIdle = 0;
    long count = 0;
    StreamId start = StreamId.MIN;
    StreamId end = StreamId.MAX;
    byte[] consumer = null;
    try {
      if (argc >= 6) {
        int startIdx = 3;
        if (a.is(3, "IDLE")) {
          if (!KeyArgs.integerOrReply(c, 4)) {
            return;
          }
          minIdle = KeyArgs.longValue(a, 4);
          if (argc < 8) {
            out.error(Errors.SYNTAX);
            return;
          }
          startIdx += 2;
        }
        if (!KeyArgs.integerOrReply(c, startIdx + 2)) {
          return;
        }
        count = Math.max(0, KeyArgs.longValue(a, startIdx + 2));
        start = StreamCommands.interval(a, startIdx, 0, true);
        end = StreamCommands.interval(a, startIdx + 1, -1L, false);
        if (startIdx + 3 < argc) {
          consumer = a.copy(startIdx + 3);
        }
      }
      try (LockedKey k = c.lockKey(1)) {
        StreamGroup g = StreamClaims.group(k, a.copy(2));
        if (summary) {
          replySummary(out, g);
          return;
        }
        List<Map.Entry<StreamId, StreamGroup.Nack>> list =
            StreamClaims.pending(g, consumer, start, end, count, minIdle, k.now());
        out.arrayHeader(list.size());
        for (Map.Entry<StreamId, StreamGroup.Nack> e : list) {
          StreamGroup.Nack n = e.getValue();
          out.arrayHeader(4);
          out.bulk(e.getKey().toBytes());
          out.bulk(n.consumer().name());
          out.integer(Math.max(0, k.now() - n.deliveryTime()));
          out.integer(n.deliveryCount());
        }
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  private static void replySummary(ReplySink out, StreamGroup g) {
    out.arrayHeader(4);
    out.integer(g.pel().size());
    if (g.pel().isEmpty()) {
      out.nullBulk();
      out.nullBulk();
      out.nullArray();
      return;
    }
    out.bulk(g.pel().firstKey().toBytes());
    out.bulk(g.pel().lastKey().toBytes());
    List<StreamGroup.Consumer> with = new ArrayList<>();
    for (StreamGroup.Consumer cons : g.consumers().values()) {
      if (!cons.pel().isEmpty()) {
        with.add(cons);
      }
    }
    out.arrayHeader(with.size());
    for (StreamGroup.Consumer cons : with) {
      out.arrayHeader(2);
      out.bulk(cons.name());
      out.bulk(cons.pel().size());
    }
  }

  /** XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid] — O(log N) per ID. */
  static void xclaim(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(1)) {
      StreamClaims.group(k, a.copy(2));
      if (!KeyArgs.isLong(a, 4)) {
        out.error(Errors.STREAM_XCLAIM_MIN_IDLE);
        return;
      }
      long minIdle = Math.max(0, KeyArgs.longValue(a, 4));
      List<StreamId> ids = new ArrayList<>();
      int j = 5;
      for (; j < a.size(); j++) {
        StreamId id = StreamId.tryParse(a.array(), a.offset(j), a.length(j), 0, true, false);
        if (id == null) {
          break;
        }
        ids.add(id);
      }
      long now = c.now();
      long deliveryTime = -1;
      long retryCount = -1;
      boolean force = false;
      boolean justId = false;
      StreamId lastId = StreamId.MIN;
      for (; j < a.size(); j++) {
        boolean more = j + 1 < a.size();
        if (a.is(j, "FORCE")) {
          force = true;
        } else if (a.is(j, "JUSTID")) {
          justId = true;
        } else if (a.is(j, "IDLE") && more) {
          deliveryTime = now - claimNumber(a, ++j, "IDLE");
        } else if (a.is(j, "TIME") && more) {
          deliveryTime = claimNumber(a, ++j, "TIME");
        } else if (a.is(j, "RETRYCOUNT") && more) {
          retryCount = claimNumber(a, ++j, "RETRYCOUNT");
        } else if (a.is(j, "LASTID") && more) {
          j++;
          lastId = StreamId.parse(a.array(), a.offset(j), a.length(j), 0, true, false);
        } else {
          out.error(Errors.streamXclaimUnknown(a.string(j)));
          return;
        }
      }
      List<StreamClaims.Claimed> claimed = StreamClaims.claim(k, a.copy(2), a.copy(3), minIdle,
          ids, new StreamClaims.ClaimOptions(deliveryTime, retryCount, force, justId, lastId));
      replyClaimed(out, claimed, justId);
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  private static long claimNumber(Argv a, int i, String option) {
    if (!KeyArgs.isLong(a, i)) {
      throw new LimeException(Errors.streamXclaimOption(option));
    }
    return KeyArgs.longValue(a, i);
  }

  private static void replyClaimed(ReplySink out, List<StreamClaims.Claimed> claimed,
      boolean justId) {
    out.arrayHeader(claimed.size());
    for (StreamClaims.Claimed cl : claimed) {
      if (justId) {
        out.bulk(cl.id().toBytes());
      } else if (cl.fieldsValues() == null) {
        out.nullBulk();
      } else {
        StreamCommands.replyEntry(out, cl.id(), cl.fieldsValues());
      }
    }
  }

  /** XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID] — O(1) per claimed entry. */
  static void xautoclaim(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try {
      if (!KeyArgs.isLong(a, 4)) {
        out.error(Errors.STREAM_XAUTOCLAIM_MIN_IDLE);
        return;
      }
      long minIdle = Math.max(0, KeyArgs.longValue(a, 4));
      StreamId start = StreamCommands.interval(a, 5, 0, true);
      long count = 100;
      boolean justId = false;
      for (int j = 6; j < a.size(); j++) {
        if (a.is(j, "COUNT") && j + 1 < a.size()) {
          j++;
          if (!KeyArgs.isLong(a, j) || !StreamClaims.validAutoClaimCount(KeyArgs.longValue(a, j))) {
            out.error(Errors.STREAM_COUNT_POSITIVE);
            return;
          }
          count = KeyArgs.longValue(a, j);
        } else if (a.is(j, "JUSTID")) {
          justId = true;
        } else {
          out.error(Errors.SYNTAX);
          return;
        }
      }
      try (LockedKey k = c.lockKey(1)) {
        StreamClaims.AutoClaim r = StreamClaims.autoClaim(k, a.copy(2), a.copy(3), minIdle,
            start, count, justId);
        out.arrayHeader(3);
        out.bulk(r.next().toBytes());
        replyClaimed(out, r.claimed(), justId);
        out.arrayHeader(r.deleted().size());
        for (StreamId id : r.deleted()) {
          out.bulk(id.toBytes());
        }
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }
}
