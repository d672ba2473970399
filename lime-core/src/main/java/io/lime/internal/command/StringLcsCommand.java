package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.type.StringLcs;
import io.lime.internal.type.StringType;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import org.jspecify.annotations.Nullable;

/** LCS (Redis 7.0's lcsCommand): argument handling and the reply shapes. */
final class StringLcsCommand {
  static final String NOT_STRINGS = "ERR The specified keys must contain string values";
  static final String IDX_AND_LEN = "ERR If you want both the length and indexes, please just use IDX.";
  static final String TABLE_TOO_BIG =
      "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
  static final String ALLOCATION_FAILED =
      "ERR Insufficient memory, failed allocating transient memory for LCS";
  private static final byte[] EMPTY = new byte[0];

  private StringLcsCommand() {}

  /**
   * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN] — O(N*M) where N
   * and M are the lengths of the two strings.
   */
  static void lcs(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    byte[] first;
    byte[] second;
    Database db = c.db();
    long now = c.now();
    long mask = db.lockKeys(a, 1, 2, 1);
    try {
      Object va = lookup(c, db, a, 1, now);
      Object vb = lookup(c, db, a, 2, now);
      if ((va != null && !StringType.isString(va)) || (vb != null && !StringType.isString(vb))) {
        out.error(NOT_STRINGS);
        return;
      }
      // copies, so that the O(N*M) work runs without the locks (stored byte[] are immutable
      // but raw values are modified in place, so they are copied too: toBytes always copies)
      first = va == null ? EMPTY : StringType.toBytes(va);
      second = vb == null ? EMPTY : StringType.toBytes(vb);
    } finally {
      db.unlock(mask);
    }
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
      out.error(IDX_AND_LEN);
      return;
    }
    if (StringLcs.tableBytes(first.length, second.length) > StringCommands.maxStringBytes(c)) {
      out.error(TABLE_TOO_BIG);
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
      out.error(ALLOCATION_FAILED);
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

  private static @Nullable Object lookup(Call c, Database db, Argv a, int i, long now) {
    byte[] k = a.array();
    int h = Hashing.hash(k, a.offset(i), a.length(i));
    Entry e = StringType.lookup(db.shard(h), k, a.offset(i), a.length(i), h, now);
    StringCommands.counted(c, e, k, a.offset(i), a.length(i));
    return e == null ? null : e.value();
  }
}
