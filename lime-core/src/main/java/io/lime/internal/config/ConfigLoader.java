package io.lime.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Loads configuration as redis-server does: the config file's text, then standard input
 * (when asked), then the command-line options turned into config lines, parsed as one text
 * line by line ({@code sdssplitargs} quoting, {@code #} comments, {@code include}).
 */
public final class ConfigLoader {
  private static final String REDIS_VERSION = "7.0.15";
  /** Directives Redis 7.0 still accepts and ignores (its deprecated_configs table). */
  private static final List<String> DEPRECATED = List.of(
      "list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands");

  private final ConfigRegistry registry;
  private int includeDepth;

  /** A loader that sets directives of {@code registry}. */
  public ConfigLoader(ConfigRegistry registry) {
    this.registry = registry;
  }

  /**
   * Redis's main(): turns the arguments after the config file into config text. Each
   * {@code --name} starts a line; the following arguments become its quoted values;
   * {@code --save} with no value means {@code save ""}.
   */
  public static String optionsFromArgs(List<String> args) {
    StringBuilder options = new StringBuilder();
    boolean handledLast = true;
    for (int j = 0; j < args.size(); j++) {
      String a = args.get(j);
      if (handledLast && a.startsWith("--")) {
        if (options.length() > 0) {
          options.append('\n');
        }
        options.append(a, 2, a.length()).append(' ');
        List<String> split = SplitArgs.split(a);
        if (split != null && split.size() == 1) {
          handledLast = false;
          boolean isSave = a.equalsIgnoreCase("--save");
          if (isSave && j != args.size() - 1 && args.get(j + 1).startsWith("--")) {
            options.append("\"\"");
            handledLast = true;
          } else if (isSave && j == args.size() - 1) {
            options.append("\"\"");
          }
        } else {
          handledLast = true;
        }
      } else {
        options.append(SplitArgs.repr(a)).append(' ');
        handledLast = true;
      }
    }
    return options.toString();
  }

  /**
   * Loads {@code file} (nullable), then {@code stdin} text (nullable), then {@code options}.
   *
   * @throws ConfigFileException with Redis's fatal message
   */
  public void load(@Nullable Path file, @Nullable String stdin, String options)
      throws ConfigFileException {
    StringBuilder config = new StringBuilder();
    if (file != null) {
      config.append(read(file));
      registry.configFile(file.toAbsolutePath().normalize().toString());
    }
    if (stdin != null) {
      config.append('\n').append(stdin);
    }
    if (!options.isEmpty()) {
      config.append('\n').append(options);
    }
    loadString(config.toString());
  }

  /** Reads standard input fully (the {@code -} argument). */
  public static String readStdin(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String read(Path file) throws ConfigFileException {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw openFailure(file, "No such file or directory");
    } catch (AccessDeniedException e) {
      throw openFailure(file, "Permission denied");
    } catch (IOException e) {
      throw openFailure(file, Files.isDirectory(file) ? "Is a directory" : String.valueOf(e.getMessage()));
    }
  }

  private static ConfigFileException openFailure(Path file, String why) {
    return new ConfigFileException(
        "Fatal error, can't open config file '" + file + "': " + why, true);
  }

  /**
   * Parses config text line by line, applying each directive.
   *
   * @throws ConfigFileException with Redis's fatal message naming the line
   */
  public void loadString(String config) throws ConfigFileException {
    String[] lines = config.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = trim(lines[i]);
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      List<String> argv = SplitArgs.split(line);
      if (argv == null) {
        throw fatal(i + 1, line, "Unbalanced quotes in configuration line");
      }
      if (argv.isEmpty()) {
        continue;
      }
      String name = argv.get(0).toLowerCase(Locale.ROOT);
      List<String> args = new ArrayList<>(argv.subList(1, argv.size()));
      if ((name.equals("replicaof") || name.equals("slaveof")) && args.size() == 2) {
        args = new ArrayList<>(List.of(args.get(0) + " " + args.get(1))); // host port
      }
      if (registry.isKnown(name)) {
        try {
          registry.setArgs(name, args, true);
        } catch (ConfigException e) {
          throw fatal(i + 1, line, e.getMessage());
        }
      } else if (DEPRECATED.contains(name) && args.size() == 1) {
        continue;
      } else if (name.equals("user") && !args.isEmpty()) {
        registry.addUserDirective(args); // checked and applied by the ACL (ServerState)
      } else if (name.equals("include") && args.size() == 1) {
        include(args.get(0));
      } else if (name.equals("rename-command") && args.size() == 2) {
        registry.addRenameCommand(args); // applied to the command table at start-up
      } else {
        throw fatal(i + 1, line, "Bad directive or wrong number of arguments");
      }
    }
  }

  private void include(String path) throws ConfigFileException {
    if (++includeDepth > 32) {
      throw new ConfigFileException("include nesting too deep at '" + path + "'", true);
    }
    try {
      loadString(read(Path.of(path)));
    } finally {
      includeDepth--;
    }
  }

  private static ConfigFileException fatal(int lineNo, String line, String err) {
    return new ConfigFileException("\n*** FATAL CONFIG FILE ERROR (Redis " + REDIS_VERSION
        + ") ***\nReading the configuration file, at line " + lineNo + "\n>>> '" + line + "'\n"
        + err + "\n", false);
  }

  private static String trim(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && " \t\r\n".indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }
}
