package io.lime.internal.command;

import io.lime.testing.GeneratedFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "commands.md");

  @Test
  void commandsMd_matchesCommandTable() throws IOException {
    GeneratedFiles.check(DOC, CommandReference.render(CommandTable.of(CommandLayer.groups())),
        "CommandReferenceTest");
  }
}
