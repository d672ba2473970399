package io.lime.internal.command;

import io.lime.resp.RespValue;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * <p>The handler is named ({@code StringCommands#get}) and bound on the command's first run
 * into a {@link Handler} (a {@link LambdaMetafactory} class), then called as an interface
 * method, which allocates nothing and costs what the old per-group switches did. Start-up
 * thus neither reflects on the groups nor links a handler for commands most servers never
 * see; the first use of a command costs some tens to hundreds of microseconds (a few
 * milliseconds for the first command in a JVM, which links the lambda machinery).
 * Immutable but for that handler and the cached ACL command, which any thread may set: a race
 * only binds or looks them up twice.
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
  /**
   * The handler: {@code Group.method} (static) or {@code Group#method} (instance), the group
   * a class of this package; null for a container without one.
   */
  private final @Nullable String handler;
  private @Nullable Handler handle; // a benign race: a Handler is immutable (final fields)
  /** A custom command's COMMAND DOCS map; null for the built-ins (Redis's data). */
  private final RespValue.@Nullable Map customDocs;

  /**
   * A bound handler: made on the command's first run by {@link LambdaMetafactory} (one small
   * class per command actually used, so a server that only answers PING links one), then
   * called as an ordinary interface method, which the JIT treats as the old per-group
   * switches (a non-constant {@code MethodHandle.invokeExact} measured 5 to 10 ns slower per
   * command in the {@code RespBench} pipeline benchmark).
   */
  @FunctionalInterface
  interface Handler {
    /** Runs the command. */
    void run(Call call);
  }

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
   * @param handler the handler, a method taking a {@link Call}: {@code Group.method} when
   *     static, {@code Group#method} when an instance method, or null for none
   * @param subcommands the subcommands of a container (each with its own arity counted from
   *     the container name): the dispatcher routes by the second argument
   */
  CommandSpec(String fullName, int arity, int flags, int firstKey, int lastKey, int step,
      List<String> aclCategories, @Nullable String handler, List<CommandSpec> subcommands) {
    this(fullName, arity, flags, firstKey, lastKey, step, aclCategories, handler, subcommands,
        null, null);
  }

  /**
   * A custom command ({@code io.lime.command}, see {@link CustomCommands}): its handler bound
   * already and its COMMAND DOCS map its own.
   */
  CommandSpec(String fullName, int arity, int flags, int firstKey, int lastKey, int step,
      List<String> aclCategories, Handler bound, RespValue.Map docs) {
    this(fullName, arity, flags, firstKey, lastKey, step, aclCategories, null, List.of(), bound,
        docs);
  }

  private CommandSpec(String fullName, int arity, int flags, int firstKey, int lastKey, int step,
      List<String> aclCategories, @Nullable String handler, List<CommandSpec> subcommands,
      @Nullable Handler bound, RespValue.@Nullable Map docs) {
    this.handle = bound;
    this.customDocs = docs;
    this.fullName = fullName;
    this.name = fullName.substring(fullName.indexOf('|') + 1);
    this.arity = arity;
    this.flags = flags;
    this.firstKey = firstKey;
    this.lastKey = lastKey;
    this.step = step;
    this.aclCategories = aclCategories;
    this.handler = handler;
    this.subcommands = subcommands;
  }

  /** This container with {@code subs} as its subcommands. */
  CommandSpec withSubcommands(List<CommandSpec> subs) {
    return subs.isEmpty() ? this : new CommandSpec(fullName, arity, flags, firstKey, lastKey,
        step, aclCategories, handler, List.copyOf(subs), handle, customDocs);
  }

  /** Lower-case name; for a subcommand the subcommand alone (e.g. {@code "setname"}). */
  public String name() { return name; }

  /** {@code get}, or {@code client|setname} for a subcommand. */
  public String fullName() { return fullName; }

  /** The ACL command of this one in a command set, resolved once per set (a plain race). */
  private record AclRef(io.lime.internal.acl.AclCommandSet set,
      io.lime.internal.acl.AclCommand command) {}

  private @Nullable AclRef aclRef;

  /**
   * This command in the ACL command set {@code set} (whose bits index the users' permitted
   * commands), or null when the set does not have it: looked up by name the first time, not
   * per command. Sets only grow and never replace a command, so a found one stays right.
   */
  io.lime.internal.acl.@Nullable AclCommand aclCommand(io.lime.internal.acl.AclCommandSet set) {
    AclRef r = aclRef;
    if (r != null && r.set() == set) {
      return r.command();
    }
    io.lime.internal.acl.AclCommand c = set.lookup(fullName);
    if (c != null) {
      aclRef = new AclRef(set, c);
    }
    return c;
  }

  /** Redis arity: positive = exact argument count (name included), negative = at least. */
  public int arity() { return arity; }

  /** Whether this command has the flag. */
  public boolean has(CommandFlag f) { return (flags & (1 << f.ordinal())) != 0; }

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

  /** Position of the first key, 0 when none. */ public int firstKey() { return firstKey; }

  /** Position of the last key, negative counts from the end, 0 when none. */
  public int lastKey() { return lastKey; }

  /** Distance between keys. */ public int step() { return step; }

  /** ACL categories without the {@code @}, as COMMAND INFO prints them. */
  public List<String> aclCategories() { return aclCategories; }

  /** The subcommands of a container, else empty. */
  public List<CommandSpec> subcommands() { return subcommands; }

  /** Whether this is a container of subcommands. */
  public boolean isContainer() { return !subcommands.isEmpty(); }

  /** Whether the command has a handler of its own (a container may not). */
  boolean hasHandler() { return handler != null || handle != null; }

  /** A custom command's COMMAND DOCS map, or null for a built-in (see {@link RedisCommandData}). */
  RespValue.@Nullable Map customDocs() { return customDocs; }

  /** The COMMAND DOCS group, e.g. {@code "string"}, {@code "generic"}. */
  public String group() {
    String g = doc("group");
    return g.isEmpty() ? "generic" : g;
  }

  /** The Redis version that introduced the command, e.g. {@code "1.0.0"}. */
  public String since() { return doc("since"); }

  /** One-line summary (COMMAND DOCS). */ public String summary() { return doc("summary"); }

  /** Time complexity (COMMAND DOCS). */ public String complexity() { return doc("complexity"); }

  private String doc(String key) {
    RespValue.Map docs = customDocs != null ? customDocs : RedisCommandData.get().docs(fullName);
    RespValue v = docs == null ? null : RedisCommandData.entry(docs, key);
    return v == null ? "" : RedisCommandData.text(v);
  }

  /**
   * Runs the handler. Arity, authentication and flags have been checked by the dispatcher.
   * Allocation-free once the command has run once.
   */
  void run(Call call) {
    Handler h = handle;
    if (h == null) {
      h = bind();
    }
    h.run(call);
  }

  private Handler bind() {
    String h = handler;
    if (h == null) {
      throw new IllegalStateException("no handler for " + fullName);
    }
    int dot = Math.max(h.indexOf('.'), h.indexOf('#'));
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      // initialized first: a handle to a static method of a class not yet initialized takes
      // a slower, not pre-generated form that checks for initialization on every call
      Class<?> group = Class.forName(CommandSpec.class.getPackageName() + "."
          + h.substring(0, dot), true, CommandSpec.class.getClassLoader());
      String name = h.substring(dot + 1);
      boolean isStatic = h.charAt(dot) == '.';
      MethodHandle impl = isStatic
          ? lookup.findStatic(group, name, Binding.HANDLER_TYPE)
          : lookup.findVirtual(group, name, Binding.HANDLER_TYPE);
      MethodType factory = isStatic
          ? MethodType.methodType(Handler.class)
          : MethodType.methodType(Handler.class, group);
      MethodHandle make = LambdaMetafactory.metafactory(lookup, "run", factory,
          Binding.HANDLER_TYPE, impl, Binding.HANDLER_TYPE).getTarget();
      Handler bound = isStatic ? (Handler) make.invoke()
          : (Handler) make.invoke(Binding.INSTANCES.get(group));
      handle = bound;
      return bound;
    } catch (Throwable e) {
      throw new IllegalStateException("handler " + h + " of " + fullName + " not found: "
          + "regenerate CommandMetadata (see CommandMetadataTest)", e);
    }
  }

  /** What binding needs, made on the first binding rather than at start-up. */
  private static final class Binding {
    static final MethodType HANDLER_TYPE = MethodType.methodType(void.class, Call.class);

    /** One instance per group with instance handlers, made by its no-arg constructor. */
    static final ClassValue<Object> INSTANCES = new ClassValue<>() {
      @Override
      protected Object computeValue(Class<?> group) {
        try {
          return group.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(group.getSimpleName() + " has instance handlers but"
              + " no accessible no-arg constructor", e);
        }
      }
    };
  }

  @Override
  public String toString() {
    return fullName;
  }
}
