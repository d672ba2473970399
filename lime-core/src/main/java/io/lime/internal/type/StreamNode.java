package io.lime.internal.type;

import io.lime.internal.engine.MemoryLayout;
import io.lime.internal.util.Numbers;
import java.util.Arrays;

/**
 * One node of a stream: what Redis 7.0 keeps in one listpack of the stream's radix tree
 * (t_stream.c streamAppendItem), here as Java arrays, with the exact byte size that listpack
 * would have ({@link #listpackBytes()}) so that nodes fill, split and are trimmed whole at the
 * same entries as in Redis ({@code stream-node-max-bytes} / {@code stream-node-max-entries},
 * XTRIM {@code ~}, XINFO's {@code radix-tree-keys}) and RDB writes the same listpack.
 *
 * <pre>
 *   master entry: count | deleted | num-fields | field_1 .. field_N | 0
 *   each entry:   flags | ms-diff | seq-diff | [num-fields | field_1] value_1 .. | lp-count
 *                 (fields omitted with the SAMEFIELDS flag: the master's fields)
 * </pre>
 *
 * Entries are appended in ID order and never removed: XDEL and exact trimming set the
 * DELETED flag (and move one from count to deleted); the whole node goes when no live entry
 * remains (XDEL) or when trimming removes it. Fields of a SAMEFIELDS entry share the master's
 * arrays. Not thread-safe: guarded by the key's shard lock.
 */
final class StreamNode {
  static final int FLAG_DELETED = 1;
  static final int FLAG_SAMEFIELDS = 2;
  /** lpNew(): header (6) plus the end byte. */
  private static final int EMPTY_LISTPACK_BYTES = 7;

  final StreamId master;
  final byte[][] masterFields;
  private final int masterFieldsBytes;
  /** Live entries (the master's count). */
  int live;
  /** Entries flagged deleted. */
  int deleted;
  /** Entries appended (live + deleted). */
  int size;
  long[] ms;
  long[] seq;
  byte[] flags;
  /** Per entry: field, value, field, value ... */
  byte[][][] pairs;
  private long entriesBytes;

  StreamNode(StreamId master, byte[][] masterFields) {
    this.master = master;
    this.masterFields = masterFields;
    int b = 0;
    for (byte[] f : masterFields) {
      b += stringBytes(f);
    }
    this.masterFieldsBytes = b;
    this.ms = new long[4];
    this.seq = new long[4];
    this.flags = new byte[4];
    this.pairs = new byte[4][][];
  }

  /**
   * Estimated heap bytes of this node (memory accounting): the object, its per-entry arrays at
   * their capacity, the master fields, and per entry the listpack bytes of its fields and
   * values plus the arrays holding them (as if each entry had the master's field count). O(1).
   */
  long memoryBytes() {
    int cap = ms.length;
    long f = Math.max(1, masterFields.length);
    return MemoryLayout.object(4 * 4 + 3 * 4 + 8) + 2 * MemoryLayout.align(16 + 8L * cap)
        + MemoryLayout.byteArray(cap) + MemoryLayout.refArray(cap)
        + MemoryLayout.refArray(masterFields.length) + masterFieldsBytes
        + (long) MemoryLayout.ARRAY_HEADER_BYTES * masterFields.length + entriesBytes
        + size * (MemoryLayout.refArray(2 * f) + 2 * f * MemoryLayout.ARRAY_HEADER_BYTES);
  }

  /** The size in bytes of the listpack Redis would hold for this node. */
  long listpackBytes() {
    return EMPTY_LISTPACK_BYTES + intBytes(live) + intBytes(deleted)
        + intBytes(masterFields.length) + masterFieldsBytes + intBytes(0) + entriesBytes;
  }

  /** Whether {@code fieldsValues} (field, value ...) has exactly the master's fields in order. */
  boolean sameFields(byte[][] fieldsValues) {
    if (fieldsValues.length != masterFields.length * 2) {
      return false;
    }
    for (int i = 0; i < masterFields.length; i++) {
      if (!Arrays.equals(fieldsValues[2 * i], masterFields[i])) {
        return false;
      }
    }
    return true;
  }

  /** Appends a live entry (its ID above every ID of the node). */
  void append(StreamId id, byte[][] fieldsValues) {
    boolean same = sameFields(fieldsValues);
    if (size == ms.length) {
      int n = size * 2;
      ms = Arrays.copyOf(ms, n);
      seq = Arrays.copyOf(seq, n);
      flags = Arrays.copyOf(flags, n);
      pairs = Arrays.copyOf(pairs, n);
    }
    if (same) {
      for (int i = 0; i < masterFields.length; i++) {
        fieldsValues[2 * i] = masterFields[i]; // share the master's arrays
      }
    }
    ms[size] = id.ms();
    seq[size] = id.seq();
    flags[size] = (byte) (same ? FLAG_SAMEFIELDS : 0);
    pairs[size] = fieldsValues;
    size++;
    live++;
    entriesBytes += entryBytes(id, fieldsValues, same);
  }

  private long entryBytes(StreamId id, byte[][] fv, boolean same) {
    int numFields = fv.length / 2;
    long b = 2 + intBytes(id.ms() - master.ms()) + intBytes(id.seq() - master.seq());
    for (int i = 0; i < fv.length; i += 2) {
      if (!same) {
        b += stringBytes(fv[i]);
      }
      b += stringBytes(fv[i + 1]);
    }
    long lpCount = numFields + 3;
    if (!same) {
      b += intBytes(numFields);
      lpCount += numFields + 1;
    }
    return b + intBytes(lpCount);
  }

  /** The ID of entry {@code i}. */
  StreamId id(int i) {
    return new StreamId(ms[i], seq[i]);
  }

  /** Compares entry {@code i}'s ID with {@code id}. */
  int compare(int i, StreamId id) {
    int c = Long.compareUnsigned(ms[i], id.ms());
    return c != 0 ? c : Long.compareUnsigned(seq[i], id.seq());
  }

  boolean isDeleted(int i) {
    return (flags[i] & FLAG_DELETED) != 0;
  }

  /** Flags entry {@code i} deleted (it was live). */
  void markDeleted(int i) {
    flags[i] |= FLAG_DELETED;
    live--;
    deleted++;
  }

  /** The first entry index whose ID is at least {@code id} ({@link #size} when none). */
  int ceiling(StreamId id) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, id) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The index of the entry with ID {@code id} (deleted or not), or -1. */
  int indexOf(StreamId id) {
    int i = ceiling(id);
    return i < size && compare(i, id) == 0 ? i : -1;
  }

  /** A copy sharing no mutable state (the byte arrays are never modified, so shared). */
  StreamNode duplicate() {
    StreamNode n = new StreamNode(master, masterFields);
    n.live = live;
    n.deleted = deleted;
    n.size = size;
    n.ms = ms.clone();
    n.seq = seq.clone();
    n.flags = flags.clone();
    n.pairs = pairs.clone();
    n.entriesBytes = entriesBytes;
    return n;
  }

  // ------------------------------------------------------------------ listpack sizes

  /** Bytes of a listpack element holding integer {@code v} (encoding, data, backlen). */
  static int intBytes(long v) {
    int l;
    if (v >= 0 && v <= 127) {
      l = 1;
    } else if (v >= -4096 && v <= 4095) {
      l = 2;
    } else if (v >= -32768 && v <= 32767) {
      l = 3;
    } else if (v >= -8388608 && v <= 8388607) {
      l = 4;
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      l = 5;
    } else {
      l = 9;
    }
    return l + 1;
  }

  /** Bytes of a listpack element holding string {@code s} (as an integer when it is one). */
  static long stringBytes(byte[] s) {
    int len = s.length;
    if (len <= 20 && Numbers.isLong(s, 0, len)) {
      return intBytes(Numbers.parseLong(s, 0, len));
    }
    long l = (len < 64 ? 1 : len < 4096 ? 2 : 5) + (long) len;
    int backlen = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    return l + backlen;
  }
}
