package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.config.ConfigRegistry;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CONFIG GET / SET / RESETSTAT / REWRITE / HELP over the server's {@link ConfigRegistry},
 * with Redis 7.0's replies and error texts. Admin commands: not on the allocation-free path.
 */
public final class ConfigCommands implements CommandGroup {
  private static final List<String> HELP = List.of(
      "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "GET <pattern>",
      "    Return parameters matching the glob-like <pattern> and their values.",
      "SET <directive> <value>",
      "    Set the configuration <directive> to <value>.",
      "RESETSTAT",
      "    Reset statistics reported by the INFO command.",
      "REWRITE",
      "    Rewrite the configuration file.",
      "HELP",
      "    Prints this help.");

  @Override
  public List<CommandSpec> commands() {
    CommandFlag[] admin = {CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.LOADING,
        CommandFlag.STALE};
    return List.of(CommandSpec.builder("config", -2, c -> { })
        .group("server").since("2.0.0").acl("slow")
        .summary("A container for server configuration commands")
        .complexity("Depends on subcommand.")
        .subcommands(
            CommandSpec.builder("rewrite", 2, handler(OP_REWRITE)).flags(admin)
                .acl("admin", "slow", "dangerous").group("server").since("2.8.0")
                .summary("Rewrite the configuration file with the in memory configuration")
                .complexity("O(1)").build(),
            CommandSpec.builder("help", 2, handler(OP_HELP))
                .flags(CommandFlag.LOADING, CommandFlag.STALE).acl("slow")
                .group("server").since("5.0.0")
                .summary("Show helpful text about the different subcommands")
                .complexity("O(1)").build(),
            CommandSpec.builder("resetstat", 2, handler(OP_RESETSTAT)).flags(admin)
                .acl("admin", "slow", "dangerous").group("server").since("2.0.0")
                .summary("Reset the stats returned by INFO").complexity("O(1)").build(),
            CommandSpec.builder("get", -3, handler(OP_GET)).flags(admin)
                .acl("admin", "slow", "dangerous").group("server").since("2.0.0")
                .summary("Get the values of configuration parameters")
                .complexity("O(N) when N is the number of configuration parameters provided")
                .build(),
            CommandSpec.builder("set", -4, handler(OP_SET)).flags(admin)
                .acl("admin", "slow", "dangerous").group("server").since("2.0.0")
                .summary("Set configuration parameters to the given values")
                .complexity("O(N) when N is the number of configuration parameters provided")
                .build())
        .build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_REWRITE = 0;
  private static final int OP_HELP = 1;
  private static final int OP_RESETSTAT = 2;
  private static final int OP_GET = 3;
  private static final int OP_SET = 4;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_REWRITE -> rewrite(c);
      case OP_HELP -> help(c);
      case OP_RESETSTAT -> resetstat(c);
      case OP_GET -> get(c);
      case OP_SET -> set(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** CONFIG GET parameter [parameter ...] — O(N) over the directives matched. */
  void get(Call call) {
    Argv argv = call.argv();
    List<String> patterns = new ArrayList<>(argv.size() - 2);
    for (int i = 2; i < argv.size(); i++) {
      patterns.add(argv.string(i));
    }
    List<Map.Entry<String, String>> found = call.server().config().match(patterns);
    ReplySink out = call.out();
    out.mapHeader(found.size());
    for (Map.Entry<String, String> e : found) {
      out.bulk(e.getKey());
      out.bulk(e.getValue());
    }
  }

  /** CONFIG SET parameter value [parameter value ...] — O(N); atomic: all or none. */
  void set(Call call) {
    Argv argv = call.argv();
    if ((argv.size() & 1) != 0) {
      call.out().error(Errors.SYNTAX);
      return;
    }
    List<String> pairs = new ArrayList<>(argv.size() - 2);
    for (int i = 2; i < argv.size(); i++) {
      pairs.add(argv.string(i));
    }
    String err = call.server().config().setAll(pairs);
    if (err == null) {
      call.out().ok();
    } else {
      call.out().error(err);
    }
  }

  /** CONFIG RESETSTAT — O(1): clears INFO statistics and command statistics. */
  void resetstat(Call call) {
    call.server().resetStats();
    call.out().ok();
  }

  /** CONFIG HELP — O(1). */
  void help(Call call) {
    ReplySink out = call.out();
    out.arrayHeader(HELP.size());
    for (String line : HELP) {
      out.simple(line);
    }
  }

  /**
   * CONFIG REWRITE — O(size of the file): rewrites the config file the server started with,
   * keeping comments and unknown lines, replacing each known directive's lines with its
   * current value and appending changed directives the file lacked.
   */
  void rewrite(Call call) {
    ConfigRegistry config = call.server().config();
    String file = config.configFile();
    if (file == null) {
      call.out().error("ERR The server is running without a config file");
      return;
    }
    try {
      rewriteFile(config, Path.of(file));
      call.out().ok();
    } catch (NoSuchFileException e) {
      rewriteFailed(call, "No such file or directory");
    } catch (IOException e) {
      rewriteFailed(call, String.valueOf(e.getMessage()));
    }
  }

  private static void rewriteFailed(Call call, String why) {
    call.out().error("ERR Rewriting config file: " + why);
  }

  static void rewriteFile(ConfigRegistry config, Path path) throws IOException {
    List<String> old = Files.exists(path)
        ? Files.readAllLines(path, StandardCharsets.ISO_8859_1) : List.of();
    List<String> out = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (String line : old) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        if (!t.equals("# Generated by CONFIG REWRITE")) {
          out.add(line);
        }
        continue;
      }
      String name = t.split("[ \t]", 2)[0].toLowerCase(Locale.ROOT);
      if (!config.isKnown(name)) {
        out.add(line);
        continue;
      }
      String canonical = config.names().contains(name) ? name : canonicalOf(config, name);
      if (written.add(canonical)) {
        out.addAll(config.rewriteLines(canonical));
      }
    }
    Map<String, String> changed = new LinkedHashMap<>(config.changed());
    changed.keySet().removeAll(written);
    if (!changed.isEmpty()) {
      out.add("# Generated by CONFIG REWRITE");
      for (String name : changed.keySet()) {
        out.addAll(config.rewriteLines(name));
      }
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.write(tmp, out, StandardCharsets.ISO_8859_1);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String canonicalOf(ConfigRegistry config, String alias) {
    String v = config.get(alias);
    for (String n : config.names()) {
      if (config.get(n) == v) {
        return n;
      }
    }
    return alias;
  }
}
