package io.lime.internal.command;

import io.lime.resp.RespValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One command of the table: its metadata, which is Redis 7.0.15's (see {@link
 * CommandMetadata}), bound to its handler, the group method named after it (see {@link
 * CommandGroup}). What the dispatcher checks before running the handler and what COMMAND
 * INFO/DOCS/COUNT/LIST report.
 *
 * <p>Handlers are called through a {@link MethodHandle} made on the command's first run
 * (making all of them when the table is built would cost start-up time for commands most
 * servers never see) and invoked exactly, which allocates nothing. Immutable but for that
 * handle, which any thread may set; a race only makes the same handle twice.
 */
public final class CommandSpec {
  private final String name;
  private final String fullName;
  private final int arity;
  private final int flags;
  private final int firstKey;
  private final int lastKey;
  private final int step;
  private final List<String> aclCategories;
  private final List<CommandSpec> subcommands;
  /** The handler's group method, bound on first run; null for a container without one. */
  private final @Nullable Method method;
  /** The group instance for an instance method, else null. */
  private final @Nullable Object receiver;
  private @Nullable MethodHandle handle;

  /**
   * A command.
   *
   * @param fullName lower-case name; for a subcommand {@code container|subcommand}
   * @param arity Redis arity: positive = exact argument count (name included), negative =
   *     at least {@code -arity}
   * @param flags the {@link #mask mask} of the command's flags
   * @param firstKey position of the first key, 0 when none
   * @param lastKey position of the last key, negative counts from the end, 0 when none
   * @param step distance between keys
   * @param aclCategories ACL categories without the {@code @}, e.g. {@code "string"}
   * @param method the handler: a group method taking a {@link Call}, or null for none
   * @param receiver the group instance when {@code method} is an instance method
   * @param subcommands the subcommands of a container (each with its own arity counted from
   *     the container name): the dispatcher routes by the second argument
   */
  CommandSpec(String fullName, int arity, int flags, int firstKey, int lastKey, int step,
      List<String> aclCategories, @Nullable Method method, @Nullable Object receiver,
      List<CommandSpec> subcommands) {
    this.fullName = fullName;
    this.name = fullName.substring(fullName.indexOf('|') + 1);
    this.arity = arity;
    this.flags = flags;
    this.firstKey = firstKey;
    this.lastKey = lastKey;
    this.step = step;
    this.aclCategories = aclCategories;
    this.method = method;
    this.receiver = receiver;
    this.subcommands = subcommands;
  }

  private CommandSpec(CommandSpec s, MethodHandle handle) {
    this(s.fullName, s.arity, s.flags, s.firstKey, s.lastKey, s.step, s.aclCategories, null,
        null, s.subcommands);
    this.handle = handle;
  }

  /** Lower-case name; for a subcommand the subcommand alone (e.g. {@code "setname"}). */
  public String name() {
    return name;
  }

  /** {@code get}, or {@code client|setname} for a subcommand. */
  public String fullName() {
    return fullName;
  }

  /** Redis arity: positive = exact argument count (name included), negative = at least. */
  public int arity() {
    return arity;
  }

  /** Whether this command has the flag. */
  public boolean has(CommandFlag f) {
    return (flags & (1 << f.ordinal())) != 0;
  }

  /** The command's flags. */
  public Set<CommandFlag> flags() {
    EnumSet<CommandFlag> set = EnumSet.noneOf(CommandFlag.class);
    for (CommandFlag f : CommandFlag.values()) {
      if (has(f)) {
        set.add(f);
      }
    }
    return set;
  }

  /** The bit of each flag, or-ed. */
  static int mask(CommandFlag... flags) {
    int m = 0;
    for (CommandFlag f : flags) {
      m |= 1 << f.ordinal();
    }
    return m;
  }

  /** Position of the first key, 0 when none. */
  public int firstKey() {
    return firstKey;
  }

  /** Position of the last key, negative counts from the end, 0 when none. */
  public int lastKey() {
    return lastKey;
  }

  /** Distance between keys. */
  public int step() {
    return step;
  }

  /** ACL categories without the {@code @}, as COMMAND INFO prints them. */
  public List<String> aclCategories() {
    return aclCategories;
  }

  /** The subcommands of a container, else empty. */
  public List<CommandSpec> subcommands() {
    return subcommands;
  }

  /** Whether this is a container of subcommands. */
  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  /** Whether the command has a handler of its own (a container may not). */
  boolean hasHandler() {
    return method != null || handle != null;
  }

  /** The COMMAND DOCS group, e.g. {@code "string"}, {@code "generic"}. */
  public String group() {
    String g = doc("group");
    return g.isEmpty() ? "generic" : g;
  }

  /** The Redis version that introduced the command, e.g. {@code "1.0.0"}. */
  public String since() {
    return doc("since");
  }

  /** One-line summary (COMMAND DOCS). */
  public String summary() {
    return doc("summary");
  }

  /** Time complexity (COMMAND DOCS). */
  public String complexity() {
    return doc("complexity");
  }

  private String doc(String key) {
    RespValue.Map docs = RedisCommandData.get().docs(fullName);
    RespValue v = docs == null ? null : RedisCommandData.entry(docs, key);
    return v == null ? "" : RedisCommandData.text(v);
  }

  /**
   * Runs the handler. Arity, authentication and flags have been checked by the dispatcher.
   * Allocation-free once the command has run once.
   */
  void run(Call call) {
    MethodHandle h = handle;
    if (h == null) {
      h = bind();
    }
    try {
      h.invokeExact(call);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) { // handlers declare no checked exceptions (CommandBinder checks)
      throw new UndeclaredThrowableException(t);
    }
  }

  private MethodHandle bind() {
    Method m = method;
    if (m == null) {
      throw new IllegalStateException("no handler for " + fullName);
    }
    try {
      MethodHandle h = MethodHandles.lookup().unreflect(m);
      if (receiver != null) {
        h = h.bindTo(receiver);
      }
      handle = h;
      return h;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("handler of " + fullName + " is not accessible: " + m, e);
    }
  }

  /** A copy of {@code s} running {@code handle}. */
  static CommandSpec withHandle(CommandSpec s, MethodHandle handle) {
    return new CommandSpec(s, handle);
  }

  /** The handle made by a {@link #builder}, else null until the first run. */
  @Nullable MethodHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return fullName;
  }

  /**
   * A command not in the table's metadata, with a handler given as code: for tests and
   * placeholders (each such handler is linked when made, so the table does not use these).
   */
  static Builder builder(String name, int arity, CommandHandler handler) {
    return new Builder(name, arity, handler);
  }

  /** Fluent builder; defaults: no flags, no keys, no ACL categories, no subcommands. */
  static final class Builder {
    private final String name;
    private final int arity;
    private final CommandHandler handler;
    private int flags;
    private int firstKey;
    private int lastKey;
    private int step;
    private List<String> acl = List.of();
    private List<CommandSpec> subcommands = List.of();

    Builder(String name, int arity, CommandHandler handler) {
      this.name = name;
      this.arity = arity;
      this.handler = handler;
    }

    Builder flags(CommandFlag... f) {
      this.flags = mask(f);
      return this;
    }

    Builder keys(int first, int last, int step) {
      this.firstKey = first;
      this.lastKey = last;
      this.step = step;
      return this;
    }

    Builder acl(String... categories) {
      this.acl = List.of(categories);
      return this;
    }

    // Transitional: the docs setters of the groups' old spec lists. Ignored: a table's
    // metadata comes from CommandMetadata and RedisCommandData. Removed with those lists.
    Builder group(String g) {
      return this;
    }

    Builder since(String s) {
      return this;
    }

    Builder summary(String s) {
      return this;
    }

    Builder complexity(String c) {
      return this;
    }

    Builder subcommands(CommandSpec... subs) {
      List<CommandSpec> l = new ArrayList<>();
      for (CommandSpec s : subs) {
        l.add(new CommandSpec(new CommandSpec(name + "|" + s.name, s.arity, s.flags,
            s.firstKey, s.lastKey, s.step, s.aclCategories, null, null, List.of()), s.handle));
      }
      this.subcommands = Collections.unmodifiableList(l);
      return this;
    }

    CommandSpec build() {
      CommandSpec s = new CommandSpec(name, arity, flags, firstKey, lastKey, step, acl, null,
          null, subcommands);
      return new CommandSpec(s, Handlers.EXECUTE.bindTo(handler));
    }
  }

  /** {@link CommandHandler#execute} as a handle, made only when a builder is used. */
  private static final class Handlers {
    static final MethodHandle EXECUTE;

    static {
      try {
        EXECUTE = MethodHandles.lookup().findVirtual(CommandHandler.class, "execute",
            MethodType.methodType(void.class, Call.class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }
}
