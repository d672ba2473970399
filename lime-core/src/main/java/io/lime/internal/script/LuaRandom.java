package io.lime.internal.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis's {@code math.random} and {@code math.randomseed}: Redis replaces Lua's with its own
 * rand48 (rand.c), one generator per server that {@code math.randomseed} reseeds and no
 * script run resets, so a fresh server gives every client the same sequence and a seeded
 * script the same numbers as Redis. Not thread-safe: used under the interpreter's lock.
 */
final class LuaRandom {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long MASK = (1L << 48) - 1;
  /** REDIS_LRAND48_MAX. */
  private static final int MAX = Integer.MAX_VALUE;

  /** rand48's state x (48 bits), as redisSrand48 leaves it, or at start 0x1234ABCD330E. */
  private long x = 0x1234ABCD330EL;

  /** redisLrand48: the next 31-bit number. */
  int next() {
    x = (MULTIPLIER * x + 0xB) & MASK;
    return (int) (x >>> 17);
  }

  /** redisSrand48. */
  void seed(int s) {
    x = ((s & 0xFFFFFFFFL) << 16) | 0x330E;
  }

  /** luaL_checkint: C's {@code (int) (long) d}. */
  static int checkInt(Varargs a, int i) {
    return (int) LuaNumbers.toLong(a.checkdouble(i));
  }

  /** Installs {@code random} and {@code randomseed} of one generator in table {@code math}. */
  static void install(LuaTable math) {
    LuaRandom r = new LuaRandom();
    math.rawset("random", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        double v = (double) (r.next() % MAX) / MAX;
        switch (a.narg()) {
          case 0 -> {
            return LuaValue.valueOf(v);
          }
          case 1 -> {
            int u = checkInt(a, 1);
            if (u < 1) {
              throw new LuaError("bad argument #1: interval is empty");
            }
            return LuaValue.valueOf(Math.floor(v * u) + 1);
          }
          case 2 -> {
            int l = checkInt(a, 1);
            int u = checkInt(a, 2);
            if (l > u) {
              throw new LuaError("bad argument #2: interval is empty");
            }
            return LuaValue.valueOf(Math.floor(v * (u - l + 1)) + l);
          }
          default -> throw new LuaError("wrong number of arguments");
        }
      }
    });
    math.rawset("randomseed", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        r.seed(checkInt(a, 1));
        return NONE;
      }
    });
  }
}
