package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.NO_MANDATORY_KEYS;

import io.lime.internal.util.Glob;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * COMMAND and its subcommands (Redis's server.c commandCommand family): introspection of
 * LIME's command table in Redis 7.0.15's reply shapes. Every field is Redis's own data:
 * arity, flags, key positions and ACL categories from the table's {@link CommandSpec}s
 * (generated from Redis's COMMAND INFO, see {@link CommandMetadata}), tips, key specs and
 * documentation from {@link RedisCommandData}; so the replies are byte-identical with
 * Redis's for the commands LIME serves. Only the commands listed differ (LIME serves fewer,
 * plus a few of later versions: {@code lime-command-additions.txt}).
 */
public final class CommandCommands implements CommandGroup {
  private static final String[] HELP = {
    "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "(no subcommand)",
    "    Return details about all Redis commands.",
    "COUNT",
    "    Return the total number of commands in this Redis server.",
    "LIST",
    "    Return a list of all commands in this Redis server.",
    "INFO [<command-name> ...]",
    "    Return details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "DOCS [<command-name> ...]",
    "    Return documentation details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "GETKEYS <full-command>",
    "    Return the keys from a full Redis command.",
    "GETKEYSANDFLAGS <full-command>",
    "    Return the keys and the access flags from a full Redis command.",
    "HELP",
    "    Prints this help.",
  };

  /** COMMAND — O(N) commands: COMMAND INFO of every command. */
  static void command(Call call) { infoAll(call); }

  /** COMMAND HELP — O(1). */ static void commandHelp(Call call) { call.replyHelp(HELP); }

  /** COMMAND COUNT — O(1). */
  static void commandCount(Call call) { call.out().integer(call.server().commandTable().size()); }

  /** COMMAND INFO [command-name ...] — O(N) names; unknown names reply null. */
  static void commandInfo(Call call) {
    Argv argv = call.argv();
    if (argv.size() == 2) {
      infoAll(call);
      return;
    }
    ReplySink out = call.out();
    out.arrayHeader(argv.size() - 2);
    for (int i = 2; i < argv.size(); i++) {
      Resolved r = resolve(call.server().commandTable(), argv.string(i));
      if (r == null) {
        out.nullBulk();
      } else {
        CommandIntrospection.writeInfo(out, r.spec, r.parent);
      }
    }
  }

  private static void infoAll(Call call) {
    CommandTable table = call.server().commandTable();
    ReplySink out = call.out();
    out.arrayHeader(table.size());
    for (CommandSpec s : table.all()) {
      CommandIntrospection.writeInfo(out, s, null);
    }
  }

  /** COMMAND DOCS [command-name ...] — O(N) names; unknown names are left out. */
  static void commandDocs(Call call) {
    Argv argv = call.argv();
    CommandTable table = call.server().commandTable();
    ReplySink out = call.out();
    if (argv.size() == 2) {
      out.mapHeader(table.size());
      for (CommandSpec s : table.all()) {
        out.bulk(s.name());
        CommandIntrospection.writeDocs(out, s, null);
      }
      return;
    }
    List<Resolved> found = new ArrayList<>();
    for (int i = 2; i < argv.size(); i++) {
      Resolved r = resolve(table, argv.string(i));
      if (r != null) {
        found.add(r);
      }
    }
    out.mapHeader(found.size());
    for (Resolved r : found) {
      out.bulk(CommandIntrospection.fullName(r.spec, r.parent));
      CommandIntrospection.writeDocs(out, r.spec, r.parent);
    }
  }

  /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern] — O(N). */
  static void commandList(Call call) {
    Argv argv = call.argv();
    String type = null;
    String arg = null;
    for (int i = 2; i < argv.size(); i += 3) {
      boolean filter = argv.is(i, "FILTERBY") && argv.size() - 1 - i == 2
          && (argv.is(i + 1, "MODULE") || argv.is(i + 1, "ACLCAT") || argv.is(i + 1, "PATTERN"));
      if (!filter) {
        call.out().error(Errors.SYNTAX);
        return;
      }
      type = argv.string(i + 1).toUpperCase(Locale.ROOT);
      arg = argv.string(i + 2);
    }
    List<String> names = new ArrayList<>();
    for (CommandSpec s : call.server().commandTable().all()) {
      if (type == null || matches(s, null, type, arg)) {
        names.add(s.name());
      }
      for (CommandSpec sub : s.subcommands()) {
        if (type == null || matches(sub, s, type, arg)) {
          names.add(CommandIntrospection.fullName(sub, s));
        }
      }
    }
    ReplySink out = call.out();
    out.arrayHeader(names.size());
    for (String n : names) {
      out.bulk(n);
    }
  }

  private static boolean matches(CommandSpec s, @Nullable CommandSpec parent, String type,
      @Nullable String arg) {
    if (arg == null) {
      return true;
    }
    return switch (type) {
      case "ACLCAT" -> AclCategories.of(s).contains(arg.toLowerCase(Locale.ROOT));
      case "PATTERN" -> Glob.match(arg, CommandIntrospection.fullName(s, parent), true);
      default -> false; // MODULE: LIME has no modules
    };
  }

  /** COMMAND GETKEYS command [arg ...] — O(N) arguments. */
  static void commandGetkeys(Call call) { keys(call, false); }

  /** COMMAND GETKEYSANDFLAGS command [arg ...] — O(N) arguments. */
  static void commandGetkeysandflags(Call call) { keys(call, true); }

  private static void keys(Call call, boolean withFlags) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    CommandTable table = call.server().commandTable();
    CommandSpec spec = table.lookup(argv, 2);
    CommandSpec parent = null;
    if (spec != null && spec.isContainer()) {
      parent = spec;
      spec = table.lookupSub(spec, argv, 3);
    }
    if (spec == null) {
      out.error(Errors.INVALID_COMMAND);
      return;
    }
    String full = CommandIntrospection.fullName(spec, parent);
    boolean hasKeys = spec.firstKey() > 0 || spec.has(CommandFlag.MOVABLEKEYS)
        || RedisCommandData.get().keySpecs(full) instanceof io.lime.resp.RespValue.Set s
            && !s.elements().isEmpty();
    if (!hasKeys) {
      out.error(Errors.NO_KEY_ARGUMENTS);
      return;
    }
    int argc = argv.size() - 2;
    int arity = spec.arity();
    if ((arity > 0 && arity != argc) || argc < -arity) {
      out.error(Errors.INVALID_ARG_COUNT);
      return;
    }
    List<KeyFinder.Key> keys = KeyFinder.find(spec, full, argv, 2);
    if (keys == null) {
      // Redis falls back to a per-command function here: for the movable-key commands LIME
      // serves (numkeys forms) those find no key when numkeys does not fit the arguments;
      // for the others LIME falls back to the legacy key range.
      keys = spec.has(CommandFlag.MOVABLEKEYS) ? List.of() : KeyFinder.find(spec, "", argv, 2);
    }
    if (keys == null || keys.isEmpty()) {
      if (spec.has(NO_MANDATORY_KEYS)) {
        out.arrayHeader(0);
      } else {
        out.error(Errors.INVALID_ARGUMENTS);
      }
      return;
    }
    out.arrayHeader(keys.size());
    for (KeyFinder.Key k : keys) {
      int i = 2 + k.pos();
      if (withFlags) {
        out.arrayHeader(2);
        out.bulk(argv.array(), argv.offset(i), argv.length(i));
        if (k.flags() == null) {
          out.setHeader(0);
        } else {
          RedisCommandData.write(out, k.flags());
        }
      } else {
        out.bulk(argv.array(), argv.offset(i), argv.length(i));
      }
    }
  }

  /** A command named {@code name} ({@code get}, {@code CLIENT|list}), or null. */
  static @Nullable Resolved resolve(CommandTable table, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int bar = lower.indexOf('|');
    if (bar < 0) {
      CommandSpec s = table.get(lower);
      return s == null ? null : new Resolved(s, null);
    }
    CommandSpec parent = table.get(lower.substring(0, bar));
    if (parent == null) {
      return null;
    }
    String subName = lower.substring(bar + 1);
    for (CommandSpec sub : parent.subcommands()) {
      if (sub.name().equals(subName)) {
        return new Resolved(sub, parent);
      }
    }
    return null;
  }

  /** A command and, for a subcommand, its container. */
  record Resolved(CommandSpec spec, @Nullable CommandSpec parent) {}
}
