package io.lime.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The directive table as documentation: the sample {@code lime.conf} at the repository's root
 * and the directive list of {@code --help}, both rendered from {@link Directives#all()} (names,
 * defaults) and {@code directive-docs.txt} (one description per directive, section titles), so
 * neither can drift from the code: {@code ConfigReferenceTest} fails when a directive has no
 * description or lime.conf is stale.
 */
public final class ConfigReference {
  private ConfigReference() {}

  /** Defaults computed at start-up: documented in words, not as this machine's value. */
  private static final Map<String, String> COMPUTED_DEFAULTS =
      Map.of("lime-loops", "half the available cores, at least 1");
  private static final int WIDTH = 90;

  /** One documented directive. */
  record Entry(@Nullable String section, Directive directive, String description) {}

  /**
   * The directives in table order with their descriptions.
   *
   * @throws IllegalStateException naming a directive that has no description, or a
   *     description of no directive
   */
  static List<Entry> entries() {
    Map<String, String> docs = new LinkedHashMap<>();
    Map<String, String> sections = new LinkedHashMap<>();
    String pending = null;
    for (String line : readDocs().split("\n")) {
      if (line.startsWith("## ")) {
        pending = line.substring(3).trim();
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int bar = line.indexOf(" | ");
        String name = line.substring(0, bar).trim();
        docs.put(name, line.substring(bar + 3).trim());
        if (pending != null) {
          sections.put(name, pending);
          pending = null;
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    for (Directive d : Directives.all()) {
      String text = docs.remove(d.name());
      if (text == null) {
        throw new IllegalStateException("directive " + d.name()
            + " has no description: add a line to io/lime/internal/config/directive-docs.txt");
      }
      out.add(new Entry(sections.get(d.name()), d, text));
    }
    if (!docs.isEmpty()) {
      throw new IllegalStateException("directive-docs.txt describes unknown directives " + docs.keySet());
    }
    return out;
  }

  /** The default as a config file line's value ({@code ""} for empty, quoted when spaced). */
  static String defaultText(Directive d) {
    String v = d.defaultValue();
    if (v.isEmpty()) {
      return "\"\"";
    }
    return d.type().multiArg() || v.indexOf(' ') < 0 ? v : "\"" + v + "\"";
  }

  /** The sample configuration file {@code lime.conf}: every directive, its default, commented. */
  public static String renderConf() {
    StringBuilder sb = new StringBuilder();
    sb.append("# LIME configuration file: every directive LIME accepts, with its default.\n");
    sb.append("#\n");
    sb.append("# GENERATED from the directive table by ConfigReferenceTest; do not edit by hand.\n");
    sb.append("# Regenerate with ./mvnw -pl lime-core test -Dtest=ConfigReferenceTest -Dlime.updateDocs=true\n");
    sb.append("#\n");
    sb.append("# Syntax as redis.conf: \"directive value ...\", one per line; the same names work as\n");
    sb.append("# command line options (--port 7777) and with CONFIG GET/SET. Each directive below is\n");
    sb.append("# commented out at its default value: uncomment and change the ones you need, then\n");
    sb.append("#   java -jar lime-server.jar /path/to/lime.conf\n");
    sb.append("#\n");
    sb.append("# Memory units: 1k => 1000 bytes, 1kb => 1024 bytes, 1m, 1mb, 1g, 1gb (case-insensitive).\n");
    for (Entry e : entries()) {
      if (e.section() != null) {
        sb.append("\n################################ ").append(e.section())
            .append(" ################################\n");
      }
      Directive d = e.directive();
      sb.append('\n');
      for (String l : wrap(e.description(), WIDTH - 2)) {
        sb.append("# ").append(l).append('\n');
      }
      if (d.alias() != null) {
        sb.append("# Also accepted as ").append(d.alias()).append(".\n");
      }
      String computed = COMPUTED_DEFAULTS.get(d.name());
      if (computed != null) {
        sb.append("# Default: ").append(computed).append(".\n");
        sb.append("# ").append(d.name()).append(" 1\n");
      } else {
        sb.append("# ").append(d.name()).append(' ').append(defaultText(d)).append('\n');
      }
    }
    return sb.toString();
  }

  /** The {@code --help} directive listing: one {@code --name <default>} line and description. */
  public static List<String> helpLines() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries()) {
      Directive d = e.directive();
      String computed = COMPUTED_DEFAULTS.get(d.name());
      out.add("  --" + d.name() + " " + (computed != null ? "(" + computed + ")" : defaultText(d)));
      for (String l : wrap(e.description(), WIDTH - 6)) {
        out.add("      " + l);
      }
    }
    return out;
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String readDocs() {
    try (InputStream in = ConfigReference.class.getResourceAsStream("directive-docs.txt")) {
      if (in == null) {
        throw new IllegalStateException("io/lime/internal/config/directive-docs.txt is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
