package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * The {@code numkeys key [key ...]} argument and the {@code [COUNT count]} tail shared by
 * LMPOP, BLMPOP, ZMPOP, BZMPOP and SINTERCARD (Redis's getRangeLongFromObjectOrReply for
 * numkeys and count), parsed in place over the argv arena. Each method replies its error and
 * returns -1, or returns the value having replied nothing.
 */
final class NumKeysArgs {
  private NumKeysArgs() {}

  /**
   * The numkeys at argument {@code index}: an integer of at least 1 ("numkeys should be
   * greater than 0"), leaving room for that many keys plus {@code trailing} mandatory
   * arguments after them ({@code tooMany} otherwise: the syntax error for the MPOP family,
   * "Number of keys can't be greater than number of args" for SINTERCARD).
   */
  static long numkeys(Argv a, int index, int trailing, String tooMany, ReplySink out) {
    if (!KeyArgs.isLong(a, index) || KeyArgs.longValue(a, index) < 1) {
      out.error(Errors.SET_NUMKEYS_NOT_POSITIVE);
      return -1;
    }
    long numkeys = KeyArgs.longValue(a, index);
    if (numkeys > a.size() - index - 1 - trailing) {
      out.error(tooMany);
      return -1;
    }
    return numkeys;
  }

  /**
   * The MPOP family's optional {@code COUNT count} from argument {@code first} to the end:
   * 1 when absent; "count should be greater than 0" unless a positive integer; the syntax
   * error for anything else, a second COUNT included.
   */
  static long popCount(Argv a, int first, ReplySink out) {
    long count = -1;
    for (int j = first; j < a.size(); j++) {
      if (count == -1 && a.is(j, "COUNT") && j + 1 < a.size()) {
        j++;
        if (!KeyArgs.isLong(a, j) || (count = KeyArgs.longValue(a, j)) < 1) {
          out.error(Errors.ZSET_COUNT_NOT_POSITIVE);
          return -1;
        }
      } else {
        out.error(Errors.SYNTAX);
        return -1;
      }
    }
    return count == -1 ? 1 : count;
  }
}
