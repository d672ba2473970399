package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.GeneratedFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompatibilityReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "compatibility.md");

  @Test
  void compatibilityMd_matchesCommandTable() throws IOException {
    GeneratedFiles.check(DOC,
        CompatibilityReference.render(CommandTable.of(CommandLayer.groups())),
        "CompatibilityReferenceTest");
  }

  @Test
  void render_marksServedAndMissingCommands() {
    String page = CompatibilityReference.render(CommandTable.of(CommandLayer.groups()));
    assertTrue(page.contains("| `GET` | yes |"), "GET is served");
    assertTrue(page.contains("| `CLIENT LIST` | yes |"), "subcommands are listed");
    assertTrue(page.contains("| `GEORADIUS_RO` | no |") || page.contains("| `GEORADIUS_RO` | yes |"));
  }
}
