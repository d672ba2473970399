package io.lime.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.testing.GeneratedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lime.conf and --help come from the directive table; this fails when lime.conf is stale. */
class ConfigReferenceTest {
  private static final Path CONF = Path.of("..", "lime.conf");

  @Test
  void limeConf_matchesDirectiveTable() throws IOException {
    GeneratedFiles.check(CONF, ConfigReference.renderConf(), "ConfigReferenceTest");
  }

  @Test
  void everyDirective_documentedOnce() {
    List<ConfigReference.Entry> entries = ConfigReference.entries();
    assertEquals(Directives.all().size(), entries.size());
    String conf = ConfigReference.renderConf();
    for (ConfigReference.Entry e : entries) {
      assertTrue(conf.contains("\n# " + e.directive().name() + " "), e.directive().name());
    }
  }

  /** The documented defaults are valid config lines: uncommented, the file loads. */
  @Test
  void limeConf_uncommentedDefaults_load() throws ConfigFileException {
    StringBuilder text = new StringBuilder();
    for (ConfigReference.Entry e : ConfigReference.entries()) {
      Directive d = e.directive();
      if (!d.name().equals("dir")) { // "" is the table's placeholder; the default is the cwd
        text.append(d.name()).append(' ').append(ConfigReference.defaultText(d)).append('\n');
      }
    }
    ConfigRegistry registry = new ConfigRegistry();
    new ConfigLoader(registry).load(null, text.toString(), "");
    ConfigRegistry fresh = new ConfigRegistry();
    for (ConfigReference.Entry e : ConfigReference.entries()) {
      String name = e.directive().name();
      assertEquals(fresh.get(name), registry.get(name), name);
    }
  }

  @Test
  void helpLines_listEveryDirective() {
    List<String> lines = ConfigReference.helpLines();
    assertTrue(lines.contains("  --port 6379"), lines.toString());
    assertTrue(lines.contains("  --lime-loops (half the available cores, at least 1)"));
  }
}
