package io.lime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two source rules of the project, checked over the main sources of every module
 * ({@code lime-*}/src/main/java), so that a change breaking them fails the build instead of
 * being found in a review: no main class over 500 lines (issue 9), and every package with
 * classes has a {@code package-info.java} that is {@code @NullMarked} (the design card).
 * Tests run in lime-core's directory; the modules are its siblings.
 */
class SourceRulesTest {
  private static final int MAX_LINES = 500;

  @Test
  void noMainClassIsOver500Lines() throws IOException {
    Map<String, Integer> over = new TreeMap<>();
    for (Path f : mainSources()) {
      int lines = Files.readAllLines(f).size();
      if (lines > MAX_LINES) {
        over.put(root().relativize(f).toString(), lines);
      }
    }
    assertEquals(Map.of(), over, "main classes over " + MAX_LINES + " lines");
  }

  @Test
  void everyPackageHasANullMarkedPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    List<Path> dirs = mainSources().stream()
        .filter(f -> !f.getFileName().toString().equals("module-info.java"))
        .map(Path::getParent).distinct().toList();
    for (Path d : dirs) {
      Path info = d.resolve("package-info.java");
      if (!Files.exists(info) || !Files.readString(info).contains("@NullMarked")) {
        missing.add(root().relativize(d).toString());
      }
    }
    assertTrue(dirs.size() > 20, "found only " + dirs.size() + " packages under " + root());
    assertEquals(List.of(), missing, "packages without a @NullMarked package-info.java");
  }

  /** The repository: lime-core's parent. */
  private static Path root() {
    Path core = Path.of("").toAbsolutePath();
    assertTrue(Files.exists(core.resolve("src/main/java/io/lime/KeyValueStore.java")),
        "tests run in lime-core's directory, not " + core);
    return core.getParent();
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root())) {
      for (Path m : modules.filter(p -> p.getFileName().toString().startsWith("lime-")).toList()) {
        Path src = m.resolve("src/main/java");
        if (Files.isDirectory(src)) {
          try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertTrue(out.size() > 300, "found only " + out.size() + " main sources under " + root());
    return out;
  }
}
