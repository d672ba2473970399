package io.lime.internal.script;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua table laid out as Lua 5.1.5's {@code ltable.c} lays it out (the Lua Redis 7.0 embeds),
 * so that {@code next}/{@code pairs}, and with them the key order of {@code cjson.encode},
 * {@code cmsgpack.pack} and RESP3 map replies, and the border {@code #t} returns, are the same
 * as in Redis. Every table a script can create is one: constructors ({@link
 * TableConstructors} rewrites OP_NEWTABLE), KEYS/ARGV, converted replies, {@code cjson.decode}
 * and {@code cmsgpack.unpack}.
 *
 * <p>Implementation notes. <b>Layout.</b> An array part (keys 1..n, {@code null} = nil) and a
 * node part of a power-of-two size: key, value and chain link per node, {@code lastfree}
 * walking down from the end. A key lives at its main position or, on a collision, in the next
 * free node (the colliding node moves there instead when it is not in its own main position:
 * Brent's variation); with no free node the table is rehashed: sizes from the count of integer
 * keys per power-of-two slice ({@code computesizes}: the largest n with more than n/2 of 1..n
 * used), then the vanishing array slice and the old nodes, from the last down, are
 * re-inserted. A key set to nil stays as a dead node until then; setting a missing key to nil
 * still creates its node, as {@code luaH_set} does. <b>Hashes.</b> Strings: Redis's {@code
 * luaS_hash} (every byte, Redis's patch of 5.1's step), with unsigned shifts; numbers: the two
 * 32-bit halves of the double added, modulo {@code (size-1)|1}; booleans: 0/1. Other keys
 * (tables, functions, userdata) hash by identity: their order depends on addresses in Redis
 * too, so it cannot match. <b>Constructors.</b> {@code SETLIST} with a multiple-value last item
 * ({@code {f()}}, {@code {...}}) reaches here as consecutive {@link #set(int, LuaValue)} calls
 * past the array part; they are held and applied at the next other operation as Lua 5.1 does
 * (array part grown to the last index first). <b>Differences.</b> Lua 5.1's collector marks a
 * dead string key DEADKEY when it traverses the table; re-setting such a key then takes a new
 * node where here it revives the old one (only visible when the key had been moved off its
 * main position); weak modes ({@code __mode}) are ignored (entries held strongly); {@code
 * table.sort} keeps LuaJ's algorithm. Not thread-safe (the interpreter's lock guards it).
 */
final class Lua51Table extends LuaTable {
  private static final int MAXBITS = 26;
  private static final LuaValue[] NO_VALUES = {};
  // the shared empty node part (Lua's dummynode): one node, never written
  private static final LuaValue[] DUMMY_KEYS = new LuaValue[1];
  private static final LuaValue[] DUMMY_VALUES = new LuaValue[1];
  private static final int[] DUMMY_NEXT = {-1};

  private LuaValue[] arr = NO_VALUES;
  private LuaValue[] nkey = DUMMY_KEYS;
  private LuaValue[] nval = DUMMY_VALUES;
  private int[] nnext = DUMMY_NEXT;
  private int lastfree;
  // a constructor's SETLIST with a multiple-value last item, not applied yet
  private int pendingFrom;
  private int pendingCount;
  private LuaValue[] pending = NO_VALUES;

  /** An empty table ({@code lua_newtable}). */
  Lua51Table() {}

  /** {@code lua_createtable(narray, nhash)}: the parts presized. */
  Lua51Table(int narray, int nhash) {
    if (narray > 0) {
      arr = new LuaValue[narray];
    }
    setNodeVector(nhash);
  }

  // ---- reads

  @Override
  public LuaValue rawget(int key) {
    flush();
    LuaValue v = Integer.compareUnsigned(key - 1, arr.length) < 0 ? arr[key - 1] : hashNum(key);
    return v == null ? NIL : v;
  }

  @Override
  public LuaValue rawget(LuaValue key) {
    flush();
    int s = find(key);
    LuaValue v = s < 0 ? null : s < arr.length ? arr[s] : nval[s - arr.length];
    return v == null ? NIL : v;
  }

  @Override
  protected LuaValue hashget(LuaValue key) {
    return rawget(key);
  }

  @Override
  public LuaValue get(int key) {
    LuaValue v = rawget(key);
    return v.isnil() && m_metatable != null ? super.get(key) : v;
  }

  @Override
  public LuaValue get(LuaValue key) {
    LuaValue v = rawget(key);
    return v.isnil() && m_metatable != null ? super.get(key) : v;
  }

  // ---- writes

  @Override
  public void rawset(int key, LuaValue value) {
    flush();
    write(setNum(key), value);
  }

  @Override
  public void rawset(LuaValue key, LuaValue value) {
    flush();
    write(setSlot(key), value);
  }

  @Override
  public void hashset(LuaValue key, LuaValue value) {
    rawset(key, value);
  }

  @Override
  public void set(LuaValue key, LuaValue value) {
    if (m_metatable == null && key.isvalidkey()) {
      rawset(key, value);
    } else {
      super.set(key, value); // __newindex, or LuaJ's error for a nil/NaN key
    }
  }

  /** LuaJ's SETLIST (and only it, for the tables scripts create) stores through here. */
  @Override
  public void set(int key, LuaValue value) {
    if (m_metatable != null) {
      flush();
      super.set(key, value);
    } else if (pendingCount == 0 && Integer.compareUnsigned(key - 1, arr.length) < 0) {
      arr[key - 1] = value.isnil() ? null : value;
    } else {
      if (pendingCount > 0 && key != pendingFrom + pendingCount) {
        flush();
      }
      if (pendingCount == 0) {
        pendingFrom = key;
      }
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, Math.max(8, pendingCount * 2));
      }
      pending[pendingCount++] = value;
    }
  }

  /** Lua 5.1's SETLIST with a known count: the array part grows to {@code n} first. */
  @Override
  public void presize(int n) {
    flush();
    if (n > arr.length) {
      resize(n, sizeNode());
    }
  }

  @Override
  public void presize(int narray, int nhash) {
    presize(narray);
  }

  private void flush() {
    if (pendingCount == 0) {
      return;
    }
    int n = pendingCount;
    pendingCount = 0;
    int last = pendingFrom + n - 1;
    if (last > arr.length) {
      resize(last, sizeNode());
    }
    for (int i = n - 1; i >= 0; i--) {
      write(setNum(pendingFrom + i), pending[i]);
      pending[i] = null;
    }
  }

  // ---- length, next, table library

  @Override
  public int length() {
    return border();
  }

  /** Lua 5.1 takes a table's length without {@code __len}. */
  @Override
  public LuaValue len() {
    return LuaInteger.valueOf(border());
  }

  @Override
  public int rawlen() {
    return border();
  }

  @Override
  protected int getArrayLength() {
    return arr.length;
  }

  @Override
  protected int getHashLength() {
    return sizeNode();
  }

  @Override
  public Varargs next(LuaValue key) {
    flush();
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

  /** table.insert (LuaJ passes {@code length()+1} for the two-argument form): tinsert. */
  @Override
  public void insert(int pos, LuaValue value) {
    flush();
    int e = border() + 1;
    if (pos > e) {
      e = pos;
    }
    for (int i = e; i > pos; i--) {
      write(setNum(i), rawget(i - 1));
    }
    write(setNum(pos), value);
  }

  /** table.remove (LuaJ passes 0 for no position): tremove, nothing when out of 1..#t. */
  @Override
  public LuaValue remove(int pos) {
    flush();
    int e = border();
    if (pos == 0) {
      pos = e;
    }
    if (pos < 1 || pos > e) {
      return NONE;
    }
    LuaValue v = rawget(pos);
    for (; pos < e; pos++) {
      write(setNum(pos), rawget(pos + 1));
    }
    write(setNum(e), NIL);
    return v;
  }

  @Override
  public Varargs unpack() {
    return unpack(1, border());
  }

  @Override
  public Varargs unpack(int i) {
    return unpack(i, border());
  }

  /** LuaJ's sort over 1..#t, written back in place (keys already present keep the layout). */
  @Override
  public void sort(LuaValue comparator) {
    int n = border();
    LuaTable copy = new LuaTable(n, 0);
    for (int i = 1; i <= n; i++) {
      copy.rawset(i, rawget(i));
    }
    copy.sort(comparator);
    for (int i = 1; i <= n; i++) {
      rawset(i, copy.rawget(i));
    }
  }

  @Override
  public int keyCount() {
    int n = 0;
    for (LuaValue k = NIL; !(k = next(k).arg1()).isnil(); ) {
      n++;
    }
    return n;
  }

  @Override
  public LuaValue[] keys() {
    LuaValue[] keys = new LuaValue[keyCount()];
    LuaValue k = NIL;
    for (int i = 0; i < keys.length; i++) {
      keys[i] = k = next(k).arg1();
    }
    return keys;
  }

  // ---- ltable.c

  private int sizeNode() {
    return nkey == DUMMY_KEYS ? 0 : nkey.length;
  }

  /** Stores {@code v} at slot {@code s} (array index, or array length + node index). */
  private void write(int s, LuaValue v) {
    LuaValue x = v.isnil() ? null : v;
    if (s < arr.length) {
      arr[s] = x;
    } else {
      nval[s - arr.length] = x;
    }
  }

  /** luaH_getnum past the array part: the value of integer key {@code key}, or null. */
  private LuaValue hashNum(int key) {
    double nk = key;
    int n = numPosition(nk, nkey.length);
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
  private int find(LuaValue key) {
    int k = arrayIndex(key);
    if (Integer.compareUnsigned(k - 1, arr.length) < 0) {
      return k - 1;
    }
    if (key.isnil()) {
      return -1;
    }
    int n = mainPosition(key);
    do {
      if (nkey[n] != null && sameKey(nkey[n], key)) {
        return arr.length + n;
      }
      n = nnext[n];
    } while (n >= 0);
    return -1;
  }

  /** luaH_setnum. */
  private int setNum(int key) {
    if (Integer.compareUnsigned(key - 1, arr.length) < 0) {
      return key - 1;
    }
    return setSlot(LuaInteger.valueOf(key));
  }

  /** luaH_set: the slot of {@code key}, created when absent. */
  private int setSlot(LuaValue key) {
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
    int mp = mainPosition(key);
    if (nval[mp] != null || nkey == DUMMY_KEYS) {
      int free = freePosition();
      if (free < 0) {
        rehash(key);
        return setSlot(key);
      }
      int other = mainPosition(nkey[mp]);
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

  private void rehash(LuaValue extra) {
    int[] nums = new int[MAXBITS + 1];
    int nasize = countArray(nums);
    int total = nasize;
    for (int i = nkey.length - 1; i >= 0; i--) {
      if (nval[i] != null) {
        nasize += countInt(nkey[i], nums);
        total++;
      }
    }
    nasize += countInt(extra, nums);
    total++;
    // computesizes: the largest power of two n with more than n/2 of 1..n in use
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
    resize(n, total - na);
  }

  /** numusearray: counts the array part's keys per slice (2^(lg-1), 2^lg]. */
  private int countArray(int[] nums) {
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

  private static int countInt(LuaValue key, int[] nums) {
    int k = arrayIndex(key);
    if (k > 0 && k <= 1 << MAXBITS) {
      nums[ceilLog2(k)]++;
      return 1;
    }
    return 0;
  }

  private void resize(int nasize, int nhsize) {
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
    int lsize = ceilLog2(size);
    if (lsize > MAXBITS) {
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
    int k = arrayIndex(key);
    if (k > 0 && k <= arr.length) {
      return k - 1;
    }
    int n = mainPosition(key);
    do {
      if (nkey[n] != null && sameKey(nkey[n], key)) {
        return arr.length + n;
      }
      n = nnext[n];
    } while (n >= 0);
    throw new LuaError("invalid key to 'next'");
  }

  /** luaH_getn: a border, binary search in the array part or unbound search past it. */
  private int border() {
    flush();
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

  /** The integer {@code key} stands for, or 0 when it is not an integer number. */
  private static int arrayIndex(LuaValue key) {
    if (key.isinttype()) {
      return key.toint();
    }
    if (key.type() == TNUMBER) {
      double d = key.todouble();
      int k = (int) d;
      return k == d && k != Integer.MAX_VALUE && k != Integer.MIN_VALUE ? k : 0;
    }
    return 0;
  }

  private int mainPosition(LuaValue key) {
    int size = nkey.length;
    return switch (key.type()) {
      case TNUMBER -> numPosition(key.todouble(), size);
      case TSTRING -> stringHash((LuaString) key) & (size - 1);
      case TBOOLEAN -> (key.toboolean() ? 1 : 0) & (size - 1);
      default -> Integer.remainderUnsigned(System.identityHashCode(key), (size - 1) | 1);
    };
  }

  /** hashnum: 0 for zero (and -0), else the double's two 32-bit halves added, mod (size-1)|1. */
  private static int numPosition(double n, int size) {
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

  private static boolean sameKey(LuaValue a, LuaValue b) {
    if (a == b) {
      return true;
    }
    int t = a.type();
    if (t != b.type()) {
      return false;
    }
    return switch (t) {
      case TNUMBER -> a.todouble() == b.todouble();
      case TSTRING -> a.raweq(b);
      case TBOOLEAN -> a.toboolean() == b.toboolean();
      default -> false;
    };
  }

  private static int ceilLog2(int x) {
    return 32 - Integer.numberOfLeadingZeros(x - 1);
  }
}
