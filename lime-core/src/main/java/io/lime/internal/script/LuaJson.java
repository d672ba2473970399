package io.lime.internal.script;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code cjson} library as Redis embeds it (lua_cjson 2.1 defaults): {@code encode}
 * (numbers as {@code "%.14g"}, {@code /} escaped, tables with keys 1..n as arrays, others as
 * objects, {@code cjson.null}), {@code decode} and {@code null}.
 */
final class LuaJson {
  /** {@code cjson.null}: a light userdata in Redis, a unique userdata here. */
  static final LuaUserdata NULL = new LuaUserdata(new Object()) {
    /** What Lua 5.1 prints for the light userdata NULL (glibc's {@code %p} of it). */
    @Override
    public String tojstring() {
      return "userdata: (nil)";
    }
  };

  private LuaJson() {}

  static LuaTable table() {
    return LuaTables.of("encode", LuaTables.fn(a -> encode(one(a, "encode"))),
        "decode", LuaTables.fn(a -> decode(one(a, "decode"))), "null", NULL);
  }

  private static LuaValue one(Varargs a, String name) {
    if (a.narg() != 1) {
      throw new LuaError("bad argument #1 to '" + name + "' (expected 1 argument)");
    }
    return a.arg1();
  }

  private static LuaValue encode(LuaValue v) {
    StringBuilder sb = new StringBuilder();
    encode(v, sb, 0);
    return LuaValue.valueOf(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static LuaValue decode(LuaValue v) {
    byte[] b = LuaReplies.bytes(v);
    Decoder d = new Decoder(new String(b, StandardCharsets.ISO_8859_1));
    LuaValue r = d.value(0);
    d.ws();
    if (d.pos != d.s.length()) {
      throw new LuaError("Expected the end but found invalid token at character " + (d.pos + 1));
    }
    return r;
  }

  private static void encode(LuaValue v, StringBuilder sb, int depth) {
    if (depth > 1000) {
      throw new LuaError("Cannot serialise, excessive nesting (1001)");
    }
    switch (v.type()) {
      case LuaValue.TNIL -> sb.append("null");
      case LuaValue.TBOOLEAN -> sb.append(v.toboolean());
      case LuaValue.TNUMBER -> {
        double d = v.todouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        sb.append(LuaNumbers.format(d));
      }
      case LuaValue.TSTRING -> string(LuaReplies.bytes(v), sb);
      case LuaValue.TUSERDATA -> {
        if (v == NULL) {
          sb.append("null");
        } else {
          throw new LuaError("Cannot serialise userdata: type not supported");
        }
      }
      case LuaValue.TTABLE -> table((LuaTable) v, sb, depth);
      default -> throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
    }
  }

  private static void table(LuaTable t, StringBuilder sb, int depth) {
    int max = 0;
    int items = 0;
    boolean array = true;
    LuaValue k = LuaValue.NIL;
    while (!(k = t.next(k).arg1()).isnil()) {
      items++;
      double d = k.type() == LuaValue.TNUMBER ? k.todouble() : -1;
      if (d >= 1 && d == Math.floor(d)) {
        max = Math.max(max, (int) d);
      } else {
        array = false;
      }
    }
    if (array && items > 0 && max > items * 2 && max > 10) {
      throw new LuaError("Cannot serialise table: excessively sparse array");
    }
    if (array && max > 0) {
      sb.append('[');
      for (int i = 1; i <= max; i++) {
        if (i > 1) {
          sb.append(',');
        }
        encode(t.rawget(i), sb, depth + 1);
      }
      sb.append(']');
      return;
    }
    sb.append('{');
    boolean first = true;
    k = LuaValue.NIL;
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (k.type() == LuaValue.TNUMBER) {
        sb.append('"').append(LuaNumbers.format(k.todouble())).append('"');
      } else if (k.type() == LuaValue.TSTRING) {
        string(LuaReplies.bytes(k), sb);
      } else {
        throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
      }
      sb.append(':');
      encode(n.arg(2), sb, depth + 1);
    }
    sb.append('}');
  }

  private static void string(byte[] b, StringBuilder sb) {
    sb.append('"');
    for (byte x : b) {
      int c = x & 0xff;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '/' -> sb.append("\\/");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", c));
          } else {
            sb.append((char) c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A JSON reader over the bytes as ISO-8859-1 characters (strings stay byte strings). */
  private static final class Decoder {
    final String s;
    int pos;

    Decoder(String s) {
      this.s = s;
    }

    void ws() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    /** At an object's or array's opening: consumes it, and its {@code end} if it is empty. */
    private boolean opensEmpty(char end) {
      pos++;
      ws();
      if (pos < s.length() && s.charAt(pos) == end) {
        pos++;
        return true;
      }
      return false;
    }

    /** After a member: true at {@code end} (consumed), false after a comma, else an error. */
    private boolean ended(char end, String expected) {
      ws();
      if (pos < s.length() && (s.charAt(pos) == ',' || s.charAt(pos) == end)) {
        return s.charAt(pos++) == end;
      }
      throw bad(expected);
    }

    LuaError bad(String what) {
      return new LuaError("Expected " + what + " but found " + token() + " at character "
          + (pos + 1));
    }

    /** lua_cjson's name of the token at {@code pos} (json_token_type_name). */
    private String token() {
      if (pos >= s.length()) {
        return "T_END";
      }
      char c = s.charAt(pos);
      int i = "{}[]\":,".indexOf(c);
      if (i >= 0) {
        return new String[] {"T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING",
            "T_COLON", "T_COMMA"}[i];
      }
      if (c == '-' || (c >= '0' && c <= '9')) {
        return "T_NUMBER";
      }
      if (s.startsWith("true", pos) || s.startsWith("false", pos)) {
        return "T_BOOLEAN";
      }
      return s.startsWith("null", pos) ? "T_NULL" : "invalid token";
    }

    LuaValue value(int depth) {
      if (depth > 1000) {
        throw new LuaError("Found too many nested data structures (1001) at character "
            + (pos + 1));
      }
      ws();
      if (pos >= s.length()) {
        throw new LuaError("Expected value but found T_END at character " + (pos + 1));
      }
      char c = s.charAt(pos);
      if (c == '{') {
        LuaTable t = new Lua51Table();
        if (opensEmpty('}')) {
          return t;
        }
        while (true) {
          ws();
          if (pos >= s.length() || s.charAt(pos) != '"') {
            throw bad("object key string");
          }
          LuaValue key = str();
          ws();
          if (pos >= s.length() || s.charAt(pos) != ':') {
            throw bad("colon");
          }
          pos++;
          t.rawset(key, value(depth + 1));
          if (ended('}', "comma or object end")) {
            return t;
          }
        }
      } else if (c == '[') {
        LuaTable t = new Lua51Table();
        if (opensEmpty(']')) {
          return t;
        }
        for (int i = 1; ; i++) {
          t.rawset(i, value(depth + 1));
          if (ended(']', "comma or array end")) {
            return t;
          }
        }
      } else if (c == '"') {
        return str();
      } else if (s.startsWith("true", pos)) {
        pos += 4;
        return LuaValue.TRUE;
      } else if (s.startsWith("false", pos)) {
        pos += 5;
        return LuaValue.FALSE;
      } else if (s.startsWith("null", pos)) {
        pos += 4;
        return NULL;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      try {
        return LuaValue.valueOf(Double.parseDouble(s.substring(start, pos)));
      } catch (NumberFormatException e) {
        pos = start;
        throw bad("value");
      }
    }

    LuaString str() {
      pos++; // opening quote
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      while (true) {
        if (pos >= s.length()) {
          throw new LuaError("Expected value but found unexpected end of string at character "
              + (pos + 1));
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return LuaString.valueOf(out.toByteArray());
        }
        if (c != '\\') {
          out.write(c);
          continue;
        }
        char e = pos < s.length() ? s.charAt(pos++) : 0;
        switch (e) {
          case 'b' -> out.write('\b');
          case 'f' -> out.write('\f');
          case 'n' -> out.write('\n');
          case 'r' -> out.write('\r');
          case 't' -> out.write('\t');
          case 'u' -> {
            int cp = Integer.parseInt(s.substring(pos, Math.min(pos + 4, s.length())), 16);
            pos += 4;
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          }
          default -> out.write(e);
        }
      }
    }
  }
}
