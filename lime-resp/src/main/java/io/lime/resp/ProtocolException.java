package io.lime.resp;

import java.nio.charset.StandardCharsets;

/**
 * The peer broke the protocol; Redis replies with the error and closes the connection.
 *
 * <p>{@link #getMessage()} is the exact Redis error text without the leading {@code -} and the
 * CRLF, e.g. {@code "ERR Protocol error: invalid multibulk length"}. A byte quoted from the
 * input (as in {@code expected '$', got 'X'}) is mapped to the char of the same value
 * (ISO-8859-1), so {@link #replyBytes()} reproduces Redis's reply byte for byte.
 *
 * <p>Thrown by {@link RequestParser} and {@link RespDecoder}; the stack trace is not filled in
 * (a protocol error is an expected outcome of bad input, not a bug).
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception carrying {@code message}, the error text without "-" and CRLF. */
  public ProtocolException(String message) {
    super(message, null, false, false);
  }

  /** The error reply as Redis sends it: {@code -} + message + CRLF, bytes in ISO-8859-1. */
  public byte[] replyBytes() {
    return ("-" + getMessage() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String getMessage() {
    String m = super.getMessage();
    return m == null ? "" : m;
  }
}
