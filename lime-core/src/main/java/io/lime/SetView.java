package io.lime;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The set stored at one key, as typed Java calls with the behaviour of Redis 7.0's set
 * commands (SADD, SREM, SISMEMBER, SPOP, SINTER, ...), with no protocol in between. Obtained
 * from {@link KeyValueStore#set(String)} or {@link KeyValueStore#set(byte[])}; a view is a
 * key name, not a snapshot: each call reads the key's current value.
 *
 * <p><b>Semantics.</b> A missing key reads as an empty set. A set never stays empty: removing
 * its last member deletes the key, and adding to a missing key creates it. Small sets of
 * integers use Redis's compact {@code intset} encoding (members in ascending numeric order),
 * other sets a hash table (members in no particular order); see OBJECT ENCODING.
 *
 * <p><b>Members and keys</b> are byte arrays; the {@code String} overloads encode and decode
 * UTF-8. Arrays passed in are copied; arrays returned are fresh copies owned by the caller.
 * Varargs overloads of both kinds make a call with no arguments ambiguous: pass an empty
 * array of the wanted kind.
 *
 * <p><b>Multi-key operations</b> ({@link #intersect}, {@link #union}, {@link #difference},
 * {@link #intersectSize}) combine this key (first) with the other keys given, as SINTER key
 * other... does; the {@code store*} methods write their result into this key, as SINTERSTORE
 * with this key as destination, replacing any value of any type (and its expiry) or deleting
 * the key when the result is empty.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; each call is atomic, multi-key calls
 * over all their keys.
 *
 * <p><b>Nullness:</b> no parameter may be null ({@link NullPointerException}).
 *
 * <p><b>Errors:</b> {@link WrongTypeException} when this key or another key read holds a
 * value of another type (nothing is changed); {@link IllegalArgumentException} for counts
 * Redis would reject.
 *
 * <p><b>Complexity:</b> O(1) per member for single-member calls on a hash table, O(log N) to
 * look up and O(N) to change an intset (N at most {@code set-max-intset-entries}, 512 by
 * default); whole-set calls O(N); multi-key calls as the Redis commands.
 */
public interface SetView {

  /** The key of this view (a copy). */ byte[] key();
  /** SADD: adds the members; returns how many were not already present. */ long add(byte[]... members);
  /** SADD with UTF-8 members. */ default long add(String... members) { return add(Utf8.bytes(members)); }
  /** SREM: removes the members; returns how many were present. */ long remove(byte[]... members);
  /** SREM with UTF-8 members. */ default long remove(String... members) { return remove(Utf8.bytes(members)); }
  /** SISMEMBER: whether {@code member} is in the set (false when the key is missing). */ boolean contains(byte[] member);
  /** SISMEMBER with a UTF-8 member. */ default boolean contains(String member) { return contains(Utf8.bytes(member)); }
  /** SMISMEMBER: for each member, whether it is in the set. */ boolean[] containsEach(byte[]... members);
  /** SCARD: the number of members, 0 when the key is missing. */ long size();
  /** SMEMBERS: every member (ascending for an intset, otherwise in table order). */ List<byte[]> members();
  /** SMEMBERS decoded as UTF-8, in the same order (invalid sequences replaced). */ default Set<String> memberStrings() { return Utf8.stringSet(members()); }
  /** SPOP: removes and returns a random member, or null when the key is missing. */ byte @Nullable [] pop();
  /** {@link #pop()} decoded as UTF-8. */ default @Nullable String popString() { return Utf8.string(pop()); }

  /**
   * SPOP with a count: removes and returns up to {@code count} distinct random members (all
   * of them, deleting the key, when {@code count} reaches the size).
   *
   * @throws IllegalArgumentException if {@code count < 0}
   */
  List<byte[]> pop(long count);

  /** SRANDMEMBER: a random member without removing it, or null when the key is missing. */ byte @Nullable [] randomMember();
  /** {@link #randomMember()} decoded as UTF-8. */ default @Nullable String randomMemberString() { return Utf8.string(randomMember()); }

  /**
   * SRANDMEMBER with a count: {@code count > 0} returns up to {@code count} distinct members
   * (the whole set when {@code count} reaches the size); {@code count < 0} returns exactly
   * {@code -count} members chosen independently, so repeats are possible. Empty when the
   * key is missing or {@code count == 0}.
   *
   * @throws IllegalArgumentException if {@code count == Long.MIN_VALUE} or {@code -count}
   *     exceeds the largest list size ({@link Integer#MAX_VALUE} - 8)
   */
  List<byte[]> randomMembers(long count);

  /**
   * SMOVE: moves {@code member} from this set to the set at {@code destination} (created
   * when missing). Returns false when this key is missing or {@code member} is not in it.
   *
   * @throws WrongTypeException if this key (when present) or the destination holds another
   *     type
   */
  boolean move(byte[] member, byte[] destination);

  /** SMOVE with UTF-8 member and destination key. */ default boolean move(String member, String destination) { return move(Utf8.bytes(member), Utf8.bytes(destination)); }
  /** SINTER this otherKeys...: the members present in this set and every other one. */ List<byte[]> intersect(byte[]... otherKeys);
  /** SINTER with UTF-8 keys and members. */ default Set<String> intersect(String... otherKeys) { return Utf8.stringSet(intersect(Utf8.bytes(otherKeys))); }

  /**
   * SINTERCARD: the size of {@link #intersect}, counting no further than {@code limit}
   * (0 = no limit).
   *
   * @throws IllegalArgumentException if {@code limit < 0}
   */
  long intersectSize(long limit, byte[]... otherKeys);

  /** SUNION this otherKeys...: the members present in any of the sets. */ List<byte[]> union(byte[]... otherKeys);
  /** SUNION with UTF-8 keys and members. */ default Set<String> union(String... otherKeys) { return Utf8.stringSet(union(Utf8.bytes(otherKeys))); }
  /** SDIFF this otherKeys...: the members of this set present in none of the others. */ List<byte[]> difference(byte[]... otherKeys);
  /** SDIFF with UTF-8 keys and members. */ default Set<String> difference(String... otherKeys) { return Utf8.stringSet(difference(Utf8.bytes(otherKeys))); }
  /** SINTERSTORE into this key; returns the size stored (0: key deleted). */ long storeIntersection(byte[]... sourceKeys);
  /** SINTERSTORE with UTF-8 source keys. */ default long storeIntersection(String... sourceKeys) { return storeIntersection(Utf8.bytes(sourceKeys)); }
  /** SUNIONSTORE into this key; returns the size stored (0: key deleted). */ long storeUnion(byte[]... sourceKeys);
  /** SUNIONSTORE with UTF-8 source keys. */ default long storeUnion(String... sourceKeys) { return storeUnion(Utf8.bytes(sourceKeys)); }
  /** SDIFFSTORE into this key; returns the size stored (0: key deleted). */ long storeDifference(byte[]... sourceKeys);
  /** SDIFFSTORE with UTF-8 source keys. */ default long storeDifference(String... sourceKeys) { return storeDifference(Utf8.bytes(sourceKeys)); }

  /**
   * SSCAN: one step of an iteration over the members, with SCAN's guarantees (see
   * {@link ScanResult}; its {@code keys()} are the members). An intset is returned whole,
   * with cursor 0.
   *
   * @param match a glob pattern members must match, or null for all
   * @param count how much work to do per step (Redis's COUNT, default 10)
   * @throws IllegalArgumentException if {@code count < 1}
   */
  ScanResult scan(long cursor, @Nullable String match, long count);
}
