package io.lime.resp;

/**
 * Protocol error texts, in one place, built off the hot path (the parser's methods only call
 * these helpers to throw).
 */
final class RespErrors {
  static final String PROTOCOL_PREFIX = "ERR Protocol error: ";

  private RespErrors() {}

  /** {@code ERR Protocol error: <what>}. */
  static ProtocolException protocol(String what) {
    return new ProtocolException(PROTOCOL_PREFIX + what);
  }

  /**
   * {@code ERR Protocol error: expected '$', got '<c>'}: Redis formats the raw byte with
   * {@code %c} and then maps CR and LF to spaces.
   */
  static ProtocolException expectedDollar(int c) {
    char shown = c == '\r' || c == '\n' ? ' ' : (char) (c & 0xff);
    return protocol("expected '$', got '" + shown + "'");
  }
}
