package io.lime;

/**
 * Base of the exceptions the embedded API throws for command errors. The message is the
 * error text Redis would reply, e.g. {@code "ERR value is not an integer or out of range"}.
 */
public class LimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with Redis's error text. */
  public LimeException(String redisError) {
    super(redisError);
  }
}
