package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.LimeException;
import io.lime.internal.engine.Database;
import io.lime.internal.engine.KeyLocks;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.KeyOps;
import io.lime.internal.type.KeyspaceOps;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Generic key commands (Redis's src/db.c): DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY,
 * RENAME, RENAMENX, TOUCH, COPY, MOVE, and OBJECT (in {@link ObjectCommands}). Expiry
 * commands are in {@link ExpireCommands}, database-wide ones in {@link DatabaseCommands}.
 * Handlers parse, call the key-level operation ({@link KeyOps}, {@link KeyspaceOps}) on the
 * locked keys, and reply.
 */
public final class KeyCommands implements CommandGroup {
  /** DEL key [key ...] — O(N) in the number of keys. */
  static void del(Call c) {
    c.out().integer(eachKey(c, KeyOps::delete, false));
  }

  /**
   * UNLINK key [key ...] — O(1) per key; values whose free effort exceeds 64 are released by
   * the lazy-free thread.
   */
  static void unlink(Call c) {
    c.out().integer(eachKey(c, KeyOps::unlink, false));
  }

  /** EXISTS key [key ...] — O(N); a key named twice counts twice. */
  static void exists(Call c) {
    c.out().integer(eachKey(c, KeyOps::exists, true));
  }

  /** TOUCH key [key ...] — O(N). */
  static void touch(Call c) {
    c.out().integer(eachKey(c, KeyOps::touch, true));
  }

  /**
   * Runs a one-key operation on every key argument, their shards locked together (so the
   * command is atomic), and counts the keys it returned true for; {@code read} counts each
   * lookup in the keyspace hits/misses (with a keymiss event), as Redis's lookupKeyRead.
   * Allocation-free (EXISTS is on the hot path): the operation is a constant, the handle the
   * call's own, and the shards are locked by mask rather than through a {@link KeyLocks}.
   */
  private static long eachKey(Call c, Predicate<LockedKey> op, boolean read) {
    long n = 0;
    Database db = c.db();
    long mask = db.lockKeys(c.argv(), 1, -1, 1);
    try {
      for (int i = 1; i < c.argv().size(); i++) {
        boolean hit;
        try (LockedKey k = c.lockKey(i)) { // re-enters the shard locked above
          hit = op.test(k);
        }
        if (read) {
          c.readLookup(hit, i);
        }
        n += hit ? 1 : 0;
      }
    } finally {
      db.unlock(mask);
    }
    return n;
  }

  /** TYPE key — O(1). */
  static void type(Call c) {
    String type;
    try (LockedKey k = c.lockKey(1)) {
      type = KeyOps.type(k);
    }
    c.readLookup(!"none".equals(type), 1);
    c.out().simple(type);
  }

  /** KEYS pattern — O(N) in the keys of the database. */
  static void keys(Call c) {
    Argv a = c.argv();
    List<byte[]> keys = KeyspaceOps.keys(c.db(), a.array(), a.offset(1), a.length(1), c.now());
    ReplySink out = c.out();
    out.arrayHeader(keys.size());
    for (byte[] k : keys) {
      out.bulk(k);
    }
  }

  /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] — O(1) per call. */
  static void scan(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (!ScanArgs.validCursor(a, 1, out) || !ScanArgs.validOptions(a, 2, true, out)) {
      return;
    }
    int pattern = ScanArgs.value(a, 2, "MATCH");
    int type = ScanArgs.value(a, 2, "TYPE");
    List<byte[]> keys = new ArrayList<>();
    long next = KeyspaceOps.scan(c.db(), KeyArgs.cursorValue(a, 1),
        pattern < 0 ? null : a.array(), pattern < 0 ? 0 : a.offset(pattern),
        pattern < 0 ? 0 : a.length(pattern), ScanArgs.count(a, 2, ScanArgs.DEFAULT_COUNT),
        type < 0 ? null : a.string(type), c.now(), keys);
    ScanArgs.reply(out, next, keys);
  }

  /** RANDOMKEY — O(1). */
  static void randomkey(Call c) {
    byte[] key = KeyspaceOps.randomKey(c.db(), c.now());
    Replies.bulkOrNull(c.out(), key);
  }

  /** RENAME key newkey — O(1). */
  static void rename(Call c) {
    renameGeneric(c, false);
  }

  /** RENAMENX key newkey — O(1). */
  static void renamenx(Call c) {
    renameGeneric(c, true);
  }

  private static void renameGeneric(Call c, boolean nx) {
    int r;
    try (KeyLocks locks = c.lockKeys(1, 2, 1)) {
      r = KeyOps.rename(c.keyWithin(1), c.keyWithin(2), nx);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
      return;
    }
    if (nx) {
      c.out().integer(r);
    } else {
      c.out().ok();
    }
  }

  /** COPY source destination [DB destination-db] [REPLACE] — O(N) in nested items. */
  static void copy(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    Database to = c.db();
    boolean replace = false;
    for (int j = 3; j < a.size(); j++) {
      if (a.is(j, "REPLACE")) {
        replace = true;
      } else if (a.is(j, "DB") && j + 1 < a.size()) {
        if ((to = targetDb(c, ++j)) == null) {
          return;
        }
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    boolean overwrite = replace;
    int r;
    try {
      r = KeyOps.between(c.db(), a.array(), a.offset(1), a.length(1), to, a.array(), a.offset(2),
          a.length(2), c.now(), (src, dst) -> KeyOps.copy(src, dst, overwrite));
    } catch (LimeException ex) {
      out.error(ex.getMessage());
      return;
    }
    c.readLookup(r != KeyOps.NO_SUCH_KEY, 1); // Redis reads the source (lookupKeyRead)
    out.integer(r == KeyOps.DONE ? 1 : 0);
  }

  /** MOVE key db — O(1). */
  static void move(Call c) {
    Argv a = c.argv();
    Database to = targetDb(c, 2);
    if (to == null) {
      return;
    }
    int r;
    try {
      r = KeyOps.between(c.db(), a.array(), a.offset(1), a.length(1), to, a.array(), a.offset(1),
          a.length(1), c.now(), KeyOps::move);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
      return;
    }
    c.out().integer(r == KeyOps.DONE ? 1 : 0);
  }

  /**
   * The database named by argument {@code i} (MOVE, COPY ... DB), or null having replied
   * Redis's error: not an int, or out of range.
   */
  private static @Nullable Database targetDb(Call c, int i) {
    Argv a = c.argv();
    if (!KeyArgs.isInt(a, i)) {
      c.out().error(KeyArgs.intError(a, i, null));
      return null;
    }
    Database db = KeyspaceOps.database(c.engine(), KeyArgs.longValue(a, i));
    if (db == null) {
      c.out().error(Errors.DB_INDEX_OUT_OF_RANGE);
    }
    return db;
  }

  /**
   * Counts a read lookup in INFO's keyspace_hits / keyspace_misses without a keymiss event
   * (Redis's LOOKUP_NONOTIFY, as OBJECT does); other reads use {@link Call#readLookup}.
   */
  static void countLookup(Call call, boolean hit) {
    if (hit) {
      call.server().keyspaceHits.increment();
    } else {
      call.server().keyspaceMisses.increment();
    }
  }
}
