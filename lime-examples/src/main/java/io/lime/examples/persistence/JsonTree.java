package io.lime.examples.persistence;

import io.lime.examples.json.JsonScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader (RFC 8259) into {@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code Long}/{@code Double}, {@code Boolean} and {@code null}: what the
 * snapshot plug-in needs to read its own files back, with offsets in its error messages.
 */
final class JsonTree extends JsonScanner {
  private JsonTree(String s) {
    super(s);
  }

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException naming the offset, if it is not exactly one JSON value
   *     (a truncated file fails here)
   */
  static Object parse(String text) {
    JsonTree t = new JsonTree(text);
    Object v = t.value();
    t.ws();
    if (t.i != text.length()) {
      throw t.fail("trailing characters");
    }
    return v;
  }

  private Object value() {
    ws();
    if (i >= s.length()) {
      throw fail("unexpected end of input");
    }
    char c = s.charAt(i);
    if (c == '{') {
      i++;
      Map<String, Object> m = new LinkedHashMap<>();
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        if (peek() != '"') {
          throw fail("expected a member name");
        }
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }
    if (c == '[') {
      i++;
      List<Object> l = new ArrayList<>();
      ws();
      if (peek() == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }
    if (c == '"') {
      return string();
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return JsonTree.NULL;
    }
    return number();
  }

  /** JSON's null, distinct from a missing member. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private String string() {
    i++; // the opening quote
    StringBuilder sb = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw fail("truncated \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw fail("bad \\u escape");
            }
            i += 4;
          }
          default -> throw fail("bad escape");
        }
      } else if (c < 0x20) {
        throw fail("control character in a string");
      } else {
        sb.append(c);
      }
    }
    throw fail("unterminated string");
  }

  private Object number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String n = s.substring(start, i);
    try {
      return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n)
          : (Object) Long.parseLong(n);
    } catch (NumberFormatException e) {
      i = start;
      throw fail("unexpected character");
    }
  }

}
