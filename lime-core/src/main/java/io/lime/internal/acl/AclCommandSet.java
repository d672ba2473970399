package io.lime.internal.acl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The commands ACL rules name (Redis's {@code server.orig_commands}): Redis 7.0.15's whole
 * command table plus LIME's additions, whether or not LIME serves each one, so that an ACL
 * written for Redis parses and describes ({@code ACL LIST}) the same way. Commands are kept
 * in the order of Redis's captured COMMAND INFO, which stands in for the iteration order of
 * Redis's command dictionary. Immutable once built; thread-safe.
 */
public final class AclCommandSet {
  /** Bits in a selector's bitmap; the last one is set only by {@code +@all} (future commands). */
  static final int BITS = 1024;
  static final int FUTURE_COMMANDS_BIT = BITS - 1;

  private final List<AclCommand> top = new ArrayList<>();
  private final Map<String, AclCommand> byName = new HashMap<>();
  private int nextId;

  /** An empty set; add commands with {@link #add}. */
  public AclCommandSet() {}

  /**
   * Adds a command (a container before its subcommands).
   *
   * @param fullName {@code get} or {@code config|get}
   * @param categories the category names as COMMAND INFO prints them ({@code @read})
   * @param noAuth whether the command has the {@code no_auth} flag
   * @return the command
   * @throws IllegalArgumentException for a subcommand of an unknown container
   */
  public AclCommand add(String fullName, Iterable<String> categories, boolean noAuth) {
    String name = fullName.toLowerCase(Locale.ROOT);
    AclCommand existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    int bar = name.indexOf('|');
    AclCommand parent = null;
    if (bar >= 0) {
      parent = byName.get(name.substring(0, bar));
      if (parent == null) {
        throw new IllegalArgumentException("no container for " + fullName);
      }
    }
    if (nextId == FUTURE_COMMANDS_BIT) {
      nextId++;
    }
    if (nextId >= BITS) {
      throw new IllegalStateException("more than " + (BITS - 1) + " commands");
    }
    AclCommand c = new AclCommand(nextId++, name, AclCategory.mask(categories), noAuth, parent);
    byName.put(name, c);
    if (parent == null) {
      top.add(c);
    } else {
      parent.subcommands.add(c);
    }
    return c;
  }

  /**
   * A copy of this set (the same commands with the same bit positions, so rules parsed
   * against either mean the same) to which more commands can be added: a server's set when
   * custom commands extend its table.
   */
  public AclCommandSet copy() {
    AclCommandSet c = new AclCommandSet();
    copyInto(c, top);
    c.nextId = nextId;
    return c;
  }

  private static void copyInto(AclCommandSet into, List<AclCommand> cmds) {
    for (AclCommand cmd : cmds) {
      AclCommand parent = cmd.parent == null ? null : into.byName.get(cmd.parent.fullName());
      AclCommand copy = new AclCommand(cmd.id, cmd.fullName(), cmd.categories, cmd.noAuth, parent);
      into.byName.put(cmd.fullName(), copy);
      if (parent == null) {
        into.top.add(copy);
      } else {
        parent.subcommands.add(copy);
      }
      copyInto(into, cmd.subcommands);
    }
  }

  /**
   * The command named {@code name} ({@code get}, {@code config|get}; case-insensitive), or
   * null: Redis's lookupCommandBySdsLogic (a name with a {@code |} must name a subcommand).
   */
  public @Nullable AclCommand lookup(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  /** Top-level commands, in order. */
  List<AclCommand> commands() {
    return Collections.unmodifiableList(top);
  }

  /** Calls {@code action} for every command (and subcommand) in the category, in order. */
  public void forEachInCategory(long category, java.util.function.Consumer<AclCommand> action) {
    forEach(top, category, action);
  }

  private static void forEach(List<AclCommand> cmds, long category,
      java.util.function.Consumer<AclCommand> action) {
    for (AclCommand c : cmds) {
      if ((c.categories & category) != 0) {
        action.accept(c);
      }
      forEach(c.subcommands, category, action);
    }
  }
}
