package io.lime.internal.type;

import io.lime.WrongTypeException;
import io.lime.internal.engine.EncodingLimits;
import io.lime.internal.engine.Entry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ZUNION / ZINTER / ZDIFF (and their STORE forms, ZINTERCARD) over sorted sets and plain
 * sets (members of a set count with score 1), as Redis's zunionInterDiffGenericCommand.
 *
 * <p>Faithful details: union and intersection visit the inputs from the smallest to the
 * largest (a stable sort by cardinality, as glibc's merge-sort qsort), which fixes the order
 * in which floating-point scores are summed; a weighted score that is NaN (0 * inf) counts
 * as 0, and a SUM that is NaN (inf + -inf) becomes 0; MIN and MAX keep the current value
 * unless the new one is strictly smaller / greater. Results are skiplist-encoded sorted sets,
 * converted to listpack for storing when they fit (zsetConvertToListpackIfNeeded).
 *
 * <p>Inputs are read under their shards' locks, held by the caller; stateless otherwise.
 */
public final class SortedSetAlgebra {
  /** AGGREGATE SUM (the default). */
  public static final int SUM = 0;
  /** AGGREGATE MIN. */
  public static final int MIN = 1;
  /** AGGREGATE MAX. */
  public static final int MAX = 2;

  private SortedSetAlgebra() {}

  /**
   * The input of a looked-up entry: its sorted set or set, null for a missing key.
   *
   * @throws WrongTypeException if the key holds another type
   */
  public static @Nullable Object input(@Nullable Entry e) {
    if (e == null) {
      return null;
    }
    Object value = e.value();
    if (value instanceof SortedSetValue || SetType.isSet(value)) {
      return value;
    }
    throw new WrongTypeException();
  }

  /** The union of {@code inputs} (null: missing key) with weights and aggregation. */
  public static SortedSetValue union(@Nullable Object[] inputs, double[] weights, int aggregate) {
    int[] order = bySize(inputs);
    Map<ByteBuffer, double[]> acc = new HashMap<>();
    for (int i : order) {
      Object src = inputs[i];
      if (length(src) == 0) {
        continue;
      }
      double w = weights[i];
      forEach(src, (b, off, len, s) -> {
        double score = w * s;
        if (Double.isNaN(score)) {
          score = 0;
        }
        ByteBuffer key = ByteBuffer.wrap(Arrays.copyOfRange(b, off, off + len));
        double[] cur = acc.get(key);
        if (cur == null) {
          acc.put(key, new double[] {score});
        } else {
          cur[0] = aggregate(cur[0], score, aggregate);
        }
        return true;
      });
    }
    SortedSetValue dst = SortedSetValue.skiplist();
    for (Map.Entry<ByteBuffer, double[]> e : acc.entrySet()) {
      dst.rep().insert(e.getKey().array(), e.getValue()[0]);
    }
    return dst;
  }

  /** The intersection of {@code inputs} with weights and aggregation. */
  public static SortedSetValue inter(@Nullable Object[] inputs, double[] weights, int aggregate) {
    SortedSetValue dst = SortedSetValue.skiplist();
    interWalk(inputs, weights, aggregate, 0, (b, off, len, score) -> {
      dst.rep().insert(Arrays.copyOfRange(b, off, off + len), score);
      return true;
    });
    return dst;
  }

  /** ZINTERCARD: the size of the intersection, counting at most {@code limit} (0: no limit). */
  public static long interCard(@Nullable Object[] inputs, long limit) {
    double[] ones = new double[inputs.length];
    Arrays.fill(ones, 1.0);
    long[] n = {0};
    interWalk(inputs, ones, SUM, limit, (b, off, len, score) -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  private static void interWalk(@Nullable Object[] inputs, double[] weights, int aggregate,
      long limit, SortedSetEncoding.Visitor found) {
    int[] order = bySize(inputs);
    Object first = inputs[order[0]];
    if (length(first) == 0) {
      return;
    }
    double w0 = weights[order[0]];
    long[] hits = {0};
    forEach(first, (b, off, len, s) -> {
      double score = w0 * s;
      if (Double.isNaN(score)) {
        score = 0;
      }
      for (int j = 1; j < order.length; j++) {
        Object src = inputs[order[j]];
        double value;
        if (src == first) {
          value = s * weights[order[j]];
        } else {
          double v = find(src, b, off, len);
          if (Double.isNaN(v)) {
            return true; // not in every input
          }
          value = v * weights[order[j]];
        }
        score = aggregate(score, value, aggregate);
      }
      found.visit(b, off, len, score);
      hits[0]++;
      return limit == 0 || hits[0] < limit;
    });
  }

  /** The members of the first input that are in none of the others, with their scores. */
  public static SortedSetValue diff(@Nullable Object[] inputs) {
    SortedSetValue dst = SortedSetValue.skiplist();
    Object first = inputs[0];
    if (length(first) == 0) {
      return dst;
    }
    for (int j = 1; j < inputs.length; j++) {
      if (inputs[j] == first) {
        return dst;
      }
    }
    forEach(first, (b, off, len, s) -> {
      for (int j = 1; j < inputs.length; j++) {
        if (!Double.isNaN(find(inputs[j], b, off, len))) {
          return true;
        }
      }
      dst.rep().insert(Arrays.copyOfRange(b, off, off + len), s);
      return true;
    });
    return dst;
  }

  /** Converts a result to listpack for storing when it fits the thresholds. */
  public static void fitForStore(SortedSetValue z, EncodingLimits limits) {
    long[] lens = {0, 0};
    SortedSetType.forEach(z, (b, off, len, s) -> {
      lens[0] += len;
      lens[1] = Math.max(lens[1], len);
      return true;
    });
    z.toListpackIfFits(limits, lens[1], lens[0]);
  }

  private static double aggregate(double target, double val, int aggregate) {
    return switch (aggregate) {
      case SUM -> {
        double r = target + val;
        yield Double.isNaN(r) ? 0.0 : r;
      }
      case MIN -> val < target ? val : target;
      default -> val > target ? val : target;
    };
  }

  /** Input indexes from the smallest to the largest (stable). */
  private static int[] bySize(@Nullable Object[] inputs) {
    Integer[] idx = new Integer[inputs.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Long.compare(length(inputs[a]), length(inputs[b])));
    int[] order = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      order[i] = idx[i];
    }
    return order;
  }

  private static long length(@Nullable Object src) {
    if (src == null) {
      return 0;
    }
    return src instanceof SortedSetValue z ? z.size() : SetType.size((SetValue) src);
  }

  private static void forEach(Object src, SortedSetEncoding.Visitor v) {
    if (src instanceof SortedSetValue z) {
      SortedSetType.forEach(z, v);
      return;
    }
    for (byte[] m : SetType.members((SetValue) src)) {
      if (!v.visit(m, 0, m.length, 1.0)) {
        return;
      }
    }
  }

  /** The score of a member in an input (1 for a set member), NaN when absent. */
  private static double find(@Nullable Object src, byte[] b, int off, int len) {
    if (src == null) {
      return Double.NaN;
    }
    if (src instanceof SortedSetValue z) {
      return z.rep().score(b, off, len);
    }
    return SetType.contains((SetValue) src, b, off, len) ? 1.0 : Double.NaN;
  }
}
