package io.lime.internal.type;

import static io.lime.internal.type.SkiplistNodes.NODE_BYTES;
import static io.lime.internal.type.SkiplistNodes.fwd;
import static io.lime.internal.type.SkiplistNodes.newNode;
import static io.lime.internal.type.SkiplistNodes.span;
import static io.lime.internal.type.SkiplistNodes.towerBytes;
import static io.lime.internal.type.SkiplistNodes.unlinkAll;

import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.MemoryLayout;
import io.lime.internal.type.SkiplistNodes.Node;
import io.lime.internal.type.SkiplistNodes.Node2;
import io.lime.internal.type.SkiplistNodes.Node3;
import io.lime.internal.type.SkiplistNodes.NodeN;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code skiplist} encoding of sorted sets (Redis's zskiplist + dict in src/t_zset.c):
 * a skiplist ordered by (score, member) whose links carry spans, so rank lookups and rank
 * ranges cost O(log N), plus a chained hash table from member to node for O(1) ZSCORE.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Skiplist: as zslInsert / zslDeleteNode / zslUpdateScore / zslGetRank /
 *       zslGetElementByRank, with Redis's level distribution (p = 1/4, at most 32 levels).
 *       A node's class carries its levels: the links and spans of levels 0 to 2 are fields
 *       of the node, those of levels 3 and up (one node in 64) in two arrays (see
 *       {@link Node}); descents run one loop per layout.
 *   <li>Hash table: a {@link ChainedTable} whose chain entries are the skiplist nodes
 *       themselves (the member as key, a cached hash, a chain link), so a member costs one
 *       node object plus its bytes. Power-of-two table, grown at load 1 and shrunk below 10%
 *       fill (Redis's htNeedsResize), walked for ZSCAN with Redis's reverse-binary cursor so
 *       a scan survives resizes between calls.
 * </ul>
 */
final class SortedSetSkiplist extends SortedSetEncoding {
  private static final int MAX_LEVEL = 32;

  private final NodeN header = new NodeN(MAX_LEVEL, new byte[0], 0, 0);
  /** Sum of {@link SkiplistNodes#towerBytes} over the nodes (memory accounting). */
  private long towers;
  private @Nullable Node tail;
  private int length;
  private int level = 1;
  private final ChainedTable<Node> table = new ChainedTable<>(0);
  /** Scratch update and rank vectors of {@link #link} and {@link #path} (shard lock held). */
  private final Node[] update = new Node[MAX_LEVEL];
  private final int[] rank = new int[MAX_LEVEL];

  SortedSetSkiplist() {}

  /** A skiplist holding every member of {@code src}. */
  static SortedSetSkiplist of(SortedSetEncoding src) {
    SortedSetSkiplist z = new SortedSetSkiplist();
    z.table.presize(src.size());
    src.walk(0, false, (b, off, len, score) -> {
      z.insert(Arrays.copyOfRange(b, off, off + len), score);
      return true;
    });
    return z;
  }

  @Override public int size() { return length; }

  /** Unlinks every node (lazy free of an unreachable sorted set). */
  void release() {
    table.release();
    for (Node x = header.next0; x != null; ) {
      Node next = x.next0;
      unlinkAll(x);
      x = next;
    }
    unlinkAll(header);
    tail = null;
    length = 0;
    level = 1;
    towers = 0;
  }

  /**
   * The holder with its scratch vectors, the header node, the table, and per member a node
   * (40 bytes, 8 or 16 more for the one in four or sixteen of more levels, arrays for one in
   * 64: {@link #towers}) and the member bytes.
   */
  @Override
  long memoryBytes() {
    return HOLDER_BYTES + HEADER_BYTES + towers + table.memoryBytes(NODE_BYTES);
  }

  private static final long HOLDER_BYTES = MemoryLayout.object(7 * 4 + 8)
      + MemoryLayout.refArray(MAX_LEVEL) + MemoryLayout.byteArray(4L * MAX_LEVEL);
  private static final long HEADER_BYTES = NODE_BYTES + towerBytes(MAX_LEVEL)
      + MemoryLayout.byteArray(0);

  @Override
  public double score(byte[] b, int off, int len) {
    Node n = lookup(b, off, len);
    return n == null ? Double.NaN : n.score;
  }

  @Override
  public int rank(byte[] b, int off, int len) {
    Node n = lookup(b, off, len);
    if (n == null) {
      return -1;
    }
    Node x = header;
    int rank = 0;
    for (int i = level - 1; i >= 0; i--) {
      Node f;
      while ((f = fwd(x, i)) != null
          && (f.score < n.score || (f.score == n.score && compare(f.key, n.key) <= 0))) {
        rank += span(x, i);
        x = f;
      }
      if (x == n) {
        return rank - 1;
      }
    }
    throw new IllegalStateException("member in dict but not in skiplist");
  }

  @Override
  void insert(byte[] member, double score) {
    int lvl = randomLevel();
    Node n = newNode(lvl, member, Hashing.hash(member), score);
    towers += towerBytes(lvl);
    link(n);
    table.insert(n);
  }

  /**
   * zslInsert's skiplist part: links {@code n} (its level is the length of its arrays) at
   * its (score, member) place. The update and rank vectors are this skiplist's scratch
   * arrays: only the holder of the shard lock runs here, and nothing here re-enters.
   */
  private void link(Node n) {
    Node[] update = this.update;
    int[] rank = this.rank;
    descend(n.score, n.key);
    int lvl = n.level();
    if (lvl > level) {
      for (int i = level; i < lvl; i++) {
        rank[i] = 0;
        update[i] = header;
        span(header, i, length);
      }
      level = lvl;
    }
    for (int i = 0; i < lvl; i++) {
      fwd(n, i, fwd(update[i], i));
      fwd(update[i], i, n);
      span(n, i, span(update[i], i) - (rank[0] - rank[i]));
      span(update[i], i, (rank[0] - rank[i]) + 1);
    }
    for (int i = lvl; i < level; i++) {
      span(update[i], i, span(update[i], i) + 1);
    }
    n.backward = update[0] == header ? null : update[0];
    if (n.next0 != null) {
      n.next0.backward = n;
    } else {
      tail = n;
    }
    length++;
    Arrays.fill(update, 0, level, null); // no stale references kept alive by the scratch
  }

  @Override
  void updateScore(byte[] b, int off, int len, double current, double score) {
    Node n = lookup(b, off, len);
    if (n != null) {
      updateScore(n, score);
    }
  }

  /** The node of a member, or null: for a score lookup then {@link #updateScore(Node, double)}. */
  @Nullable Node node(byte[] b, int off, int len) {
    return lookup(b, off, len);
  }

  /** Changes the score of a member's node (from {@link #node}). */
  void updateScore(Node n, double score) {
    // zslUpdateScore: stays in place when the new score keeps the order
    if ((n.backward == null || n.backward.score < score)
        && (n.next0 == null || n.next0.score > score)) {
      n.score = score;
      return;
    }
    // As Redis 7.2's zslUpdateScore: the node is unlinked and linked again at its new
    // place, keeping its level, its member and its place in the member table (7.0 frees it
    // and inserts a new node, which costs a table removal, a hash and an insertion more).
    deleteNode(n, path(n.score, n.key));
    n.score = score;
    link(n);
  }

  @Override
  boolean delete(byte[] b, int off, int len) {
    Node n = lookup(b, off, len);
    if (n == null) {
      return false;
    }
    deleteNode(n, path(n.score, n.key));
    Arrays.fill(update, 0, MAX_LEVEL, null);
    towers -= towerBytes(n.level());
    table.remove(n);
    table.shrinkIfSparse();
    return true;
  }

  @Override
  void deleteRange(int start, int end) {
    Node[] update = new Node[MAX_LEVEL];
    Node x = header;
    int traversed = 0;
    for (int i = level - 1; i >= 0; i--) {
      while (fwd(x, i) != null && traversed + span(x, i) < start + 1) {
        traversed += span(x, i);
        x = fwd(x, i);
      }
      update[i] = x;
    }
    traversed++;
    x = x.next0;
    while (x != null && traversed <= end + 1) {
      Node next = x.next0;
      deleteNode(x, update);
      towers -= towerBytes(x.level());
      table.remove(x);
      traversed++;
      x = next;
    }
    table.shrinkIfSparse();
  }

  @Override
  public void walk(int rank, boolean reverse, Visitor v) {
    Node x = byRank(rank);
    while (x != null && v.visit(x.key, 0, x.key.length, x.score)) {
      x = reverse ? x.backward : x.next0;
    }
  }

  @Override
  public int firstInRange(SortedSetRange r) {
    return inRange(r, false);
  }

  @Override
  public int lastInRange(SortedSetRange r) {
    return inRange(r, true);
  }

  /**
   * zslNthInRange's descent: the rank of the first ({@code last}: the last) member in
   * {@code r}, or -1. Walks to the last node before the range (the last node in it).
   */
  private int inRange(SortedSetRange r, boolean last) {
    if (!isInRange(r)) {
      return -1;
    }
    Node x = header;
    int rank = 0;
    for (int i = level - 1; i >= 0; i--) {
      Node f;
      while ((f = fwd(x, i)) != null && (last ? r.lteMax(f.key, 0, f.key.length, f.score)
          : !r.gteMin(f.key, 0, f.key.length, f.score))) {
        rank += span(x, i);
        x = f;
      }
    }
    if (last) {
      return x != header && r.gteMin(x.key, 0, x.key.length, x.score) ? rank - 1 : -1;
    }
    x = x.next0;
    return x != null && r.lteMax(x.key, 0, x.key.length, x.score) ? rank : -1;
  }

  private boolean isInRange(SortedSetRange r) {
    if (length == 0 || r.alwaysEmpty()) {
      return false;
    }
    Node last = tail;
    if (last == null || !r.gteMin(last.key, 0, last.key.length, last.score)) {
      return false;
    }
    Node first = header.next0;
    return first != null && r.lteMax(first.key, 0, first.key.length, first.score);
  }

  @Override
  SortedSetEncoding copy() {
    SortedSetSkiplist z = new SortedSetSkiplist();
    z.table.presize(length);
    for (Node x = tail; x != null; x = x.backward) {
      z.insert(x.key.clone(), x.score);
    }
    return z;
  }

  /** The member and score at a rank: for random picks. */
  @Nullable Node nodeAt(int rank) {
    return byRank(rank);
  }

  // ------------------------------------------------------------------ skiplist internals

  private @Nullable Node byRank(int rank) {
    if (rank < 0 || rank >= length) {
      return null;
    }
    int target = rank + 1;
    Node x = header;
    int traversed = 0;
    for (int i = level - 1; i >= 0; i--) {
      while (fwd(x, i) != null && traversed + span(x, i) <= target) {
        traversed += span(x, i);
        x = fwd(x, i);
      }
      if (traversed == target) {
        return x;
      }
    }
    return null;
  }

  /**
   * The update vector of zslDelete for the node (score, ele), in the scratch array, which
   * the caller overwrites or clears.
   */
  private Node[] path(double score, byte[] ele) {
    descend(score, ele);
    return update;
  }

  /**
   * The descent of zslInsert and zslDelete: for each level below {@link #level}, the last
   * node before (score, member) in {@link #update} and its rank in {@link #rank}. One loop
   * per node layout, so a step reads its link and span as fields of the node it stands on
   * (no per-step switch on the level).
   */
  private void descend(double score, byte[] member) {
    Node[] update = this.update;
    int[] rank = this.rank;
    Node x = header;
    int r = 0;
    for (int i = level - 1; i >= 3; i--) {
      Node f;
      while ((f = ((NodeN) x).up[i - 3]) != null && before(f, score, member)) {
        r += ((NodeN) x).upSpan[i - 3];
        x = f;
      }
      update[i] = x;
      rank[i] = r;
    }
    if (level > 2) {
      Node f;
      while ((f = ((Node3) x).next2) != null && before(f, score, member)) {
        r += ((Node3) x).span2;
        x = f;
      }
      update[2] = x;
      rank[2] = r;
    }
    if (level > 1) {
      Node f;
      while ((f = ((Node2) x).next1) != null && before(f, score, member)) {
        r += ((Node2) x).span1;
        x = f;
      }
      update[1] = x;
      rank[1] = r;
    }
    Node f;
    while ((f = x.next0) != null && before(f, score, member)) {
      r++;
      x = f;
    }
    update[0] = x;
    rank[0] = r;
  }

  /** Whether {@code f} orders before (score, member). */
  private static boolean before(Node f, double score, byte[] member) {
    double s = f.score;
    return s < score || (s == score && compare(f.key, member) < 0);
  }

  private void deleteNode(Node x, Node[] update) {
    for (int i = 0; i < level; i++) {
      if (fwd(update[i], i) == x) {
        span(update[i], i, span(update[i], i) + span(x, i) - 1);
        fwd(update[i], i, fwd(x, i));
      } else {
        span(update[i], i, span(update[i], i) - (1));
      }
    }
    if (x.next0 != null) {
      x.next0.backward = x.backward;
    } else {
      tail = x.backward;
    }
    while (level > 1 && fwd(header, level - 1) == null) {
      level--;
    }
    length--;
  }

  private static int randomLevel() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int lvl = 1;
    while ((rnd.nextInt() & 0xFFFF) < (int) (0.25 * 0xFFFF)) {
      lvl++;
    }
    return Math.min(lvl, MAX_LEVEL);
  }

  private static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  // ------------------------------------------------------------------ hash table

  private @Nullable Node lookup(byte[] b, int off, int len) {
    return table.find(b, off, len, Hashing.hash(b, off, len));
  }

  /**
   * One ZSCAN step (Redis's scanGenericCommand over dictScan): visits whole buckets from
   * {@code cursor} until {@code count} members were visited or {@code count * 10} buckets
   * were walked; returns the next cursor (0 when done).
   */
  long scan(long cursor, long count, Visitor v) {
    long c = cursor;
    long iterations = count * 10;
    long seen = 0;
    do {
      for (Node n = table.bucketAt(c); n != null; n = n.next) {
        v.visit(n.key, 0, n.key.length, n.score);
        seen++;
      }
      c = table.nextCursor(c);
    } while (c != 0 && --iterations > 0 && seen < count);
    return c;
  }
}
