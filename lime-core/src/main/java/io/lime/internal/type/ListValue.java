package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A list value: Redis's quicklist, a sequence of packed {@link ListNode}s, each bounded by
 * {@code list-max-listpack-size} (see {@link ListNode#fits}).
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Encoding. Redis 7.0.15 reports every list as {@code quicklist} (the {@code listpack}
 *       encoding for small lists, and the conversions between the two, arrived in 7.2), so
 *       OBJECT ENCODING answers {@code quicklist} whatever the size. A small list is one node:
 *       one packed byte array with two bytes of overhead per short element, the compact form.
 *       It grows into more nodes as pushes pass the node limit, and nodes emptied by pops,
 *       trims or removals are dropped (neighbours small enough are merged after LREM/LTRIM).
 *   <li>Nodes are kept in an array with free slots at both ends, so pushes and pops at
 *       either end are O(1) amortised; access by index walks node counts from the nearer end,
 *       then entries inside the node from its nearer end (Redis's O(N) with a small constant).
 *   <li>Threading: not thread-safe; guarded by the lock of the shard holding the key.
 * </ul>
 */
public final class ListValue implements io.lime.internal.engine.MemorySized {
  private ListNode[] nodes = new ListNode[1];
  private int first;
  private int nodeCount;
  private long size;

  /** An empty list (never stored empty: callers delete empty lists). */
  public ListValue() {}

  /** Number of elements. */ public long size() { return size; }

  /**
   * The holder, the node array and the nodes: exact up to {@value #EXACT_NODES} nodes; beyond,
   * the head and tail exactly and the inner nodes (full ones, as pushes leave them) at the
   * size of the second node, so the estimate stays O(1).
   */
  @Override
  public long memoryBytes() {
    long bytes = HOLDER_BYTES + MemoryLayout.refArray(nodes.length);
    if (nodeCount <= EXACT_NODES) {
      for (int i = 0; i < nodeCount; i++) {
        bytes += nodeBytes(node(i));
      }
      return bytes;
    }
    return bytes + nodeBytes(node(0)) + nodeBytes(node(nodeCount - 1))
        + (nodeCount - 2) * nodeBytes(node(1));
  }

  private static long nodeBytes(ListNode n) {
    return NODE_BYTES + MemoryLayout.byteArray(n.buf.length);
  }

  private static final int EXACT_NODES = 4;
  private static final long HOLDER_BYTES = MemoryLayout.object(4 + 4 + 4 + 8);
  private static final long NODE_BYTES = MemoryLayout.object(16);

  /** Number of nodes (for tests and memory accounting). */ public int nodeCount() { return nodeCount; }

  /** Redis's effort for a quicklist: its node count. */ @Override public long freeEffort() { return nodeCount; }

  /** Drops every node (lazy free of an unreachable list). */
  @Override
  public void release() {
    java.util.Arrays.fill(nodes, null);
    nodeCount = 0;
    first = 0;
    size = 0;
  }

  /** A deep copy (COPY). */
  public ListValue duplicate() {
    ListValue c = new ListValue();
    c.nodes = new ListNode[Math.max(1, nodeCount)];
    for (int i = 0; i < nodeCount; i++) {
      c.nodes[i] = nodes[first + i].duplicate();
    }
    c.nodeCount = nodeCount;
    c.size = size;
    return c;
  }

  /**
   * Checks the structure (tests): nodes non-empty, counts adding up to the size, entries
   * walkable both ways, and with a positive fill no node above it.
   */
  void checkInvariants(int fill) {
    long total = 0;
    for (int i = 0; i < nodeCount; i++) {
      ListNode n = node(i);
      if (n.count <= 0) {
        throw new AssertionError("empty node " + i);
      }
      if (fill > 0 && n.count > fill) {
        throw new AssertionError("node " + i + " has " + n.count + " > fill " + fill);
      }
      int k = 0;
      for (int p = n.start; p < n.end; p = n.next(p)) {
        k++;
      }
      int back = 0;
      for (int p = n.end; p > n.start; p = n.prev(p)) {
        back++;
      }
      if (k != n.count || back != n.count) {
        throw new AssertionError("node " + i + " count " + n.count + " walks " + k + "/" + back);
      }
      total += n.count;
    }
    if (total != size) {
      throw new AssertionError("size " + size + " but nodes hold " + total);
    }
    for (int i = 0; i < nodes.length; i++) {
      if ((i < first || i >= first + nodeCount) && nodes[i] != null) {
        throw new AssertionError("stale node slot " + i);
      }
    }
  }

  // ------------------------------------------------------------------ node array

  private ListNode node(int i) { return nodes[first + i]; }

  /** Node {@code i} (0-based, head first), for persistence codecs ({@link PersistedValues}). */
  ListNode nodeAt(int i) { return node(i); }

  /** Inserts a node at logical index {@code i} (0..nodeCount). */
  private void insertNode(int i, ListNode n) {
    if (i == 0 && first > 0) {
      nodes[--first] = n;
      nodeCount++;
      return;
    }
    if (first + nodeCount == nodes.length) {
      int cap = nodes.length;
      if (nodeCount + 1 > cap / 2) {
        cap = Math.max(2, cap * 2);
      }
      ListNode[] nn = cap == nodes.length ? nodes : new ListNode[cap];
      int nf = (cap - nodeCount) / 2;
      System.arraycopy(nodes, first, nn, nf, nodeCount);
      if (nn == nodes) {
        java.util.Arrays.fill(nodes, nf + nodeCount, cap, null);
      }
      nodes = nn;
      first = nf;
      if (i == 0 && first > 0) {
        nodes[--first] = n;
        nodeCount++;
        return;
      }
    }
    int at = first + i;
    System.arraycopy(nodes, at, nodes, at + 1, nodeCount - i);
    nodes[at] = n;
    nodeCount++;
  }

  private void removeNode(int i) {
    if (i == 0) {
      nodes[first++] = null;
    } else {
      int at = first + i;
      System.arraycopy(nodes, at + 1, nodes, at, nodeCount - i - 1);
      nodes[first + nodeCount - 1] = null;
    }
    nodeCount--;
    if (nodeCount == 0) {
      first = 0;
      if (nodes.length > 1) {
        nodes = new ListNode[1];
      }
    } else if (nodes.length > 8 && nodeCount < nodes.length / 4) {
      ListNode[] nn = new ListNode[nodes.length / 2];
      int nf = (nn.length - nodeCount) / 2;
      System.arraycopy(nodes, first, nn, nf, nodeCount);
      nodes = nn;
      first = nf;
    }
  }

  /** Splits node {@code i} in two if it is over the limit. */
  private void splitIfOverfull(int i, int fill) {
    ListNode n = node(i);
    if (!ListNode.overfull(n, fill)) {
      return;
    }
    int half = n.count / 2;
    ListNode tail = n.splitAt(n.positionOf(half), half);
    insertNode(i + 1, tail);
  }

  /** Merges neighbouring nodes that fit together (after bulk removals). */
  private void compact(int fill) {
    for (int i = 0; i + 1 < nodeCount; ) {
      ListNode a = node(i);
      ListNode b = node(i + 1);
      if (ListNode.mergeable(a, b, fill)) {
        a.append(b);
        removeNode(i + 1);
      } else {
        i++;
      }
    }
  }

  /** Logical index of the node holding element {@code index}, and the index inside it. */
  private long locate(long index) {
    if (index < size / 2) {
      long rest = index;
      for (int i = 0; i < nodeCount; i++) {
        int c = node(i).count;
        if (rest < c) {
          return (long) i << 32 | rest;
        }
        rest -= c;
      }
    } else {
      long rest = size - 1 - index;
      for (int i = nodeCount - 1; i >= 0; i--) {
        int c = node(i).count;
        if (rest < c) {
          return (long) i << 32 | (c - 1 - rest);
        }
        rest -= c;
      }
    }
    throw new IndexOutOfBoundsException(String.valueOf(index));
  }

  // ------------------------------------------------------------------ ends

  /** Pushes an element at the head or the tail; {@code fill} is list-max-listpack-size. */
  public void push(boolean head, byte[] b, int off, int len, int fill) {
    ListNode n = nodeCount == 0 ? null : head ? node(0) : node(nodeCount - 1);
    if (n == null || (n.count > 0 && !ListNode.fits(n, len, fill))) {
      n = new ListNode(ListNode.entrySize(len));
      insertNode(head ? 0 : nodeCount, n);
    }
    if (head) {
      n.pushHead(b, off, len);
    } else {
      n.pushTail(b, off, len);
    }
    size++;
  }

  /**
   * Shrinks the buffer of a one-node list to its entries (a list created by one push of
   * several elements, whose buffer grew by halves on the way); later pushes regrow it as
   * usual. Memory only: the elements do not change.
   */
  void fitToSize() {
    if (nodeCount == 1) {
      node(0).fitToSize();
    }
  }

  /** Pushes a whole array. */
  public void push(boolean head, byte[] b, int fill) {
    push(head, b, 0, b.length, fill);
  }

  /** Removes and returns the head or tail element; the list must not be empty. */
  public byte[] pop(boolean head) {
    int i = head ? 0 : nodeCount - 1;
    ListNode n = node(i);
    byte[] v = n.copy(head ? n.start : n.last());
    n.removeEnd(head, 1);
    size--;
    if (n.count == 0) {
      removeNode(i);
    }
    return v;
  }

  /** Removes {@code n} elements (at most the size) from the head or the tail. */
  public void removeEnd(boolean head, long n) {
    long left = Math.min(n, size);
    size -= left;
    while (left > 0) {
      int i = head ? 0 : nodeCount - 1;
      ListNode node = node(i);
      if (left >= node.count) {
        left -= node.count;
        removeNode(i);
      } else {
        node.removeEnd(head, (int) left);
        left = 0;
      }
    }
  }

  // ------------------------------------------------------------------ by index

  /** A copy of element {@code index} ({@code 0 <= index < size}). */
  public byte[] get(long index) {
    long at = locate(index);
    ListNode n = node((int) (at >>> 32));
    return n.copy(n.positionOf((int) at));
  }

  /** Replaces element {@code index} ({@code 0 <= index < size}). */
  public void set(long index, byte[] b, int off, int len, int fill) {
    long at = locate(index);
    int i = (int) (at >>> 32);
    ListNode n = node(i);
    n.replaceAt(n.positionOf((int) at), b, off, len);
    splitIfOverfull(i, fill);
  }

  /**
   * Gives {@code count} elements from {@code from} to {@code sink} ({@link
   * ListSink#element} only), in place: towards the tail, or, when {@code reverse},
   * towards the head (RPOP with a count). Indices must be in range.
   */
  public <T> void range(long from, long count, boolean reverse, T target, ListSink<T> sink) {
    if (count <= 0) {
      return;
    }
    long at = locate(from);
    int i = (int) (at >>> 32);
    ListNode n = node(i);
    int p = n.positionOf((int) at);
    for (long k = 0; ; ) {
      sink.element(target, n.buf, n.dataOffset(p), n.length(p));
      if (++k == count) {
        return;
      }
      if (reverse) {
        if (p == n.start) {
          n = node(--i);
          p = n.end;
        }
        p = n.prev(p);
      } else {
        p = n.next(p);
        if (p == n.end) {
          n = node(++i);
          p = n.start;
        }
      }
    }
  }

  /** Copies {@code count} elements from {@code from} towards the tail. */
  public List<byte[]> copyRange(long from, long count) {
    List<byte[]> out = new ArrayList<>((int) Math.min(Math.max(count, 0), 1 << 16));
    range(from, count, false, out, ListSink.COPY);
    return out;
  }

  // ------------------------------------------------------------------ by value

  /**
   * Inserts an element before or after the first (from the head) element equal to the
   * pivot; returns whether the pivot was found.
   */
  public boolean insert(byte[] pivot, int poff, int plen, boolean after, byte[] b, int off,
      int len, int fill) {
    for (int i = 0; i < nodeCount; i++) {
      ListNode n = node(i);
      for (int p = n.start; p < n.end; p = n.next(p)) {
        if (n.matches(p, pivot, poff, plen)) {
          n.insertAt(after ? n.next(p) : p, b, off, len);
          size++;
          splitIfOverfull(i, fill);
          return true;
        }
      }
    }
    return false;
  }

  /**
   * LREM: removes up to {@code count} elements equal to the value, from the head when
   * {@code count > 0}, from the tail when negative, all when 0 (Redis's arithmetic:
   * {@code Long.MIN_VALUE} removes all, from the tail). Returns how many were removed.
   */
  public long remove(long count, byte[] b, int off, int len, int fill) {
    long toRemove = count;
    boolean fromTail = toRemove < 0;
    if (fromTail) {
      toRemove = -toRemove;
    }
    long removed = 0;
    if (!fromTail) {
      for (int i = 0; i < nodeCount; i++) {
        ListNode n = node(i);
        int p = n.start;
        while (p < n.end) {
          if (n.matches(p, b, off, len)) {
            p = n.removeAt(p);
            removed++;
            if (toRemove != 0 && removed == toRemove) {
              return finishRemove(removed, fill);
            }
          } else {
            p = n.next(p);
          }
        }
      }
    } else {
      for (int i = nodeCount - 1; i >= 0; i--) {
        ListNode n = node(i);
        int p = n.end;
        while (p > n.start) {
          int q = n.prev(p);
          if (n.matches(q, b, off, len)) {
            p = n.removeAt(q); // where the entry after q now is; the one before q precedes it
            removed++;
            if (toRemove != 0 && removed == toRemove) {
              return finishRemove(removed, fill);
            }
          } else {
            p = q;
          }
        }
      }
    }
    return finishRemove(removed, fill);
  }

  private long finishRemove(long removed, int fill) {
    if (removed > 0) {
      size -= removed;
      for (int i = nodeCount - 1; i >= 0; i--) {
        if (node(i).count == 0) {
          removeNode(i);
        }
      }
      compact(fill);
    }
    return removed;
  }

  /**
   * LPOS's scan: reports to {@code sink} the indices (from the head) of the matches from the
   * {@code rank}-th on (rank counted from the tail when {@code fromTail}), at most
   * {@code count} of them (0 = all; rank and count as Redis's signed arithmetic), looking at
   * no more than {@code maxlen} elements (0 = all). Returns how many were reported.
   */
  public long positions(byte[] b, int off, int len, boolean fromTail, long rank, long count,
      long maxlen, LongConsumer sink) {
    long index = 0;
    long matches = 0;
    long reported = 0;
    if (!fromTail) {
      for (int i = 0; i < nodeCount; i++) {
        ListNode n = node(i);
        for (int p = n.start; p < n.end; p = n.next(p)) {
          if (maxlen != 0 && index >= maxlen) {
            return reported;
          }
          if (n.matches(p, b, off, len) && ++matches >= rank) {
            sink.accept(index);
            reported++;
            if (count != 0 && matches - rank + 1 >= count) {
              return reported;
            }
          }
          index++;
        }
      }
    } else {
      for (int i = nodeCount - 1; i >= 0; i--) {
        ListNode n = node(i);
        for (int p = n.end; p > n.start; ) {
          p = n.prev(p);
          if (maxlen != 0 && index >= maxlen) {
            return reported;
          }
          if (n.matches(p, b, off, len) && ++matches >= rank) {
            sink.accept(size - index - 1);
            reported++;
            if (count != 0 && matches - rank + 1 >= count) {
              return reported;
            }
          }
          index++;
        }
      }
    }
    return reported;
  }

  /** LTRIM: removes {@code head} elements from the head and {@code tail} from the tail. */
  public void trim(long head, long tail, int fill) {
    removeEnd(true, head);
    removeEnd(false, tail);
    compact(fill);
  }
}
