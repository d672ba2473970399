package io.lime.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/commands.md}, the list of supported commands, from the command table,
 * so the documentation cannot drift from the code (a test compares the file with this).
 */
public final class CommandReference {
  private CommandReference() {}

  /** The Markdown reference for {@code table}. */
  public static String render(CommandTable table) {
    Map<String, List<CommandSpec>> byGroup = new TreeMap<>();
    for (CommandSpec s : table.all()) {
      byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Supported commands\n\n");
    sb.append("Generated from LIME's command table by `CommandReferenceTest`; do not edit by hand.\n");
    sb.append("Regenerate with `./mvnw -pl lime-core test -Dtest=CommandReferenceTest -Dlime.updateDocs=true`.\n\n");
    sb.append("LIME implements ").append(countAll(table)).append(" commands and subcommands with the ")
        .append("semantics of Redis ").append(ServerState.REDIS_VERSION).append(".\n");
    for (Map.Entry<String, List<CommandSpec>> g : byGroup.entrySet()) {
      sb.append("\n## ").append(g.getKey()).append("\n\n");
      sb.append("| Command | Arity | Flags | Keys (first, last, step) | Since | Summary |\n");
      sb.append("|---|---|---|---|---|---|\n");
      List<CommandSpec> specs = new ArrayList<>(g.getValue());
      specs.sort((a, b) -> a.name().compareTo(b.name()));
      for (CommandSpec s : specs) {
        row(sb, s.name().toUpperCase(Locale.ROOT), s);
        List<CommandSpec> subs = new ArrayList<>(s.subcommands());
        subs.sort((a, b) -> a.name().compareTo(b.name()));
        for (CommandSpec sub : subs) {
          row(sb, s.name().toUpperCase(Locale.ROOT) + " " + sub.name().toUpperCase(Locale.ROOT), sub);
        }
      }
    }
    return sb.toString();
  }

  private static int countAll(CommandTable table) {
    int n = 0;
    for (CommandSpec s : table.all()) {
      n += 1 + s.subcommands().size();
    }
    return n;
  }

  private static void row(StringBuilder sb, String name, CommandSpec s) {
    String flags = s.flags().stream().map(CommandFlag::wireName).sorted().collect(Collectors.joining(" "));
    String keys = s.firstKey() == 0 ? "-" : s.firstKey() + ", " + s.lastKey() + ", " + s.step();
    sb.append("| `").append(name).append("` | ").append(s.arity()).append(" | ").append(flags)
        .append(" | ").append(keys).append(" | ").append(s.since()).append(" | ")
        .append(s.summary().replace("|", "\\|")).append(" |\n");
  }
}
