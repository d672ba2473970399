package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.HyperLogLogSelfTest;
import io.lime.internal.type.HyperLogLogType;
import io.lime.internal.type.StringValue;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;

/**
 * The HyperLogLog commands (Redis's src/hyperloglog.c command half): parse, lock, call
 * {@link HyperLogLogType}, reply. Reads are accounted as Redis's lookupKeyRead.
 */
public final class HyperLogLogCommands implements CommandGroup {

  /** PFADD key [element ...] — O(1) per element. */
  void pfadd(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(HyperLogLogType.add(k, c.args(2, -1)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** PFCOUNT key [key ...] — O(1) with one key (cached), O(N) with several. */
  void pfcount(Call c) {
    if (c.argv().size() == 2) {
      try (LockedKey k = c.lockKey(1)) {
        c.out().integer(HyperLogLogType.count(k, c::readLookup));
      } catch (LimeException ex) {
        c.out().error(ex.getMessage());
      }
      return;
    }
    try (KeyLocks locks = c.lockKeys(1, -1, 1)) {
      c.out().integer(HyperLogLogType.countUnion(c.keyWithin(1), c.args(1, -1), c::readLookup));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** PFMERGE destkey [sourcekey ...] — O(N) in the number of sources. */
  void pfmerge(Call c) {
    try (KeyLocks locks = c.lockKeys(1, -1, 1)) {
      HyperLogLogType.merge(c.keyWithin(1), c.args(2, -1), c::readLookup);
      c.out().ok();
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** PFDEBUG GETREG|DECODE|ENCODING|TODENSE key — internal debugging. */
  void pfdebug(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(2)) {
      StringValue v = HyperLogLogType.debugValue(k);
      boolean known = a.is(1, "GETREG") || a.is(1, "DECODE") || a.is(1, "ENCODING")
          || a.is(1, "TODENSE");
      if (!known) {
        out.error(Errors.pfdebugUnknown(a.string(1)));
        return;
      }
      if (a.size() != 3) {
        out.error(Errors.arity("pfdebug"));
        return;
      }
      if (a.is(1, "GETREG")) {
        int[] regs = HyperLogLogType.debugRegisters(k, v);
        out.arrayHeader(regs.length);
        for (int r : regs) {
          out.integer(r);
        }
      } else if (a.is(1, "DECODE")) {
        out.bulk(HyperLogLogType.decode(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } else if (a.is(1, "ENCODING")) {
        out.simple(HyperLogLogType.encodingName(v));
      } else {
        out.integer(HyperLogLogType.toDense(k, v) ? 1 : 0);
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** PFSELFTEST — internal self test. */
  void pfselftest(Call c) {
    String failure = HyperLogLogSelfTest.run();
    if (failure == null) {
      c.out().ok();
    } else {
      c.out().error(failure);
    }
  }
}
