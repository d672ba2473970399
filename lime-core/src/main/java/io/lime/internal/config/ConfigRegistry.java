package io.lime.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The server's configuration: every supported redis.conf directive with its current value,
 * read by the command line, config files, CONFIG GET/SET and INFO.
 *
 * <p>Values are kept as the canonical text CONFIG GET returns (memory values in bytes,
 * booleans as {@code yes}/{@code no}, enums lower-case); typed getters parse that text.
 * Names are case-insensitive; Redis 7's aliases ({@code slaveof}, {@code *-ziplist-*}) are
 * accepted wherever the canonical name is.
 *
 * <p>Thread-safety: safe for concurrent use. Reads are lock-free; changes are serialized,
 * and a multi-directive {@link #setAll} is atomic: every value is validated and applied, and
 * on the first failure every directive is restored and re-applied.
 */
public final class ConfigRegistry {
  /** Applies a new value to the running server (e.g. re-binds the port); may refuse it. */
  @FunctionalInterface
  public interface Applier {
    /**
     * Applies {@code value}, the directive's new canonical value.
     *
     * @throws ConfigException with Redis's reason text when the value cannot be applied
     */
    void apply(String value) throws ConfigException;
  }

  private final Map<String, Directive> byName = new LinkedHashMap<>();
  private final List<Directive> ordered;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final Map<String, Applier> appliers = new ConcurrentHashMap<>();
  private volatile @Nullable String configFile;

  /** A registry holding every directive at its default. */
  public ConfigRegistry() {
    ordered = Directives.all();
    for (Directive d : ordered) {
      byName.put(d.name(), d);
      if (d.alias() != null) {
        byName.put(d.alias(), d);
      }
      values.put(d.name(), d.defaultValue());
    }
    values.put("dir", System.getProperty("user.dir", "/"));
  }

  /** Whether {@code name} (any case, or an alias) is a directive. */
  public boolean isKnown(String name) {
    return byName.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the directive takes several arguments (save, bind, client-output-buffer-limit). */
  public boolean isMultiArg(String name) {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    return d != null && d.type().multiArg();
  }

  /** The current value of a directive (any case, or an alias), or null when unknown. */
  public @Nullable String get(String name) {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    return d == null ? null : values.get(d.name());
  }

  /**
   * The value of an integer directive; unsigned directives (maxmemory) above
   * {@code Long.MAX_VALUE} come back negative (read them with unsigned arithmetic).
   *
   * @throws IllegalArgumentException if {@code name} is unknown or not numeric
   */
  public long getLong(String name) {
    String v = require(name);
    return v.startsWith("-") ? Long.parseLong(v) : Long.parseUnsignedLong(v);
  }

  /** The value of an integer directive that fits in an int (port, databases, hz). */
  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  /**
   * The value of a yes/no directive.
   *
   * @throws IllegalArgumentException if {@code name} is unknown
   */
  public boolean getBool(String name) {
    return require(name).equals("yes");
  }

  private String require(String name) {
    String v = get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown directive " + name);
    }
    return v;
  }

  /**
   * Sets one directive from a single value string (multi-argument directives split it on
   * spaces, as CONFIG SET does); ignores mutability (start-up and embedded configuration).
   *
   * @throws ConfigException with Redis's reason text, naming the directive
   */
  public void set(String name, String value) throws ConfigException {
    setArgs(name, splitValue(name, value), false);
  }

  /**
   * Sets one directive from its arguments as a config-file line gives them.
   * {@code fileMode} makes repeated {@code save} lines accumulate, as when Redis reads a file.
   *
   * @throws ConfigException with Redis's reason text ("Bad directive or wrong number of
   *     arguments" for an unknown name)
   */
  public synchronized void setArgs(String name, List<String> args, boolean fileMode)
      throws ConfigException {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    if (d == null) {
      throw new ConfigException("Bad directive or wrong number of arguments", name);
    }
    if (!d.type().multiArg() && args.size() != 1) {
      throw new ConfigException("wrong number of arguments", name);
    }
    List<String> a = args;
    if (d.type().multiArg() && args.size() == 1 && !args.get(0).isEmpty()) {
      List<String> split = SplitArgs.split(args.get(0));
      a = split == null ? args : split;
    }
    String old = values.get(d.name());
    String v = parse(d, a, old);
    refuseInert(d, v, old);
    if (fileMode && d.name().equals("save") && savesLoaded && !old.isEmpty() && !v.isEmpty()) {
      v = old + " " + v;
    }
    if (fileMode && d.name().equals("save")) {
      savesLoaded = true;
    }
    commit(d, v, old);
  }

  private boolean savesLoaded;

  /**
   * Refuses a change of a directive LIME lists but cannot honour ({@link Directives#INERT}):
   * setting it to its current value is accepted (nothing changes), another value is not.
   */
  private static void refuseInert(Directive d, String v, String old) throws ConfigException {
    String why = Directives.INERT.get(d.name());
    if (why != null && !v.equals(old)) {
      throw new ConfigException("not supported: " + why, d.name());
    }
  }

  /** Why LIME cannot honour another value of {@code name} than its default, or null. */
  public static @Nullable String inertReason(String name) {
    return Directives.INERT.get(name.toLowerCase(Locale.ROOT));
  }

  private String parse(Directive d, List<String> args, String old) throws ConfigException {
    try {
      if (d.type() instanceof ValueType.OutputLimits ol) {
        return ol.merge(args, old);
      }
      return d.type().parse(args);
    } catch (ValueType.Rejected r) {
      throw new ConfigException(r.getMessage(), d.name());
    }
  }

  private void commit(Directive d, String v, String old) throws ConfigException {
    values.put(d.name(), v);
    Applier ap = appliers.get(d.name());
    if (ap != null && !v.equals(old)) {
      try {
        ap.apply(v);
      } catch (ConfigException e) {
        values.put(d.name(), old);
        throw new ConfigException(e.getMessage(), d.name());
      }
    }
    notifyChange(d, v, old);
  }

  private void notifyChange(Directive d, String v, String old) {
    if (!v.equals(old)) {
      for (Consumer<String> l : listeners.getOrDefault(d.name(), List.of())) {
        l.accept(v);
      }
    }
  }

  /**
   * CONFIG SET: sets every name/value pair atomically with Redis 7.0's checks and error texts
   * (the returned text is the whole error reply, without the leading {@code -}).
   *
   * @param pairs name, value, name, value, ...
   * @return null on success, else the error reply text
   */
  public synchronized @Nullable String setAll(List<String> pairs) {
    int n = pairs.size() / 2;
    Directive[] ds = new Directive[n];
    String unknown = null;
    String errArg = null;
    String errStr = null;
    for (int i = 0; i < n; i++) {
      String name = pairs.get(2 * i);
      Directive d = byName.get(name.toLowerCase(Locale.ROOT));
      if (d == null) {
        if (unknown == null && errStr == null) {
          unknown = name;
        }
        continue;
      }
      if (unknown != null || errStr != null) {
        continue;
      }
      if (d.has(Directive.IMMUTABLE)
          || (d.has(Directive.PROTECTED) && !getBool("enable-protected-configs"))) {
        errStr = d.has(Directive.IMMUTABLE) ? "can't set immutable config" : "can't set protected config";
        errArg = name;
        continue;
      }
      for (int j = 0; j < i; j++) {
        if (ds[j] == d && pairs.get(2 * j).equalsIgnoreCase(name)) {
          errStr = "duplicate parameter";
          errArg = name;
          break;
        }
      }
      ds[i] = d;
    }
    if (unknown != null) {
      return "ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'";
    }
    if (errStr != null) {
      return failed(errArg, errStr);
    }
    String[] old = new String[n];
    String[] fresh = new String[n];
    for (int i = 0; i < n; i++) {
      old[i] = values.get(ds[i].name());
    }
    for (int i = 0; i < n; i++) {
      Directive d = ds[i];
      try {
        String cur = values.get(d.name());
        fresh[i] = parse(d, splitForSet(d, pairs.get(2 * i + 1)), cur);
        refuseInert(d, fresh[i], cur);
        values.put(d.name(), fresh[i]);
      } catch (ConfigException e) {
        restore(ds, old, i + 1, false);
        return failed(d.name(), e.getMessage());
      }
    }
    for (int i = 0; i < n; i++) {
      Applier ap = appliers.get(ds[i].name());
      if (ap != null && !fresh[i].equals(old[i])) {
        try {
          ap.apply(fresh[i]);
        } catch (ConfigException e) {
          restore(ds, old, n, true);
          return failed(ds[i].name(), e.getMessage());
        }
      }
    }
    for (int i = 0; i < n; i++) {
      notifyChange(ds[i], fresh[i], old[i]);
    }
    return null;
  }

  private static String failed(@Nullable String arg, @Nullable String reason) {
    return "ERR CONFIG SET failed (possibly related to argument '" + arg + "') - " + reason;
  }

  private void restore(Directive[] ds, String[] old, int count, boolean reapply) {
    for (int i = 0; i < count; i++) {
      values.put(ds[i].name(), old[i]);
      Applier ap = appliers.get(ds[i].name());
      if (reapply && ap != null) {
        try {
          ap.apply(old[i]);
        } catch (ConfigException ignored) {
          // Redis logs and carries on: the old value was applied before.
        }
      }
    }
  }

  private static List<String> splitForSet(Directive d, String value) {
    if (!d.type().multiArg()) {
      return List.of(value);
    }
    if (value.isEmpty()) {
      return List.of();
    }
    return List.of(value.split(" ", -1));
  }

  private List<String> splitValue(String name, String value) {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    return d == null ? List.of(value) : splitForSet(d, value);
  }

  /**
   * CONFIG GET: the name/value pairs matching any of {@code patterns}. A pattern without
   * glob characters is looked up exactly (aliases included) and reported under the name as
   * given; a glob pattern matches every directive and alias name, case-insensitively.
   * Each directive name appears once.
   */
  public List<Map.Entry<String, String>> match(List<String> patterns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : patterns) {
      if (p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('[') < 0) {
        Directive d = byName.get(p.toLowerCase(Locale.ROOT));
        if (d != null && !containsIgnoreCase(out, p)) {
          out.put(p, values.get(d.name()));
        }
        continue;
      }
      for (Map.Entry<String, Directive> e : byName.entrySet()) {
        if (!containsIgnoreCase(out, e.getKey()) && io.lime.internal.util.Glob.match(p, e.getKey(), true)) {
          out.put(e.getKey(), values.get(e.getValue().name()));
        }
      }
    }
    return new ArrayList<>(out.entrySet());
  }

  private static boolean containsIgnoreCase(Map<String, String> m, String k) {
    for (String s : m.keySet()) {
      if (s.equalsIgnoreCase(k)) {
        return true;
      }
    }
    return false;
  }

  /** Every canonical directive name, in table order. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (Directive d : ordered) {
      out.add(d.name());
    }
    return Collections.unmodifiableList(out);
  }

  /** Calls {@code listener} with the new canonical value whenever {@code name} changes. */
  public void onChange(String name, Consumer<String> listener) {
    String key = canonical(name);
    List<Consumer<String>> l = listeners.get(key); // no lambda: its class would cost start-up
    if (l == null) {
      List<Consumer<String>> made = new CopyOnWriteArrayList<>();
      l = listeners.putIfAbsent(key, made);
      if (l == null) {
        l = made;
      }
    }
    l.add(listener);
  }

  /** Installs the function that applies {@code name}'s new values; it may refuse them. */
  public void applier(String name, Applier applier) {
    appliers.put(canonical(name), applier);
  }

  /**
   * A listener of several directives, told which one changed (its canonical name) and the new
   * canonical value. One object serves a whole group: a lambda per directive would spin a
   * class each on its first use, a cost of a server's first start in a JVM.
   */
  @FunctionalInterface
  public interface NamedListener {
    void changed(String name, String value);
  }

  /** As {@link NamedListener}, an {@link Applier} of several directives; it may refuse a value. */
  @FunctionalInterface
  public interface NamedApplier {
    /**
     * Applies directive {@code name}'s new canonical {@code value}.
     *
     * @throws ConfigException with Redis's reason text when the value cannot be applied
     */
    void apply(String name, String value) throws ConfigException;
  }

  /** {@link #onChange(String, Consumer)} of each of {@code names}, telling {@code listener} which. */
  public void onChange(NamedListener listener, String... names) {
    for (String name : names) {
      String key = canonical(name);
      onChange(key, v -> listener.changed(key, v));
    }
  }

  /** {@link #applier(String, Applier)} of each of {@code names}, telling {@code applier} which. */
  public void applier(NamedApplier applier, String... names) {
    for (String name : names) {
      String key = canonical(name);
      applier(key, v -> applier.apply(key, v));
    }
  }

  private String canonical(String name) {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    return d == null ? name : d.name();
  }

  private final List<List<String>> userDirectives = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Records a {@code user} directive (its name and rules), applied by the ACL at start-up. */
  public void addUserDirective(List<String> nameAndRules) {
    userDirectives.add(List.copyOf(nameAndRules));
  }

  private final List<List<String>> renames = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Records a {@code rename-command} directive (old name, new name or empty). */
  public void addRenameCommand(List<String> fromTo) {
    renames.add(List.copyOf(fromTo));
  }

  /** The {@code rename-command} directives, in file order. */
  public List<List<String>> renameCommands() {
    return List.copyOf(renames);
  }

  /** The {@code user} directives, in file order. */
  public List<List<String>> userDirectives() {
    return List.copyOf(userDirectives);
  }

  /** The absolute path of the config file the server started with, or null. */
  public @Nullable String configFile() {
    return configFile;
  }

  /** Records the config file the server started with (for CONFIG REWRITE and INFO). */
  public void configFile(@Nullable String path) {
    this.configFile = path;
  }

  /** The canonical directives whose value differs from the default (CONFIG REWRITE). */
  public Map<String, String> changed() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Directive d : ordered) {
      String v = values.get(d.name());
      if (!v.equals(d.defaultValue()) && !d.name().equals("dir")) {
        out.put(d.name(), v);
      }
    }
    return out;
  }

  /** The line CONFIG REWRITE writes for a directive's current value (memory with units). */
  public List<String> rewriteLines(String name) {
    Directive d = byName.get(name.toLowerCase(Locale.ROOT));
    if (d == null) {
      return List.of();
    }
    String v = values.get(d.name());
    if (d.type() instanceof ValueType.Save) {
      if (v.isEmpty()) {
        return List.of("save \"\"");
      }
      String[] p = v.split(" ");
      List<String> out = new ArrayList<>();
      for (int i = 0; i + 1 < p.length; i += 2) {
        out.add("save " + p[i] + " " + p[i + 1]);
      }
      return out;
    }
    if (d.type() instanceof ValueType.Num num && num.memory()) {
      return List.of(d.name() + " " + MemoryUnits.rewrite(Long.parseUnsignedLong(v)));
    }
    if (d.type().multiArg() || d.type() instanceof ValueType.Num
        || d.type() instanceof ValueType.Bool || d.type() instanceof ValueType.Choice) {
      return List.of(d.name() + " " + (v.isEmpty() ? "\"\"" : v));
    }
    return List.of(d.name() + " " + SplitArgs.repr(v));
  }
}
