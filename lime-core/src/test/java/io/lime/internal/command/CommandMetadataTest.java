package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lime.resp.RespValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The command table's metadata and bindings: {@link CommandMetadata} is generated from
 * Redis's captured COMMAND INFO and LIME's additions (this test regenerates it, and fails when
 * it is stale), and every group handler names exactly one command.
 */
class CommandMetadataTest {
  private static final Path SOURCE =
      Path.of("src", "main", "java", "io", "lime", "internal", "command", "CommandMetadata.java");

  /** Regenerate CommandMetadata.java (and skip the tests that read its compiled copy). */
  private static final boolean UPDATE = Boolean.getBoolean("lime.updateMetadata");

  @Test
  void commandMetadata_generatedFromRedisData_isUpToDate() throws IOException {
    String rendered = render();
    if (UPDATE) {
      Files.writeString(SOURCE, rendered, StandardCharsets.UTF_8);
    }
    assertEquals(rendered, Files.readString(SOURCE, StandardCharsets.UTF_8),
        "CommandMetadata.java is out of date: run ./mvnw -pl lime-core test "
            + "-Dtest=CommandMetadataTest -Dlime.updateMetadata=true");
  }

  @Test
  void fromMetadata_servesCommandsAndSubcommands() {
    assumeFalse(UPDATE, "regenerating: the compiled CommandMetadata may be stale");
    CommandTable t = CommandTable.fromMetadata();
    assertNotNull(t.get("get"));
    assertNotNull(t.get("client"));
    assertEquals("list", t.get("client").subcommands().stream()
        .filter(s -> s.fullName().equals("client|list")).findFirst().orElseThrow().name());
  }

  @Test
  void fromMetadata_commandWithoutHandler_isNotServed() {
    assumeFalse(UPDATE, "regenerating: the compiled CommandMetadata may be stale");
    CommandTable t = CommandTable.fromMetadata();
    assertEquals(null, t.get("xadd")); // in Redis's data, no LIME handler (streams)
  }

  @Test
  void methodName_convention() {
    assertEquals("get", CommandBinder.methodName("get"));
    assertEquals("zrangestore", CommandBinder.methodName("zrangestore"));
    assertEquals("clientList", CommandBinder.methodName("client|list"));
    assertEquals("clientNoEvict", CommandBinder.methodName("client|no-evict"));
    assertEquals("memoryMallocStats", CommandBinder.methodName("memory|malloc-stats"));
    assertEquals("georadiusRo", CommandBinder.methodName("georadius_ro"));
  }

  @Test
  void fromMetadata_sameAsBindingTheGroups() {
    assumeFalse(UPDATE, "regenerating: the compiled CommandMetadata may be stale");
    CommandTable generated = CommandTable.fromMetadata();
    CommandTable reflected = CommandTable.of(CommandLayer.groups());
    assertEquals(CommandReference.render(reflected), CommandReference.render(generated));
  }

  @Test
  void methodName_distinctForEveryCommand_andNoJavaKeyword() {
    Set<String> keywords = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
        "catch", "char", "class", "const", "continue", "default", "do", "double", "else",
        "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements",
        "import", "instanceof", "int", "interface", "long", "native", "new", "package",
        "private", "protected", "public", "return", "short", "static", "strictfp", "super",
        "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
        "volatile", "while", "true", "false", "null", "var", "record", "yield");
    Map<String, String> seen = new HashMap<>();
    Set<String> names = redisNames();
    RedisCommandData.additions().forEach(a -> names.add(a.fullName()));
    for (String name : names) {
      String method = CommandBinder.methodName(name);
      assertEquals(null, seen.put(method, name), method);
      assertTrue(!keywords.contains(method), method);
    }
  }

  @Test
  void handlerNamingNoCommand_failsTheTable() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CommandTable.of(List.of(Typo.class)));
    assertTrue(e.getMessage().startsWith("CommandMetadataTest$Typo.gett(Call) names no command"),
        e.getMessage());
  }

  @Test
  void commandHandledByTwoGroups_failsTheTable() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CommandTable.of(List.of(Twice.class, ConnectionCommands.class)));
    assertTrue(e.getMessage().contains("command ping is handled twice"), e.getMessage());
  }

  @Test
  void containerSubcommands_boundByContainerPrefixedName() {
    CommandTable t = CommandTable.of(List.of(Sub.class));
    assertEquals(List.of("client"), List.copyOf(t.sortedNames()));
    assertEquals(List.of("id"), t.get("client").subcommands().stream().map(CommandSpec::name)
        .toList());
    assertEquals(2, t.get("client").subcommands().get(0).arity()); // Redis's, not LIME's
  }

  /** A group with a misspelt handler. */
  static final class Typo implements CommandGroup {
    static void gett(Call c) {}

    private static void helper(Call c) {} // private: not a handler
  }

  /** A second PING. */
  static final class Twice implements CommandGroup {
    void ping(Call c) {}
  }

  /** CLIENT ID alone. */
  static final class Sub implements CommandGroup {
    static void clientId(Call c) {}
  }

  // ------------------------------------------------------------------ generator

  /** CommandMetadata.java as generated from the resources and the groups. */
  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("package io.lime.internal.command;\n\n");
    sb.append("/**\n");
    sb.append(" * The command table of a server: every command LIME serves, with Redis 7.0.15's COMMAND\n");
    sb.append(" * INFO fields ({@code redis-7.0.15-command-info.resp}, or {@code lime-command-additions.txt}\n");
    sb.append(" * for the few commands 7.0.15 lacks) and the group method that handles it (see\n");
    sb.append(" * {@link CommandGroup}): compact text that costs next to nothing to load, where binding at\n");
    sb.append(" * start-up would read 90 KB of RESP and reflect on every group.\n");
    sb.append(" *\n");
    sb.append(" * <p>GENERATED by {@code CommandMetadataTest} from those resources and the groups of\n");
    sb.append(" * {@link CommandLayer#groups()} ({@link CommandBinder#render}); the test fails when this file\n");
    sb.append(" * is stale (a handler added, renamed or removed). Do not edit; regenerate with\n");
    sb.append(" * {@code ./mvnw -pl lime-core test -Dtest=CommandMetadataTest -Dlime.updateMetadata=true}.\n");
    sb.append(" */\n");
    sb.append("final class CommandMetadata {\n");
    sb.append("  private CommandMetadata() {}\n\n");
    sb.append("  /** The table lines, as {@link CommandBinder} reads them. */\n");
    sb.append("  static final String TABLE = \"\"\"\n");
    for (String l : CommandBinder.render(CommandLayer.groups()).split("\n")) {
      sb.append("      ").append(l).append('\n');
    }
    sb.append("      \"\"\";\n");
    sb.append("}\n");
    return sb.toString();
  }

  @Test
  void additions_areCommandsRedisLacks() {
    Set<String> redis = redisNames();
    for (RedisCommandData.Addition a : RedisCommandData.additions()) {
      assertTrue(!redis.contains(a.fullName()), a.fullName() + " is in Redis's data");
    }
  }

  /** Every command and subcommand of Redis 7.0.15's COMMAND INFO. */
  private static Set<String> redisNames() {
    Set<String> redis = new TreeSet<>();
    RespValue info = RedisCommandData.read("redis-7.0.15-command-info.resp");
    for (RespValue cmd : ((RespValue.Array) info).elements()) {
      List<RespValue> e = ((RespValue.Array) cmd).elements();
      redis.add(RedisCommandData.text(e.get(0)));
      if (e.get(9) instanceof RespValue.Array subs) {
        for (RespValue sub : subs.elements()) {
          redis.add(RedisCommandData.text(((RespValue.Array) sub).elements().get(0)));
        }
      }
    }
    return redis;
  }
}
