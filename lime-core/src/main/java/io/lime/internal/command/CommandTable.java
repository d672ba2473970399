package io.lime.internal.command;

import io.lime.resp.Argv;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command table: every {@link CommandSpec} by name, validated when built, looked up by
 * argument bytes without allocating (case-insensitive open addressing over ASCII names).
 * Top-level commands are in Redis's order (its COMMAND order when captured), as are the
 * subcommands of each container.
 */
public final class CommandTable {
  private final Map<String, CommandSpec> byName;
  private final NameIndex top;
  private final Map<CommandSpec, NameIndex> subIndex = new java.util.IdentityHashMap<>();

  private CommandTable(Map<String, CommandSpec> byName) {
    this.byName = byName;
    this.top = new NameIndex(byName);
    for (CommandSpec s : byName.values()) {
      if (s.isContainer()) {
        Map<String, CommandSpec> subs = new LinkedHashMap<>();
        for (CommandSpec sub : s.subcommands()) {
          subs.put(sub.name(), sub);
        }
        subIndex.put(s, new NameIndex(subs));
      }
    }
  }

  /**
   * The table of the commands {@code groups} handle: Redis's metadata bound to the groups'
   * handler methods (see {@link CommandGroup}). Reads Redis's captured data and reflects on
   * the groups: for tests; servers use {@link #fromMetadata()}.
   *
   * @throws IllegalStateException if a handler names no command, two groups handle one
   *     command, or a spec is inconsistent (see {@link #fromMetadata()})
   */
  public static CommandTable of(Collection<Class<? extends CommandGroup>> groups) {
    return of(CommandBinder.parse(CommandBinder.render(groups)));
  }

  /**
   * The table of {@link CommandMetadata}, generated from the groups of {@link
   * CommandLayer#groups()}: the same as {@code of(CommandLayer.groups())}, without reflection
   * or Redis's RESP data (a test checks the generated file is current).
   *
   * @throws IllegalStateException if a spec is inconsistent: non-lower-case or duplicate
   *     name, zero arity, key positions outside a fixed arity, negative step with keys, a
   *     command both WRITE and READONLY, a command without a handler that can run (a
   *     container can only when its arity allows no subcommand)
   */
  static CommandTable fromMetadata() {
    return of(CommandBinder.parse(CommandMetadata.TABLE));
  }

  /**
   * This table with {@code extra} commands added, each replacing the command of its name if
   * there is one (custom commands: {@link CustomCommands}).
   *
   * @throws IllegalStateException if a spec is inconsistent (see {@link #fromMetadata()})
   */
  CommandTable with(List<CommandSpec> extra) {
    Map<String, CommandSpec> map = new LinkedHashMap<>(byName);
    for (CommandSpec s : extra) {
      validate(s, null);
      map.put(s.name(), s);
    }
    return new CommandTable(Collections.unmodifiableMap(map));
  }

  private static CommandTable of(List<CommandSpec> specs) {
    Map<String, CommandSpec> map = new LinkedHashMap<>();
    for (CommandSpec s : specs) {
      validate(s, null);
      if (map.putIfAbsent(s.name(), s) != null) {
        throw new IllegalStateException("duplicate command: " + s.name());
      }
    }
    return new CommandTable(Collections.unmodifiableMap(map));
  }

  private static void validate(CommandSpec s, @Nullable CommandSpec parent) {
    String full = parent == null ? s.name() : parent.name() + "|" + s.name();
    if (!s.name().equals(s.name().toLowerCase(Locale.ROOT)) || s.name().isEmpty()) {
      throw new IllegalStateException("command name must be lower case: " + full);
    }
    if (s.arity() == 0) {
      throw new IllegalStateException("zero arity: " + full);
    }
    if (s.firstKey() < 0 || (s.firstKey() > 0 && s.step() <= 0)) {
      throw new IllegalStateException("bad key spec: " + full);
    }
    if (s.firstKey() > 0 && s.arity() > 0 && (s.firstKey() >= s.arity() || s.lastKey() >= s.arity())) {
      throw new IllegalStateException("key position beyond arity: " + full);
    }
    if (s.has(CommandFlag.WRITE) && s.has(CommandFlag.READONLY)) {
      throw new IllegalStateException("both write and readonly: " + full);
    }
    if (!s.hasHandler() && !(s.isContainer() && s.arity() <= -2)) {
      throw new IllegalStateException("no handler: " + full);
    }
    if (parent != null && s.isContainer()) {
      throw new IllegalStateException("nested containers: " + full);
    }
    for (CommandSpec sub : s.subcommands()) {
      validate(sub, s);
    }
  }

  /**
   * This table with the {@code rename-command} directives applied in order (Redis's config.c):
   * each pair renames a top-level command, or removes it when the new name is empty.
   *
   * @throws IllegalArgumentException with Redis's text for an unknown command or a taken name
   */
  public CommandTable renamed(List<List<String>> renames) {
    if (renames.isEmpty()) {
      return this;
    }
    Map<String, CommandSpec> map = new LinkedHashMap<>(byName);
    for (List<String> r : renames) {
      CommandSpec spec = map.remove(r.get(0).toLowerCase(Locale.ROOT));
      if (spec == null) {
        throw new IllegalArgumentException("No such command in rename-command");
      }
      String to = r.get(1).toLowerCase(Locale.ROOT);
      if (!to.isEmpty() && map.putIfAbsent(to, spec) != null) {
        throw new IllegalArgumentException("Target command name already exists");
      }
    }
    return new CommandTable(Collections.unmodifiableMap(map));
  }

  /** The command named by argument {@code i} of {@code argv}, or null. */
  public @Nullable CommandSpec lookup(Argv argv, int i) {
    return top.find(argv, i);
  }

  /** The subcommand of {@code container} named by argument {@code i}, or null. */
  public @Nullable CommandSpec lookupSub(CommandSpec container, Argv argv, int i) {
    NameIndex idx = subIndex.get(container);
    return idx == null ? null : idx.find(argv, i);
  }

  /** The command with this lower-case name, or null. */
  public @Nullable CommandSpec get(String name) {
    return byName.get(name);
  }

  /** Every top-level command, in metadata order (Redis's). */
  public Collection<CommandSpec> all() {
    return byName.values();
  }

  /** Number of top-level commands (COMMAND COUNT). */
  public int size() {
    return byName.size();
  }

  /** Names of every command, sorted (for docs). */
  public List<String> sortedNames() {
    List<String> names = new ArrayList<>(byName.keySet());
    Collections.sort(names);
    return names;
  }

  private static final class NameIndex {
    final @Nullable CommandSpec[] slots;
    /** {@code names[i]}: the lower-case ASCII name of {@code slots[i]}. */
    final byte[][] names;

    /** An open-addressing index of {@code specs} by their (lower-case) names. */
    NameIndex(Map<String, CommandSpec> specs) {
      int cap = Integer.highestOneBit(Math.max(4, specs.size() * 4) - 1) << 1;
      @Nullable CommandSpec[] t = new CommandSpec[cap];
      byte[][] n = new byte[cap][];
      for (Map.Entry<String, CommandSpec> e : specs.entrySet()) {
        byte[] name = e.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = hash(name, 0, name.length) & (cap - 1);
        while (t[i] != null) {
          i = (i + 1) & (cap - 1);
        }
        t[i] = e.getValue();
        n[i] = name;
      }
      this.slots = t;
      this.names = n;
    }

    @Nullable CommandSpec find(Argv argv, int arg) {
      @Nullable CommandSpec[] t = slots;
      byte[] a = argv.array();
      int off = argv.offset(arg);
      int len = argv.length(arg);
      int mask = t.length - 1;
      for (int i = hash(a, off, len) & mask; ; i = (i + 1) & mask) {
        CommandSpec s = t[i];
        if (s == null) {
          return null;
        }
        if (matches(names[i], a, off, len)) {
          return s;
        }
      }
    }

    private static boolean matches(byte[] name, byte[] a, int off, int len) {
      if (name.length != len) {
        return false;
      }
      for (int k = 0; k < len; k++) {
        int c = a[off + k];
        if (c >= 'A' && c <= 'Z') {
          c += 32;
        }
        if (c != name[k]) {
          return false;
        }
      }
      return true;
    }

    private static int hash(byte[] a, int off, int len) {
      int h = 0x811c9dc5;
      for (int k = 0; k < len; k++) {
        int c = a[off + k];
        if (c >= 'A' && c <= 'Z') {
          c += 32;
        }
        h = (h ^ (c & 0xff)) * 0x01000193;
      }
      return h ^ (h >>> 15);
    }
  }
}
