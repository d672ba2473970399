package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigFileException;
import io.lime.internal.config.ConfigLoader;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.config.SplitArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files and command lines, with redis-server 7.0.15's texts. */
class ConfigLoaderTest {
  private final ConfigRegistry config = new ConfigRegistry();
  private final ConfigLoader loader = new ConfigLoader(config);

  private static String fatal(int line, String text, String reason) {
    return "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line "
        + line + "\n>>> '" + text + "'\n" + reason + "\n";
  }

  @Test
  void splitArgs_quotingAsSdssplitargs() {
    assertEquals(List.of("a", "b c", "d\"e", "x\ny", "A", "it's"),
        SplitArgs.split("a \"b c\" \"d\\\"e\" \"x\\ny\" \"\\x41\" 'it\\'s'"));
    assertEquals(List.of(""), SplitArgs.split("\"\""));
    assertNull(SplitArgs.split("\"abc"));
    assertNull(SplitArgs.split("\"abc\"d"));
    assertEquals(List.of(), SplitArgs.split("   "));
  }

  @Test
  void optionsFromArgs_asRedisMain() {
    assertEquals("port \"7000\" ", ConfigLoader.optionsFromArgs(List.of("--port", "7000")));
    assertEquals("save \"900\" \"1\" \"300\" \"10\" ",
        ConfigLoader.optionsFromArgs(List.of("--save", "900", "1", "300", "10")));
    assertEquals("save \"\"", ConfigLoader.optionsFromArgs(List.of("--save")));
    assertEquals("save \"\"\nport \"1\" ",
        ConfigLoader.optionsFromArgs(List.of("--save", "--port", "1")));
    assertEquals("save \"\" ", ConfigLoader.optionsFromArgs(List.of("--save", "")));
  }

  @Test
  void args_multiValueAndEmptySave() throws ConfigFileException {
    loader.loadString("\n" + ConfigLoader.optionsFromArgs(
        List.of("--port", "7000", "--save", "900", "1", "300", "10", "--maxmemory", "1gb")));
    assertEquals("7000", config.get("port"));
    assertEquals("900 1 300 10", config.get("save"));
    assertEquals("1073741824", config.get("maxmemory"));
    ConfigRegistry other = new ConfigRegistry();
    new ConfigLoader(other).loadString("\n" + ConfigLoader.optionsFromArgs(List.of("--save", "")));
    assertEquals("", other.get("save"));
  }

  @Test
  void file_commentsQuotesIncludeAndRepeatedSave(@TempDir Path dir) throws Exception {
    Path inc = dir.resolve("inc.conf");
    Files.writeString(inc, "maxmemory-policy allkeys-lru\n");
    Path main = dir.resolve("redis.conf");
    Files.writeString(main, "# comment\n\n  port 7001  \nrequirepass \"a b\\\"c\"\nsave 900 1\n"
        + "save 300 10\ninclude " + inc + "\nnotify-keyspace-events 'Ex'\n");
    loader.load(main, null, ConfigLoader.optionsFromArgs(List.of("--hz", "20")));
    assertEquals("7001", config.get("port"));
    assertEquals("a b\"c", config.get("requirepass"));
    assertEquals("900 1 300 10", config.get("save"));
    assertEquals("allkeys-lru", config.get("maxmemory-policy"));
    assertEquals("xE", config.get("notify-keyspace-events"));
    assertEquals("20", config.get("hz"));
    assertEquals(main.toAbsolutePath().normalize().toString(), config.configFile());
  }

  @Test
  void unknownDirective_inFile_fatalWithLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.conf");
    Files.writeString(f, "port 7000\nfoo bar\n");
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> loader.load(f, null, ""));
    assertEquals(fatal(2, "foo bar", "Bad directive or wrong number of arguments"), e.getMessage());
  }

  @Test
  void unknownDirective_inArgs_lineCountsFromOptionsStart() {
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> loader.load(null, null,
        ConfigLoader.optionsFromArgs(List.of("--port", "17412", "--foo", "bar"))));
    assertEquals(fatal(3, "foo \"bar\"", "Bad directive or wrong number of arguments"),
        e.getMessage());
  }

  @Test
  void badValues_fatalWithReason() {
    assertEquals(fatal(2, "port \"abc\"", "argument couldn't be parsed into an integer"),
        assertThrows(ConfigFileException.class, () -> loader.load(null, null,
            ConfigLoader.optionsFromArgs(List.of("--port", "abc")))).getMessage());
    assertEquals(fatal(2, "maxmemory \"1x\"", "argument must be a memory value"),
        assertThrows(ConfigFileException.class, () -> loader.load(null, null,
            ConfigLoader.optionsFromArgs(List.of("--maxmemory", "1x")))).getMessage());
    assertEquals(fatal(1, "save 900", "Invalid save parameters"),
        assertThrows(ConfigFileException.class, () -> loader.loadString("save 900")).getMessage());
    assertEquals(fatal(1, "port 1 2", "wrong number of arguments"),
        assertThrows(ConfigFileException.class, () -> loader.loadString("port 1 2")).getMessage());
    assertEquals(fatal(1, "port \"1", "Unbalanced quotes in configuration line"),
        assertThrows(ConfigFileException.class, () -> loader.loadString("port \"1")).getMessage());
  }

  @Test
  void missingFile_openFailure() {
    ConfigFileException e = assertThrows(ConfigFileException.class,
        () -> loader.load(Path.of("/nonexistent.conf"), null, ""));
    assertTrue(e.isOpenFailure());
    assertEquals("Fatal error, can't open config file '/nonexistent.conf': No such file or directory",
        e.getMessage());
  }

  @Test
  void stdinText_appliedAfterFileBeforeOptions() throws ConfigFileException {
    loader.load(null, "maxmemory 128mb\nhz 30", ConfigLoader.optionsFromArgs(List.of("--hz", "40")));
    assertEquals("134217728", config.get("maxmemory"));
    assertEquals("40", config.get("hz"));
  }
}
