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
 * <p><b>Semantics.</b> As Redis 7.0's XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XGROUP
 * CREATE, XREADGROUP (with {@code >}) and XACK, with their error texts ({@link LimeException}
 * carries them). Unlike other types, a stream whose entries are all deleted keeps its key.
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
   * The entries with IDs in {@code [start, end]}, at most {@code count} (0: all), in ID order
   * (XRANGE). O(N) with N the entries returned.
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
    java.util.concurrent.CompletableFuture<List<Entry>> f =
        readGroupAsync(group, consumer, count, noAck, timeout);
    try {
      return f.get();
    } catch (InterruptedException e) {
      if (!f.cancel(false)) {
        Thread.currentThread().interrupt();
        return f.join(); // served meanwhile: hand the entries over
      }
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
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
  List<Entry> claim(String group, String consumer, java.time.Duration minIdle, String... ids);

  /**
   * Claims up to {@code count} pending entries from {@code start} idle for at least
   * {@code minIdle} (XAUTOCLAIM ... COUNT count). O(count).
   *
   * @throws IllegalArgumentException if {@code count} is not positive
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
}
