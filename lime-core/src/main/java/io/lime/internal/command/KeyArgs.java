package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import org.jspecify.annotations.Nullable;

/**
 * Argument parsing for the key, expiry and database commands, in place over the argv arena
 * (no allocation): Redis's string2ll, getIntFromObjectOrReply and the SCAN cursor's strtoul.
 */
final class KeyArgs {
  private KeyArgs() {}

  /** Whether argument {@code i} is a valid long long for Redis's string2ll. */
  static boolean isLong(Argv argv, int i) {
    return Numbers.isLong(argv.array(), argv.offset(i), argv.length(i));
  }

  /** The value of argument {@code i}; call {@link #isLong} first. */
  static long longValue(Argv argv, int i) {
    return Numbers.parseLong(argv.array(), argv.offset(i), argv.length(i));
  }

  /**
   * Whether argument {@code i} is a valid long long; if not, replies Redis's not-an-integer
   * error (getLongLongFromObjectOrReply's check).
   */
  static boolean integerOrReply(Call c, int i) {
    if (isLong(c.argv(), i)) {
      return true;
    }
    c.out().error(Errors.NOT_INTEGER);
    return false;
  }

  /** Whether argument {@code i} is an int (see {@link #isInt}); replies {@code error} if not. */
  static boolean intOrReply(Call c, int i, String error) {
    if (isInt(c.argv(), i)) {
      return true;
    }
    c.out().error(error);
    return false;
  }

  /** Whether arguments {@code i} and {@code j} are long longs; replies the error (once) if not. */
  static boolean integersOrReply(Call c, int i, int j) {
    return integerOrReply(c, i) && integerOrReply(c, j);
  }

  /** Whether argument {@code i} is a long long within the 32-bit int range. */
  static boolean isInt(Argv argv, int i) {
    if (!isLong(argv, i)) {
      return false;
    }
    long v = longValue(argv, i);
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
  }

  /**
   * The error Redis's getIntFromObjectOrReply replies when argument {@code i} is not an int:
   * {@code message} when given (as SWAPDB's "ERR invalid first DB index"), else the
   * not-an-integer text or, for a long out of the int range, the int-range text.
   */
  static String intError(Argv argv, int i, @Nullable String message) {
    if (message != null) {
      return message;
    }
    return isLong(argv, i) ? Errors.INT_RANGE : Errors.NOT_INTEGER;
  }

  /**
   * Parses a SCAN cursor as Redis does (C's strtoul in base 10, rejecting a leading space or
   * trailing bytes): an optional sign ({@code -n} wraps as unsigned), digits, up to 2^64-1;
   * the empty string is cursor 0. Returns whether valid; the value via {@link #cursorValue}.
   */
  static boolean isCursor(Argv argv, int i) {
    byte[] a = argv.array();
    int p = argv.offset(i);
    int end = p + argv.length(i);
    if (p == end) {
      return true;
    }
    if (isSpace(a[p])) {
      return false;
    }
    if (a[p] == '-' || a[p] == '+') {
      p++;
    }
    return Numbers.unsignedDecimal(a, p, end, null);
  }

  /** The cursor value of a valid cursor argument (unsigned 64-bit in a long). */
  static long cursorValue(Argv argv, int i) {
    byte[] a = argv.array();
    int p = argv.offset(i);
    int end = p + argv.length(i);
    boolean negative = false;
    if (p < end && (a[p] == '-' || a[p] == '+')) {
      negative = a[p] == '-';
      p++;
    }
    long v = 0;
    for (; p < end; p++) {
      v = v * 10 + (a[p] - '0');
    }
    return negative ? -v : v;
  }

  /**
   * The index in {@code words} (upper-case) of the keyword argument {@code i} is, compared
   * case-insensitively, or -1 when it is none of them (a choice such as OVERFLOW WRAP|SAT|FAIL
   * or AGGREGATE SUM|MIN|MAX, whose codes are the indexes).
   */
  static int keyword(Argv argv, int i, String[] words) {
    for (int w = 0; w < words.length; w++) {
      if (argv.is(i, words[w])) {
        return w;
      }
    }
    return -1;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }
}
