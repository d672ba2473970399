package io.lime.internal.script;

import io.lime.resp.ReplySink;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The conversions between Redis replies and Lua values, as Redis 7.0's script_lua.c
 * (redisProtocolToLuaType and luaReplyToRedisReply).
 *
 * <p>Command reply to Lua: integer → number; bulk → string; status → {@code {ok=s}}; error →
 * {@code {err=s}}; array → table; RESP2 nulls → {@code false}. After {@code redis.setresp(3)}
 * also: null → nil, map → {@code {map={k=v}}}, set → {@code {set={m=true}}}, double → {@code
 * {double=n}}, boolean → boolean, big number → {@code {big_number=s}}, verbatim → {@code
 * {verbatim_string={format=f, string=s}}}.
 *
 * <p>Lua to reply: string → bulk; number → integer (truncated); boolean → 1 or null while the
 * script speaks RESP2, a boolean after {@code setresp(3)}; a table with a string {@code err}
 * field → error, {@code ok} → status, number {@code double} → double, {@code big_number} →
 * big number, table {@code map} → map, table {@code set} → set; any other table → array of
 * its elements 1, 2, ... up to the first nil; anything else → null.
 */
final class LuaReplies {
  static final LuaString ERR = LuaString.valueOf("err");
  static final LuaString OK = LuaString.valueOf("ok");
  private static final LuaString DOUBLE = LuaString.valueOf("double");
  private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
  private static final LuaString MAP = LuaString.valueOf("map");
  private static final LuaString SET = LuaString.valueOf("set");
  private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
  private static final LuaString FORMAT = LuaString.valueOf("format");
  private static final LuaString STRING = LuaString.valueOf("string");

  private LuaReplies() {}

  /** A command's decoded reply as the Lua value redis.call returns. */
  static LuaValue toLua(RespValue r) {
    if (r instanceof RespValue.Integer i) {
      return LuaValue.valueOf((double) i.value());
    } else if (r instanceof RespValue.Bulk b) {
      return LuaString.valueOf(b.value());
    } else if (r instanceof RespValue.SimpleString s) {
      return table(OK, str(s.value()));
    } else if (r instanceof RespValue.Error e) {
      return table(ERR, str(e.message()));
    } else if (r instanceof RespValue.Null n) {
      return n.type() == '_' ? LuaValue.NIL : LuaValue.FALSE;
    } else if (r instanceof RespValue.Array a) {
      return list(a.elements());
    } else if (r instanceof RespValue.Push p) {
      return list(p.elements());
    } else if (r instanceof RespValue.Map m) {
      LuaTable t = new Lua51Table();
      for (RespValue.Pair p : m.entries()) {
        t.rawset(toLua(p.key()), toLua(p.value()));
      }
      return table(MAP, t);
    } else if (r instanceof RespValue.Set s) {
      LuaTable t = new Lua51Table();
      for (RespValue e : s.elements()) {
        t.rawset(toLua(e), LuaValue.TRUE);
      }
      return table(SET, t);
    } else if (r instanceof RespValue.Double d) {
      return table(DOUBLE, LuaValue.valueOf(d.value()));
    } else if (r instanceof RespValue.Boolean b) {
      return LuaValue.valueOf(b.value());
    } else if (r instanceof RespValue.BigNumber b) {
      return table(BIG_NUMBER, str(b.value().toString()));
    } else if (r instanceof RespValue.Verbatim v) {
      LuaTable t = new Lua51Table();
      t.rawset(FORMAT, str(v.format()));
      t.rawset(STRING, str(v.text()));
      return table(VERBATIM, t);
    } else if (r instanceof RespValue.Attribute a) {
      return toLua(a.value());
    }
    return LuaValue.NIL;
  }

  private static LuaTable list(java.util.List<RespValue> elements) {
    LuaTable t = new Lua51Table();
    for (int i = 0; i < elements.size(); i++) {
      t.rawset(i + 1, toLua(elements.get(i)));
    }
    return t;
  }

  static LuaTable table(LuaValue key, LuaValue value) {
    LuaTable t = new Lua51Table();
    t.rawset(key, value);
    return t;
  }

  static LuaString str(String s) {
    return LuaString.valueOf(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(LuaValue v) {
    LuaString s = v.checkstring();
    byte[] b = new byte[s.m_length];
    s.copyInto(0, b, 0, b.length);
    return b;
  }

  /**
   * Writes a script's result to the caller's {@code out}; {@code luaResp} is the protocol the
   * script chose with {@code redis.setresp} (it decides how booleans are replied).
   */
  static void write(LuaValue v, ReplySink out, int luaResp) {
    switch (v.type()) {
      case LuaValue.TSTRING -> out.bulk(bytes(v));
      case LuaValue.TBOOLEAN -> {
        if (luaResp == 3) {
          out.bool(v.toboolean());
        } else if (v.toboolean()) {
          out.integer(1);
        } else {
          out.nullBulk();
        }
      }
      case LuaValue.TNUMBER -> out.integer(LuaNumbers.toLong(v.todouble()));
      case LuaValue.TTABLE -> writeTable((LuaTable) v, out, luaResp);
      default -> out.nullBulk();
    }
  }

  private static void writeTable(LuaTable t, ReplySink out, int luaResp) {
    LuaValue err = t.rawget(ERR);
    if (err.type() == LuaValue.TSTRING) {
      out.error(bytes(err)); // as "-%s": the script chose the code; newlines become spaces
      return;
    }
    LuaValue ok = t.rawget(OK);
    if (ok.type() == LuaValue.TSTRING) {
      out.simple(new String(noNewlines(bytes(ok)), StandardCharsets.ISO_8859_1));
      return;
    }
    LuaValue d = t.rawget(DOUBLE);
    if (d.type() == LuaValue.TNUMBER) {
      out.doubleValue(d.todouble());
      return;
    }
    LuaValue big = t.rawget(BIG_NUMBER);
    if (big.type() == LuaValue.TSTRING) {
      out.bigNumber(new String(bytes(big), StandardCharsets.ISO_8859_1));
      return;
    }
    LuaValue map = t.rawget(MAP);
    if (map.type() == LuaValue.TTABLE) {
      entries((LuaTable) map, true, out, luaResp);
      return;
    }
    LuaValue set = t.rawget(SET);
    if (set.type() == LuaValue.TTABLE) {
      entries((LuaTable) set, false, out, luaResp);
      return;
    }
    int n = 0;
    while (!t.rawget(n + 1).isnil()) {
      n++;
    }
    out.arrayHeader(n);
    for (int i = 1; i <= n; i++) {
      write(t.rawget(i), out, luaResp);
    }
  }

  /** A RESP3 map of {@code t}'s entries, or a set of its keys. */
  private static void entries(LuaTable t, boolean map, ReplySink out, int luaResp) {
    if (map) {
      out.mapHeader(count(t));
    } else {
      out.setHeader(count(t));
    }
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        return;
      }
      write(k, out, luaResp);
      if (map) {
        write(n.arg(2), out, luaResp);
      }
    }
  }

  private static int count(LuaTable t) {
    int n = 0;
    LuaValue k = LuaValue.NIL;
    while (!(k = t.next(k).arg1()).isnil()) {
      n++;
    }
    return n;
  }

  private static byte[] noNewlines(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\r' || b[i] == '\n') {
        b[i] = ' ';
      }
    }
    return b;
  }
}
