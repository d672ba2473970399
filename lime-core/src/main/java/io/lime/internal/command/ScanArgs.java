package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;

/**
 * The cursor, options and reply of the SCAN family (Redis's parseScanCursorOrReply and
 * scanGenericCommand, shared by SCAN, HSCAN, SSCAN and ZSCAN), in place over the argv arena.
 *
 * <p>Options are checked in one pass, left to right, with Redis's error order: a COUNT that
 * is not an integer replies the not-an-integer error, a COUNT below 1 and any unknown or
 * incomplete option the syntax error. Once {@link #validOptions} has accepted them, the
 * options are whole name/value pairs, so {@link #value} finds the last of a name (the one
 * Redis keeps) by stepping over pairs. Nothing here allocates.
 */
final class ScanArgs {
  /** SCAN's default COUNT. */
  static final long DEFAULT_COUNT = 10;

  private ScanArgs() {}

  /**
   * Whether argument {@code i} is a valid cursor ({@link KeyArgs#isCursor}); replies the
   * invalid-cursor error when not. The value is then {@link KeyArgs#cursorValue}.
   */
  static boolean validCursor(Argv a, int i, ReplySink out) {
    if (!KeyArgs.isCursor(a, i)) {
      out.error(Errors.INVALID_CURSOR);
      return false;
    }
    return true;
  }

  /**
   * Checks the options from argument {@code first} on: {@code COUNT count}, {@code MATCH
   * pattern} and, when {@code withType} (SCAN only), {@code TYPE type}. Replies the first
   * error and returns false, or returns true having replied nothing.
   */
  static boolean validOptions(Argv a, int first, boolean withType, ReplySink out) {
    int argc = a.size();
    for (int i = first; i < argc; ) {
      int remaining = argc - i;
      if (a.is(i, "COUNT") && remaining >= 2) {
        if (!KeyArgs.isLong(a, i + 1)) {
          out.error(Errors.NOT_INTEGER);
          return false;
        }
        if (KeyArgs.longValue(a, i + 1) < 1) {
          out.error(Errors.SYNTAX);
          return false;
        }
        i += 2;
      } else if (a.is(i, "MATCH") && remaining >= 2) {
        i += 2;
      } else if (withType && a.is(i, "TYPE") && remaining >= 2) {
        i += 2;
      } else {
        out.error(Errors.SYNTAX);
        return false;
      }
    }
    return true;
  }

  /**
   * The index of the value of the last option {@code name} (upper case) from argument
   * {@code first} on, or -1 when absent; the options must have passed {@link #validOptions}.
   */
  static int value(Argv a, int first, String name) {
    int found = -1;
    for (int i = first; i + 1 < a.size(); i += 2) {
      if (a.is(i, name)) {
        found = i + 1;
      }
    }
    return found;
  }

  /** The COUNT from argument {@code first} on, or {@code defaultCount} when absent. */
  static long count(Argv a, int first, long defaultCount) {
    int i = value(a, first, "COUNT");
    return i < 0 ? defaultCount : KeyArgs.longValue(a, i);
  }

  /** The reply of a scan of a missing key: cursor 0 and no elements. */
  static void replyEmpty(ReplySink out) {
    out.arrayHeader(2);
    out.bulk(0);
    out.arrayHeader(0);
  }

  /** The reply: the next cursor (unsigned) as a bulk string, then the elements found. */
  static void reply(ReplySink out, long next, List<byte[]> items) {
    out.arrayHeader(2);
    if (next >= 0) {
      out.bulk(next);
    } else {
      out.bulk(Long.toUnsignedString(next));
    }
    out.arrayHeader(items.size());
    for (byte[] item : items) {
      out.bulk(item);
    }
  }
}
