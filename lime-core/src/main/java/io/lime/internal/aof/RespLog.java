package io.lime.internal.aof;

import java.io.ByteArrayOutputStream;

/** Commands as the AOF stores them: RESP arrays of bulk strings (Redis's catAppendOnlyGenericCommand). */
final class RespLog {
  private RespLog() {}

  /** Appends {@code *argc\r\n} then {@code $len\r\n<bytes>\r\n} per argument. */
  static void command(ByteArrayOutputStream out, byte[][] argv) {
    header(out, '*', argv.length);
    for (byte[] a : argv) {
      header(out, '$', a.length);
      out.write(a, 0, a.length);
      out.write('\r');
      out.write('\n');
    }
  }

  private static void header(ByteArrayOutputStream out, char marker, long n) {
    out.write(marker);
    if (n == 0) {
      out.write('0');
    } else {
      byte[] digits = new byte[20];
      int i = digits.length;
      while (n > 0) {
        digits[--i] = (byte) ('0' + n % 10);
        n /= 10;
      }
      out.write(digits, i, digits.length - i);
    }
    out.write('\r');
    out.write('\n');
  }
}
