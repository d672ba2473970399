package io.lime.internal.config;

/** A directive or value the configuration rejects. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String directive;

  /** Creates the exception; {@code reason} is Redis's wording. */
  public ConfigException(String reason, String directive) {
    super(reason);
    this.directive = directive;
  }

  /** The directive at fault. */
  public String directive() {
    return directive;
  }
}
