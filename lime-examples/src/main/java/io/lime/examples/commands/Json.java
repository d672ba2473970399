package io.lime.examples.commands;

import io.lime.examples.json.JsonScanner;

/**
 * A small JSON checker that returns the document's compact form (no whitespace outside
 * strings), as RedisJSON serializes. RFC 8259 grammar; strings are kept as written (escapes
 * checked, not rewritten). Enough for the example; not a general JSON library.
 */
final class Json extends JsonScanner {
  private final StringBuilder out = new StringBuilder();

  private Json(String s) {
    super(s);
  }

  /**
   * The compact form of {@code text}.
   *
   * @throws IllegalArgumentException if it is not one JSON value
   */
  static String compact(String text) {
    Json j = new Json(text);
    j.ws();
    j.value(0);
    j.ws();
    if (j.i != text.length()) {
      throw j.fail("trailing characters");
    }
    return j.out.toString();
  }

  private void value(int depth) {
    if (depth > 128) {
      throw fail("nesting too deep");
    }
    if (i >= s.length()) {
      throw fail("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> container('{', '}', depth, true);
      case '[' -> container('[', ']', depth, false);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void container(char open, char close, int depth, boolean object) {
    out.append(open);
    i++;
    ws();
    if (peek() == close) {
      i++;
      out.append(close);
      return;
    }
    while (true) {
      if (object) {
        if (peek() != '"') {
          throw fail("expected a member name");
        }
        string();
        ws();
        expect(':');
        ws();
      }
      value(depth + 1);
      ws();
      char c = peek();
      if (c == ',') {
        i++;
        out.append(',');
        ws();
      } else if (c == close) {
        i++;
        out.append(close);
        return;
      } else {
        throw fail("expected ',' or '" + close + "'");
      }
    }
  }

  private void string() {
    int start = i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        out.append(s, start, i);
        return;
      }
      if (c < 0x20) {
        throw fail("control character in a string");
      }
      if (c == '\\') {
        char e = i < s.length() ? s.charAt(i++) : 0;
        if (e == 'u') {
          for (int k = 0; k < 4; k++) {
            if (i >= s.length() || Character.digit(s.charAt(i++), 16) < 0) {
              throw fail("bad \\u escape");
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0 || e == 0) {
          throw fail("bad escape");
        }
      }
    }
    throw fail("unterminated string");
  }

  private void literal(String word) {
    if (!s.startsWith(word, i)) {
      throw fail("unexpected character");
    }
    i += word.length();
    out.append(word);
  }

  private void number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (!digits()) {
      throw fail("unexpected character");
    }
    if (peek() == '.') {
      i++;
      if (!digits()) {
        throw fail("bad number");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!digits()) {
        throw fail("bad number");
      }
    }
    out.append(s, start, i);
  }

  private boolean digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > start;
  }

  @Override
  protected void expect(char c) {
    super.expect(c);
    out.append(c);
  }
}
