package io.lime.internal.util;

import java.util.Comparator;

/**
 * Redis's partial quicksort (src/pqsort.c, Bentley and McIlroy's "Engineering a Sort
 * Function" restricted to a window): sorts an array so that positions {@code lrange..rrange}
 * hold what a full sort would put there, skipping partitions outside the window.
 *
 * <p>Redis uses it for GEOSEARCH ... COUNT (without ANY) and SORT ... BY ... LIMIT; it is not
 * stable, so elements that compare equal come out in an order that depends on the algorithm's
 * exact steps. This class takes the same steps (pivot by median of three, or of three
 * medians of three above 40 elements; three-way partition with equal elements parked at
 * both ends and swapped back; insertion sort below 7 elements; the left part recursed into
 * and the right part iterated), so equal elements end where Redis puts them.
 *
 * <p>Not thread-safe over a shared array; allocation free.
 */
public final class PartialSort {
  private PartialSort() {}

  /**
   * Sorts {@code a[0..n)} by {@code cmp} enough that positions {@code lrange..rrange} are
   * final, in Redis's element order.
   */
  public static <T> void sort(T[] a, int n, Comparator<? super T> cmp, int lrange, int rrange) {
    sort(a, 0, n, cmp, lrange, rrange);
  }

  private static <T> void sort(T[] x, int start, int count, Comparator<? super T> c, int lr,
      int rr) {
    int lo = start;
    int n = count;
    while (true) {
      if (n < 7) {
        for (int m = lo + 1; m < lo + n; m++) {
          for (int l = m; l > lo && c.compare(x[l - 1], x[l]) > 0; l--) {
            swap(x, l, l - 1);
          }
        }
        return;
      }
      int pm = lo + n / 2;
      if (n > 7) {
        int pl = lo;
        int pn = lo + n - 1;
        if (n > 40) {
          int d = n / 8;
          pl = med3(x, pl, pl + d, pl + 2 * d, c);
          pm = med3(x, pm - d, pm, pm + d, c);
          pn = med3(x, pn - 2 * d, pn - d, pn, c);
        }
        pm = med3(x, pl, pm, pn, c);
      }
      swap(x, lo, pm);
      int pa = lo + 1;
      int pb = pa;
      int pc = lo + n - 1;
      int pd = pc;
      while (true) {
        int r;
        while (pb <= pc && (r = c.compare(x[pb], x[lo])) <= 0) {
          if (r == 0) {
            swap(x, pa++, pb);
          }
          pb++;
        }
        while (pb <= pc && (r = c.compare(x[pc], x[lo])) >= 0) {
          if (r == 0) {
            swap(x, pc, pd--);
          }
          pc--;
        }
        if (pb > pc) {
          break;
        }
        swap(x, pb++, pc--);
      }
      int end = lo + n;
      int r = Math.min(pa - lo, pb - pa);
      swapRuns(x, lo, pb - r, r);
      r = Math.min(pd - pc, end - pd - 1);
      swapRuns(x, pb, end - r, r);
      r = pb - pa;
      if (r > 1 && overlaps(lo, r, lr, rr)) {
        sort(x, lo, r, c, lr, rr);
      }
      r = pd - pc;
      if (r > 1 && overlaps(end - r, r, lr, rr)) {
        lo = end - r;
        n = r;
        continue;
      }
      return;
    }
  }

  /** Whether {@code [s, s+m)} meets the window {@code [lr, rr]}. */
  private static boolean overlaps(int s, int m, int lr, int rr) {
    return !(rr < s || lr >= s + m);
  }

  private static <T> int med3(T[] x, int a, int b, int c, Comparator<? super T> cmp) {
    return cmp.compare(x[a], x[b]) < 0
        ? (cmp.compare(x[b], x[c]) < 0 ? b : cmp.compare(x[a], x[c]) < 0 ? c : a)
        : (cmp.compare(x[b], x[c]) > 0 ? b : cmp.compare(x[a], x[c]) < 0 ? a : c);
  }

  private static <T> void swap(T[] x, int i, int j) {
    T t = x[i];
    x[i] = x[j];
    x[j] = t;
  }

  /** Swaps the runs of {@code n} elements at {@code i} and {@code j} (vecswap). */
  private static <T> void swapRuns(T[] x, int i, int j, int n) {
    for (int k = 0; k < n; k++) {
      swap(x, i + k, j + k);
    }
  }
}
