package io.lime.resp;

import java.nio.ByteBuffer;

/**
 * Splits an inline request line into arguments exactly as Redis's {@code sdssplitargs}
 * (sds.c): blanks ({@code isspace} in the C locale) separate tokens; {@code "..."} takes
 * {@code \xHH}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \a} and {@code \<any>};
 * {@code '...'} takes only {@code \'}; a closing quote must be followed by a blank or the end of
 * the line; a quote may open in the middle of a token ({@code a"b c"} is {@code ab c}).
 *
 * <p>The line never contains NUL (the parser never completes such a line, as Redis's
 * {@code strchr} stops there), so the end of the line plays the part of C's terminating NUL.
 */
final class InlineSplitter {
  private InlineSplitter() {}

  /**
   * Appends the arguments of {@code buf[from, to)} to {@code argv} (which the caller cleared).
   *
   * @return {@code false} on unbalanced quotes (argv content is then unspecified)
   */
  static boolean split(ByteBuffer buf, int from, int to, Argv argv) {
    argv.ensureBytes(to - from); // tokens never hold more bytes than the line
    byte[] out = argv.array();
    int p = from;
    while (true) {
      while (p < to && isSpace(buf.get(p))) {
        p++;
      }
      if (p >= to) {
        return true;
      }
      int start = argv.beginArg();
      int w = start;
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        int c = at(buf, p, to);
        if (inDouble) {
          if (c == '\\' && at(buf, p + 1, to) == 'x'
              && isHex(at(buf, p + 2, to)) && isHex(at(buf, p + 3, to))) {
            out[w++] = (byte) (hex(at(buf, p + 2, to)) * 16 + hex(at(buf, p + 3, to)));
            p += 3;
          } else if (c == '\\' && at(buf, p + 1, to) != 0) {
            p++;
            out[w++] = (byte) switch (at(buf, p, to)) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> 7;
              default -> at(buf, p, to);
            };
          } else if (c == '"') {
            int next = at(buf, p + 1, to);
            if (next != 0 && !isSpace((byte) next)) {
              return false;
            }
            done = true;
          } else if (c == 0) {
            return false;
          } else {
            out[w++] = (byte) c;
          }
        } else if (inSingle) {
          if (c == '\\' && at(buf, p + 1, to) == '\'') {
            p++;
            out[w++] = '\'';
          } else if (c == '\'') {
            int next = at(buf, p + 1, to);
            if (next != 0 && !isSpace((byte) next)) {
              return false;
            }
            done = true;
          } else if (c == 0) {
            return false;
          } else {
            out[w++] = (byte) c;
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0 -> done = true;
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> out[w++] = (byte) c;
          }
        }
        if (p < to) {
          p++;
        }
      }
      argv.endArg(w - start);
    }
  }

  /** The byte at {@code i} as 0..255, or 0 (C's terminator) at or past {@code to}. */
  private static int at(ByteBuffer buf, int i, int to) {
    return i < to ? buf.get(i) & 0xff : 0;
  }

  /** C's {@code isspace} in the C locale. */
  static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(int c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }
}
