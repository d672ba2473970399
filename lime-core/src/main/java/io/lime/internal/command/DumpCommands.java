package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.DumpOps;
import io.lime.resp.Argv;

/**
 * DUMP and RESTORE (Redis's src/cluster.c, the serialization half): handlers parse, lock the
 * key and call {@link DumpOps}. MIGRATE answers a clear error: LIME has no cluster or
 * server-to-server transfer; DUMP and RESTORE do the same over any client.
 */
final class DumpCommands implements CommandGroup {
  private DumpCommands() {}

  /** DUMP key — O(1) to access the key and O(N*M) to serialize it. */
  static void dump(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      byte[] payload = DumpOps.dump(k, !"no".equals(c.server().config().get("rdbcompression")));
      c.readLookup(payload != null, 1);
      Replies.bulkOrNull(c.out(), payload);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /**
   * RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] —
   * O(1) to create the key and O(N*M) to reconstruct the value.
   */
  static void restore(Call c) {
    Argv a = c.argv();
    boolean replace = false;
    boolean absTtl = false;
    long idle = -1;
    long freq = -1;
    for (int j = 4; j < a.size(); j++) {
      int additional = a.size() - j - 1;
      if (a.is(j, "REPLACE")) {
        replace = true;
      } else if (a.is(j, "ABSTTL")) {
        absTtl = true;
      } else if (a.is(j, "IDLETIME") && additional >= 1 && freq == -1) {
        if (!KeyArgs.isLong(a, j + 1)) {
          c.out().error(Errors.NOT_INTEGER);
          return;
        }
        idle = KeyArgs.longValue(a, ++j);
        if (idle < 0) {
          c.out().error(Errors.RESTORE_IDLETIME);
          return;
        }
      } else if (a.is(j, "FREQ") && additional >= 1 && idle == -1) {
        if (!KeyArgs.isLong(a, j + 1)) {
          c.out().error(Errors.NOT_INTEGER);
          return;
        }
        freq = KeyArgs.longValue(a, ++j);
        if (freq < 0 || freq > 255) {
          c.out().error(Errors.RESTORE_FREQ);
          return;
        }
      } else {
        c.out().error(Errors.SYNTAX);
        return;
      }
    }
    String policy = c.server().config().get("maxmemory-policy");
    DumpOps.Restore o = new DumpOps.Restore(
        KeyArgs.isLong(a, 2) ? KeyArgs.longValue(a, 2) : null, absTtl, replace, idle, freq,
        policy != null && policy.endsWith("lfu"));
    try (LockedKey k = c.lockKey(1)) {
      DumpOps.restore(k, o, a.array(), a.offset(3), a.length(3));
      c.out().ok();
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** MIGRATE: not supported (no server-to-server transfer); a clear error. */
  static void migrate(Call c) {
    c.out().error(Errors.MIGRATE_UNSUPPORTED);
  }
}
