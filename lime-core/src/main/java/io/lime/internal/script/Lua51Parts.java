package io.lime.internal.script;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1.5's {@code ltable.c} over Java arrays: the storage of {@link Lua51Table} (see there
 * for the layout and what differs), separate from LuaJ's LuaTable API that it serves.
 * An array part (keys 1..n, {@code null} = nil) and a node part of a power-of-two size (key,
 * value, chain link per node; {@code lastfree} walking down from the end; the shared one-node
 * dummy when empty). Not thread-safe.
 */
abstract class Lua51Parts extends LuaTable {
  static final LuaValue[] NO_VALUES = {};
  // the shared empty node part (Lua's dummynode): one node, never written
  private static final LuaValue[] DUMMY_KEYS = new LuaValue[1];
  private static final LuaValue[] DUMMY_VALUES = new LuaValue[1];
  private static final int[] DUMMY_NEXT = {-1};

  LuaValue[] arr = NO_VALUES;
  private LuaValue[] nkey = DUMMY_KEYS;
  LuaValue[] nval = DUMMY_VALUES;
  private int[] nnext = DUMMY_NEXT;
  private int lastfree;

  /** An empty table ({@code lua_newtable}). */
  Lua51Parts() {}

  /** {@code lua_createtable(narray, nhash)}: the parts presized. */
  Lua51Parts(int narray, int nhash) {
    if (narray > 0) {
      arr = new LuaValue[narray];
    }
    setNodeVector(nhash);
  }

  /** luaH_next: the entry after {@code key}, array part first, then nodes 0..size-1. */
  final Varargs nextEntry(LuaValue key) {
    int i = findIndex(key);
    for (i++; i < arr.length; i++) {
      if (arr[i] != null) {
        return varargsOf(LuaInteger.valueOf(i + 1), arr[i]);
      }
    }
    for (i -= arr.length; i < nkey.length; i++) {
      if (nval[i] != null) {
        return varargsOf(nkey[i], nval[i]);
      }
    }
    return NIL;
  }

  // ---- ltable.c

  final int sizeNode() {
    return nkey == DUMMY_KEYS ? 0 : nkey.length;
  }

  /** Stores {@code v} at slot {@code s} (array index, or array length + node index). */
  final void write(int s, LuaValue v) {
    LuaValue x = v.isnil() ? null : v;
    if (s < arr.length) {
      arr[s] = x;
    } else {
      nval[s - arr.length] = x;
    }
  }

  /** luaH_getnum past the array part: the value of integer key {@code key}, or null. */
  final LuaValue hashNum(int key) {
    double nk = key;
    int n = Lua51Layout.numPosition(nk, nkey.length);
    do {
      LuaValue k = nkey[n];
      if (k != null && k.type() == TNUMBER && k.todouble() == nk) {
        return nval[n];
      }
      n = nnext[n];
    } while (n >= 0);
    return null;
  }

  /** luaH_get as a slot: array index, or array length + node index; -1 when absent. */
  final int find(LuaValue key) {
    int k = Lua51Layout.arrayIndex(key);
    if (Integer.compareUnsigned(k - 1, arr.length) < 0) {
      return k - 1;
    }
    if (key.isnil()) {
      return -1;
    }
    int n = node(key);
    return n < 0 ? -1 : arr.length + n;
  }

  /** The node holding {@code key} (live or dead), or -1: its main position's chain. */
  private int node(LuaValue key) {
    int n = Lua51Layout.position(key, nkey.length);
    do {
      if (nkey[n] != null && Lua51Layout.sameKey(nkey[n], key)) {
        return n;
      }
      n = nnext[n];
    } while (n >= 0);
    return -1;
  }

  /** luaH_setnum. */
  final int setNum(int key) {
    if (Integer.compareUnsigned(key - 1, arr.length) < 0) {
      return key - 1;
    }
    return setSlot(LuaInteger.valueOf(key));
  }

  /** luaH_set: the slot of {@code key}, created when absent. */
  final int setSlot(LuaValue key) {
    int s = find(key);
    if (s >= 0) {
      return s;
    }
    if (key.isnil()) {
      throw new LuaError("table index is nil");
    }
    if (key.type() == TNUMBER && Double.isNaN(key.todouble())) {
      throw new LuaError("table index is NaN");
    }
    return newKey(key);
  }

  /** newkey: places a new key at its main position, moving or chaining on a collision. */
  private int newKey(LuaValue key) {
    int mp = Lua51Layout.position(key, nkey.length);
    if (nval[mp] != null || nkey == DUMMY_KEYS) {
      int free = freePosition();
      if (free < 0) {
        rehash(key);
        return setSlot(key);
      }
      int other = Lua51Layout.position(nkey[mp], nkey.length);
      if (other != mp) {
        // the colliding node is out of its main position: move it to the free node
        while (nnext[other] != mp) {
          other = nnext[other];
        }
        nnext[other] = free;
        nkey[free] = nkey[mp];
        nval[free] = nval[mp];
        nnext[free] = nnext[mp];
        nnext[mp] = -1;
        nval[mp] = null;
      } else {
        nnext[free] = nnext[mp];
        nnext[mp] = free;
        mp = free;
      }
    }
    nkey[mp] = key;
    return arr.length + mp;
  }

  private int freePosition() {
    while (lastfree > 0) {
      if (nkey[--lastfree] == null) {
        return lastfree;
      }
    }
    return -1;
  }

  /** rehash: new part sizes for the keys in use plus {@code extra}, then resize. */
  private void rehash(LuaValue extra) {
    long sizes = Lua51Layout.sizes(arr, nkey, nval, extra);
    resize((int) (sizes >>> 32), (int) sizes);
  }

  final void resize(int nasize, int nhsize) {
    LuaValue[] oldArr = arr;
    LuaValue[] oldKeys = nkey;
    LuaValue[] oldValues = nval;
    if (nasize != oldArr.length) {
      arr = nasize == 0 ? NO_VALUES : Arrays.copyOf(oldArr, nasize);
    }
    setNodeVector(nhsize);
    for (int i = nasize; i < oldArr.length; i++) {
      if (oldArr[i] != null) {
        write(setNum(i + 1), oldArr[i]);
      }
    }
    for (int i = oldKeys.length - 1; i >= 0; i--) {
      if (oldValues[i] != null) {
        write(setSlot(oldKeys[i]), oldValues[i]);
      }
    }
  }

  private void setNodeVector(int size) {
    if (size == 0) {
      nkey = DUMMY_KEYS;
      nval = DUMMY_VALUES;
      nnext = DUMMY_NEXT;
      lastfree = 0;
      return;
    }
    int lsize = Lua51Layout.ceilLog2(size);
    if (lsize > Lua51Layout.MAXBITS) {
      throw new LuaError("table overflow");
    }
    int n = 1 << lsize;
    nkey = new LuaValue[n];
    nval = new LuaValue[n];
    nnext = new int[n];
    Arrays.fill(nnext, -1);
    lastfree = n;
  }

  /** findindex: -1 for nil, the array index, or array length + node index. */
  private int findIndex(LuaValue key) {
    if (key.isnil()) {
      return -1;
    }
    int k = Lua51Layout.arrayIndex(key);
    if (k > 0 && k <= arr.length) {
      return k - 1;
    }
    int n = node(key);
    if (n < 0) {
      throw new LuaError("invalid key to 'next'");
    }
    return arr.length + n;
  }

  /** luaH_getn: a border, binary search in the array part or unbound search past it. */
  final int border() {
    int j = arr.length;
    if (j > 0 && arr[j - 1] == null) {
      int i = 0;
      while (j - i > 1) {
        int m = (i + j) >>> 1;
        if (arr[m - 1] == null) {
          j = m;
        } else {
          i = m;
        }
      }
      return i;
    }
    if (nkey == DUMMY_KEYS) {
      return j;
    }
    long i = j;
    long jj = j + 1L;
    while (present(jj)) {
      i = jj;
      jj *= 2;
      if (jj > Integer.MAX_VALUE) {
        int k = 1;
        while (present(k)) {
          k++;
        }
        return k - 1;
      }
    }
    while (jj - i > 1) {
      long m = (i + jj) / 2;
      if (present(m)) {
        i = m;
      } else {
        jj = m;
      }
    }
    return (int) i;
  }

  private boolean present(long key) {
    int k = (int) key;
    LuaValue v = Integer.compareUnsigned(k - 1, arr.length) < 0 ? arr[k - 1] : hashNum(k);
    return v != null;
  }
}
