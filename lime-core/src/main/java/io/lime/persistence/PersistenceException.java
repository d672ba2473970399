package io.lime.persistence;

import java.io.IOException;

/**
 * Saved data is corrupt or truncated: the store refuses to start. The message names the
 * file and the byte offset where reading failed.
 */
public class PersistenceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the file and offset. */
  public PersistenceException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public PersistenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
