package io.lime.resp;

/** UTF-8 length and encoding of Strings straight into a byte array, as String.getBytes(UTF_8). */
final class Utf8 {
  private Utf8() {}

  /** Bytes {@code s} takes in UTF-8 (an unpaired surrogate takes one byte, {@code ?}). */
  static int length(String s) {
    int n = s.length();
    int len = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          len += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          len += 2; // 4 bytes for 2 chars
          i++;
        } else if (!Character.isSurrogate(c)) {
          len += 2;
        }
      }
    }
    return len;
  }

  /**
   * Encodes {@code s} at {@code dst[at]} (room for {@link #length} bytes ensured by the caller)
   * and returns the end offset; with {@code lineSafe}, CR and LF become spaces.
   */
  static int encode(String s, byte[] dst, int at, boolean lineSafe) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        dst[at++] = lineSafe && (c == '\r' || c == '\n') ? (byte) ' ' : (byte) c;
      } else if (c < 0x800) {
        dst[at++] = (byte) (0xc0 | (c >> 6));
        dst[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dst[at++] = (byte) (0xf0 | (cp >> 18));
        dst[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        dst[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        dst[at++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        dst[at++] = '?';
      } else {
        dst[at++] = (byte) (0xe0 | (c >> 12));
        dst[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        dst[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return at;
  }
}
