package io.lime;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The list stored at one key of a {@link KeyValueStore} (Redis's list commands, same
 * semantics, without RESP): obtained from {@link KeyValueStore#list(String)}, it names the key
 * and holds no data, so it may be kept and reused; every call acts on the key's current value.
 *
 * <pre>{@code
 * ListView jobs = store.list("jobs");
 * jobs.rightPush("job-1", "job-2");                         // producer
 * String next = jobs.blockingLeftPopString(Duration.ZERO);  // consumer: waits for a job
 * }</pre>
 *
 * <p><b>Semantics.</b> As Redis 7.0: pushing to a missing key creates the list; removing the
 * last element removes the key. Indices are 0-based from the head; negative indices count
 * from the tail (-1 is the last element). "Left" is the head, "right" the tail. Every method
 * on a key holding another type throws {@link WrongTypeException} and changes nothing.
 *
 * <p><b>Blocking.</b> The {@code blocking*} methods wait, in the calling thread, until an
 * element is available or the timeout passes; {@link Duration#ZERO} waits indefinitely (as
 * Redis's timeout 0). Waiting consumers and blocked Redis clients (BLPOP, ...) on the same key
 * are served in the order they started waiting, by pushes from any thread or client. A
 * waiter interrupted by {@link Thread#interrupt()} stops waiting and takes nothing.
 *
 * <p><b>Bytes and strings.</b> Elements are bytes. The {@code String} forms encode as UTF-8
 * and decode returned bytes as UTF-8 (replacing invalid sequences); binary data should use
 * the {@code byte[]} forms. Returned arrays are fresh copies.
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use; each call is atomic with respect to every
 * other operation on the key ({@link #move} and {@link #blockingMove} over both keys).
 * Complexities are those of the Redis command named.
 *
 * <p><b>Nullness.</b> Arguments must not be null; a null argument throws
 * {@link NullPointerException}. Expired keys are absent.
 */
public interface ListView {

  /** An end of a list: LEFT is the head, RIGHT the tail. */
  enum End { LEFT, RIGHT }

  /** The key this view acts on (a copy). */
  byte[] key();

  /**
   * LPUSH: inserts the elements at the head, one after the other (so the last ends first).
   * No elements changes nothing. O(N).
   *
   * @return the length of the list after the push
   * @throws WrongTypeException if the key holds another type
   */
  long leftPush(byte[]... elements);

  /** UTF-8 form of {@link #leftPush(byte[]...)}. */
  default long leftPush(String... elements) { return leftPush(Utf8.bytes(elements)); }

  /**
   * RPUSH: appends the elements at the tail. O(N).
   *
   * @return the length of the list after the push
   * @throws WrongTypeException if the key holds another type
   */
  long rightPush(byte[]... elements);

  /** UTF-8 form of {@link #rightPush(byte[]...)}. */
  default long rightPush(String... elements) { return rightPush(Utf8.bytes(elements)); }

  /**
   * LPUSHX: as {@link #leftPush(byte[]...)} only when the list exists.
   *
   * @return the length after the push, 0 when the key is missing (nothing is created)
   * @throws WrongTypeException if the key holds another type
   */
  long leftPushIfExists(byte[]... elements);

  /** UTF-8 form of {@link #leftPushIfExists(byte[]...)}. */
  default long leftPushIfExists(String... elements) {
    return leftPushIfExists(Utf8.bytes(elements));
  }

  /** RPUSHX: as {@link #rightPush(byte[]...)} only when the list exists; 0 when missing. */
  long rightPushIfExists(byte[]... elements);

  /** UTF-8 form of {@link #rightPushIfExists(byte[]...)}. */
  default long rightPushIfExists(String... elements) {
    return rightPushIfExists(Utf8.bytes(elements));
  }

  /**
   * LPOP: removes and returns the head element. O(1).
   *
   * @return the element, or null when the key is missing
   * @throws WrongTypeException if the key holds another type
   */
  byte @Nullable [] leftPop();

  /** {@link #leftPop()} decoded as UTF-8. */
  default @Nullable String leftPopString() { return Utf8.string(leftPop()); }

  /**
   * LPOP with a count: removes and returns up to {@code count} elements from the head, in
   * order. O(N).
   *
   * @return the elements; empty when the key is missing or {@code count} is 0
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws WrongTypeException if the key holds another type
   */
  List<byte[]> leftPop(long count);

  /** RPOP: removes and returns the tail element, or null when the key is missing. O(1). */
  byte @Nullable [] rightPop();

  /** {@link #rightPop()} decoded as UTF-8. */
  default @Nullable String rightPopString() { return Utf8.string(rightPop()); }

  /**
   * RPOP with a count: up to {@code count} elements from the tail, last element first. O(N).
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws WrongTypeException if the key holds another type
   */
  List<byte[]> rightPop(long count);

  /**
   * LLEN: the number of elements, 0 when the key is missing. O(1).
   *
   * @throws WrongTypeException if the key holds another type
   */
  long size();

  /**
   * LRANGE: the elements from {@code start} to {@code stop}, both inclusive, clamped to the
   * list (negative indices from the tail). O(S+N).
   *
   * @return the elements; empty for a missing key or an empty range
   * @throws WrongTypeException if the key holds another type
   */
  List<byte[]> range(long start, long stop);

  /** {@link #range} decoded as UTF-8. */
  default List<String> rangeStrings(long start, long stop) {
    return Utf8.strings(range(start, stop));
  }

  /**
   * LINDEX: the element at {@code index}. O(N).
   *
   * @return the element, or null when the key is missing or the index out of range
   * @throws WrongTypeException if the key holds another type
   */
  byte @Nullable [] index(long index);

  /** {@link #index} decoded as UTF-8. */
  default @Nullable String indexString(long index) { return Utf8.string(index(index)); }

  /**
   * LSET: replaces the element at {@code index}. O(N).
   *
   * @throws LimeException {@code ERR no such key} when the key is missing, {@code ERR index
   *     out of range} when the index is
   * @throws WrongTypeException if the key holds another type
   */
  void set(long index, byte[] element);

  /** UTF-8 form of {@link #set(long, byte[])}. */
  default void set(long index, String element) { set(index, Utf8.bytes(element)); }

  /**
   * LINSERT: inserts {@code element} before ({@code after} false) or after the first element
   * equal to {@code pivot}. O(N).
   *
   * @return the length after the insert; -1 when the pivot was not found; 0 when the key is
   *     missing
   * @throws WrongTypeException if the key holds another type
   */
  long insert(boolean after, byte[] pivot, byte[] element);

  /** UTF-8 form of {@link #insert(boolean, byte[], byte[])}. */
  default long insert(boolean after, String pivot, String element) {
    return insert(after, Utf8.bytes(pivot), Utf8.bytes(element));
  }

  /**
   * LREM: removes elements equal to {@code element}: the first {@code count} from the head
   * when positive, the last {@code -count} from the tail when negative, all when 0. O(N+M).
   *
   * @return how many were removed
   * @throws WrongTypeException if the key holds another type
   */
  long remove(long count, byte[] element);

  /** UTF-8 form of {@link #remove(long, byte[])}. */
  default long remove(long count, String element) { return remove(count, Utf8.bytes(element)); }

  /**
   * LTRIM: keeps only the elements from {@code start} to {@code stop} (inclusive, as
   * {@link #range}); an empty range removes the key. O(N) in the removed elements.
   *
   * @throws WrongTypeException if the key holds another type
   */
  void trim(long start, long stop);

  /**
   * LPOS: the index of the first element equal to {@code element}. O(N).
   *
   * @return the index, or -1 when there is none (or the key is missing)
   * @throws WrongTypeException if the key holds another type
   */
  long position(byte[] element);

  /** UTF-8 form of {@link #position(byte[])}. */
  default long position(String element) { return position(Utf8.bytes(element)); }

  /**
   * LPOS with RANK, COUNT and MAXLEN: the indices of matches, starting at the
   * {@code rank}-th match (negative: counted from the tail, scanning towards the head), at
   * most {@code count} of them (0 = all), comparing at most {@code maxlen} elements (0 = all).
   *
   * @throws IllegalArgumentException if {@code rank} is 0, or {@code count} or {@code maxlen}
   *     is negative
   * @throws WrongTypeException if the key holds another type
   */
  List<Long> positions(byte[] element, long rank, long count, long maxlen);

  /**
   * LMOVE: atomically pops an element from one end of this list and pushes it to one end of
   * {@code destination} (which may be this key; created when missing). O(1).
   *
   * @return the moved element, or null when this key is missing (nothing changes)
   * @throws WrongTypeException if either key holds another type (nothing changes)
   */
  byte @Nullable [] move(byte[] destination, End from, End to);

  /** UTF-8 key and element form of {@link #move(byte[], End, End)}. */
  default @Nullable String move(String destination, End from, End to) {
    return Utf8.string(move(Utf8.bytes(destination), from, to));
  }

  /**
   * BLPOP on this key: removes and returns the head element, waiting up to {@code timeout}
   * (ZERO: indefinitely) for one to be pushed.
   *
   * @return the element, or null when the timeout passed
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the thread is interrupted while waiting (nothing taken)
   * @throws WrongTypeException if the key holds another type
   */
  byte @Nullable [] blockingLeftPop(Duration timeout) throws InterruptedException;

  /** {@link #blockingLeftPop} decoded as UTF-8. */
  default @Nullable String blockingLeftPopString(Duration timeout) throws InterruptedException {
    return Utf8.string(blockingLeftPop(timeout));
  }

  /** BRPOP on this key: as {@link #blockingLeftPop} from the tail. */
  byte @Nullable [] blockingRightPop(Duration timeout) throws InterruptedException;

  /** {@link #blockingRightPop} decoded as UTF-8. */
  default @Nullable String blockingRightPopString(Duration timeout) throws InterruptedException {
    return Utf8.string(blockingRightPop(timeout));
  }

  /**
   * BLMOVE: as {@link #move}, waiting up to {@code timeout} (ZERO: indefinitely) for this
   * list to have an element.
   *
   * @return the moved element, or null when the timeout passed
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if interrupted while waiting (nothing moved)
   * @throws WrongTypeException if either key holds another type when the move happens
   */
  byte @Nullable [] blockingMove(byte[] destination, End from, End to, Duration timeout)
      throws InterruptedException;
}
