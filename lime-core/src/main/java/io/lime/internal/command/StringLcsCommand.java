package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.type.StringLcs;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/** LCS (Redis 7.0's lcsCommand): argument handling and the reply shapes. */
final class StringLcsCommand implements CommandGroup {
  private StringLcsCommand() {}

  /**
   * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN] — O(N*M) where N
   * and M are the lengths of the two strings.
   */
  static void lcs(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    byte[][] inputs;
    try (KeyLocks locks = c.lockKeys(1, 2, 1)) {
      Object first = StringCommands.readValue(c, 1);
      Object second = StringCommands.readValue(c, 2);
      inputs = StringLcs.inputs(first, second);
    } catch (LimeException ex) {
      out.error(ex.getMessage());
      return;
    }
    byte[] first = inputs[0];
    byte[] second = inputs[1];
    boolean idx = false;
    boolean len = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int j = 3; j < a.size(); j++) {
      int more = a.size() - 1 - j;
      if (a.is(j, "IDX")) {
        idx = true;
      } else if (a.is(j, "LEN")) {
        len = true;
      } else if (a.is(j, "WITHMATCHLEN")) {
        withMatchLen = true;
      } else if (a.is(j, "MINMATCHLEN") && more > 0) {
        if (!StringArgs.isLong(a, j + 1)) {
          out.error(Errors.NOT_INTEGER);
          return;
        }
        minMatchLen = Math.max(0, StringArgs.longValue(a, j + 1));
        j++;
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    if (idx && len) {
      out.error(Errors.LCS_IDX_AND_LEN);
      return;
    }
    if (StringLcs.tableBytes(first.length, second.length) > StringArgs.maxStringBytes(c)) {
      out.error(Errors.LCS_TABLE_TOO_BIG);
      return;
    }
    if (len) {
      out.integer(StringLcs.length(first, first.length, second, second.length));
      return;
    }
    StringLcs.Result r;
    try {
      r = StringLcs.compute(first, first.length, second, second.length);
    } catch (OutOfMemoryError oom) {
      out.error(Errors.LCS_ALLOCATION_FAILED);
      return;
    }
    if (!idx) {
      out.bulk(r.lcs());
      return;
    }
    int[] m = r.matches();
    int shown = 0;
    for (int i = 0; i < r.matchCount(); i++) {
      if (minMatchLen == 0 || m[i * 5 + 4] >= minMatchLen) {
        shown++;
      }
    }
    out.mapHeader(2);
    out.bulk("matches");
    out.arrayHeader(shown);
    for (int i = 0; i < r.matchCount(); i++) {
      int p = i * 5;
      if (minMatchLen != 0 && m[p + 4] < minMatchLen) {
        continue;
      }
      out.arrayHeader(withMatchLen ? 3 : 2);
      out.arrayHeader(2);
      out.integer(m[p]);
      out.integer(m[p + 1]);
      out.arrayHeader(2);
      out.integer(m[p + 2]);
      out.integer(m[p + 3]);
      if (withMatchLen) {
        out.integer(m[p + 4]);
      }
    }
    out.bulk("len");
    out.integer(r.length());
  }
}
