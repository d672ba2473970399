package io.lime.examples.json;

/**
 * The cursor of a small JSON reader over a string: whitespace, look-ahead, expected
 * characters, and errors naming the offset. Not thread-safe (one per parse).
 */
public abstract class JsonScanner {
  /** The text being read. */
  protected final String s;
  /** The offset of the next character. */
  protected int i;

  /** A scanner at the start of {@code text}. */
  protected JsonScanner(String text) {
    this.s = text;
  }

  /** Skips JSON whitespace. */
  protected final void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  /** The next character, or 0 at the end. */
  protected final char peek() {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /**
   * Consumes {@code c}.
   *
   * @throws IllegalArgumentException if the next character is another (or there is none)
   */
  protected void expect(char c) {
    if (peek() != c) {
      throw fail(i >= s.length() ? "unexpected end of input" : "expected '" + c + "'");
    }
    i++;
  }

  /** An error about the current offset. */
  protected final IllegalArgumentException fail(String why) {
    return new IllegalArgumentException(why + " at offset " + i);
  }
}
