package io.lime;

import java.util.List;
import java.util.Map;

/**
 * The stream stored at one key of a {@link KeyValueStore} (Redis's stream commands, same
 * semantics, without RESP): obtained from {@link KeyValueStore#stream(String)}, it names the
 * key and holds no data; every call acts on the key's current value.
 *
 * <pre>{@code
 * StreamView events = store.stream("events");
 * String id = events.add(Map.of("type", "login", "user", "ada"));   // "1733356800000-0"
 * events.createGroup("workers", "0", false);
 * List<StreamView.Entry> batch = events.readGroup("workers", "w1", 10, false);
 * events.ack("workers", batch.get(0).id());
 * }</pre>
 *
 * <p><b>Semantics.</b> As Redis 7.0's XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XREAD,
 * XSETID, XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER), XREADGROUP (with
 * {@code >}), XACK, XPENDING, XCLAIM, XAUTOCLAIM and XINFO (STREAM, GROUPS, CONSUMERS), with
 * their error texts ({@link LimeException} carries them). Unlike other types, a stream whose entries are all deleted keeps its key.
 * IDs are Redis's text form {@code ms-seq}; range bounds also accept {@code -}, {@code +},
 * {@code ms} alone and the exclusive {@code (id} form.
 *
 * <p><b>Strings.</b> Fields and values are encoded and decoded as UTF-8. An entry's fields are
 * returned as an insertion-ordered map (a field repeated in one entry keeps its last value).
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use; each call is atomic with respect to every
 * other operation on the key. Complexities are those of the Redis command named.
 *
 * <p><b>Nullness.</b> Arguments must not be null ({@link NullPointerException}).
 */
public interface StreamView {

  /** One entry: its ID and its fields in order. */
  record Entry(String id, Map<String, String> fields) {
    /** Defensive copy of the fields. */
    public Entry {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
  }

  /** A pending entry of a group (XPENDING's extended form). */
  record Pending(String id, String consumer, long idleMillis, long deliveries) {}

  /** What {@link #autoClaim} did: the cursor to continue from (0-0: done), the claimed
   * entries, and the pending IDs it dropped because their entries were deleted. */
  record AutoClaimed(String next, List<Entry> claimed, List<String> deleted) {
    /** Defensive copies. */
    public AutoClaimed {
      claimed = List.copyOf(claimed);
      deleted = List.copyOf(deleted);
    }
  }

  /**
   * XCLAIM's options; a negative number means "not given" (as Redis treats it). Build from
   * {@link #NONE} with the {@code with*} methods.
   *
   * @param idleMillis IDLE: the claimed entries' delivery time is now minus this
   * @param timeMillis TIME: the claimed entries' delivery time (Unix ms of the store's clock;
   *     later than now counts as now); ignored when {@code idleMillis} is given
   * @param retryCount RETRYCOUNT: the delivery counter to set (otherwise incremented)
   * @param force FORCE: claim IDs that are not pending (but exist) too
   * @param lastId LASTID: moves the group's last delivered ID up to this one ({@code 0-0}:
   *     not given)
   */
  record ClaimOptions(long idleMillis, long timeMillis, long retryCount, boolean force,
      String lastId) {
    /** No option. */
    public static final ClaimOptions NONE = new ClaimOptions(-1, -1, -1, false, "0-0");

    /** Checks {@code lastId} is not null. */
    public ClaimOptions {
      java.util.Objects.requireNonNull(lastId, "lastId");
    }

    /**
     * With IDLE (in milliseconds; a duration past 64-bit milliseconds saturates, and XCLAIM
     * then takes the delivery time as now, as Redis does for any IDLE out of range).
     */
    public ClaimOptions withIdle(java.time.Duration idle) {
      long ms = java.util.concurrent.TimeUnit.MILLISECONDS.convert(idle);
      return new ClaimOptions(ms, timeMillis, retryCount, force, lastId);
    }

    /** With TIME. */
    public ClaimOptions withTime(long unixMillis) {
      return new ClaimOptions(idleMillis, unixMillis, retryCount, force, lastId);
    }

    /** With RETRYCOUNT. */
    public ClaimOptions withRetryCount(long count) {
      return new ClaimOptions(idleMillis, timeMillis, count, force, lastId);
    }

    /** With FORCE. */
    public ClaimOptions withForce() {
      return new ClaimOptions(idleMillis, timeMillis, retryCount, true, lastId);
    }

    /** With LASTID. */
    public ClaimOptions withLastId(String id) {
      return new ClaimOptions(idleMillis, timeMillis, retryCount, force, id);
    }
  }

  /**
   * XINFO STREAM (without FULL): the stream's counters, its first and last live entries
   * (null when it has none). IDs in text form.
   */
  record Info(long length, long radixTreeKeys, long radixTreeNodes, String lastGeneratedId,
      String maxDeletedEntryId, long entriesAdded, String recordedFirstEntryId, long groups,
      @org.jspecify.annotations.Nullable Entry firstEntry,
      @org.jspecify.annotations.Nullable Entry lastEntry) {}

  /**
   * XINFO GROUPS: one group; {@code entriesRead} and {@code lag} are null when Redis reports
   * them as null (unknown).
   */
  record GroupInfo(String name, long consumers, long pending, String lastDeliveredId,
      @org.jspecify.annotations.Nullable Long entriesRead,
      @org.jspecify.annotations.Nullable Long lag) {}

  /** XINFO CONSUMERS: one consumer, its pending count and ms since it was last seen. */
  record ConsumerInfo(String name, long pending, long idleMillis) {}

  /** The key this view acts on (a copy). */
  byte[] key();

  /**
   * Appends an entry with a generated ID (XADD key * ...). O(1).
   *
   * @return the new ID
   * @throws IllegalArgumentException if {@code fields} is empty
   * @throws WrongTypeException if the key holds another type
   */
  default String add(Map<String, String> fields) {
    return add("*", fields);
  }

  /**
   * Appends an entry with ID {@code id}: {@code *}, {@code ms-*} or an explicit ID above the
   * stream's last one (XADD key id ...). O(1).
   *
   * @return the new ID
   * @throws IllegalArgumentException if {@code fields} is empty
   * @throws LimeException on an invalid or too small ID
   * @throws WrongTypeException if the key holds another type
   */
  String add(String id, Map<String, String> fields);

  /** The number of entries, 0 when the key is absent (XLEN). O(1). */
  long length();

  /**
   * The entries with IDs in {@code [start, end]}, at most {@code count} (0: all; negative:
   * none, as XRANGE ... COUNT -1), in ID order (XRANGE). O(N) with N the entries returned.
   *
   * @throws LimeException on an invalid bound
   * @throws WrongTypeException if the key holds another type
   */
  List<Entry> range(String start, String end, long count);

  /** As {@link #range} from {@code end} down to {@code start} (XREVRANGE). */
  List<Entry> reverseRange(String end, String start, long count);

  /**
   * Deletes entries by ID (XDEL). O(1) per ID.
   *
   * @return how many existed
   * @throws LimeException on an invalid ID (nothing deleted)
   */
  long delete(String... ids);

  /**
   * Trims to at most {@code maxLength} entries, or with {@code approximate} only by whole
   * nodes (XTRIM MAXLEN [~]). O(N) with N the entries removed.
   *
   * @return how many entries were removed
   * @throws IllegalArgumentException if {@code maxLength} is negative
   */
  long trimToLength(long maxLength, boolean approximate);

  /**
   * Removes entries with IDs below {@code minId} (XTRIM MINID [~]). O(N) with N the entries
   * removed.
   *
   * @return how many entries were removed
   */
  long trimBefore(String minId, boolean approximate);

  /**
   * Sets the stream's last ID, and unless -1 its entries-added counter, and unless {@code 0-0}
   * its max deleted entry ID (XSETID key lastId [ENTRIESADDED n] [MAXDELETEDID id]). O(1).
   *
   * @throws LimeException an invalid ID, {@code entriesAdded} below -1, {@code lastId} below
   *     {@code maxDeletedId}, {@code ERR no such key}, {@code lastId} below the stream's top
   *     entry, {@code entriesAdded} below its length
   * @throws WrongTypeException if the key holds another type
   */
  void setId(String lastId, long entriesAdded, String maxDeletedId);

  /**
   * The entries with IDs above {@code after} ({@code $}: the last ID, so none), at most
   * {@code count} (0: all) (XREAD COUNT count STREAMS key after). Does not wait. O(N) with N
   * the entries returned.
   *
   * @throws LimeException on an invalid ID
   * @throws WrongTypeException if the key holds another type
   */
  default List<Entry> read(String after, long count) {
    List<Entry> got = read(after, Map.of(), count).get(
        new String(key(), java.nio.charset.StandardCharsets.UTF_8));
    return got == null ? List.of() : got;
  }

  /**
   * XREAD COUNT count STREAMS key other... after otherAfter...: this stream after
   * {@code after} and each stream of {@code others} (key to ID, {@code $} allowed) after its
   * ID, at most {@code count} entries each (0: all). The result maps, in that order, each
   * stream with entries to its entries (streams without new entries are absent; an empty map
   * when none has). All streams are read atomically. Does not wait. O(N) with N the entries
   * returned.
   *
   * @throws IllegalArgumentException if {@code others} names this key
   * @throws LimeException on an invalid ID
   * @throws WrongTypeException if one of the keys holds another type
   */
  Map<String, List<Entry>> read(String after, Map<String, String> others, long count);

  /**
   * As {@link #read(String, Map, long)}, but when no stream has an entry to return, waits for
   * one (XREAD ... BLOCK ...): the future completes with the first stream an XADD from any door
   * feeds (only that stream, with up to {@code count} entries, 0: up to 1000), or with an empty
   * map once {@code timeout} passes ({@link java.time.Duration#ZERO}: never). With {@code $},
   * only entries added after the call count. Readers waiting on a key are served in arrival
   * order; cancelling the future stops the wait. The calling thread never blocks.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative or {@code others} names
   *     this key
   * @throws LimeException on an invalid ID
   * @throws WrongTypeException if one of the keys holds another type
   */
  java.util.concurrent.CompletableFuture<Map<String, List<Entry>>> readAsync(String after,
      Map<String, String> others, long count, java.time.Duration timeout);

  /**
   * {@link #readAsync} on this stream alone, waited for by the calling thread: its entries,
   * or an empty list when {@code timeout} passed (XREAD COUNT count BLOCK ms STREAMS key
   * after).
   *
   * @throws InterruptedException if interrupted while waiting (the wait is cancelled)
   */
  default List<Entry> read(String after, long count, java.time.Duration timeout)
      throws InterruptedException {
    Map<String, List<Entry>> got = read(after, Map.of(), count, timeout);
    return got.isEmpty() ? List.of() : got.values().iterator().next();
  }

  /**
   * {@link #readAsync} waited for by the calling thread: the streams served, or an empty map
   * when {@code timeout} passed.
   *
   * @throws InterruptedException if interrupted while waiting (the wait is cancelled)
   */
  default Map<String, List<Entry>> read(String after, Map<String, String> others, long count,
      java.time.Duration timeout) throws InterruptedException {
    return await(readAsync(after, others, count, timeout));
  }

  /** Waits for {@code f}, cancelling it on interruption unless it completed meanwhile. */
  private static <T> T await(java.util.concurrent.CompletableFuture<T> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      if (!f.cancel(false)) {
        Thread.currentThread().interrupt();
        return f.join(); // served meanwhile: hand the result over
      }
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * Creates consumer group {@code group} delivering after {@code id} ({@code $}: the last ID),
   * creating an empty stream with {@code mkstream} (XGROUP CREATE). O(1).
   *
   * @throws LimeException BUSYGROUP when it exists, or when the key is absent without
   *     {@code mkstream}
   */
  void createGroup(String group, String id, boolean mkstream);

  /**
   * Destroys consumer group {@code group} with its pending entries (XGROUP DESTROY); its
   * blocked readers get NOGROUP. O(N) with N the group's pending entries.
   *
   * @return true if the group existed
   * @throws LimeException when the key is absent
   */
  boolean destroyGroup(String group);

  /**
   * Moves group {@code group}'s last delivered ID to {@code id} ({@code $}: the stream's last
   * ID) and sets its entries-read counter ({@code -1}: unknown) (XGROUP SETID key group id
   * ENTRIESREAD entriesRead). O(1).
   *
   * @throws LimeException {@code entriesRead} below -1, a missing key, NOGROUP, an invalid ID
   * @throws WrongTypeException if the key holds another type
   */
  void setGroupId(String group, String id, long entriesRead);

  /**
   * Creates consumer {@code consumer} in {@code group} (XGROUP CREATECONSUMER). O(1).
   *
   * @return false if it already existed
   * @throws LimeException a missing key or NOGROUP
   */
  boolean createConsumer(String group, String consumer);

  /**
   * Deletes consumer {@code consumer} of {@code group} with its pending entries (XGROUP
   * DELCONSUMER). O(N) with N its pending entries.
   *
   * @return how many entries it had pending (0 also when it did not exist)
   * @throws LimeException a missing key or NOGROUP
   */
  long deleteConsumer(String group, String consumer);

  /**
   * Delivers up to {@code count} (0: all) new entries to {@code consumer} of {@code group},
   * adding them to its pending entries unless {@code noAck} (XREADGROUP ... STREAMS key &gt;).
   * Does not wait. O(M) with M the entries returned.
   *
   * @throws LimeException NOGROUP when the key or the group does not exist
   */
  List<Entry> readGroup(String group, String consumer, long count, boolean noAck);

  /**
   * As {@link #readGroup(String, String, long, boolean)}, but when there is no new entry,
   * waits for one (XREADGROUP ... BLOCK): the future completes with the entries an XADD from
   * any door delivers (clients waiting on the key are served in arrival order), with an empty
   * list once {@code timeout} passes ({@link java.time.Duration#ZERO}: never), or
   * exceptionally with NOGROUP if the group is destroyed meanwhile. Cancelling the future
   * stops the wait. The calling thread never blocks.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws LimeException NOGROUP when the key or the group does not exist
   */
  java.util.concurrent.CompletableFuture<List<Entry>> readGroupAsync(String group,
      String consumer, long count, boolean noAck, java.time.Duration timeout);

  /**
   * {@link #readGroupAsync} waited for by the calling thread: the entries, or an empty list
   * when {@code timeout} passed.
   *
   * @throws InterruptedException if interrupted while waiting (the wait is cancelled)
   */
  default List<Entry> readGroup(String group, String consumer, long count, boolean noAck,
      java.time.Duration timeout) throws InterruptedException {
    return await(readGroupAsync(group, consumer, count, noAck, timeout));
  }

  /**
   * At most {@code count} pending entries of {@code group} with IDs in {@code [start, end]}
   * (XPENDING key group start end count). O(N) with N the entries returned.
   *
   * @throws LimeException NOGROUP when the key or the group does not exist
   */
  List<Pending> pending(String group, String start, String end, long count);

  /**
   * Gives the pending entries {@code ids} idle for at least {@code minIdle} to
   * {@code consumer} (XCLAIM key group consumer min-idle id ...), counting a delivery;
   * pending entries whose stream entry was deleted are dropped from the PEL. O(log N) per ID.
   *
   * @return the claimed entries
   * @throws LimeException NOGROUP when the key or the group does not exist, or an invalid ID
   */
  default List<Entry> claim(String group, String consumer, java.time.Duration minIdle,
      String... ids) {
    return claim(group, consumer, minIdle, ClaimOptions.NONE, ids);
  }

  /**
   * As {@link #claim(String, String, java.time.Duration, String...)} with XCLAIM's options
   * (IDLE, TIME, RETRYCOUNT, FORCE, LASTID).
   *
   * @throws LimeException NOGROUP when the key or the group does not exist, or an invalid ID
   */
  List<Entry> claim(String group, String consumer, java.time.Duration minIdle,
      ClaimOptions options, String... ids);

  /**
   * XCLAIM ... JUSTID: claims as {@link #claim(String, String, java.time.Duration,
   * ClaimOptions, String...)} but returns only the IDs and, unless RETRYCOUNT is given, leaves
   * the delivery counters alone.
   *
   * @throws LimeException NOGROUP when the key or the group does not exist, or an invalid ID
   */
  List<String> claimIds(String group, String consumer, java.time.Duration minIdle,
      ClaimOptions options, String... ids);

  /**
   * Claims up to {@code count} pending entries from {@code start} idle for at least
   * {@code minIdle} (XAUTOCLAIM ... COUNT count). O(count).
   *
   * @throws IllegalArgumentException if {@code count} is not positive or above
   *     {@code Long.MAX_VALUE / 16} (XAUTOCLAIM's bound; the message is Redis's)
   * @throws LimeException NOGROUP when the key or the group does not exist
   */
  AutoClaimed autoClaim(String group, String consumer, java.time.Duration minIdle,
      String start, long count);

  /**
   * Acknowledges pending entries of {@code group} (XACK). O(1) per ID.
   *
   * @return how many were pending
   */
  long ack(String group, String... ids);

  /**
   * XINFO STREAM key. O(1).
   *
   * @throws LimeException {@code ERR no such key}
   * @throws WrongTypeException if the key holds another type
   */
  Info info();

  /**
   * XINFO GROUPS key: the groups in name order. O(N) with N the groups.
   *
   * @throws LimeException {@code ERR no such key}
   * @throws WrongTypeException if the key holds another type
   */
  List<GroupInfo> groups();

  /**
   * XINFO CONSUMERS key group: the group's consumers in name order. O(N) with N the consumers.
   *
   * @throws LimeException {@code ERR no such key}, or NOGROUP
   * @throws WrongTypeException if the key holds another type
   */
  List<ConsumerInfo> consumers(String group);
}
