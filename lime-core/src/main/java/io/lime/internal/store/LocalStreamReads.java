package io.lime.internal.store;

import io.lime.StreamView;
import io.lime.StreamView.Entry;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamFutureWaiter;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamGroups;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import io.lime.internal.type.StreamWaiter;
import io.lime.internal.engine.KeyLocks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The reading half of {@link LocalStreamView} that spans several keys or builds records:
 * XREAD (now, or as a future woken by the blocking machinery) over {@link StreamType}'s
 * per-stream operations, and XINFO STREAM / GROUPS / CONSUMERS from the stream's counters
 * (the same ones the XINFO handlers reply). Reads only: nothing is propagated.
 */
final class LocalStreamReads {
  private LocalStreamReads() {}

  /** The streams of one XREAD: keys (this view's first), their ID arguments. */
  record Request(byte[][] keys, byte[][] ids, long count) {
    static Request of(byte[] key, String after, Map<String, String> others, long count) {
      byte[][] keys = new byte[others.size() + 1][];
      byte[][] ids = new byte[keys.length][];
      keys[0] = key;
      ids[0] = LocalDoor.utf8(Objects.requireNonNull(after, "after"));
      int i = 1;
      for (Map.Entry<String, String> e : others.entrySet()) {
        keys[i] = LocalDoor.utf8(Objects.requireNonNull(e.getKey(), "key"));
        if (Arrays.equals(keys[i], key)) {
          throw new IllegalArgumentException("others names this stream: " + e.getKey());
        }
        ids[i++] = LocalDoor.utf8(Objects.requireNonNull(e.getValue(), "id"));
      }
      return new Request(keys, ids, Math.max(0, count));
    }
  }

  /** XREAD's IDs, all parsed ({@code $} resolved) before anything is read, as the command. */
  static StreamId[] after(KeyLocks locks, long now, Request r) {
    StreamId[] after = new StreamId[r.keys.length];
    for (int i = 0; i < after.length; i++) {
      StreamValue s = StreamType.lookup(locks.key(r.keys[i], now));
      after[i] = StreamType.readAfter(s, r.ids[i], 0, r.ids[i].length);
    }
    return after;
  }

  /** XREAD without BLOCK on locked keys: the streams with entries after their IDs. */
  static Map<String, List<Entry>> readNow(KeyLocks locks, long now, Request r,
      StreamId[] after) {
    Map<String, List<Entry>> out = new LinkedHashMap<>();
    for (int i = 0; i < after.length; i++) {
      StreamValue s = StreamType.lookup(locks.key(r.keys[i], now));
      List<StreamEntry> got = s == null ? null : StreamType.readAfter(s, after[i], r.count);
      if (got != null) {
        out.put(text(r.keys[i]), LocalStreamView.entries(got));
      }
    }
    return out;
  }

  /**
   * XREAD ... BLOCK on locked keys: served now when a stream has entries, else a waiter
   * registered under the same locks.
   */
  static CompletableFuture<Map<String, List<Entry>>> readAsync(Database db, KeyLocks locks,
      long now, Request r, Duration timeout) {
    StreamId[] after = after(locks, now, r);
    Map<String, List<Entry>> got = readNow(locks, now, r, after);
    if (!got.isEmpty()) {
      return CompletableFuture.completedFuture(got);
    }
    long deadline = StreamWaiter.deadline(now, timeout);
    StreamFutureWaiter w = StreamFutureWaiter.read(db, r.keys, after, r.count, deadline);
    CompletableFuture<Map<String, List<Entry>>> out = w.result().thenApply(served -> {
      Map<String, List<Entry>> m = new LinkedHashMap<>();
      byte[] key = served.key();
      if (key != null) {
        m.put(text(key), LocalStreamView.entries(served.entries()));
      }
      return m;
    });
    out.whenComplete((v, ex) -> {
      if (out.isCancelled()) {
        w.cancel();
      }
    });
    return out;
  }

  /** XINFO STREAM. */
  static StreamView.Info info(LockedKey k) {
    StreamValue s = StreamType.existing(k.lookup());
    return new StreamView.Info(s.length(), s.nodeCount(), s.raxNodes(), s.lastId().toString(),
        s.maxDeletedId().toString(), s.entriesAdded(), s.recordedFirstId().toString(),
        s.groups().size(), edge(s, s.firstEntryId()), edge(s, s.lastEntryId()));
  }

  private static @Nullable Entry edge(StreamValue s, @Nullable StreamId id) {
    return id == null ? null
        : LocalStreamView.entries(StreamType.range(s, id, id, 1, false)).get(0);
  }

  /** XINFO GROUPS. */
  static List<StreamView.GroupInfo> groups(LockedKey k) {
    StreamValue s = StreamType.existing(k.lookup());
    List<StreamView.GroupInfo> out = new ArrayList<>();
    for (StreamGroup g : s.groups().values()) {
      out.add(new StreamView.GroupInfo(text(g.name()), g.consumers().size(), g.pel().size(),
          g.lastId().toString(),
          g.entriesRead() == StreamValue.INVALID_ENTRIES_READ ? null : g.entriesRead(),
          s.lag(g)));
    }
    return out;
  }

  /** XINFO CONSUMERS. */
  static List<StreamView.ConsumerInfo> consumers(LockedKey k, byte[] group) {
    StreamValue s = StreamType.existing(k.lookup());
    StreamGroup g = StreamGroups.existing(k, s, group);
    List<StreamView.ConsumerInfo> out = new ArrayList<>();
    long now = k.now();
    for (StreamGroup.Consumer c : g.consumers().values()) {
      out.add(new StreamView.ConsumerInfo(text(c.name()), c.pel().size(),
          Math.max(0, now - c.seenTime())));
    }
    return out;
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
