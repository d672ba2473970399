package io.lime.internal.script;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
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
 * main position); weak modes ({@code __mode}) are ignored (entries held strongly). Not thread-safe (the interpreter's lock guards it).
 */
final class Lua51Table extends Lua51Parts {
  // a constructor's SETLIST with a multiple-value last item, not applied yet
  private int pendingFrom;
  private int pendingCount;
  private LuaValue[] pending = NO_VALUES;

  /** An empty table ({@code lua_newtable}). */
  Lua51Table() {}

  /** {@code lua_createtable(narray, nhash)}: the parts presized. */
  Lua51Table(int narray, int nhash) {
    super(narray, nhash);
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
    flush();
    return border();
  }

  /** Lua 5.1 takes a table's length without {@code __len}. */
  @Override
  public LuaValue len() {
    flush();
    return LuaInteger.valueOf(border());
  }

  @Override
  public int rawlen() {
    flush();
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
    return nextEntry(key);
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
}
