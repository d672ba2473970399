package io.lime.internal.script;

import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Script errors as Redis 7.0 reports them. Lua 5.1 prefixes a runtime error message with its
 * position, {@code user_script:1: attempt to ...}; LuaJ keeps the position apart ({@code
 * @user_script:1}, LuaError's fileline) and joins it with a space, so the message objects a
 * script sees through {@code pcall} and the error replies are rebuilt here: a string error
 * becomes {@code ERR user_script:1: msg script: <sha>, on @user_script:1.}; a table error
 * ({@code error({err=...})}, a failed {@code redis.call}) keeps its text and gets the same
 * suffix.
 */
final class LuaErrors {
  private static final @Nullable Field FILELINE = fileline();

  private LuaErrors() {}

  private static @Nullable Field fileline() {
    try {
      Field f = LuaError.class.getDeclaredField("fileline");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** An error that pcall must not catch (SCRIPT KILL, time-outs of the engine itself). */
  static final class Uncatchable extends LuaError {
    private static final long serialVersionUID = 1L;

    Uncatchable(LuaValue error) {
      super(error);
    }
  }

  /**
   * An error raised by {@code error(v)}: its message object {@code v} is final (Lua 5.1's
   * position prefix already added when due), a pcall returns it as is.
   */
  static final class Raised extends LuaError {
    private static final long serialVersionUID = 1L;
    final LuaValue value;

    Raised(LuaValue value) {
      super(value);
      this.value = value;
    }

    /** The text LuaJ keeps of an error a coroutine raised: the message object's. */
    @Override
    public String getMessage() {
      return show(value);
    }
  }

  /**
   * An error Lua 5.1 raises from C code (luaG_runerror outside a Lua function: a comparison
   * in {@code table.sort}, a write to a read-only table by {@code setmetatable}): its message
   * has no position prefix.
   */
  static final class Bare extends LuaError {
    private static final long serialVersionUID = 1L;
    final String text;

    Bare(String text) {
      super(text);
      this.text = text;
    }
  }

  /** Lua 5.1's tostring of an error object that is not a table. */
  private static String show(LuaValue v) {
    return v.type() == LuaValue.TNUMBER && !(v instanceof org.luaj.vm2.LuaInteger)
        ? LuaNumbers.format(v.todouble()) : v.tojstring();
  }

  static void rethrowIfUncatchable(LuaError e) {
    if (e instanceof Uncatchable) {
      throw e;
    }
  }

  /** Where the error was raised, as LuaJ recorded it ({@code @user_script:3}), or null. */
  static @Nullable String position(LuaError e) {
    if (FILELINE == null) {
      return null;
    }
    try {
      Object v = FILELINE.get(e);
      return v instanceof String s && s.indexOf(':') > 0 ? s : null;
    } catch (IllegalAccessException ex) {
      return null;
    }
  }

  /** The message of a string error with Lua 5.1's position prefix ({@code user_script:1: x}). */
  static String message(LuaError e) {
    if (e instanceof Raised r) {
      return show(r.value);
    }
    if (e instanceof Bare b) {
      return b.text;
    }
    String pos = position(e);
    String m = e.getMessage();
    if (m == null) {
      return "nil";
    }
    return clean(m, pos);
  }

  /**
   * {@code m}, a LuaJ error text raised at {@code pos} (or null), as Lua 5.1 words it: the
   * position as a prefix ({@code user_script:1: }) and the culprit named from the hook's
   * trailer.
   */
  private static String clean(String m, @Nullable String pos) {
    String culprit = null;
    int t = m.indexOf("\n" + LuaHook.TRACEBACK);
    if (t >= 0) {
      int d = t + 1 + LuaHook.TRACEBACK.length();
      culprit = d < m.length() && m.charAt(d) == '\u0001' ? m.substring(d + 1) : null;
      m = m.substring(0, t);
    }
    return positioned(m, pos, culprit);
  }

  /**
   * {@code m} with its position {@code pos} (or, when null, the raw position it starts with:
   * a message that already went through LuaJ's {@code getMessage} once, as a coroutine's
   * error that {@code coroutine.wrap} raises again) as Lua 5.1's prefix.
   */
  private static String positioned(String m, @Nullable String pos, @Nullable String culprit) {
    if (pos == null) {
      Matcher x = RAW_POSITION.matcher(m);
      if (x.find()) {
        pos = x.group().substring(0, x.group().length() - 1);
      }
    }
    if (pos != null && m.startsWith(pos + " ")) {
      String rest = m.substring(pos.length() + 1);
      return where(pos) + ": " + (RAW_POSITION.matcher(rest).find()
          ? positioned(rest, null, culprit) : named(lua51(rest), culprit));
    }
    return named(lua51(m), culprit);
  }

  /** Lua 5.1's position of {@code pos} ({@code @user_script:1}): {@code user_script:1}. */
  private static String where(String pos) {
    int colon = pos.lastIndexOf(':');
    return colon < 0 ? pos : LuaNames.chunkId(pos.substring(0, colon)) + pos.substring(colon);
  }

  /** The raw position LuaJ writes before a message ({@code @user_script:1 }). */
  private static final Pattern RAW_POSITION = Pattern.compile("^[@=][^\\s]*:\\d+ ");

  /**
   * The message of a coroutine's error as {@code coroutine.resume} returns it (LuaJ returns
   * the raw text with its position and the hook's trailer).
   */
  static LuaValue resumeMessage(LuaValue m) {
    return m.type() == LuaValue.TSTRING ? LuaValue.valueOf(clean(m.tojstring(), null)) : m;
  }

  private static final Pattern TYPE_ERROR = Pattern.compile(
      "^attempt to (index|call|perform arithmetic on|concatenate|get length of) a (\\w+) value$");

  /**
   * Lua 5.1's luaG_typeerror wording when the culprit has a name ({@code attempt to index
   * local 't' (a nil value)}); {@code culprit} is {@link LuaNames#describe}'s.
   */
  private static String named(String m, @Nullable String culprit) {
    if (culprit == null) {
      return m;
    }
    Matcher x = TYPE_ERROR.matcher(m);
    if (!x.matches()) {
      return m;
    }
    String[] c = culprit.split("\u0001", 4);
    String op = switch (x.group(1)) {
      case "index" -> "index";
      case "call" -> "call";
      case "perform arithmetic on" -> "arith";
      case "concatenate" -> "concat";
      default -> "len";
    };
    if (c.length != 4 || !c[0].equals(op) || !c[3].isEmpty() && !c[3].equals(x.group(2))) {
      return m;
    }
    return "attempt to " + x.group(1) + " " + c[1] + " '" + c[2] + "' (a " + x.group(2)
        + " value)";
  }

  private static final Pattern ARITH = Pattern.compile(
      "attempt to perform arithmetic __\\w+ on (\\w+) and (\\w+)");
  private static final Pattern CONCAT = Pattern.compile(
      "attempt to concatenate (\\w+) and (\\w+)");
  private static final Pattern COMPARE_MIXED = Pattern.compile(
      "attempt to compare (\\w+) with (\\w+) expected, got \\w+");
  private static final Pattern COMPARE = Pattern.compile(
      "attempt to compare __\\w+ on (\\w+) and (\\w+)");
  private static final Pattern SYMBOL = Pattern.compile("unexpected symbol (\\d+) \\(.\\)");

  /**
   * LuaJ's wording of the VM's errors in Lua 5.1's ({@code attempt to perform arithmetic on a
   * nil value}, {@code unexpected symbol near '<eof>'}...). Lua 5.1 also names the variable
   * when it knows it ({@code local 't'}); LuaJ does not, so those stay unnamed.
   */
  static String lua51(String m) {
    Matcher x = ARITH.matcher(m);
    if (x.find()) {
      String a = x.group(1);
      String b = x.group(2);
      String t = !a.equals("number") && (b.equals("number") || !a.equals("string")) ? a : b;
      return x.replaceFirst("attempt to perform arithmetic on a " + t + " value");
    }
    x = CONCAT.matcher(m);
    if (x.find()) {
      String a = x.group(1);
      String t = a.equals("string") || a.equals("number") ? x.group(2) : a;
      return x.replaceFirst("attempt to concatenate a " + t + " value");
    }
    x = COMPARE_MIXED.matcher(m);
    if (x.find()) { // LuaJ names the operands the other way round
      return x.replaceFirst("attempt to compare " + x.group(2) + " with " + x.group(1));
    }
    x = COMPARE.matcher(m);
    if (x.find()) {
      return x.replaceFirst(x.group(1).equals(x.group(2))
          ? "attempt to compare two " + x.group(1) + " values"
          : "attempt to compare " + x.group(1) + " with " + x.group(2));
    }
    x = SYMBOL.matcher(m);
    if (x.find()) {
      int token = Integer.parseInt(x.group(1));
      String near = token < 257 ? String.valueOf((char) token) : token == 286 ? "<eof>" : null;
      if (near != null) {
        return x.replaceFirst("unexpected symbol near '" + Matcher.quoteReplacement(near) + "'");
      }
    }
    if (m.startsWith("attempt to call ") && !m.endsWith(" value")) {
      return "attempt to call a " + m.substring(16) + " value";
    }
    if (m.startsWith("index expected, got ")) {
      return "attempt to index a " + m.substring(20) + " value";
    }
    if (m.startsWith("table index expected, got ")) {
      return "table index is nil";
    }
    if (m.startsWith("attempt to get length of ") && !m.endsWith(" value")) {
      return "attempt to get length of a " + m.substring(25) + " value";
    }
    if (m.startsWith("attempt to perform arithmetic on ") && !m.endsWith(" value")) {
      return "attempt to perform arithmetic on a " + m.substring(33) + " value";
    }
    if (m.startsWith("attempt to index ? (")) {
      return "attempt to index a" + m.substring(19, m.length() - 1).replace("(a", "");
    }
    return m.replace("'<eos>'", "'<eof>'");
  }

  /**
   * What pcall returns for {@code e} (Redis 7.0's luaRedisPcall): the {@code err} text of an
   * error table, any other table as is, else the message.
   */
  static LuaValue messageObject(LuaError e) {
    if (e instanceof Raised r) {
      return r.value;
    }
    LuaValue o = e.getMessageObject();
    if (o != null && o.istable()) {
      LuaValue err = ((LuaTable) o).rawget(LuaReplies.ERR);
      return err.isstring() ? err : o;
    }
    return LuaValue.valueOf(message(e));
  }

  /** The error object as Lua 5.1 raised it (what an xpcall handler gets). */
  static LuaValue rawObject(LuaError e) {
    if (e instanceof Raised r) {
      return r.value;
    }
    LuaValue o = e.getMessageObject();
    return o != null && o.istable() ? o : LuaValue.valueOf(message(e));
  }

  /** The text of {@code e} without position suffix: a table's {@code err}, else ERR and the message. */
  static String text(LuaError e) {
    LuaValue o = e.getMessageObject();
    if (o != null && o.istable() && ((LuaTable) o).rawget(LuaReplies.ERR).isstring()) {
      return ((LuaTable) o).rawget(LuaReplies.ERR).tojstring();
    }
    return "ERR " + message(e);
  }

  /** The error reply of a failed script run of {@code sha}. */
  static String reply(LuaError e, String sha) {
    LuaValue o = e.getMessageObject();
    String msg;
    if (o != null && o.istable() && ((LuaTable) o).rawget(LuaReplies.ERR).isstring()) {
      msg = ((LuaTable) o).rawget(LuaReplies.ERR).tojstring();
    } else {
      msg = "ERR " + message(e);
    }
    String pos = position(e);
    if (pos == null) {
      return msg;
    }
    return msg + " script: " + sha + ", on " + pos + ".";
  }
}
