package io.lime.internal.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.1's table layout rules as {@link Lua51Table} applies them: main positions (Redis's
 * luaS_hash for strings, hashnum for numbers, 0/1 for booleans, identity for the rest, whose
 * order depends on addresses in Redis too), raw key equality, the integer a key stands for,
 * and the part sizes a rehash chooses (numusearray, numusehash, computesizes).
 */
final class Lua51Layout {
  static final int MAXBITS = 26;

  private Lua51Layout() {}

  /** mainposition: the node {@code key} belongs at in a node part of {@code size} nodes. */
  static int position(LuaValue key, int size) {
    return switch (key.type()) {
      case LuaValue.TNUMBER -> numPosition(key.todouble(), size);
      case LuaValue.TSTRING -> stringHash((LuaString) key) & (size - 1);
      case LuaValue.TBOOLEAN -> (key.toboolean() ? 1 : 0) & (size - 1);
      default -> Integer.remainderUnsigned(System.identityHashCode(key), (size - 1) | 1);
    };
  }

  static int countInt(LuaValue key, int[] nums) {
    int k = arrayIndex(key);
    if (k > 0 && k <= 1 << MAXBITS) {
      nums[ceilLog2(k)]++;
      return 1;
    }
    return 0;
  }

  /** The integer {@code key} stands for, or 0 when it is not an integer number. */
  static int arrayIndex(LuaValue key) {
    if (key.isinttype()) {
      return key.toint();
    }
    if (key.type() == LuaValue.TNUMBER) {
      double d = key.todouble();
      int k = (int) d;
      return k == d && k != Integer.MAX_VALUE && k != Integer.MIN_VALUE ? k : 0;
    }
    return 0;
  }

  /** hashnum: 0 for zero (and -0), else the double's two 32-bit halves added, mod (size-1)|1. */
  static int numPosition(double n, int size) {
    if (n == 0) {
      return 0;
    }
    long bits = Double.doubleToRawLongBits(n);
    return Integer.remainderUnsigned((int) bits + (int) (bits >>> 32), (size - 1) | 1);
  }

  /** Redis's luaS_hash: seeded with the length, every byte from the last (unsigned shifts). */
  static int stringHash(LuaString s) {
    byte[] b = s.m_bytes;
    int off = s.m_offset;
    int h = s.m_length;
    for (int i = s.m_length; i >= 1; i--) {
      h ^= (h << 5) + (h >>> 2) + (b[off + i - 1] & 0xff);
    }
    return h;
  }

  static boolean sameKey(LuaValue a, LuaValue b) {
    if (a == b) {
      return true;
    }
    int t = a.type();
    if (t != b.type()) {
      return false;
    }
    return switch (t) {
      case LuaValue.TNUMBER -> a.todouble() == b.todouble();
      case LuaValue.TSTRING -> a.raweq(b);
      case LuaValue.TBOOLEAN -> a.toboolean() == b.toboolean();
      default -> false;
    };
  }

  static int ceilLog2(int x) {
    return 32 - Integer.numberOfLeadingZeros(x - 1);
  }

  /**
   * rehash's sizing: the array part is the largest power of two n with more than n/2 of the
   * integer keys 1..n in use (counting {@code extra}); the node part takes the other keys in
   * use. Returns {@code arraySize << 32 | nodeCount}.
   */
  static long sizes(LuaValue[] arr, LuaValue[] keys, LuaValue[] values, LuaValue extra) {
    int[] nums = new int[MAXBITS + 1];
    int nasize = countArray(arr, nums);
    int total = nasize;
    for (int i = keys.length - 1; i >= 0; i--) {
      if (values[i] != null) {
        nasize += countInt(keys[i], nums);
        total++;
      }
    }
    nasize += countInt(extra, nums);
    total++;
    int a = 0;
    int na = 0;
    int n = 0;
    for (int i = 0, twotoi = 1; twotoi / 2 < nasize; i++, twotoi *= 2) {
      if (nums[i] > 0) {
        a += nums[i];
        if (a > twotoi / 2) {
          n = twotoi;
          na = a;
        }
      }
      if (a == nasize) {
        break;
      }
    }
    return (long) n << 32 | (total - na);
  }

  /** numusearray: counts the array part's keys per slice (2^(lg-1), 2^lg]. */
  private static int countArray(LuaValue[] arr, int[] nums) {
    int used = 0;
    int i = 1;
    for (int lg = 0, ttlg = 1; lg <= MAXBITS; lg++, ttlg *= 2) {
      int lim = ttlg;
      if (lim > arr.length) {
        lim = arr.length;
        if (i > lim) {
          break;
        }
      }
      int lc = 0;
      for (; i <= lim; i++) {
        if (arr[i - 1] != null) {
          lc++;
        }
      }
      nums[lg] += lc;
      used += lc;
    }
    return used;
  }
}
