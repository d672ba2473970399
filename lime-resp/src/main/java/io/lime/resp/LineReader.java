package io.lime.resp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Finds the end of the current request line for {@link RequestParser}, resumably, as Redis's
 * {@code processInlineBuffer} and {@code processMultibulkBuffer} search the query buffer
 * with {@code strchr} (src/networking.c).
 *
 * <pre>{@code
 * inline line:  content '\n'        (the parser drops a CR right before the LF)
 * header line:  content '\r' any    (the one byte after the CR is skipped, whatever it is)
 *               \_ a NUL before the terminator hides it: the line never completes _/
 * }</pre>
 *
 * <p>It implements the line rules in {@link RequestParser}'s list of behaviours checked
 * against redis-server: a header line ends at its first CR and also needs the byte after it; a
 * NUL byte hides the terminator; the size limit is checked only when no terminator is found
 * in all waiting bytes, and only at the end of a {@code parse} call ({@code last}).
 *
 * <h2>Where a completed line lives</h2>
 * A line that lies whole in the input is not copied: {@link #source()} is then the input and
 * {@link #from()} the line's start there. A line split across calls is copied into the line
 * buffer as its bytes arrive and completes there ({@link #source()} is the buffer,
 * {@link #from()} is 0). The parser calls {@link #releaseInput()} before returning, so no
 * reference to the caller's buffer is kept.
 *
 * <h2>Limits and memory</h2>
 * {@code lineSeen} counts every byte of the line so far, its first byte included, whether it
 * was stored or not: once a NUL poisoned the line (Redis would never find its terminator) the
 * following bytes are only counted, not stored. The buffer grows as bytes arrive (at least
 * doubling), and one that a huge line left above 4 times {@link RequestParser#MAX_INLINE_BYTES}
 * is replaced by a small one at the next {@link #reset()}.
 *
 * <p>Not thread-safe: owned by one parser.
 */
final class LineReader {
  /** Bytes of the current line seen so far (stored or not), its first byte included. */
  private long lineSeen;
  /** Stored bytes of the current line (not stored once a NUL poisoned it). */
  private byte[] line = new byte[64];
  private int lineLen;
  private ByteBuffer lineView = ByteBuffer.wrap(line);
  private boolean lineHasNul;
  /** Header line: its CR was seen, the one byte after it has not arrived yet. */
  private boolean lineHasCr;
  /** Where the completed line lives: the input in place (from lineStart), or the line buffer. */
  private ByteBuffer lineSource = lineView;
  private int lineStart;

  /**
   * Looks for the end of the current line in {@code src}. Returns the end of the line content
   * (exclusive) in {@link #source()}'s coordinates and consumes the terminator, or -1 after
   * taking all of {@code src} into the line buffer.
   *
   * @param terminator {@code '\n'} for an inline line, {@code '\r'} for a header line
   * @param last whether {@code src} is the last input of this {@code parse} call (the size
   *     limit is checked only then)
   * @throws ProtocolException {@code tooBig} when, with {@code last}, no terminator was found
   *     and more than {@link RequestParser#MAX_INLINE_BYTES} bytes of the line were seen
   */
  int scan(ByteBuffer src, byte terminator, boolean last, String tooBig)
      throws ProtocolException {
    int pos = src.position();
    int limit = src.limit();
    if (lineHasCr) { // header line: only the byte after its CR was missing
      if (pos == limit) {
        return -1;
      }
      src.position(pos + 1);
      lineSource = lineView;
      return lineLen;
    }
    int i = pos;
    if (!lineHasNul) {
      while (i < limit) {
        byte b = src.get(i);
        if (b == terminator) {
          break;
        }
        if (b == 0) {
          lineHasNul = true;
          break;
        }
        i++;
      }
    }
    if (lineHasNul || i == limit) {
      lineSeen += limit - pos;
      if (last && lineSeen > RequestParser.MAX_INLINE_BYTES) {
        throw RespErrors.protocol(tooBig);
      }
      if (!lineHasNul) {
        store(src, pos, limit - pos);
      }
      src.position(limit);
      return -1;
    }
    // Terminator at i. A header line also needs the byte after its CR.
    if (terminator == '\r' && i + 1 == limit) {
      store(src, pos, i - pos);
      lineHasCr = true;
      lineSeen += limit - pos;
      src.position(limit);
      return -1;
    }
    src.position(terminator == '\r' ? i + 2 : i + 1);
    if (lineLen == 0) {
      lineSource = src;
      lineStart = pos;
      return i;
    }
    store(src, pos, i - pos);
    lineSource = lineView;
    return lineLen;
  }

  /** The buffer holding the line completed by the last {@link #scan}. */
  ByteBuffer source() {
    return lineSource;
  }

  /** Where the completed line starts in {@link #source()}. */
  int from() {
    return lineSource == lineView ? 0 : lineStart;
  }

  /** Bytes of an unfinished line held in the line buffer. */
  int storedBytes() {
    return lineLen;
  }

  /** Forgets the input buffer the last line was completed in. */
  void releaseInput() {
    lineSource = lineView;
  }

  /** Starts a new line: forgets the bytes of the previous one. */
  void reset() {
    lineSeen = 0;
    lineLen = 0;
    lineHasNul = false;
    lineHasCr = false;
    // do not keep a huge line buffer forever
    if (line.length > 4 * RequestParser.MAX_INLINE_BYTES) {
      line = new byte[64];
      lineView = ByteBuffer.wrap(line);
    }
  }

  private void store(ByteBuffer src, int from, int n) {
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLen + n, line.length * 2));
      lineView = ByteBuffer.wrap(line);
    }
    src.get(from, line, lineLen, n);
    lineLen += n;
  }
}
