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
    String pos = position(e);
    String m = e.getMessage();
    if (m == null) {
      return "nil";
    }
    if (m.endsWith("\n" + LuaVm.TRACEBACK)) {
      m = m.substring(0, m.length() - LuaVm.TRACEBACK.length() - 1);
    }
    if (pos != null && m.startsWith(pos + " ")) {
      String p = pos.startsWith("@") ? pos.substring(1) : pos;
      return p + ": " + lua51(m.substring(pos.length() + 1));
    }
    return lua51(m);
  }

  private static final Pattern ARITH = Pattern.compile(
      "attempt to perform arithmetic __\\w+ on (\\w+) and (\\w+)");
  private static final Pattern CONCAT = Pattern.compile(
      "attempt to concatenate (\\w+) and (\\w+)");
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
    if (m.equals("attempt to call nil")) {
      return "attempt to call a nil value";
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
    LuaValue o = e.getMessageObject();
    if (o != null && o.istable()) {
      LuaValue err = ((LuaTable) o).rawget(LuaReplies.ERR);
      return err.isstring() ? err : o;
    }
    return LuaValue.valueOf(message(e));
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
