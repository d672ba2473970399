package io.lime.internal.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Redis's {@code sdssplitargs}: splits a config line (or an inline command) into arguments,
 * honouring double quotes with C escapes ({@code \n \r \t \b \a \\ \" \xHH}) and single
 * quotes (only {@code \'} escaped). A closing quote must be followed by a space or the end.
 */
public final class SplitArgs {
  private SplitArgs() {}

  /** The arguments of {@code line}, or null when quotes are unbalanced. */
  public static @Nullable List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int p = 0;
    int n = line.length();
    while (true) {
      while (p < n && isSpace(line.charAt(p))) {
        p++;
      }
      if (p >= n) {
        return out;
      }
      char quote = 0; // the open quote, '"' or '\'', or 0 outside quotes
      boolean done = false;
      StringBuilder cur = new StringBuilder();
      while (!done) {
        char c = p < n ? line.charAt(p) : 0;
        boolean end = p >= n;
        if (quote != 0) {
          if (end) {
            return null;
          }
          if (quote == '"' && c == '\\' && p + 3 < n && line.charAt(p + 1) == 'x'
              && isHex(line.charAt(p + 2)) && isHex(line.charAt(p + 3))) {
            cur.append((char) (Character.digit(line.charAt(p + 2), 16) * 16
                + Character.digit(line.charAt(p + 3), 16)));
            p += 3;
          } else if (quote == '"' && c == '\\' && p + 1 < n) {
            p++;
            char e = line.charAt(p);
            cur.append(switch (e) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> (char) 7;
              default -> e;
            });
          } else if (quote == '\'' && c == '\\' && p + 1 < n && line.charAt(p + 1) == '\'') {
            p++;
            cur.append('\'');
          } else if (c == quote) {
            if (!closesAt(line, p)) {
              return null;
            }
            done = true;
          } else {
            cur.append(c);
          }
        } else if (end || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          done = true;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else {
          cur.append(c);
        }
        if (p < n) {
          p++;
        }
      }
      out.add(cur.toString());
    }
  }

  /** Redis's {@code sdscatrepr}: the argument quoted and escaped as a config value. */
  public static String repr(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '"' -> sb.append('\\').append(c);
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        default -> {
          if (c >= 32 && c < 127 || c > 127) {
            sb.append(c);
          } else {
            sb.append(String.format("\\x%02x", (int) c));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Whether the closing quote at {@code p} ends the line or is followed by a space. */
  private static boolean closesAt(String line, int p) {
    return p + 1 >= line.length() || isSpace(line.charAt(p + 1));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f';
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
