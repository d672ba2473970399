package io.lime.internal.command;

import java.util.List;
import java.util.Set;

/**
 * A command's metadata, as data (Redis's src/commands/*.json): what the dispatcher checks
 * before running the handler and what COMMAND INFO/DOCS/COUNT/LIST report.
 *
 * @param name lower-case name; for a subcommand the subcommand alone (e.g. {@code "setname"})
 * @param arity Redis arity: positive = exact argument count (name included), negative =
 *     at least {@code -arity}
 * @param flags command flags
 * @param firstKey position of the first key, 0 when none
 * @param lastKey position of the last key, negative counts from the end, 0 when none
 * @param step distance between keys
 * @param aclCategories ACL categories without the {@code @}, e.g. {@code "string"}
 * @param group the COMMAND DOCS group, e.g. {@code "string"}, {@code "generic"}
 * @param since the Redis version that introduced it, e.g. {@code "1.0.0"}
 * @param summary one-line summary (COMMAND DOCS)
 * @param complexity time complexity (COMMAND DOCS)
 * @param handler the code; for a container command (CLIENT, CONFIG, ...) a handler that
 *     dispatches to subcommands is not needed: give {@code subcommands} and the dispatcher
 *     routes by the second argument
 * @param subcommands subcommands (each with its own arity counted from the container name)
 */
public record CommandSpec(
    String name,
    int arity,
    Set<CommandFlag> flags,
    int firstKey,
    int lastKey,
    int step,
    List<String> aclCategories,
    String group,
    String since,
    String summary,
    String complexity,
    CommandHandler handler,
    List<CommandSpec> subcommands) {

  /** Whether this command has the flag. */
  public boolean has(CommandFlag f) {
    return flags.contains(f);
  }

  /** Whether this is a container of subcommands. */
  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  /** Starts a builder for a command named {@code name} (lower case) with arity and handler. */
  public static Builder builder(String name, int arity, CommandHandler handler) {
    return new Builder(name, arity, handler);
  }

  /** Fluent builder; defaults: no flags, no keys, no ACL categories, empty docs. */
  public static final class Builder {
    private final String name;
    private final int arity;
    private final CommandHandler handler;
    private Set<CommandFlag> flags = Set.of();
    private int firstKey;
    private int lastKey;
    private int step;
    private List<String> acl = List.of();
    private String group = "generic";
    private String since = "1.0.0";
    private String summary = "";
    private String complexity = "";
    private List<CommandSpec> subcommands = List.of();

    Builder(String name, int arity, CommandHandler handler) {
      this.name = name;
      this.arity = arity;
      this.handler = handler;
    }

    public Builder flags(CommandFlag... f) {
      this.flags = Set.of(f);
      return this;
    }

    public Builder keys(int first, int last, int step) {
      this.firstKey = first;
      this.lastKey = last;
      this.step = step;
      return this;
    }

    public Builder acl(String... categories) {
      this.acl = List.of(categories);
      return this;
    }

    public Builder group(String g) {
      this.group = g;
      return this;
    }

    public Builder since(String s) {
      this.since = s;
      return this;
    }

    public Builder summary(String s) {
      this.summary = s;
      return this;
    }

    public Builder complexity(String c) {
      this.complexity = c;
      return this;
    }

    public Builder subcommands(CommandSpec... subs) {
      this.subcommands = List.of(subs);
      return this;
    }

    public CommandSpec build() {
      return new CommandSpec(name, arity, flags, firstKey, lastKey, step, acl, group, since,
          summary, complexity, handler, subcommands);
    }
  }
}
