package io.lime;

/**
 * The operation would make a string longer than the configured maximum
 * ({@code proto-max-bulk-len}, 512 MiB by default), Redis's
 * {@code ERR string exceeds maximum allowed size (proto-max-bulk-len)}. Nothing is changed.
 */
public final class StringTooLongException extends LimeException {
  private static final long serialVersionUID = 1L;

  /** Redis's error text. */
  public static final String MESSAGE =
      "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

  /** Creates the exception with Redis's text. */
  public StringTooLongException() {
    super(MESSAGE);
  }
}
