package io.lime;

/** The key holds a value of another type than the operation needs (Redis's WRONGTYPE). */
public final class WrongTypeException extends LimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with Redis's WRONGTYPE text. */
  public WrongTypeException() {
    super("WRONGTYPE Operation against a key holding the wrong kind of value");
  }
}
