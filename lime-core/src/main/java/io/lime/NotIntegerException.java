package io.lime;

/**
 * A value or argument that must be a 64-bit integer is not one, or is out of range (Redis's
 * {@code ERR value is not an integer or out of range}). Thrown, for example, by
 * {@link StringOperations#incr} when the key holds {@code "abc"}, {@code " 1"} or
 * {@code "01"}: Redis accepts only canonical decimal integers.
 */
public final class NotIntegerException extends LimeException {
  private static final long serialVersionUID = 1L;

  /** Redis's error text. */
  public static final String MESSAGE = "ERR value is not an integer or out of range";

  /** Creates the exception with Redis's text. */
  public NotIntegerException() {
    super(MESSAGE);
  }
}
