package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "commands.md");

  @Test
  void commandsMd_matchesCommandTable() throws IOException {
    String rendered = CommandReference.render(CommandTable.of(CommandLayer.groups()));
    if (Boolean.getBoolean("lime.updateDocs")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(DOC), "docs/commands.md is missing: regenerate it (-Dlime.updateDocs=true)");
    assertEquals(rendered, Files.readString(DOC, StandardCharsets.UTF_8),
        "docs/commands.md is out of date: run ./mvnw -pl lime-core test "
            + "-Dtest=CommandReferenceTest -Dlime.updateDocs=true");
  }
}
