package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompatibilityReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "compatibility.md");

  @Test
  void compatibilityMd_matchesCommandTable() throws IOException {
    String rendered = CompatibilityReference.render(CommandTable.of(CommandLayer.groups()));
    if (Boolean.getBoolean("lime.updateDocs")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(DOC), "docs/compatibility.md is missing: regenerate it (-Dlime.updateDocs=true)");
    assertEquals(rendered, Files.readString(DOC, StandardCharsets.UTF_8),
        "docs/compatibility.md is out of date: run ./mvnw -pl lime-core test "
            + "-Dtest=CompatibilityReferenceTest -Dlime.updateDocs=true");
  }

  @Test
  void render_marksServedAndMissingCommands() {
    String page = CompatibilityReference.render(CommandTable.of(CommandLayer.groups()));
    assertTrue(page.contains("| `GET` | yes |"), "GET is served");
    assertTrue(page.contains("| `CLIENT LIST` | yes |"), "subcommands are listed");
    assertTrue(page.contains("| `GEORADIUS_RO` | no |") || page.contains("| `GEORADIUS_RO` | yes |"));
  }
}
