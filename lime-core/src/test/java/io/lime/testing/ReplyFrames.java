package io.lime.testing;

/**
 * Finds where one complete RESP2/RESP3 reply ends in a byte range, so a test client can read
 * exactly one reply per command without decoding it.
 */
final class ReplyFrames {
  private ReplyFrames() {}

  /** Length of the first complete reply at {@code off}, or -1 if more bytes are needed. */
  static int length(byte[] b, int off, int end) {
    int p = scan(b, off, end);
    return p < 0 ? -1 : p - off;
  }

  /** Position just past the reply starting at {@code p}, or -1 if incomplete. */
  private static int scan(byte[] b, int p, int end) {
    if (p >= end) {
      return -1;
    }
    byte type = b[p];
    int lineEnd = lineEnd(b, p, end);
    if (lineEnd < 0) {
      return -1;
    }
    int next = lineEnd + 2;
    switch (type) {
      case '+', '-', ':', ',', '#', '(', '_' -> {
        return next;
      }
      case '$', '=', '!' -> {
        long n = Long.parseLong(new String(b, p + 1, lineEnd - p - 1, java.nio.charset.StandardCharsets.US_ASCII));
        if (n < 0) {
          return next;
        }
        long stop = next + n + 2;
        return stop <= end ? (int) stop : -1;
      }
      case '*', '~', '>', '%', '|' -> {
        long n = Long.parseLong(new String(b, p + 1, lineEnd - p - 1, java.nio.charset.StandardCharsets.US_ASCII));
        if (n < 0) {
          return next;
        }
        long elements = (type == '%' || type == '|') ? n * 2 : n;
        int q = next;
        for (long i = 0; i < elements; i++) {
          q = scan(b, q, end);
          if (q < 0) {
            return -1;
          }
        }
        if (type == '|') {
          // an attribute precedes the real reply
          return scan(b, q, end);
        }
        return q;
      }
      default -> throw new IllegalStateException("not a RESP reply at byte " + p + ": " + (char) type);
    }
  }

  private static int lineEnd(byte[] b, int p, int end) {
    for (int i = p; i + 1 < end; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
