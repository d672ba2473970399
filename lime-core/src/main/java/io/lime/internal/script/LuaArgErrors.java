package io.lime.internal.script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1's wording of a library function's argument errors, {@code bad argument #1 to 'rep'
 * (string expected, got no value)}: LuaJ writes {@code bad argument: string expected, got
 * nil}, without the function's name and often without the argument's number. Each library
 * function is wrapped; when it fails so, the name its caller gave it is added ({@code '?'}
 * when called by pcall, {@code 'f'} after {@code local f = string.rep}, and a method call does
 * not count {@code self}, as luaL_argerror), and a missing number is taken as
 * the first argument of the type the message says it got ({@code no value} past the last).
 * That guess is Lua 5.1's answer when one argument has that type, not always otherwise.
 */
final class LuaArgErrors extends LuaFunction {
  private static final Pattern BAD = Pattern.compile("^bad argument(?: #(\\d+))?: (.*)$");
  private static final Pattern GOT = Pattern.compile("^(\\w+) expected, got (\\w+)$");

  /** The string functions whose first argument is the subject string, never a number. */
  private static final java.util.Set<String> SUBJECT_FIRST = java.util.Set.of("byte", "find",
      "format", "gfind", "gmatch", "gsub", "len", "lower", "match", "rep", "reverse", "sub",
      "upper");

  private final LuaValue f;
  /** Where to start looking for an unnumbered "number expected" argument. */
  private final int firstNumber;

  private LuaArgErrors(LuaValue f, String name) {
    this.f = f;
    this.firstNumber = SUBJECT_FIRST.contains(name) ? 2 : 1;
  }

  /** Wraps every function of {@code t} but those named in {@code except}. */
  static void wrap(LuaTable t, String... except) {
    LuaValue k = LuaValue.NIL;
    java.util.List<String> skip = java.util.List.of(except);
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        return;
      }
      if (n.arg(2).isfunction() && k.isstring() && !skip.contains(k.tojstring())) {
        t.rawset(k, new LuaArgErrors(n.arg(2), k.tojstring()));
      }
    }
  }

  @Override
  public String tojstring() {
    return f.tojstring();
  }

  @Override
  public LuaValue call() {
    try {
      return f.call();
    } catch (LuaError e) {
      throw named(e, LuaValue.NONE);
    }
  }

  @Override
  public LuaValue call(LuaValue a) {
    try {
      return f.call(a);
    } catch (LuaError e) {
      throw named(e, a);
    }
  }

  @Override
  public LuaValue call(LuaValue a, LuaValue b) {
    try {
      return f.call(a, b);
    } catch (LuaError e) {
      throw named(e, LuaValue.varargsOf(a, b));
    }
  }

  @Override
  public LuaValue call(LuaValue a, LuaValue b, LuaValue c) {
    try {
      return f.call(a, b, c);
    } catch (LuaError e) {
      throw named(e, LuaValue.varargsOf(a, b, c));
    }
  }

  @Override
  public Varargs invoke(Varargs args) {
    try {
      return f.invoke(args);
    } catch (LuaError e) {
      throw named(e, args);
    }
  }

  private LuaError named(LuaError e, Varargs args) {
    if (e instanceof LuaErrors.Raised || e instanceof LuaErrors.Uncatchable
        || e.getMessageObject() == null || !e.getMessageObject().isstring()) {
      return e;
    }
    Matcher m = BAD.matcher(e.getMessageObject().tojstring());
    if (!m.matches()) {
      return e;
    }
    String msg = m.group(2);
    int arg = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    if (msg.equals("value")) {
      msg = "value expected";
    }
    if (msg.startsWith("double expected") || msg.startsWith("int expected")
        || msg.startsWith("long expected")) { // LuaJ's checkdouble/checkint: Lua's numbers
      msg = "number" + msg.substring(msg.indexOf(' '));
    }
    Matcher got = GOT.matcher(msg);
    if (got.matches()) {
      String type = got.group(2);
      if (arg == 0) {
        arg = args.narg() + 1;
        for (int i = got.group(1).equals("number") ? firstNumber : 1; i <= args.narg(); i++) {
          if (args.arg(i).typename().equals(type)) {
            arg = i;
            break;
          }
        }
      }
      if (arg > args.narg() && type.equals("nil")) {
        msg = got.group(1) + " expected, got no value";
      }
    }
    return new LuaError(argError(LuaHook.calledName(), Math.max(arg, 1), msg));
  }

  /**
   * Lua 5.1's luaL_argerror for argument {@code arg} of the function its caller named {@code
   * called} ({@link LuaHook#calledName}): a method call does not count {@code self}.
   */
  static String argError(String @Nullable [] called, int arg, String msg) {
    String name = called == null ? "?" : called[1];
    if (called != null && called[0].equals("method")) {
      arg--;
      if (arg == 0) {
        return "calling '" + name + "' on bad self (" + msg + ")";
      }
    }
    return "bad argument #" + arg + " to '" + name + "' (" + msg + ")";
  }
}
