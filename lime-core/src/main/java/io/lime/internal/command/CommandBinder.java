package io.lime.internal.command;

import io.lime.resp.RespValue;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds commands to handlers, in two steps so that starting a server needs neither Redis's
 * RESP data nor reflection:
 *
 * <ol>
 *   <li>{@link #render} (tests and the generator of {@link CommandMetadata}): every command
 *       of Redis 7.0.15's COMMAND INFO (plus LIME's additions) that a group handles, found by
 *       reflection on the groups' methods named by the convention of {@link CommandGroup},
 *       as lines of text: Redis's fields, then where the handler is;
 *   <li>{@link #parse} (start-up, from {@link CommandMetadata#TABLE}): those lines as specs,
 *       each making its handler's method handle on its first run ({@link CommandSpec}).
 * </ol>
 *
 * <p>A line: {@code name arity flags first-key last-key step acl-categories handler}, flags
 * and categories comma-separated ({@code -} for none), handler {@code Group.method} for a
 * static method, {@code Group#method} for an instance method, {@code -} for a container
 * without a handler of its own; subcommands ({@code container|sub}) follow their container.
 */
final class CommandBinder {
  private static final String INFO = "redis-7.0.15-command-info.resp";

  private CommandBinder() {}

  /**
   * The handler method name of a command by its full name ({@code get}, {@code client|list}):
   * lower case, each {@code |}, {@code -} or {@code _} dropped and the next letter
   * upper-cased ({@code clientList}, {@code memoryMallocStats}, {@code georadiusRo}).
   */
  static String methodName(String fullName) {
    StringBuilder sb = new StringBuilder(fullName.length());
    boolean upper = false;
    for (int i = 0; i < fullName.length(); i++) {
      char c = fullName.charAt(i);
      if (c == '|' || c == '-' || c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ render

  /**
   * The table lines of every command {@code groups} handle, in Redis's order (its COMMAND
   * order when captured), LIME's additions after their container's subcommands or last.
   *
   * @throws IllegalStateException when a handler method names no command, two groups handle
   *     one command, or a handler declares a checked exception
   */
  static String render(Collection<Class<? extends CommandGroup>> groups) {
    List<String[]> metas = new ArrayList<>(); // {full name, the fields after it}
    for (RespValue cmd : ((RespValue.Array) RedisCommandData.read(INFO)).elements()) {
      List<RespValue> e = ((RespValue.Array) cmd).elements();
      metas.add(meta(e));
      if (e.get(9) instanceof RespValue.Array subs) {
        for (RespValue sub : subs.elements()) {
          metas.add(meta(((RespValue.Array) sub).elements()));
        }
      }
    }
    for (RedisCommandData.Addition a : RedisCommandData.additions()) {
      int at = metas.size();
      int bar = a.fullName().indexOf('|');
      for (int i = 0; i < metas.size() && bar > 0; i++) {
        if (metas.get(i)[0].equals(a.fullName().substring(0, bar))
            || metas.get(i)[0].startsWith(a.fullName().substring(0, bar + 1))) {
          at = i + 1;
        }
      }
      metas.add(at, new String[] {a.fullName(), a.info()});
    }
    Map<String, String> byMethod = new HashMap<>();
    for (String[] m : metas) {
      byMethod.put(methodName(m[0]), m[0]);
    }
    Map<String, String> handlers = new HashMap<>(); // full name -> Group.method / Group#method
    for (Class<? extends CommandGroup> g : groups) {
      String group = g.getName().substring(g.getPackageName().length() + 1);
      for (Method m : g.getDeclaredMethods()) {
        if (Modifier.isPrivate(m.getModifiers()) || m.isSynthetic()
            || m.getReturnType() != void.class || m.getParameterCount() != 1
            || m.getParameterTypes()[0] != Call.class) {
          continue;
        }
        String where = group + (Modifier.isStatic(m.getModifiers()) ? "." : "#") + m.getName();
        String full = byMethod.get(m.getName());
        if (full == null) {
          throw new IllegalStateException(where + "(Call) names no command: a handler is named"
              + " after its command (see CommandGroup); a helper taking just a Call must be"
              + " private");
        }
        for (Class<?> e : m.getExceptionTypes()) {
          if (!RuntimeException.class.isAssignableFrom(e) && !Error.class.isAssignableFrom(e)) {
            throw new IllegalStateException(where + "(Call) declares a checked exception");
          }
        }
        String before = handlers.put(full, where);
        if (before != null) {
          throw new IllegalStateException("command " + full + " is handled twice: by " + before
              + " and " + where);
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < metas.size(); i++) {
      String[] m = metas.get(i);
      StringBuilder subs = new StringBuilder();
      int j = i + 1;
      for (; j < metas.size() && metas.get(j)[0].startsWith(m[0] + "|"); j++) {
        String h = handlers.get(metas.get(j)[0]);
        if (h != null) {
          subs.append(metas.get(j)[0]).append(' ').append(metas.get(j)[1]).append(' ').append(h)
              .append('\n');
        }
      }
      String own = handlers.get(m[0]);
      if (own != null || subs.length() > 0) {
        sb.append(m[0]).append(' ').append(m[1]).append(' ').append(own == null ? "-" : own)
            .append('\n').append(subs);
      }
      i = j - 1;
    }
    return sb.toString();
  }

  /** {full name, "arity flags first last step acl"} of a COMMAND INFO entry. */
  private static String[] meta(List<RespValue> e) {
    return new String[] {RedisCommandData.text(e.get(0)), ((RespValue.Integer) e.get(1)).value()
        + " " + join(e.get(2), false) + " " + ((RespValue.Integer) e.get(3)).value() + " "
        + ((RespValue.Integer) e.get(4)).value() + " " + ((RespValue.Integer) e.get(5)).value()
        + " " + join(e.get(6), true)};
  }

  private static String join(RespValue set, boolean acl) {
    StringBuilder sb = new StringBuilder();
    for (RespValue v : ((RespValue.Set) set).elements()) {
      String s = RedisCommandData.text(v);
      sb.append(sb.length() > 0 ? "," : "").append(acl && s.startsWith("@") ? s.substring(1) : s);
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }

  // ------------------------------------------------------------------ parse

  /** The specs of the table lines {@code table}: top-level ones with their subcommands. */
  static List<CommandSpec> parse(String table) {
    Map<String, CommandFlag> flags = new HashMap<>(64);
    for (CommandFlag f : CommandFlag.values()) {
      flags.put(f.wireName(), f);
    }
    List<CommandSpec> out = new ArrayList<>(256);
    List<CommandSpec> subs = new ArrayList<>();
    CommandSpec container = null;
    int pos = 0;
    while (pos < table.length()) {
      int eol = table.indexOf('\n', pos);
      if (eol < 0) {
        eol = table.length();
      }
      if (eol > pos) {
        CommandSpec s = line(table, pos, eol, flags);
        if (s.fullName().indexOf('|') >= 0) {
          subs.add(s);
        } else {
          if (container != null) {
            out.add(container.withSubcommands(subs));
            subs.clear();
          }
          container = s;
        }
      }
      pos = eol + 1;
    }
    if (container != null) {
      out.add(container.withSubcommands(subs));
    }
    return out;
  }

  private static CommandSpec line(String t, int start, int end, Map<String, CommandFlag> flags) {
    int[] cut = new int[7];
    int n = 0;
    for (int i = start; i < end && n < 7; i++) {
      if (t.charAt(i) == ' ') {
        cut[n++] = i;
      }
    }
    if (n != 7) {
      throw new IllegalStateException("bad command table line: " + t.substring(start, end));
    }
    String name = t.substring(start, cut[0]);
    int mask = 0;
    for (int p = cut[1] + 1; p < cut[2] && t.charAt(p) != '-'; ) {
      int q = t.indexOf(',', p);
      q = q < 0 || q > cut[2] ? cut[2] : q;
      CommandFlag flag = flags.get(t.substring(p, q));
      if (flag == null) {
        throw new IllegalStateException("unknown flag " + t.substring(p, q) + " of " + name);
      }
      mask |= 1 << flag.ordinal();
      p = q + 1;
    }
    List<String> acl = new ArrayList<>(4);
    for (int p = cut[5] + 1; p < cut[6] && t.charAt(p) != '-'; ) {
      int q = t.indexOf(',', p);
      q = q < 0 || q > cut[6] ? cut[6] : q;
      acl.add(t.substring(p, q));
      p = q + 1;
    }
    String handler = t.substring(cut[6] + 1, end);
    return new CommandSpec(name, Integer.parseInt(t, cut[0] + 1, cut[1], 10), mask,
        Integer.parseInt(t, cut[2] + 1, cut[3], 10), Integer.parseInt(t, cut[3] + 1, cut[4], 10),
        Integer.parseInt(t, cut[4] + 1, cut[5], 10), List.copyOf(acl),
        handler.equals("-") ? null : handler, List.of());
  }
}
