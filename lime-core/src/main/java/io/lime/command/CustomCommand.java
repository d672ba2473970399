package io.lime.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A command registered from Java: its metadata as Redis's COMMAND INFO/DOCS describe a command,
 * and its {@link CommandHandler}. Immutable; built with {@link #builder(String)}:
 *
 * <pre>{@code
 * CustomCommand cas = CustomCommand.builder("cas")
 *     .arity(4).flags(CustomCommand.Flag.WRITE, CustomCommand.Flag.DENYOOM, CustomCommand.Flag.FAST)
 *     .keys(1, 1, 1).aclCategories("string")
 *     .summary("Set key to new if it holds expected")
 *     .handler(ctx -> { ... })
 *     .build();
 * }</pre>
 *
 * <p>The dispatcher treats it as a built-in: unknown-name and arity errors, {@code MULTI}
 * queueing, {@code COMMAND COUNT/LIST/INFO/DOCS}, INFO commandstats, and the append-only file
 * (a {@link Flag#WRITE} command that changed data is logged as given, or as {@link
 * CommandContext#propagateAs}). A name that is a built-in command is refused unless {@link
 * Builder#replaceBuiltin()} was called.
 */
public final class CustomCommand {
  /** Command flags, as COMMAND INFO prints them (lower case). */
  public enum Flag {
    /** Changes data: logged to the AOF when it did. */ WRITE,
    /** Only reads data. */ READONLY,
    /** May grow memory (refused over maxmemory, as Redis). */ DENYOOM,
    /** Administrative. */ ADMIN,
    /** Not allowed in scripts. */ NOSCRIPT,
    /** Allowed while loading. */ LOADING,
    /** Allowed on a stale replica. */ STALE,
    /** O(1) or O(log N) and never blocks. */ FAST,
    /** Allowed before AUTH. */ NO_AUTH,
    /** Refused inside MULTI. */ NO_MULTI,
    /** May have no key among its arguments even though it declares key positions. */ NO_MANDATORY_KEYS,
    /** Allowed while the server is busy (a long script). */ ALLOW_BUSY,
    /** Not shown in MONITOR. */ SKIP_MONITOR,
    /** Not shown in the slow log. */ SKIP_SLOWLOG;

    /** The flag as COMMAND INFO prints it. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String name;
  private final int arity;
  private final Set<Flag> flags;
  private final int firstKey;
  private final int lastKey;
  private final int step;
  private final List<String> aclCategories;
  private final String summary;
  private final String since;
  private final String complexity;
  private final String group;
  private final boolean replaceBuiltin;
  private final CommandHandler handler;

  private CustomCommand(Builder b, CommandHandler handler) {
    this.name = b.name;
    this.arity = b.arity;
    this.flags = Set.copyOf(b.flags);
    this.firstKey = b.firstKey;
    this.lastKey = b.lastKey;
    this.step = b.step;
    this.aclCategories = b.aclCategories;
    this.summary = b.summary;
    this.since = b.since;
    this.complexity = b.complexity;
    this.group = b.group;
    this.replaceBuiltin = b.replaceBuiltin;
    this.handler = handler;
  }

  /**
   * A builder for the command {@code name} (case-insensitive; stored lower-case).
   *
   * @throws IllegalArgumentException if the name is empty or has spaces, control characters or
   *     a {@code |}
   */
  public static Builder builder(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.isEmpty() || !n.chars().allMatch(c -> c > ' ' && c < 127 && c != '|')) {
      throw new IllegalArgumentException("bad command name: '" + name + "'");
    }
    return new Builder(n);
  }

  /** Lower-case name. */ public String name() { return name; }

  /** Redis arity: positive = exact argument count (name included), negative = at least. */
  public int arity() { return arity; }

  /** The flags. */ public Set<Flag> flags() { return flags; }
  /** Position of the first key, 0 when none. */ public int firstKey() { return firstKey; }

  /** Position of the last key (negative: from the end), 0 when none. */
  public int lastKey() { return lastKey; }

  /** Distance between keys. */ public int step() { return step; }
  /** ACL categories, without {@code @}. */ public List<String> aclCategories() { return aclCategories; }
  /** One-line summary (COMMAND DOCS). */ public String summary() { return summary; }
  /** Version that introduced it (COMMAND DOCS {@code since}). */ public String since() { return since; }
  /** Time complexity (COMMAND DOCS). */ public String complexity() { return complexity; }

  /** COMMAND DOCS group ({@code module} by default, as a Redis module's command). */
  public String group() { return group; }

  /** Whether it may replace a built-in command of the same name. */
  public boolean replacesBuiltin() { return replaceBuiltin; }

  /** The handler. */ public CommandHandler handler() { return handler; }

  @Override
  public String toString() {
    return "CustomCommand[" + name + "]";
  }

  /** Builds a {@link CustomCommand}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private int arity = -1;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private int firstKey;
    private int lastKey;
    private int step;
    private List<String> aclCategories = List.of();
    private String summary = "";
    private String since = "";
    private String complexity = "";
    private String group = "module";
    private boolean replaceBuiltin;
    private @Nullable CommandHandler handler;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Redis arity, the name included: {@code n > 0} exactly n arguments, {@code -n} at least n
     * (default -1: any).
     *
     * @throws IllegalArgumentException if {@code n} is 0
     */
    public Builder arity(int n) {
      if (n == 0) {
        throw new IllegalArgumentException("arity 0");
      }
      this.arity = n;
      return this;
    }

    /**
     * The flags.
     *
     * @throws IllegalArgumentException for both WRITE and READONLY
     */
    public Builder flags(Flag... f) {
      flags.addAll(List.of(f));
      if (flags.contains(Flag.WRITE) && flags.contains(Flag.READONLY)) {
        throw new IllegalArgumentException("a command is not both write and readonly");
      }
      return this;
    }

    /**
     * Key positions, as COMMAND INFO's first key, last key and step: keys are the arguments
     * {@code first, first+step, ...} up to {@code last} (negative: counted from the end, -1
     * being the last argument). The handler runs with these keys' shards locked and reaches
     * them through {@link CommandContext#key(int)}. Default: no keys.
     *
     * @throws IllegalArgumentException if {@code first < 1}, {@code step < 1}, or {@code last}
     *     is positive and below {@code first}
     */
    public Builder keys(int first, int last, int step) {
      if (first < 1 || step < 1 || (last > 0 && last < first)) {
        throw new IllegalArgumentException("bad key positions " + first + ", " + last + ", " + step);
      }
      this.firstKey = first;
      this.lastKey = last;
      this.step = step;
      return this;
    }

    /** ACL categories, without {@code @} (e.g. {@code "string"}, {@code "json"}). */ public Builder aclCategories(String... categories) { this.aclCategories = List.of(categories); return this; }
    /** One-line summary for COMMAND DOCS. */ public Builder summary(String text) { this.summary = Objects.requireNonNull(text); return this; }
    /** The version that introduced the command, for COMMAND DOCS. */ public Builder since(String version) { this.since = Objects.requireNonNull(version); return this; }
    /** Time complexity, for COMMAND DOCS. */ public Builder complexity(String text) { this.complexity = Objects.requireNonNull(text); return this; }
    /** COMMAND DOCS group (default {@code module}). */ public Builder group(String name) { this.group = Objects.requireNonNull(name); return this; }
    /** Allows this command to replace a built-in command of the same name. */ public Builder replaceBuiltin() { this.replaceBuiltin = true; return this; }
    /** The handler (required). */ public Builder handler(CommandHandler h) { this.handler = Objects.requireNonNull(h); return this; }

    /**
     * The command.
     *
     * @throws IllegalStateException without a handler, or with key positions beyond a fixed
     *     arity
     */
    public CustomCommand build() {
      CommandHandler h = handler;
      if (h == null) {
        throw new IllegalStateException("command " + name + " has no handler");
      }
      if (firstKey > 0 && arity > 0 && (firstKey >= arity || lastKey >= arity)) {
        throw new IllegalStateException("key positions beyond the arity of " + name);
      }
      return new CustomCommand(this, h);
    }
  }
}
