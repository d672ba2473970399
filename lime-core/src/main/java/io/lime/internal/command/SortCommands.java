package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.type.SortType;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/**
 * SORT and SORT_RO (Redis's src/sort.c command half): the options are parsed first (syntax
 * and LIMIT errors before the key is looked at), then {@link SortType} locks the keys (every
 * shard of the database when a BY or GET pattern reads other keys), sorts and stores.
 */
final class SortCommands implements CommandGroup {
  private SortCommands() {}

  /**
   * SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC | DESC] [ALPHA]
   * [STORE destination] — O(N+M*log(M)).
   */
  static void sort(Call c) {
    generic(c, false);
  }

  /** SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC | DESC] [ALPHA]. */
  static void sortRo(Call c) {
    generic(c, true);
  }

  private static void generic(Call c, boolean readonly) {
    Argv a = c.argv();
    boolean desc = false;
    boolean alpha = false;
    long limitStart = 0;
    long limitCount = -1;
    byte[] by = null;
    int store = 0;
    List<byte[]> gets = new ArrayList<>();
    for (int j = 2; j < a.size(); j++) {
      int left = a.size() - j - 1;
      if (a.is(j, "ASC")) {
        desc = false;
      } else if (a.is(j, "DESC")) {
        desc = true;
      } else if (a.is(j, "ALPHA")) {
        alpha = true;
      } else if (a.is(j, "LIMIT") && left >= 2) {
        if (!KeyArgs.isLong(a, j + 1) || !KeyArgs.isLong(a, j + 2)) {
          c.out().error(Errors.NOT_INTEGER);
          return;
        }
        limitStart = KeyArgs.longValue(a, j + 1);
        limitCount = KeyArgs.longValue(a, j + 2);
        j += 2;
      } else if (!readonly && a.is(j, "STORE") && left >= 1) {
        store = ++j;
      } else if (a.is(j, "BY") && left >= 1) {
        by = a.copy(++j);
      } else if (a.is(j, "GET") && left >= 1) {
        gets.add(a.copy(++j));
      } else {
        c.out().error(Errors.SYNTAX);
        return;
      }
    }
    SortType.Spec spec = new SortType.Spec(desc, alpha, limitStart, limitCount, by, gets);
    try {
      List<byte[]> out = SortType.sort(c.db(), a.copy(1), store == 0 ? null : a.copy(store), spec,
          c::readLookup, c.now());
      if (store == 0) {
        reply(c.out(), out);
      } else {
        c.out().integer(out.size());
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  private static void reply(ReplySink out, List<byte[]> values) {
    out.arrayHeader(values.size());
    for (byte[] v : values) {
      Replies.bulkOrNull(out, v);
    }
  }
}
