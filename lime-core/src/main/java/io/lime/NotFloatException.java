package io.lime;

/**
 * A value or argument that must be a floating point number is not one (Redis's
 * {@code ERR value is not a valid float}). Thrown, for example, by
 * {@link StringOperations#incrByFloat} when the key holds {@code "abc"} or the increment is
 * NaN.
 */
public final class NotFloatException extends LimeException {
  private static final long serialVersionUID = 1L;

  /** Redis's error text. */
  public static final String MESSAGE = "ERR value is not a valid float";

  /** Creates the exception with Redis's text. */
  public NotFloatException() {
    super(MESSAGE);
  }
}
