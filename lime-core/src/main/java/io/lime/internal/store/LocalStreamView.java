package io.lime.internal.store;

import io.lime.StreamView;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.ByteArgs;
import io.lime.internal.type.StreamAddArgs;
import io.lime.internal.type.StreamClaims;
import io.lime.internal.type.StreamGroup;
import io.lime.internal.type.StreamEntry;
import io.lime.internal.type.StreamFutureWaiter;
import io.lime.internal.type.StreamGroups;
import io.lime.internal.type.StreamId;
import io.lime.internal.type.StreamType;
import io.lime.internal.type.StreamValue;
import io.lime.internal.type.StreamWaiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;

/**
 * {@link StreamView} over one key of one database: each method builds the arguments the
 * stream command would get, locks the key and calls the key-level operation of
 * {@link StreamType} / {@link StreamGroups} that the command calls, so replies, errors,
 * keyspace events, wake-ups of blocked XREAD clients and the propagated form are the
 * command's. Writes are one command each for the persistence ({@code WriteUnit}).
 *
 * <p>Concurrency: each call locks the key's shard for its whole duration.
 */
public final class LocalStreamView extends LocalKeyView implements StreamView {
  /** The view of {@code key} (copied) in database {@code dbIndex}. */
  public LocalStreamView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "StreamView");
  }

  @Override
  public String add(String id, Map<String, String> fields) {
    Objects.requireNonNull(id, "id");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("an entry needs at least one field");
    }
    List<byte[]> argv = new ArrayList<>(fields.size() * 2 + 3);
    argv.add(utf8("XADD"));
    argv.add(key);
    argv.add(utf8(id));
    fields.forEach((f, v) -> {
      argv.add(utf8(Objects.requireNonNull(f, "field")));
      argv.add(utf8(Objects.requireNonNull(v, "value")));
    });
    ByteArgs args = ByteArgs.of(argv.toArray(new byte[0][]));
    StreamAddArgs parsed = StreamAddArgs.parse(args, true,
        engine.limits().streamNodeMaxEntries);
    StreamId added = write(key, k -> StreamType.add(k, parsed, args));
    return Objects.requireNonNull(added).toString();
  }

  @Override
  public long length() {
    return onKey(k -> StreamType.length(k));
  }

  @Override
  public List<Entry> range(String start, String end, long count) {
    return range(start, end, count, false);
  }

  @Override
  public List<Entry> reverseRange(String end, String start, long count) {
    return range(start, end, count, true);
  }

  private List<Entry> range(String start, String end, long count, boolean reverse) {
    StreamId from = bound(start, 0, true);
    StreamId to = bound(end, -1L, false);
    List<StreamEntry> got = onKey(k -> StreamType.range(k, from, to, count, reverse));
    return entries(got == null ? List.of() : got);
  }

  /** A range bound as XRANGE parses it (a {@code (} prefix: exclusive). */
  private static StreamId bound(String text, long missingSeq, boolean start) {
    byte[] b = utf8(Objects.requireNonNull(text, "bound"));
    return StreamId.parseBound(b, 0, b.length, missingSeq, start);
  }

  static List<Entry> entries(List<StreamEntry> got) {
    List<Entry> out = new ArrayList<>(got.size());
    for (StreamEntry e : got) {
      Map<String, String> fields = new LinkedHashMap<>();
      byte[][] fv = e.fieldsValues();
      for (int i = 0; fv != null && i < fv.length; i += 2) {
        fields.put(new String(fv[i], StandardCharsets.UTF_8),
            new String(fv[i + 1], StandardCharsets.UTF_8));
      }
      out.add(new Entry(e.id().toString(), fields));
    }
    return out;
  }

  @Override
  public long delete(String... ids) {
    byte[][] raw = utf8All(ids);
    return write(key, k -> StreamType.delete(k, ByteArgs.of(raw)));
  }

  @Override
  public long trimToLength(long maxLength, boolean approximate) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    return trim("MAXLEN", Long.toString(maxLength), approximate);
  }

  @Override
  public long trimBefore(String minId, boolean approximate) {
    return trim("MINID", Objects.requireNonNull(minId, "minId"), approximate);
  }

  private long trim(String strategy, String threshold, boolean approximate) {
    byte[][] argv = {utf8("XTRIM"), key, utf8(strategy), utf8(approximate ? "~" : "="),
        utf8(threshold)};
    ByteArgs args = ByteArgs.of(argv);
    StreamAddArgs parsed = StreamAddArgs.parse(args, false,
        engine.limits().streamNodeMaxEntries);
    return write(key, k -> StreamType.trim(k, parsed, args));
  }

  @Override
  public void setId(String lastId, long entriesAdded, String maxDeletedId) {
    byte[] id = utf8(Objects.requireNonNull(lastId, "lastId"));
    byte[] md = utf8(Objects.requireNonNull(maxDeletedId, "maxDeletedId"));
    update(k -> StreamType.setId(k, id, entriesAdded, md));
  }

  @Override
  public Map<String, List<Entry>> read(String after, Map<String, String> others, long count) {
    LocalStreamReads.Request r = LocalStreamReads.Request.of(key, after, others, count);
    return onKeys(r.keys(), (locks, now) -> LocalStreamReads.readNow(locks, now, r,
        LocalStreamReads.after(locks, now, r)));
  }

  @Override
  public CompletableFuture<Map<String, List<Entry>>> readAsync(String after,
      Map<String, String> others, long count, Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    LocalStreamReads.Request r = LocalStreamReads.Request.of(key, after, others, count);
    return onKeys(r.keys(), (locks, now) -> LocalStreamReads.readAsync(db, locks, now, r,
        timeout));
  }

  @Override
  public Info info() {
    return onKey(LocalStreamReads::info);
  }

  @Override
  public List<GroupInfo> groups() {
    return onKey(LocalStreamReads::groups);
  }

  @Override
  public List<ConsumerInfo> consumers(String group) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    return onKey(k -> LocalStreamReads.consumers(k, g));
  }

  @Override
  public void createGroup(String group, String id, boolean mkstream) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] i = utf8(Objects.requireNonNull(id, "id"));
    update(k -> StreamGroups.create(k, g, i, mkstream, StreamValue.INVALID_ENTRIES_READ));
  }

  @Override
  public boolean destroyGroup(String group) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    return write(key, k -> StreamGroups.destroy(k, g)) == 1;
  }

  @Override
  public void setGroupId(String group, String id, long entriesRead) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] i = utf8(Objects.requireNonNull(id, "id"));
    update(k -> StreamGroups.setId(k, g, i, entriesRead));
  }

  @Override
  public boolean createConsumer(String group, String consumer) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    return write(key, k -> StreamGroups.createConsumer(k, g, c)) == 1;
  }

  @Override
  public long deleteConsumer(String group, String consumer) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    return write(key, k -> StreamGroups.delConsumer(k, g, c));
  }

  @Override
  public List<Entry> readGroup(String group, String consumer, long count, boolean noAck) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    return entries(write(key, k -> StreamGroups.readNew(k, g, c, Math.max(0, count), noAck)));
  }

  @Override
  public CompletableFuture<List<Entry>> readGroupAsync(String group, String consumer,
      long count, boolean noAck, Duration timeout) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    long deadline = StreamWaiter.deadline(engine.now(), timeout);
    StreamFutureWaiter w = write(key, k -> StreamFutureWaiter.readGroup(k, g, c,
        Math.max(0, count), noAck, deadline));
    CompletableFuture<List<Entry>> out = w.result().thenApply(r -> entries(r.entries()));
    out.whenComplete((r, ex) -> {
      if (out.isCancelled()) {
        w.cancel();
      }
    });
    return out;
  }

  @Override
  public List<Pending> pending(String group, String start, String end, long count) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    StreamId from = bound(start, 0, true);
    StreamId to = bound(end, -1L, false);
    return onKey(k -> {
      List<Pending> out = new ArrayList<>();
      long now = k.now();
      for (var e : StreamClaims.pending(StreamClaims.group(k, g), null, from, to,
          Math.max(0, count), 0, now)) {
        StreamGroup.Nack n = e.getValue();
        out.add(new Pending(e.getKey().toString(),
            new String(n.consumer().name(), StandardCharsets.UTF_8),
            Math.max(0, now - n.deliveryTime()), n.deliveryCount()));
      }
      return out;
    });
  }

  @Override
  public List<Entry> claim(String group, String consumer, Duration minIdle,
      ClaimOptions options, String... ids) {
    return claimed(claim(group, consumer, minIdle, options, false, ids));
  }

  @Override
  public List<String> claimIds(String group, String consumer, Duration minIdle,
      ClaimOptions options, String... ids) {
    List<String> out = new ArrayList<>();
    for (StreamClaims.Claimed cl : claim(group, consumer, minIdle, options, true, ids)) {
      out.add(cl.id().toString());
    }
    return out;
  }

  /** XCLAIM: NOGROUP / WRONGTYPE, then the IDs, then LASTID, as the command checks them. */
  private List<StreamClaims.Claimed> claim(String group, String consumer, Duration minIdle,
      ClaimOptions o, boolean justId, String[] ids) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    byte[][] raw = utf8All(ids);
    byte[] lastId = utf8(o.lastId());
    return write(key, k -> {
      StreamClaims.group(k, g);
      List<StreamId> parsed = StreamType.parseIds(ByteArgs.of(raw));
      long deliveryTime = o.idleMillis() >= 0 ? k.now() - o.idleMillis()
          : o.timeMillis() >= 0 ? o.timeMillis() : -1;
      StreamClaims.ClaimOptions options = new StreamClaims.ClaimOptions(deliveryTime,
          o.retryCount(), o.force(), justId, StreamId.parse(lastId, 0, true));
      return StreamClaims.claim(k, g, c, minIdle(minIdle), parsed, options);
    });
  }

  /**
   * XCLAIM's and XAUTOCLAIM's min-idle-time of {@code d}: negative is 0 (as the commands
   * take it), one past 64-bit milliseconds is Long.MAX_VALUE (TimeUnit.convert saturates).
   */
  private static long minIdle(Duration d) {
    return Math.max(0, TimeUnit.MILLISECONDS.convert(d));
  }

  @Override
  public AutoClaimed autoClaim(String group, String consumer, Duration minIdle, String start,
      long count) {
    if (!StreamClaims.validAutoClaimCount(count)) {
      throw new IllegalArgumentException(Errors.STREAM_COUNT_POSITIVE);
    }
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[] c = utf8(Objects.requireNonNull(consumer, "consumer"));
    StreamId from = bound(start, 0, true);
    StreamClaims.AutoClaim r = write(key, k -> StreamClaims.autoClaim(k, g, c,
        minIdle(minIdle), from, count, false));
    List<String> deleted = new ArrayList<>();
    for (StreamId id : r.deleted()) {
      deleted.add(id.toString());
    }
    return new AutoClaimed(r.next().toString(), claimed(r.claimed()), deleted);
  }

  private static List<Entry> claimed(List<StreamClaims.Claimed> claimed) {
    List<StreamEntry> entries = new ArrayList<>(claimed.size());
    for (StreamClaims.Claimed cl : claimed) {
      entries.add(new StreamEntry(cl.id(), cl.fieldsValues()));
    }
    return entries(entries);
  }

  @Override
  public long ack(String group, String... ids) {
    byte[] g = utf8(Objects.requireNonNull(group, "group"));
    byte[][] raw = utf8All(ids);
    return write(key, k -> StreamGroups.ack(k, g, ByteArgs.of(raw)));
  }

  private static byte[][] utf8All(String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      out[i] = utf8(Objects.requireNonNull(texts[i], "id"));
    }
    return out;
  }
}
