package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.DENYOOM;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.internal.engine.Database;
import io.lime.internal.type.KeyOps;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic key commands (Redis's src/db.c): DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY,
 * RENAME, RENAMENX, TOUCH, COPY, MOVE, and OBJECT (in {@link ObjectCommands}). Expiry
 * commands are in {@link ExpireCommands}, database-wide ones in {@link DatabaseCommands}.
 * The work is done by {@link KeyOps}; handlers parse, reply and count.
 */
public final class KeyCommands implements CommandGroup {

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("del", -2, handler(OP_DEL)).flags(WRITE).keys(1, -1, 1)
            .acl("keyspace", "write", "slow").since("1.0.0").summary("Delete a key")
            .complexity("O(N) where N is the number of keys that will be removed. When a key to "
                + "remove holds a value other than a string, the individual complexity for this "
                + "key is O(M) where M is the number of elements in the list, set, sorted set or "
                + "hash. Removing a single key that holds a string value is O(1).")
            .build(),
        CommandSpec.builder("unlink", -2, handler(OP_UNLINK)).flags(WRITE, FAST)
            .keys(1, -1, 1).acl("keyspace", "write", "fast").since("4.0.0")
            .summary("Delete a key asynchronously in another thread. Otherwise it is just as "
                + "DEL, but non blocking.")
            .complexity("O(1) for each key removed regardless of its size. Then the command does "
                + "O(N) work in a different thread in order to reclaim memory, where N is the "
                + "number of allocations the deleted objects where composed of.")
            .build(),
        CommandSpec.builder("exists", -2, handler(OP_EXISTS)).flags(READONLY, FAST)
            .keys(1, -1, 1).acl("keyspace", "read", "fast").since("1.0.0")
            .summary("Determine if a key exists")
            .complexity("O(N) where N is the number of keys to check.").build(),
        CommandSpec.builder("type", 2, handler(OP_TYPE)).flags(READONLY, FAST).keys(1, 1, 1)
            .acl("keyspace", "read", "fast").since("1.0.0")
            .summary("Determine the type stored at key").complexity("O(1)").build(),
        CommandSpec.builder("keys", 2, handler(OP_KEYS)).flags(READONLY)
            .acl("keyspace", "read", "slow", "dangerous").since("1.0.0")
            .summary("Find all keys matching the given pattern")
            .complexity("O(N) with N being the number of keys in the database, under the "
                + "assumption that the key names in the database and the given pattern have "
                + "limited length.")
            .build(),
        CommandSpec.builder("scan", -2, handler(OP_SCAN)).flags(READONLY)
            .acl("keyspace", "read", "slow").since("2.8.0")
            .summary("Incrementally iterate the keys space")
            .complexity("O(1) for every call. O(N) for a complete iteration, including enough "
                + "command calls for the cursor to return back to 0. N is the number of elements "
                + "inside the collection.")
            .build(),
        CommandSpec.builder("randomkey", 1, handler(OP_RANDOMKEY)).flags(READONLY)
            .acl("keyspace", "read", "slow").since("1.0.0")
            .summary("Return a random key from the keyspace").complexity("O(1)").build(),
        CommandSpec.builder("rename", 3, handler(OP_RENAME)).flags(WRITE).keys(1, 2, 1)
            .acl("keyspace", "write", "slow").since("1.0.0").summary("Rename a key")
            .complexity("O(1)").build(),
        CommandSpec.builder("renamenx", 3, handler(OP_RENAMENX)).flags(WRITE, FAST)
            .keys(1, 2, 1).acl("keyspace", "write", "fast").since("1.0.0")
            .summary("Rename a key, only if the new key does not exist").complexity("O(1)")
            .build(),
        CommandSpec.builder("touch", -2, handler(OP_TOUCH)).flags(READONLY, FAST)
            .keys(1, -1, 1).acl("keyspace", "read", "fast").since("3.2.1")
            .summary("Alters the last access time of a key(s). Returns the number of existing "
                + "keys specified.")
            .complexity("O(N) where N is the number of keys that will be touched.").build(),
        CommandSpec.builder("copy", -3, handler(OP_COPY)).flags(WRITE, DENYOOM).keys(1, 2, 1)
            .acl("keyspace", "write", "slow").since("6.2.0").summary("Copy a key")
            .complexity("O(N) worst case for collections, where N is the number of nested "
                + "items. O(1) for string values.")
            .build(),
        CommandSpec.builder("move", 3, handler(OP_MOVE)).flags(WRITE, FAST).keys(1, 1, 1)
            .acl("keyspace", "write", "fast").since("1.0.0")
            .summary("Move a key to another database").complexity("O(1)").build(),
        ObjectCommands.spec());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_DEL = 0;
  private static final int OP_UNLINK = 1;
  private static final int OP_EXISTS = 2;
  private static final int OP_TYPE = 3;
  private static final int OP_KEYS = 4;
  private static final int OP_SCAN = 5;
  private static final int OP_RANDOMKEY = 6;
  private static final int OP_RENAME = 7;
  private static final int OP_RENAMENX = 8;
  private static final int OP_TOUCH = 9;
  private static final int OP_COPY = 10;
  private static final int OP_MOVE = 11;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_DEL -> del(c);
      case OP_UNLINK -> unlink(c);
      case OP_EXISTS -> exists(c);
      case OP_TYPE -> type(c);
      case OP_KEYS -> keys(c);
      case OP_SCAN -> scan(c);
      case OP_RANDOMKEY -> randomkey(c);
      case OP_RENAME -> rename(c);
      case OP_RENAMENX -> renamenx(c);
      case OP_TOUCH -> touch(c);
      case OP_COPY -> copy(c);
      case OP_MOVE -> move(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** DEL key [key ...] — O(N) in the number of keys. */
  static void del(Call call) {
    deleteKeys(call);
  }

  /** UNLINK key [key ...] — O(1) per key (reclaiming is the JVM's business). */
  static void unlink(Call call) {
    deleteKeys(call);
  }

  private static void deleteKeys(Call call) {
    Argv argv = call.argv();
    Database db = call.db();
    long now = call.now();
    long deleted = 0;
    long mask = db.lockKeys(argv, 1, -1, 1);
    try {
      for (int i = 1; i < argv.size(); i++) {
        if (KeyOps.delete(db, argv.array(), argv.offset(i), argv.length(i), now)) {
          deleted++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    call.out().integer(deleted);
    call.engine().dirty(deleted);
  }

  /** EXISTS key [key ...] — O(N); a key named twice counts twice. */
  static void exists(Call call) {
    Argv argv = call.argv();
    Database db = call.db();
    long now = call.now();
    long found = 0;
    long mask = db.lockKeys(argv, 1, -1, 1);
    try {
      for (int i = 1; i < argv.size(); i++) {
        boolean hit = KeyOps.exists(db, argv.array(), argv.offset(i), argv.length(i), now);
        call.readLookup(hit, i);
        if (hit) {
          found++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    call.out().integer(found);
  }

  /** TYPE key — O(1). */
  static void type(Call call) {
    Argv argv = call.argv();
    String type = KeyOps.type(call.db(), argv.array(), argv.offset(1), argv.length(1), call.now());
    call.readLookup(!"none".equals(type), 1);
    call.out().simple(type);
  }

  /** KEYS pattern — O(N) in the keys of the database. */
  static void keys(Call call) {
    Argv argv = call.argv();
    List<byte[]> keys = KeyOps.keys(call.db(), argv.array(), argv.offset(1), argv.length(1),
        call.now());
    ReplySink out = call.out();
    out.arrayHeader(keys.size());
    for (byte[] k : keys) {
      out.bulk(k);
    }
  }

  /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] — O(1) per call. */
  static void scan(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    if (!ScanArgs.validCursor(argv, 1, out) || !ScanArgs.validOptions(argv, 2, true, out)) {
      return;
    }
    long cursor = KeyArgs.cursorValue(argv, 1);
    long count = ScanArgs.count(argv, 2, ScanArgs.DEFAULT_COUNT);
    int pattern = ScanArgs.value(argv, 2, "MATCH");
    int typeArg = ScanArgs.value(argv, 2, "TYPE");
    String type = typeArg < 0 ? null : argv.string(typeArg);
    List<byte[]> keys = new ArrayList<>();
    long next = pattern < 0
        ? KeyOps.scan(call.db(), cursor, null, 0, 0, count, type, call.now(), keys)
        : KeyOps.scan(call.db(), cursor, argv.array(), argv.offset(pattern),
            argv.length(pattern), count, type, call.now(), keys);
    ScanArgs.reply(out, next, keys);
  }

  /** RANDOMKEY — O(1). */
  static void randomkey(Call call) {
    byte[] key = KeyOps.randomKey(call.db(), call.now());
    if (key == null) {
      call.out().nullBulk();
    } else {
      call.out().bulk(key);
    }
  }

  /** RENAME key newkey — O(1). */
  static void rename(Call call) {
    renameGeneric(call, false);
  }

  /** RENAMENX key newkey — O(1). */
  static void renamenx(Call call) {
    renameGeneric(call, true);
  }

  private static void renameGeneric(Call call, boolean nx) {
    Argv argv = call.argv();
    int r = KeyOps.rename(call.db(), argv.array(), argv.offset(1), argv.length(1),
        argv.array(), argv.offset(2), argv.length(2), nx, call.now());
    ReplySink out = call.out();
    if (r == KeyOps.RENAME_NO_SUCH_KEY) {
      out.error(Errors.NO_SUCH_KEY);
      return;
    }
    if (nx) {
      out.integer(r);
    } else {
      out.ok();
    }
    if (r == 1 && !sameArg(argv, 1, 2)) {
      call.engine().dirty(1);
    }
  }

  /** TOUCH key [key ...] — O(N). */
  static void touch(Call call) {
    Argv argv = call.argv();
    Database db = call.db();
    long now = call.now();
    long touched = 0;
    long mask = db.lockKeys(argv, 1, -1, 1);
    try {
      for (int i = 1; i < argv.size(); i++) {
        boolean hit = KeyOps.touch(db, argv.array(), argv.offset(i), argv.length(i), now);
        call.readLookup(hit, i);
        if (hit) {
          touched++;
        }
      }
    } finally {
      db.unlock(mask);
    }
    call.out().integer(touched);
  }

  /** COPY source destination [DB destination-db] [REPLACE] — O(N) in nested items. */
  static void copy(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    int srcDb = call.client().db();
    int dstDb = srcDb;
    boolean replace = false;
    for (int j = 3; j < argv.size(); j++) {
      int additional = argv.size() - j - 1;
      if (argv.is(j, "REPLACE")) {
        replace = true;
      } else if (argv.is(j, "DB") && additional >= 1) {
        if (!KeyArgs.isInt(argv, j + 1)) {
          out.error(KeyArgs.intError(argv, j + 1, null));
          return;
        }
        long id = KeyArgs.longValue(argv, j + 1);
        if (id < 0 || id >= call.engine().databaseCount()) {
          out.error(Errors.DB_INDEX_OUT_OF_RANGE);
          return;
        }
        dstDb = (int) id;
        j++;
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    if (srcDb == dstDb && sameArg(argv, 1, 2)) {
      out.error(Errors.SAME_OBJECT);
      return;
    }
    Database src = call.engine().db(srcDb);
    Database dst = call.engine().db(dstDb);
    int r = KeyOps.copyKey(src, argv.array(), argv.offset(1), argv.length(1), dst,
        argv.array(), argv.offset(2), argv.length(2), replace, call.now());
    call.readLookup(r != KeyOps.COPY_NO_SUCH_KEY, 1); // Redis reads the source (lookupKeyRead)
    boolean copied = r == 1;
    out.integer(copied ? 1 : 0);
    if (copied) {
      call.engine().dirty(1);
    }
  }

  /** MOVE key db — O(1). */
  static void move(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    if (!KeyArgs.isInt(argv, 2)) {
      out.error(KeyArgs.intError(argv, 2, null));
      return;
    }
    long id = KeyArgs.longValue(argv, 2);
    if (id < 0 || id >= call.engine().databaseCount()) {
      out.error(Errors.DB_INDEX_OUT_OF_RANGE);
      return;
    }
    if (id == call.client().db()) {
      out.error(Errors.SAME_OBJECT);
      return;
    }
    boolean moved = KeyOps.move(call.db(), call.engine().db((int) id), argv.array(),
        argv.offset(1), argv.length(1), call.now());
    out.integer(moved ? 1 : 0);
    if (moved) {
      call.engine().dirty(1);
    }
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

  private static boolean sameArg(Argv argv, int i, int j) {
    return java.util.Arrays.equals(argv.array(), argv.offset(i), argv.offset(i) + argv.length(i),
        argv.array(), argv.offset(j), argv.offset(j) + argv.length(j));
  }
}
