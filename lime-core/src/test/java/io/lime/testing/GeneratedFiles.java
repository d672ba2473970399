package io.lime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files generated from the code (docs/commands.md, docs/compatibility.md, lime.conf): a test
 * renders the file and fails when the checked-in copy differs; with {@code -Dlime.updateDocs=true}
 * it rewrites the file first.
 */
public final class GeneratedFiles {
  private GeneratedFiles() {}

  /**
   * Fails unless {@code file} holds {@code rendered}; {@code test} names the test class that
   * regenerates it (for the message).
   */
  public static void check(Path file, String rendered, String test) throws IOException {
    if (Boolean.getBoolean("lime.updateDocs")) {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }
    String regenerate = "./mvnw -pl lime-core test -Dtest=" + test + " -Dlime.updateDocs=true";
    assertTrue(Files.exists(file), file + " is missing: regenerate it with " + regenerate);
    assertEquals(rendered, Files.readString(file, StandardCharsets.UTF_8),
        file + " is out of date: run " + regenerate);
  }
}
