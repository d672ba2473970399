package io.lime.internal.persistence.rdb;

import io.lime.internal.config.ConfigRegistry;
import io.lime.persistence.SaveRule;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's snapshot settings, read from its configuration at each use so that CONFIG
 * SET of {@code dir}, {@code dbfilename}, {@code rdbcompression}, {@code rdbchecksum} and
 * {@code save} takes effect at the next save.
 */
public final class ConfigSettings implements RdbPersistence.Settings {
  private final ConfigRegistry config;
  private volatile String rulesText = "";
  private volatile List<SaveRule> rules = List.of();

  public ConfigSettings(ConfigRegistry config) {
    this.config = config;
  }

  @Override
  public Path file() {
    return Path.of(String.valueOf(config.get("dir"))).resolve(
        String.valueOf(config.get("dbfilename"))).toAbsolutePath();
  }

  @Override
  public boolean compression() {
    return !"no".equals(config.get("rdbcompression"));
  }

  @Override
  public boolean checksum() {
    return !"no".equals(config.get("rdbchecksum"));
  }

  @Override
  public List<SaveRule> rules() {
    String text = String.valueOf(config.get("save"));
    if (!text.equals(rulesText)) {
      List<SaveRule> parsed;
      try {
        parsed = SaveRule.parse(text);
      } catch (IllegalArgumentException e) {
        parsed = List.of();
      }
      rules = parsed;
      rulesText = text;
    }
    return rules;
  }
}
