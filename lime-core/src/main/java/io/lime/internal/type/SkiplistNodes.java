package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The nodes of {@link SortedSetSkiplist}: a node's class carries its levels (the links and
 * spans of levels 0 to 2 as fields, those of levels 3 and up in two arrays), with the level
 * accessors the skiplist's walks use and the heap bytes of each layout. Guarded by the lock
 * of the shard holding the sorted set.
 */
final class SkiplistNodes {
  private SkiplistNodes() {}

  /**
   * A skiplist node of one level, also the member's chain link in the table (the member is
   * the key). Taller nodes are subclasses carrying the links and spans of their other levels
   * as fields ({@link Node2}, {@link Node3}; from level 3 on, counting from 0, in two arrays:
   * {@link NodeN}), so a step of a descent reads one object, the node it stands on, below
   * level 3. The level-0 link is {@link #next0}; its span is 1, or 0 on the last node, so it
   * is not stored.
   * With p = 1/4, 3 nodes in 4 are plain {@code Node}s (40 bytes) and 1 in 64 has arrays.
   */
  static class Node extends ChainedTable.Node<Node> {
    double score;
    @Nullable Node backward;
    @Nullable Node next0;

    Node(byte[] ele, int hash, double score) {
      super(ele, hash);
      this.score = score;
    }

    int level() {
      return this instanceof NodeN n ? n.up.length + 3
          : this instanceof Node3 ? 3 : this instanceof Node2 ? 2 : 1;
    }
  }

  /** A node of two levels: the level-1 link and its span are fields. */
  static class Node2 extends Node {
    @Nullable Node next1;
    int span1;

    Node2(byte[] ele, int hash, double score) {
      super(ele, hash, score);
    }
  }

  /** A node of three levels. */
  static class Node3 extends Node2 {
    @Nullable Node next2;
    int span2;

    Node3(byte[] ele, int hash, double score) {
      super(ele, hash, score);
    }
  }

  /** A node of four levels or more: links and spans of levels 3 and up in arrays (index - 3). */
  static final class NodeN extends Node3 {
    final @Nullable Node[] up;
    final int[] upSpan;

    NodeN(int level, byte[] ele, int hash, double score) {
      super(ele, hash, score);
      this.up = new Node[level - 3];
      this.upSpan = new int[level - 3];
    }
  }

  static Node newNode(int level, byte[] ele, int hash, double score) {
    return switch (level) {
      case 1 -> new Node(ele, hash, score);
      case 2 -> new Node2(ele, hash, score);
      case 3 -> new Node3(ele, hash, score);
      default -> new NodeN(level, ele, hash, score);
    };
  }

  /** Heap bytes of a node of {@code level} levels beyond a one-level node's. */
  static long towerBytes(int level) {
    return switch (level) {
      case 1 -> 0;
      case 2 -> NODE2_BYTES - NODE_BYTES;
      case 3 -> NODE3_BYTES - NODE_BYTES;
      default -> NODEN_BYTES - NODE_BYTES + MemoryLayout.refArray(level - 3)
          + MemoryLayout.byteArray(4L * (level - 3));
    };
  }

  static @Nullable Node fwd(Node x, int i) {
    return switch (i) {
      case 0 -> x.next0;
      case 1 -> ((Node2) x).next1;
      case 2 -> ((Node3) x).next2;
      default -> ((NodeN) x).up[i - 3];
    };
  }

  static void fwd(Node x, int i, @Nullable Node to) {
    switch (i) {
      case 0 -> x.next0 = to;
      case 1 -> ((Node2) x).next1 = to;
      case 2 -> ((Node3) x).next2 = to;
      default -> ((NodeN) x).up[i - 3] = to;
    }
  }

  static int span(Node x, int i) {
    return switch (i) {
      case 0 -> x.next0 == null ? 0 : 1;
      case 1 -> ((Node2) x).span1;
      case 2 -> ((Node3) x).span2;
      default -> ((NodeN) x).upSpan[i - 3];
    };
  }

  /** Sets a span; level 0's follows from its link, so it is not stored. */
  static void span(Node x, int i, int v) {
    switch (i) {
      case 0 -> { }
      case 1 -> ((Node2) x).span1 = v;
      case 2 -> ((Node3) x).span2 = v;
      default -> ((NodeN) x).upSpan[i - 3] = v;
    }
  }

  static void unlinkAll(Node x) {
    x.next0 = null;
    x.backward = null;
    if (x instanceof Node2 x2) {
      x2.next1 = null;
    }
    if (x instanceof Node3 x3) {
      x3.next2 = null;
    }
    if (x instanceof NodeN xn) {
      Arrays.fill(xn.up, null);
    }
  }

  /** A one-level node: key, hash, chain link (the table's), score, backward, level-0 link. */
  static final long NODE_BYTES = MemoryLayout.object(12 + 8 + 8);
  static final long NODE2_BYTES = MemoryLayout.object(12 + 8 + 8 + 8);
  static final long NODE3_BYTES = MemoryLayout.object(12 + 8 + 8 + 16);
  static final long NODEN_BYTES = MemoryLayout.object(12 + 8 + 8 + 24);
}
