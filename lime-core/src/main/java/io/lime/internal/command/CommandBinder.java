package io.lime.internal.command;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the command specs: every command of Redis's metadata ({@link CommandMetadata#TABLE})
 * bound to the group method named after it ({@link CommandGroup}). Once per table, with one
 * {@link Class#getDeclaredMethods()} per group; the handles are made later, on each
 * command's first run ({@link CommandSpec}).
 */
final class CommandBinder {
  private CommandBinder() {}

  /** A line of {@link CommandMetadata#TABLE}. */
  private record Meta(String fullName, int arity, int flags, int firstKey, int lastKey,
      int step, String acl) {
    boolean contains(Meta sub) {
      return sub.fullName.length() > fullName.length()
          && sub.fullName.charAt(fullName.length()) == '|'
          && sub.fullName.startsWith(fullName);
    }
  }

  /** A handler: a group method (with its instance, null for a static one) or a handle. */
  private record Bound(@Nullable Method method, @Nullable Object receiver,
      @Nullable MethodHandle handle, String where) {}

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

  /**
   * The specs of every command some group handles, top-level ones in metadata order, each
   * container with its handled subcommands.
   *
   * @throws IllegalStateException when a handler method names no command, two groups handle
   *     one command, or a group cannot be instantiated for its instance handlers
   */
  static List<CommandSpec> bind(Collection<Class<? extends CommandGroup>> groups) {
    List<Meta> metas = parse(CommandMetadata.TABLE);
    Map<String, Meta> byMethod = new HashMap<>(metas.size() * 2);
    Map<String, Meta> byName = new HashMap<>(metas.size() * 2);
    for (Meta m : metas) {
      byMethod.put(methodName(m.fullName), m);
      byName.put(m.fullName, m);
    }
    Map<Meta, Bound> bound = new IdentityHashMap<>(512);
    for (Class<? extends CommandGroup> g : groups) {
      CommandGroup instance = null;
      Method[] methods = g.getDeclaredMethods();
      if (declares(methods, "commands")) { // transitional: a group with a spec list
        instance = instantiate(g);
        bindLegacy(instance, byName, bound);
        continue;
      }
      for (Method m : methods) {
        if (!isHandler(m)) {
          continue;
        }
        String where = g.getSimpleName() + "." + m.getName() + "(Call)";
        Meta meta = byMethod.get(m.getName());
        if (meta == null) {
          throw new IllegalStateException(where + " names no command: a handler is named after"
              + " its command (see CommandGroup); a helper taking just a Call must be private");
        }
        for (Class<?> e : m.getExceptionTypes()) {
          if (!RuntimeException.class.isAssignableFrom(e) && !Error.class.isAssignableFrom(e)) {
            throw new IllegalStateException(where + " declares a checked exception");
          }
        }
        Object receiver = null;
        if (!Modifier.isStatic(m.getModifiers())) {
          if (instance == null) {
            instance = instantiate(g);
          }
          receiver = instance;
        }
        put(bound, meta, new Bound(m, receiver, null, where));
      }
    }
    List<CommandSpec> specs = new ArrayList<>();
    for (int i = 0; i < metas.size(); i++) {
      Meta m = metas.get(i);
      List<CommandSpec> subs = new ArrayList<>(0);
      int j = i + 1;
      for (; j < metas.size() && m.contains(metas.get(j)); j++) {
        Bound b = bound.get(metas.get(j));
        if (b != null) {
          subs.add(spec(metas.get(j), b, List.of()));
        }
      }
      Bound own = bound.get(m);
      if (own != null || !subs.isEmpty()) {
        specs.add(spec(m, own, subs.isEmpty() ? List.of() : List.copyOf(subs)));
      }
      i = j - 1;
    }
    return specs;
  }

  /** Transitional: binds the names and handlers of a group's spec list. */
  private static void bindLegacy(CommandGroup g, Map<String, Meta> byName,
      Map<Meta, Bound> bound) {
    String where = g.getClass().getSimpleName() + ".commands()";
    for (CommandSpec s : g.commands()) {
      put(bound, meta(byName, s.name(), where), new Bound(null, null, s.handle(), where));
      for (CommandSpec sub : s.subcommands()) {
        put(bound, meta(byName, s.name() + "|" + sub.name(), where),
            new Bound(null, null, sub.handle(), where));
      }
    }
  }

  private static Meta meta(Map<String, Meta> byName, String fullName, String where) {
    Meta m = byName.get(fullName);
    if (m == null) {
      throw new IllegalStateException(where + ": no metadata for " + fullName);
    }
    return m;
  }

  private static void put(Map<Meta, Bound> bound, Meta meta, Bound b) {
    Bound before = bound.put(meta, b);
    if (before != null) {
      throw new IllegalStateException("command " + meta.fullName + " is handled twice: by "
          + before.where + " and " + b.where);
    }
  }

  private static CommandSpec spec(Meta m, @Nullable Bound b, List<CommandSpec> subs) {
    CommandSpec s = new CommandSpec(m.fullName, m.arity, m.flags, m.firstKey, m.lastKey, m.step,
        acl(m.acl), b == null ? null : b.method, b == null ? null : b.receiver, subs);
    return b != null && b.handle != null ? CommandSpec.withHandle(s, b.handle) : s;
  }

  /** A handler: non-private, not synthetic, {@code void} and taking one {@link Call}. */
  private static boolean isHandler(Method m) {
    return !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic()
        && m.getReturnType() == void.class && m.getParameterCount() == 1
        && m.getParameterTypes()[0] == Call.class;
  }

  private static boolean declares(Method[] methods, String name) {
    for (Method m : methods) {
      if (m.getName().equals(name) && m.getParameterCount() == 0) {
        return true;
      }
    }
    return false;
  }

  private static CommandGroup instantiate(Class<? extends CommandGroup> g) {
    try {
      return g.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(g.getSimpleName() + " has instance handlers but no"
          + " accessible no-arg constructor", e);
    }
  }

  // ------------------------------------------------------------------ metadata

  private static List<Meta> parse(String table) {
    Map<String, CommandFlag> flagsByName = new HashMap<>(64);
    for (CommandFlag f : CommandFlag.values()) {
      flagsByName.put(f.wireName(), f);
    }
    List<Meta> out = new ArrayList<>(400);
    int pos = 0;
    while (pos < table.length()) {
      int eol = table.indexOf('\n', pos);
      if (eol < 0) {
        eol = table.length();
      }
      if (eol > pos) {
        out.add(parseLine(table, pos, eol, flagsByName));
      }
      pos = eol + 1;
    }
    return out;
  }

  /** {@code name arity flags first last step acl}, flags and ACL comma-separated or "-". */
  private static Meta parseLine(String t, int start, int end, Map<String, CommandFlag> flags) {
    int[] cut = new int[7];
    int n = 0;
    for (int i = start; i < end && n < 7; i++) {
      if (t.charAt(i) == ' ') {
        cut[n++] = i;
      }
    }
    if (n != 6) {
      throw new IllegalStateException("bad metadata line: " + t.substring(start, end));
    }
    String name = t.substring(start, cut[0]);
    int mask = 0;
    String f = t.substring(cut[1] + 1, cut[2]);
    if (!f.equals("-")) {
      for (int p = 0; p < f.length(); ) {
        int q = f.indexOf(',', p);
        q = q < 0 ? f.length() : q;
        CommandFlag flag = flags.get(f.substring(p, q));
        if (flag == null) {
          throw new IllegalStateException("unknown flag " + f.substring(p, q) + " of " + name);
        }
        mask |= 1 << flag.ordinal();
        p = q + 1;
      }
    }
    return new Meta(name, Integer.parseInt(t, cut[0] + 1, cut[1], 10), mask,
        Integer.parseInt(t, cut[2] + 1, cut[3], 10), Integer.parseInt(t, cut[3] + 1, cut[4], 10),
        Integer.parseInt(t, cut[4] + 1, cut[5], 10), t.substring(cut[5] + 1, end));
  }

  private static List<String> acl(String acl) {
    return acl.equals("-") ? List.of() : List.of(acl.split(","));
  }
}
