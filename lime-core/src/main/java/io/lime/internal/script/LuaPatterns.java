package io.lime.internal.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's pattern functions where LuaJ's differ: {@code gmatch} goes on past an empty match
 * (LuaJ's loops for ever on {@code gmatch(s, '')}) and reads a leading {@code ^} as a plain
 * character; a malformed pattern fails with Lua 5.1's message ({@code malformed pattern
 * (missing ']')}) where LuaJ's matcher runs off the pattern's end; a lone {@code %} ending a
 * {@code gsub} replacement adds the C string's NUL; {@code gsub}'s replacement of a wrong type
 * is argument #3; {@code lower} and {@code upper} change ASCII letters only (C's locale).
 */
final class LuaPatterns {
  private LuaPatterns() {}

  static void install(LuaValue string) {
    LuaValue find = string.get("find");
    for (String name : new String[] {"find", "match"}) {
      LuaValue f = string.get(name);
      string.set(name, new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs a) {
          return checked(f, a, 2);
        }
      });
    }
    for (String name : new String[] {"lower", "upper"}) {
      boolean upper = name.equals("upper");
      string.set(name, new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs a) {
          LuaValue v = a.arg1();
          LuaString s = v.type() == TNUMBER
              ? LuaValue.valueOf(LuaNumbers.format(v.todouble())) : a.checkstring(1);
          byte[] b = new byte[s.m_length];
          s.copyInto(0, b, 0, b.length);
          for (int i = 0; i < b.length; i++) {
            if (upper ? b[i] >= 'a' && b[i] <= 'z' : b[i] >= 'A' && b[i] <= 'Z') {
              b[i] ^= 0x20;
            }
          }
          return LuaString.valueOf(b);
        }
      });
    }
    LuaValue gsub = string.get("gsub");
    string.set("gsub", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaValue r = a.arg(3);
        int t = r.type();
        if (t != TNUMBER && t != TSTRING && t != TTABLE && t != TFUNCTION) {
          a.checkstring(1);
          a.checkstring(2);
          throw new LuaError("bad argument #3: string/function/table expected");
        }
        LuaValue max = a.arg(4);
        if (!max.isnil() && max.tonumber().isnil()) {
          throw new LuaError("bad argument #4: number expected, got " + max.typename());
        }
        if (t == TSTRING && loneEscapeAtEnd(r.checkstring())) {
          LuaString s = r.checkstring();
          byte[] b = new byte[s.m_length + 1];
          s.copyInto(0, b, 0, s.m_length);
          a = LuaValue.varargsOf(new LuaValue[] {a.arg(1), a.arg(2), LuaString.valueOf(b)},
              a.subargs(4));
        }
        return checked(gsub, a, 2);
      }
    });
    string.set("gmatch", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs a) {
        LuaString s = a.checkstring(1);
        LuaString p = a.checkstring(2);
        if (p.m_length > 0 && p.luaByte(0) == '^') { // no anchor in Lua 5.1's gmatch
          byte[] b = new byte[p.m_length + 1];
          b[0] = '%';
          p.copyInto(0, b, 1, p.m_length);
          p = LuaString.valueOf(b);
        }
        return gmatch(find, s, p);
      }
    });
  }

  /** Lua 5.1's gmatch_aux over {@code string.find}: an empty match moves on one character. */
  private static LuaValue gmatch(LuaValue find, LuaString s, LuaString p) {
    int[] init = {1};
    return new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs ignored) {
        if (init[0] > s.m_length + 1) {
          return NIL;
        }
        Varargs r = checked(find, LuaValue.varargsOf(s, p, LuaValue.valueOf(init[0])), 2);
        if (r.arg1().isnil()) {
          init[0] = s.m_length + 2;
          return NIL;
        }
        int st = r.arg1().toint();
        int e = r.arg(2).toint();
        init[0] = e < st ? st + 1 : e + 1;
        return r.narg() > 2 ? r.subargs(3) : s.substring(st - 1, e);
      }
    };
  }

  private static boolean loneEscapeAtEnd(LuaString r) {
    boolean lone = false;
    for (int i = 0; i < r.m_length; i++) {
      if (r.luaByte(i) == '%') {
        lone = i == r.m_length - 1;
        i++;
      }
    }
    return lone;
  }

  /** Calls {@code f}; when LuaJ's matcher ran off the pattern, fails as Lua 5.1 does. */
  private static Varargs checked(LuaValue f, Varargs a, int patternArg) {
    try {
      return f.invoke(a);
    } catch (IndexOutOfBoundsException e) {
      throw new LuaError(malformed(a.checkstring(patternArg)));
    }
  }

  /** Lua 5.1's message for the first malformation of pattern {@code p}. */
  static String malformed(LuaString p) {
    int n = p.m_length;
    int level = 0;
    for (int i = 0; i < n; i++) {
      int c = p.luaByte(i);
      if (c == '(') {
        level++;
      } else if (c == ')') {
        if (level == 0) {
          return "invalid pattern capture";
        }
        level--;
      } else if (c == '%') {
        if (i + 1 >= n) {
          return "malformed pattern (ends with '%')";
        }
        int d = p.luaByte(i + 1);
        if (d == 'b') {
          if (i + 3 >= n) {
            return "unbalanced pattern";
          }
          i += 3;
          continue;
        }
        if (d == 'f') {
          if (i + 2 >= n || p.luaByte(i + 2) != '[') {
            return "missing '[' after '%f' in pattern";
          }
          i += 1;
          continue;
        }
        i++;
      } else if (c == '[') {
        int j = i + 1;
        if (j < n && p.luaByte(j) == '^') {
          j++;
        }
        do {
          if (j >= n) {
            return "malformed pattern (missing ']')";
          }
          if (p.luaByte(j++) == '%' && j < n) {
            j++;
          }
        } while (j >= n || p.luaByte(j) != ']');
        i = j;
      }
    }
    return level > 0 ? "unfinished capture" : "malformed pattern";
  }
}
