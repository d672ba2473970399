package io.lime.internal.command;

import io.lime.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code docs/compatibility.md}: every command and subcommand of Redis 7.0.15 (its
 * captured COMMAND DOCS), whether LIME's command table serves it, and the known differences
 * ({@code compatibility-notes.txt}). A test compares the file with this, so the page cannot
 * drift from the table.
 */
public final class CompatibilityReference {
  private CompatibilityReference() {}

  private static final String NOTES = "compatibility-notes.txt";

  /** A Redis command as the page lists it. */
  private record Row(String group, String name, String summary) {}

  /**
   * The Markdown page for {@code table}.
   *
   * @throws IllegalStateException when a note names a command Redis 7.0.15 does not have
   */
  public static String render(CommandTable table) {
    Map<String, String> notes = notes();
    Map<String, List<Row>> byGroup = new TreeMap<>();
    RespValue docs = RedisCommandData.read("redis-7.0.15-command-docs.resp");
    int total = 0;
    int served = 0;
    for (RespValue.Pair p : ((RespValue.Map) docs).entries()) {
      for (Row r : rows(RedisCommandData.text(p.key()), (RespValue.Map) p.value(), null)) {
        byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Boolean> supported = new HashMap<>();
    for (List<Row> rows : byGroup.values()) {
      rows.sort((a, b) -> a.name().compareTo(b.name()));
      for (Row r : rows) {
        boolean s = served(table, r.name());
        supported.put(r.name(), s);
        total++;
        served += s ? 1 : 0;
      }
    }
    for (String n : notes.keySet()) {
      if (!n.equals("*") && !supported.containsKey(n)) {
        throw new IllegalStateException(NOTES + " names " + n + ", which Redis 7.0.15 lacks");
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Compatibility with Redis ").append(ServerState.REDIS_VERSION).append("\n\n");
    sb.append("Generated from LIME's command table and Redis ").append(ServerState.REDIS_VERSION)
        .append("'s COMMAND DOCS by `CompatibilityReferenceTest`; do not edit by hand.\n");
    sb.append("Regenerate with `./mvnw -pl lime-core test -Dtest=CompatibilityReferenceTest -Dlime.updateDocs=true`.\n\n");
    sb.append("LIME serves ").append(served).append(" of the ").append(total)
        .append(" commands and subcommands of Redis ").append(ServerState.REDIS_VERSION)
        .append(" with the same replies and error texts, checked byte for byte against a real ")
        .append("`redis-server` by the differential tests. A command marked *no* answers ")
        .append("`ERR unknown command` (or `ERR unknown subcommand`), as Redis does for a command ")
        .append("it does not have. Metadata of served commands (arity, flags, key specs, ACL ")
        .append("categories, docs) is Redis's own: see [commands.md](commands.md).\n\n");
    sb.append("Differences that apply everywhere:\n\n");
    for (String l : notes.getOrDefault("*", "").split("\n")) {
      if (!l.isEmpty()) {
        sb.append("- ").append(l).append('\n');
      }
    }
    for (Map.Entry<String, List<Row>> g : byGroup.entrySet()) {
      sb.append("\n## ").append(g.getKey()).append("\n\n");
      sb.append("| Command | Supported | Summary | Known differences |\n");
      sb.append("|---|---|---|---|\n");
      for (Row r : g.getValue()) {
        sb.append("| `").append(r.name().replace('|', ' ').toUpperCase(Locale.ROOT)).append("` | ")
            .append(supported.get(r.name()) ? "yes" : "no").append(" | ")
            .append(r.summary().replace("|", "\\|")).append(" | ")
            .append(notes.getOrDefault(r.name(), "").replace("|", "\\|")).append(" |\n");
      }
    }
    return sb.toString();
  }

  private static List<Row> rows(String name, RespValue.Map m, String parentGroup) {
    RespValue g = RedisCommandData.entry(m, "group");
    String group = g == null ? parentGroup : RedisCommandData.text(g);
    RespValue summary = RedisCommandData.entry(m, "summary");
    List<Row> out = new ArrayList<>();
    out.add(new Row(group, name, summary == null ? "" : RedisCommandData.text(summary)));
    if (RedisCommandData.entry(m, "subcommands") instanceof RespValue.Map subs) {
      for (RespValue.Pair p : subs.entries()) {
        out.addAll(rows(RedisCommandData.text(p.key()), (RespValue.Map) p.value(), group));
      }
    }
    return out;
  }

  private static boolean served(CommandTable table, String fullName) {
    int bar = fullName.indexOf('|');
    CommandSpec top = table.get(bar < 0 ? fullName : fullName.substring(0, bar));
    if (top == null || bar < 0) {
      return top != null;
    }
    for (CommandSpec sub : top.subcommands()) {
      if (sub.fullName().equals(fullName)) {
        return true;
      }
    }
    return false;
  }

  /** {@code compatibility-notes.txt}: "name | note" lines; "*" for the general notes. */
  private static Map<String, String> notes() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = CompatibilityReference.class.getResourceAsStream(NOTES)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + NOTES);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.indexOf(" | ");
        String name = line.substring(0, bar).trim().toLowerCase(Locale.ROOT).replace(' ', '|');
        out.merge(name, line.substring(bar + 3).trim(), (a, b) -> a + "\n" + b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
