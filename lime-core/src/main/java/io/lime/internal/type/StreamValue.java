package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A stream value (Redis 7.0's {@code stream} struct, t_stream.c's low-level half): its entry
 * nodes ordered by master ID (Redis's radix tree of listpacks, here a {@link TreeMap} of
 * {@link StreamNode}s), the length, the last generated ID, the first live ID, the largest
 * ID removed by XDEL, the count of entries ever added, and its consumer groups.
 *
 * <p>Entries are byte arrays owned by the stream: the caller hands over copies, readers get
 * the stored arrays and must not modify them. Not thread-safe: guarded by the key's shard
 * lock.
 */
public final class StreamValue implements io.lime.internal.engine.MemorySized {
  /** Redis's STREAM_LISTPACK_MAX_SIZE. */
  static final long LISTPACK_MAX_BYTES = 1L << 30;

  final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
  long length;
  StreamId lastId = StreamId.MIN;
  StreamId firstId = StreamId.MIN;
  StreamId maxDeletedId = StreamId.MIN;
  long entriesAdded;
  /** Consumer groups by name, in byte order (Redis's cgroups rax); null until the first. */
  @Nullable TreeMap<byte[], StreamGroup> groups;

  /** Receives entries; returns false to stop. */
  public interface EntryVisitor {
    boolean visit(StreamId id, byte[][] fieldsValues);
  }

  /** Number of live entries (XLEN). */ public long length() { return length; }
  /** The last generated ID. */ public StreamId lastId() { return lastId; }
  /** The largest ID XDEL removed (0-0 when none). */ public StreamId maxDeletedId() { return maxDeletedId; }
  /** The first entry's ID as recorded (XINFO's recorded-first-entry-id; 0-0 when empty). */ public StreamId recordedFirstId() { return firstId; }
  /** Entries ever added. */ public long entriesAdded() { return entriesAdded; }
  /** Number of nodes (XINFO's radix-tree-keys). */ public int nodeCount() { return nodes.size(); }

  /**
   * Redis's free effort of a stream: the radix tree's nodes, plus the groups times one plus
   * the first group's PEL. The tree's node count is computed only while it can decide the
   * threshold (a tree has at least as many nodes as keys), so this stays O(threshold).
   */
  @Override
  public long freeEffort() {
    long effort = nodes.size() > io.lime.internal.engine.LazyFree.THRESHOLD ? nodes.size()
        : raxNodes();
    if (groups != null && !groups.isEmpty()) {
      effort += (long) groups.size() * (1 + groups.firstEntry().getValue().pel().size());
    }
    return effort;
  }

  /** Drops the nodes and groups (lazy free of an unreachable stream). */
  @Override
  public void release() {
    nodes.clear();
    if (groups != null) {
      groups.clear();
    }
  }

  /** Nodes measured at each end of the stream by {@link #memoryBytes()}. */ private static final int SAMPLED_NODES = 4;

  /**
   * Estimated heap bytes (memory accounting, MEMORY USAGE, maxmemory): the node map, the
   * nodes (the first and last {@value #SAMPLED_NODES} measured, the others taken to be like
   * them, as Redis's MEMORY USAGE samples), and the consumer groups with their pending entries
   * and consumers. O(groups + consumers).
   */
  @Override
  public long memoryBytes() {
    int n = nodes.size();
    long sampled = 0;
    int k = 0;
    for (StreamNode node : nodes.values()) {
      if (k == SAMPLED_NODES) {
        break;
      }
      sampled += node.memoryBytes();
      k++;
    }
    int tail = 0;
    for (StreamNode node : nodes.descendingMap().values()) {
      if (tail == SAMPLED_NODES || k + tail >= n) {
        break;
      }
      sampled += node.memoryBytes();
      tail++;
    }
    int measured = k + tail;
    long nodeBytes = measured == 0 ? 0 : measured >= n ? sampled : sampled * n / measured;
    long bytes = MemoryLayout.object(4 + 8 + 3 * 8 + 3 * 8) + TREE_MAP_BYTES
        + n * (TREE_ENTRY_BYTES + ID_BYTES) + nodeBytes;
    if (groups != null) {
      bytes += TREE_MAP_BYTES;
      for (StreamGroup g : groups.values()) {
        bytes += TREE_ENTRY_BYTES + MemoryLayout.object(4 * 4 + 8 + 8)
            + MemoryLayout.byteArray(g.name.length) + 2 * TREE_MAP_BYTES
            + g.pel.size() * (TREE_ENTRY_BYTES + ID_BYTES + MemoryLayout.object(4 + 8 + 8));
        for (StreamGroup.Consumer c : g.consumers.values()) {
          bytes += TREE_ENTRY_BYTES + MemoryLayout.object(4 + 8 + 4 + 1)
              + MemoryLayout.byteArray(c.name.length) + TREE_MAP_BYTES
              + c.pel.size() * TREE_ENTRY_BYTES;
        }
      }
    }
    return bytes;
  }

  private static final long TREE_MAP_BYTES = MemoryLayout.object(4 * 4 + 4 * 3);
  private static final long TREE_ENTRY_BYTES = MemoryLayout.object(5 * 4 + 1);
  private static final long ID_BYTES = MemoryLayout.object(8 + 8);

  /** The consumer groups by name (an empty map when none). */
  public NavigableMap<byte[], StreamGroup> groups() {
    return groups != null ? groups : new TreeMap<>(Arrays::compareUnsigned);
  }

  /** The group {@code name}, or null. */
  public @Nullable StreamGroup group(byte[] name) {
    return groups == null ? null : groups.get(name);
  }

  TreeMap<byte[], StreamGroup> groupsForWrite() {
    if (groups == null) {
      groups = new TreeMap<>(Arrays::compareUnsigned);
    }
    return groups;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Appends an entry with ID {@code id} (above {@link #lastId}), opening a new node when the
   * tail one is full for {@code maxBytes} / {@code maxEntries} as Redis 7.0's
   * streamAppendItem decides. {@code fieldsValues} is owned by the stream afterwards.
   */
  void append(StreamId id, byte[][] fieldsValues, long maxBytes, long maxEntries) {
    Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
    StreamNode node = tail == null ? null : tail.getValue();
    if (node != null) {
      long limit = maxBytes == 0 || maxBytes > LISTPACK_MAX_BYTES ? LISTPACK_MAX_BYTES : maxBytes;
      long elementBytes = 0;
      for (byte[] b : fieldsValues) {
        elementBytes += b.length;
      }
      if (node.listpackBytes() + elementBytes >= limit) {
        node = null;
      } else if (maxEntries != 0 && node.live + node.deleted >= maxEntries) {
        node = null;
      }
    }
    if (node == null) {
      byte[][] fields = new byte[fieldsValues.length / 2][];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fieldsValues[2 * i];
      }
      node = new StreamNode(id, fields);
      nodes.put(id, node);
    }
    node.append(id, fieldsValues);
    if (length == 0) {
      firstId = id;
    }
    length++;
    entriesAdded++;
    lastId = id;
  }

  /**
   * Removes entry {@code id} if it is live (Redis's streamDeleteItem): flags it deleted, or
   * drops its node when it was the node's last live entry. Does not touch
   * {@link #maxDeletedId} nor {@link #firstId} (XDEL does).
   */
  boolean delete(StreamId id) {
    Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
    if (e == null) {
      return false;
    }
    StreamNode n = e.getValue();
    int i = n.indexOf(id);
    if (i < 0 || n.isDeleted(i)) {
      return false;
    }
    if (n.live == 1) {
      nodes.remove(e.getKey());
    } else {
      n.markDeleted(i);
    }
    length--;
    return true;
  }

  /** Whether a live entry has ID {@code id}. */
  boolean contains(StreamId id) {
    Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
    if (e == null) {
      return false;
    }
    int i = e.getValue().indexOf(id);
    return i >= 0 && !e.getValue().isDeleted(i);
  }

  /** The fields and values of live entry {@code id}, or null. */
  byte @Nullable [][] get(StreamId id) {
    Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
    if (e == null) {
      return null;
    }
    StreamNode n = e.getValue();
    int i = n.indexOf(id);
    return i >= 0 && !n.isDeleted(i) ? n.pairs[i] : null;
  }

  /**
   * Trims by MAXLEN ({@code minId} null) or MINID as Redis 7.0's streamTrim: whole nodes from
   * the head while they can go; then, unless {@code approx}, entries of the first remaining
   * node flagged deleted; at most {@code limit} entries when not 0. Returns how many went.
   */
  long trim(long maxLen, @Nullable StreamId minId, boolean approx, long limit) {
    long deletedCount = 0;
    Iterator<Map.Entry<StreamId, StreamNode>> it = nodes.entrySet().iterator();
    while (it.hasNext()) {
      if (minId == null && length <= maxLen) {
        break;
      }
      StreamNode n = it.next().getValue();
      long entries = n.live;
      if (limit != 0 && deletedCount + entries > limit) {
        break;
      }
      boolean removeNode = minId == null
          ? length - entries >= maxLen
          : n.compare(n.size - 1, minId) < 0;
      if (removeNode) {
        it.remove();
        length -= entries;
        deletedCount += entries;
        continue;
      }
      if (approx) {
        break;
      }
      for (int i = 0; i < n.size; i++) {
        boolean stop = minId == null ? length <= maxLen : n.compare(i, minId) >= 0;
        if (stop) {
          break;
        }
        if (!n.isDeleted(i)) {
          n.markDeleted(i);
          length--;
          deletedCount++;
        }
      }
      break;
    }
    firstId = length == 0 ? StreamId.MIN : edgeId(true, true);
    return deletedCount;
  }

  // ------------------------------------------------------------------ reads

  /**
   * The first or last entry's ID (Redis's streamGetEdgeID): live entries only with
   * {@code skipTombstones}, else deleted ones too; {@link StreamId#MAX} (first) or
   * {@link StreamId#MIN} (last) when there is none.
   */
  StreamId edgeId(boolean first, boolean skipTombstones) {
    Iterator<StreamNode> it = first ? nodes.values().iterator()
        : nodes.descendingMap().values().iterator();
    while (it.hasNext()) {
      StreamNode n = it.next();
      if (first) {
        for (int i = 0; i < n.size; i++) {
          if (!skipTombstones || !n.isDeleted(i)) {
            return n.id(i);
          }
        }
      } else {
        for (int i = n.size - 1; i >= 0; i--) {
          if (!skipTombstones || !n.isDeleted(i)) {
            return n.id(i);
          }
        }
      }
    }
    return first ? StreamId.MAX : StreamId.MIN;
  }

  /** The first live entry's ID, or null when empty. */
  public @Nullable StreamId firstEntryId() {
    return length == 0 ? null : edgeId(true, true);
  }

  /** The last live entry's ID, or null when empty. */
  public @Nullable StreamId lastEntryId() {
    return length == 0 ? null : edgeId(false, true);
  }

  /**
   * Visits the live entries with IDs in {@code [start, end]}, ascending, or descending with
   * {@code reverse}, until the visitor returns false.
   */
  public void forEach(StreamId start, StreamId end, boolean reverse, EntryVisitor v) {
    if (start.compareTo(end) > 0) {
      return;
    }
    if (!reverse) {
      StreamId from = nodes.floorKey(start);
      for (StreamNode n : (from == null ? nodes : nodes.tailMap(from, true)).values()) {
        for (int i = n.ceiling(start); i < n.size; i++) {
          if (n.compare(i, end) > 0) {
            return;
          }
          if (!n.isDeleted(i) && !v.visit(n.id(i), n.pairs[i])) {
            return;
          }
        }
      }
    } else {
      StreamId above = end.next();
      for (StreamNode n : nodes.headMap(end, true).descendingMap().values()) {
        for (int i = (above == null ? n.size : n.ceiling(above)) - 1; i >= 0; i--) {
          if (n.compare(i, start) < 0) {
            return;
          }
          if (!n.isDeleted(i) && !v.visit(n.id(i), n.pairs[i])) {
            return;
          }
        }
      }
    }
  }

  /** A deep copy (COPY): nodes, counters and groups. */
  StreamValue duplicate() {
    StreamValue s = new StreamValue();
    for (Map.Entry<StreamId, StreamNode> e : nodes.entrySet()) {
      s.nodes.put(e.getKey(), e.getValue().duplicate());
    }
    s.length = length;
    s.lastId = lastId;
    s.firstId = firstId;
    s.maxDeletedId = maxDeletedId;
    s.entriesAdded = entriesAdded;
    if (groups != null) {
      for (StreamGroup g : groups.values()) {
        s.groupsForWrite().put(g.name, g.duplicate());
      }
    }
    return s;
  }

  // ------------------------------------------------------------------ consumer-group counters

  /** Redis's SCG_INVALID_ENTRIES_READ. */
  public static final long INVALID_ENTRIES_READ = -1;

  /**
   * Whether XDEL left a tombstone in {@code [start, end]} (end null: to the last possible ID)
   * (Redis's streamRangeHasTombstones).
   */
  boolean rangeHasTombstones(StreamId start, @Nullable StreamId end) {
    if (length == 0 || maxDeletedId.isZero()) {
      return false;
    }
    if (firstId.compareTo(maxDeletedId) > 0) {
      return false;
    }
    StreamId e = end == null ? StreamId.MAX : end;
    return start.compareTo(maxDeletedId) <= 0 && maxDeletedId.compareTo(e) <= 0;
  }

  /**
   * The logical position of {@code id} in the stream's history, or
   * {@link #INVALID_ENTRIES_READ} when it cannot be known (Redis's
   * streamEstimateDistanceFromFirstEverEntry).
   */
  long estimateDistanceFromFirstEverEntry(StreamId id) {
    if (entriesAdded == 0) {
      return 0;
    }
    if (length == 0 && id.compareTo(lastId) < 1) {
      return entriesAdded;
    }
    int cmpLast = id.compareTo(lastId);
    if (cmpLast == 0) {
      return entriesAdded;
    } else if (cmpLast > 0) {
      return INVALID_ENTRIES_READ;
    }
    int cmpIdFirst = id.compareTo(firstId);
    int cmpXdelFirst = maxDeletedId.compareTo(firstId);
    if (maxDeletedId.isZero() || cmpXdelFirst < 0) {
      if (cmpIdFirst < 0) {
        return entriesAdded - length;
      } else if (cmpIdFirst == 0) {
        return entriesAdded - length + 1;
      }
    }
    return INVALID_ENTRIES_READ;
  }

  /** The lag of group {@code g}, or null when unknown (Redis's streamReplyWithCGLag). */
  public @Nullable Long lag(StreamGroup g) {
    if (entriesAdded == 0) {
      return 0L;
    }
    if (g.entriesRead != INVALID_ENTRIES_READ && !rangeHasTombstones(g.lastId, null)) {
      return entriesAdded - g.entriesRead;
    }
    long read = estimateDistanceFromFirstEverEntry(g.lastId);
    return read != INVALID_ENTRIES_READ ? entriesAdded - read : null;
  }

  /**
   * The number of nodes of Redis's radix tree holding this stream's node keys (XINFO's
   * {@code radix-tree-nodes}): the keys are the 16-byte big-endian master IDs; a rax has its
   * root, plus a node for every trie position that ends a key, follows a branching, or
   * branches itself (single-child runs are compressed into one node). Linear in the number
   * of nodes: over the sorted keys, the trie nodes at depth {@code d} are the runs of keys
   * whose common prefix with the previous key ({@code lcp}) is at least {@code d}, and such a
   * node branches when its run holds a key whose {@code lcp} is exactly {@code d}.
   */
  public long raxNodes() {
    int n = nodes.size();
    byte[][] keys = new byte[n][];
    int i = 0;
    for (StreamId id : nodes.keySet()) {
      byte[] k = new byte[16];
      for (int b = 0; b < 8; b++) {
        k[b] = (byte) (id.ms() >>> (56 - 8 * b));
        k[8 + b] = (byte) (id.seq() >>> (56 - 8 * b));
      }
      keys[i++] = k;
    }
    int[] lcp = new int[n]; // lcp[0] unused
    for (int j = 1; j < n; j++) {
      int m = Arrays.mismatch(keys[j - 1], keys[j]);
      lcp[j] = m < 0 ? 16 : m;
    }
    long count = 1;
    boolean[] parentBranches = new boolean[n];
    boolean rootBranches = false;
    for (int j = 1; j < n; j++) {
      rootBranches |= lcp[j] == 0;
    }
    Arrays.fill(parentBranches, rootBranches);
    boolean[] branches = new boolean[n];
    for (int d = 1; d <= 16; d++) {
      int start = 0;
      while (start < n) {
        int end = start + 1;
        boolean b = false;
        while (end < n && lcp[end] >= d) {
          b |= lcp[end] == d;
          end++;
        }
        if (d == 16 || b || parentBranches[start]) {
          count++;
        }
        Arrays.fill(branches, start, end, b);
        start = end;
      }
      boolean[] t = parentBranches;
      parentBranches = branches;
      branches = t;
    }
    return count;
  }
}
