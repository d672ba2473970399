package io.lime.internal.config;

/**
 * A config file or command line that cannot be loaded. {@link #getMessage()} is the whole
 * text Redis prints to stderr before exiting with status 1, e.g.
 *
 * <pre>
 *
 * *** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***
 * Reading the configuration file, at line 2
 * &gt;&gt;&gt; 'foo bar'
 * Bad directive or wrong number of arguments
 * </pre>
 *
 * or, for a file that cannot be opened, {@link #isOpenFailure()} and the log line text
 * {@code Fatal error, can't open config file '/x.conf': No such file or directory}.
 */
public final class ConfigFileException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean openFailure;

  ConfigFileException(String message, boolean openFailure) {
    super(message, null, false, false);
    this.openFailure = openFailure;
  }

  /** Whether the file could not be read (Redis logs this as a warning line instead). */
  public boolean isOpenFailure() {
    return openFailure;
  }
}
