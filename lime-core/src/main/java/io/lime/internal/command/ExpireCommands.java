package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.READONLY;
import static io.lime.internal.command.CommandFlag.WRITE;

import io.lime.internal.type.KeyOps;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Expiry commands (Redis's src/expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with
 * NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. Relative times are made absolute
 * with the engine's clock; a deadline not in the future deletes the key.
 */
public final class ExpireCommands implements CommandGroup {
  @Override
  public List<CommandSpec> commands() {
    return List.of(
        expireSpec("expire", handler(OP_EXPIRE), "1.0.0", "Set a key's time to live in seconds"),
        expireSpec("pexpire", handler(OP_PEXPIRE), "2.6.0",
            "Set a key's time to live in milliseconds"),
        expireSpec("expireat", handler(OP_EXPIREAT), "1.2.0",
            "Set the expiration for a key as a UNIX timestamp"),
        expireSpec("pexpireat", handler(OP_PEXPIREAT), "2.6.0",
            "Set the expiration for a key as a UNIX timestamp specified in milliseconds"),
        readSpec("ttl", handler(OP_TTL), "1.0.0", "Get the time to live for a key in seconds"),
        readSpec("pttl", handler(OP_PTTL), "2.6.0",
            "Get the time to live for a key in milliseconds"),
        readSpec("expiretime", handler(OP_EXPIRETIME), "7.0.0",
            "Get the expiration Unix timestamp for a key"),
        readSpec("pexpiretime", handler(OP_PEXPIRETIME), "7.0.0",
            "Get the expiration Unix timestamp for a key in milliseconds"),
        CommandSpec.builder("persist", 2, handler(OP_PERSIST)).flags(WRITE, FAST)
            .keys(1, 1, 1).acl("keyspace", "write", "fast").since("2.2.0")
            .summary("Remove the expiration from a key").complexity("O(1)").build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_EXPIRE = 0;
  private static final int OP_PEXPIRE = 1;
  private static final int OP_EXPIREAT = 2;
  private static final int OP_PEXPIREAT = 3;
  private static final int OP_TTL = 4;
  private static final int OP_PTTL = 5;
  private static final int OP_EXPIRETIME = 6;
  private static final int OP_PEXPIRETIME = 7;
  private static final int OP_PERSIST = 8;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_EXPIRE -> expire(c);
      case OP_PEXPIRE -> pexpire(c);
      case OP_EXPIREAT -> expireat(c);
      case OP_PEXPIREAT -> pexpireat(c);
      case OP_TTL -> ttl(c);
      case OP_PTTL -> pttl(c);
      case OP_EXPIRETIME -> expiretime(c);
      case OP_PEXPIRETIME -> pexpiretime(c);
      case OP_PERSIST -> persist(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  private static CommandSpec expireSpec(String name, CommandHandler h, String since,
      String summary) {
    return CommandSpec.builder(name, -3, h).flags(WRITE, FAST).keys(1, 1, 1)
        .acl("keyspace", "write", "fast").since(since).summary(summary).complexity("O(1)")
        .build();
  }

  private static CommandSpec readSpec(String name, CommandHandler h, String since,
      String summary) {
    return CommandSpec.builder(name, 2, h).flags(READONLY, FAST).keys(1, 1, 1)
        .acl("keyspace", "read", "fast").since(since).summary(summary).complexity("O(1)")
        .build();
  }

  /** EXPIRE key seconds [NX|XX|GT|LT] — O(1). */
  static void expire(Call call) {
    expireGeneric(call, call.now(), true, "expire");
  }

  /** PEXPIRE key milliseconds [NX|XX|GT|LT] — O(1). */
  static void pexpire(Call call) {
    expireGeneric(call, call.now(), false, "pexpire");
  }

  /** EXPIREAT key unix-time-seconds [NX|XX|GT|LT] — O(1). */
  static void expireat(Call call) {
    expireGeneric(call, 0, true, "expireat");
  }

  /** PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT] — O(1). */
  static void pexpireat(Call call) {
    expireGeneric(call, 0, false, "pexpireat");
  }

  /** Redis's expireGenericCommand: options, then the number, then the key. */
  private static void expireGeneric(Call call, long basetime, boolean seconds, String name) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    int flags = 0;
    for (int j = 3; j < argv.size(); j++) {
      if (argv.is(j, "NX")) {
        flags |= KeyOps.EXPIRE_NX;
      } else if (argv.is(j, "XX")) {
        flags |= KeyOps.EXPIRE_XX;
      } else if (argv.is(j, "GT")) {
        flags |= KeyOps.EXPIRE_GT;
      } else if (argv.is(j, "LT")) {
        flags |= KeyOps.EXPIRE_LT;
      } else {
        out.error("ERR Unsupported option " + argv.string(j));
        return;
      }
    }
    String conflict = conditionConflict(flags);
    if (conflict != null) {
      out.error(conflict);
      return;
    }
    if (!KeyArgs.isLong(argv, 2)) {
      out.error(Errors.NOT_INTEGER);
      return;
    }
    long when = KeyArgs.longValue(argv, 2);
    if (seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        out.error(Errors.invalidExpire(name));
        return;
      }
      when *= 1000;
    }
    if (when > Long.MAX_VALUE - basetime) {
      out.error(Errors.invalidExpire(name));
      return;
    }
    when += basetime;
    boolean done = KeyOps.expire(call.db(), argv.array(), argv.offset(1), argv.length(1), when,
        flags, call.now());
    out.integer(done ? 1 : 0);
    if (done) {
      call.engine().dirty(1);
    }
  }

  /**
   * The error for an invalid combination of expire conditions, or null: NX excludes the
   * others, GT excludes LT.
   */
  public static @Nullable String conditionConflict(int flags) {
    boolean nx = (flags & KeyOps.EXPIRE_NX) != 0;
    if (nx && (flags & (KeyOps.EXPIRE_XX | KeyOps.EXPIRE_GT | KeyOps.EXPIRE_LT)) != 0) {
      return Errors.EXPIRE_NX_CONFLICT;
    }
    if ((flags & KeyOps.EXPIRE_GT) != 0 && (flags & KeyOps.EXPIRE_LT) != 0) {
      return Errors.EXPIRE_GT_LT_CONFLICT;
    }
    return null;
  }

  /** TTL key — O(1). */
  static void ttl(Call call) {
    ttlGeneric(call, false, false);
  }

  /** PTTL key — O(1). */
  static void pttl(Call call) {
    ttlGeneric(call, true, false);
  }

  /** EXPIRETIME key — O(1). */
  static void expiretime(Call call) {
    ttlGeneric(call, false, true);
  }

  /** PEXPIRETIME key — O(1). */
  static void pexpiretime(Call call) {
    ttlGeneric(call, true, true);
  }

  private static void ttlGeneric(Call call, boolean millis, boolean absolute) {
    Argv argv = call.argv();
    long now = call.now();
    long v = absolute
        ? KeyOps.pexpireTime(call.db(), argv.array(), argv.offset(1), argv.length(1), now)
        : KeyOps.pttl(call.db(), argv.array(), argv.offset(1), argv.length(1), now);
    call.readLookup(v != KeyOps.MISSING, 1);
    call.out().integer(v < 0 || millis ? v : KeyOps.roundToSeconds(v));
  }

  /** PERSIST key — O(1). */
  static void persist(Call call) {
    Argv argv = call.argv();
    boolean done = KeyOps.persist(call.db(), argv.array(), argv.offset(1), argv.length(1),
        call.now());
    call.out().integer(done ? 1 : 0);
    if (done) {
      call.engine().dirty(1);
    }
  }
}
