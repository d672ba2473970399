package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.SortedSetWrites;
import io.lime.internal.type.SortedSetAlgebra;
import io.lime.internal.type.SortedSetType;
import io.lime.internal.type.SortedSetValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.Arrays;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: one routine as Redis's
 * zunionInterDiffGenericCommand. Order of checks as Redis: numkeys, key count, each key's
 * type (WRONGTYPE before any option error), then the options, then the computation.
 */
final class SortedSetAlgebraCommands implements CommandGroup {
  private static final int UNION = 0;
  private static final int INTER = 1;
  private static final int DIFF = 2;
  /** The keyspace event of each operation's STORE form. */
  private static final String[] STORE_EVENTS = {"zunionstore", "zinterstore", "zdiffstore"};
  /** AGGREGATE's functions, at the indexes of their codes ({@link SortedSetAlgebra#SUM} ...). */
  private static final String[] AGGREGATES = {"SUM", "MIN", "MAX"};

  private SortedSetAlgebraCommands() {}

  /** ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]. */
  static void zunion(Call c) {
    generic(c, -1, 1, UNION, false);
  }

  /** ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]. */
  static void zinter(Call c) {
    generic(c, -1, 1, INTER, false);
  }

  /** ZDIFF numkeys key [key ...] [WITHSCORES]. */
  static void zdiff(Call c) {
    generic(c, -1, 1, DIFF, false);
  }

  /** ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...]. */
  static void zunionstore(Call c) {
    generic(c, 1, 2, UNION, false);
  }

  /** ZINTERSTORE destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...]. */
  static void zinterstore(Call c) {
    generic(c, 1, 2, INTER, false);
  }

  /** ZDIFFSTORE destination numkeys key [key ...]. */
  static void zdiffstore(Call c) {
    generic(c, 1, 2, DIFF, false);
  }

  /** ZINTERCARD numkeys key [key ...] [LIMIT limit]. */
  static void zintercard(Call c) {
    generic(c, -1, 1, INTER, true);
  }

  @SuppressWarnings("try") // the locks are held, not referenced
  private static void generic(Call c, int dstIndex, int numkeysIndex, int op,
      boolean cardinalityOnly) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (!StringArgs.isLong(a, numkeysIndex)) {
      out.error(Errors.NOT_INTEGER);
      return;
    }
    long setnum = StringArgs.longValue(a, numkeysIndex);
    if (setnum < 1) {
      out.error(Errors.zsetNeedsKey(c.spec().name()));
      return;
    }
    if (setnum > a.size() - (numkeysIndex + 1)) {
      out.error(Errors.SYNTAX);
      return;
    }
    int n = (int) setnum;
    int first = numkeysIndex + 1;
    try (KeyLocks locks = c.lockKeys(dstIndex > 0 ? dstIndex : first, first + n - 1, 1)) {
      Object[] inputs = new Object[n];
      for (int i = 0; i < n; i++) {
        LockedKey k = c.keyWithin(first + i);
        Entry e = k.lookup();
        c.readLookup(e != null, k.array(), k.offset(), k.length());
        inputs[i] = SortedSetAlgebra.input(e);
      }
      double[] weights = new double[n];
      Arrays.fill(weights, 1.0);
      int aggregate = SortedSetAlgebra.SUM;
      boolean withScores = false;
      long limit = 0;
      boolean store = dstIndex > 0;
      int j = first + n;
      int remaining = a.size() - j;
      while (remaining > 0) {
        if (op != DIFF && !cardinalityOnly && remaining >= n + 1 && a.is(j, "WEIGHTS")) {
          j++;
          remaining--;
          for (int i = 0; i < n; i++, j++, remaining--) {
            double w = SortedSetArgs.score(a, j);
            if (Double.isNaN(w)) {
              out.error(Errors.ZSET_WEIGHT_FLOAT);
              return;
            }
            weights[i] = w;
          }
        } else if (op != DIFF && !cardinalityOnly && remaining >= 2 && a.is(j, "AGGREGATE")) {
          j++;
          remaining--;
          aggregate = KeyArgs.keyword(a, j, AGGREGATES);
          if (aggregate < 0) {
            out.error(Errors.SYNTAX);
            return;
          }
          j++;
          remaining--;
        } else if (remaining >= 1 && !store && !cardinalityOnly && a.is(j, "WITHSCORES")) {
          j++;
          remaining--;
          withScores = true;
        } else if (cardinalityOnly && remaining >= 2 && a.is(j, "LIMIT")) {
          j++;
          remaining--;
          limit = SortedSetArgs.positiveLong(a, j, out, Errors.SET_LIMIT_NEGATIVE);
          if (limit < 0) {
            return;
          }
          j++;
          remaining--;
        } else {
          out.error(Errors.SYNTAX);
          return;
        }
      }
      if (cardinalityOnly) {
        out.integer(SortedSetAlgebra.interCard(inputs, limit));
        return;
      }
      SortedSetValue result = switch (op) {
        case UNION -> SortedSetAlgebra.union(inputs, weights, aggregate);
        case INTER -> SortedSetAlgebra.inter(inputs, weights, aggregate);
        default -> SortedSetAlgebra.diff(inputs);
      };
      if (store) {
        out.integer(SortedSetWrites.storeResult(c.keyWithin(dstIndex), result, STORE_EVENTS[op]));
        return;
      }
      boolean ws = withScores;
      SortedSetArgs.header(out, result.size(), ws);
      SortedSetType.forEach(result, (b, off, len, score) -> {
        SortedSetArgs.element(out, b, off, len, score, ws);
        return true;
      });
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }
}
