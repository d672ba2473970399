package io.lime.internal.aof;

import io.lime.internal.engine.Argvs;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * A stream as AOF commands (Redis 7.0's rewriteStreamObject): one XADD per entry (an empty
 * stream as {@code XADD key MAXLEN 0 0-1 x y}), XSETID with the last ID, entries-added and
 * max-deleted ID, then per group XGROUP CREATE ... ENTRIESREAD, and per consumer either
 * XGROUP CREATECONSUMER (no pending entries) or one
 * {@code XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n JUSTID FORCE} per pending entry.
 */
final class AofStreams {
  private AofStreams() {}

  static void write(ByteArrayOutputStream out, byte[] key, StreamValue s) {
    if (s.length() > 0) {
      for (StreamEntry e : StreamType.range(s, StreamId.MIN, StreamId.MAX, 0, false)) {
        RespLog.command(out, Argvs.of("XADD", key, e.id().toString(), e.fieldsValues()));
      }
    } else {
      RespLog.command(out, Argvs.of("XADD", key, "MAXLEN", "0", "0-1", "x", "y"));
    }
    RespLog.command(out, Argvs.of("XSETID", key, s.lastId().toString(), "ENTRIESADDED",
        s.entriesAdded(), "MAXDELETEDID", s.maxDeletedId().toString()));
    for (StreamGroup g : s.groups().values()) {
      RespLog.command(out, Argvs.of("XGROUP", "CREATE", key, g.name(), g.lastId().toString(),
          "ENTRIESREAD", g.entriesRead()));
      for (StreamGroup.Consumer c : g.consumers().values()) {
        if (c.pel().isEmpty()) {
          RespLog.command(out, Argvs.of("XGROUP", "CREATECONSUMER", key, g.name(), c.name()));
          continue;
        }
        for (Map.Entry<StreamId, StreamGroup.Nack> e : c.pel().entrySet()) {
          RespLog.command(out, Argvs.of("XCLAIM", key, g.name(), c.name(), "0",
              e.getKey().toString(), "TIME", e.getValue().deliveryTime(), "RETRYCOUNT",
              e.getValue().deliveryCount(), "JUSTID", "FORCE"));
        }
      }
    }
  }
}
