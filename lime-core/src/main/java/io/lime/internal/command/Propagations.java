package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Hashing;
import io.lime.internal.engine.Propagation;
import io.lime.internal.engine.Shard;
import io.lime.internal.engine.WriteUnit;
import io.lime.internal.type.StringType;
import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How a command is propagated to the persistence (Redis's call() propagation step and the
 * rewrites its handlers make with rewriteClientCommandVector). Used only while
 * {@link Propagation#active()}; the dispatcher's path is unchanged otherwise.
 *
 * <p>A WRITE command that changed the data set ({@code engine.dirty} moved) or forced it
 * propagates its arguments, or, when its effect depends on the time or on chance, the
 * deterministic form Redis 7.0 writes to its AOF:
 * <ul>
 *   <li>SET ... EX/PX/EXAT, SETEX, PSETEX: {@code SET key value PXAT ms} (SET ... GET without
 *       expiry: the arguments without GET; SET ... PXAT: as given);
 *   <li>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, GETEX EX/PX/EXAT/PXAT: {@code PEXPIREAT key ms},
 *       or {@code DEL key} when the deadline had passed; GETEX PERSIST: {@code PERSIST key};
 *       GETDEL: {@code DEL key};
 *   <li>INCRBYFLOAT: {@code SET key value KEEPTTL}; HINCRBYFLOAT: {@code HSET key field value}
 *       (set by its operation, {@code HashType.hincrByFloat});
 *   <li>SPOP: SREM of the popped members, or DEL (in SetType.pop); blocked clients served by a
 *       push: LPOP/RPOP/LMOVE/ZPOPMIN/ZPOPMAX (in the waiters); keys deleted by expiry: DEL.
 * </ul>
 * The deadlines and values are read back from the keyspace after the handler ran: the
 * write-order lock is held, so nothing else changed them meanwhile. FLUSHDB and FLUSHALL are
 * always propagated (Redis's forceCommandPropagation).
 */
final class Propagations {
  static final byte[] SET = ascii("SET");
  static final byte[] PXAT = ascii("PXAT");
  static final byte[] KEEPTTL = ascii("KEEPTTL");
  static final byte[] PEXPIREAT = ascii("PEXPIREAT");
  static final byte[] PERSIST = ascii("PERSIST");
  static final byte[] DEL = ascii("DEL");
  static final byte[] HSET = ascii("HSET");
  static final byte[] SREM = ascii("SREM");
  static final byte[] LPOP = ascii("LPOP");
  static final byte[] RPOP = ascii("RPOP");
  static final byte[] LMOVE = ascii("LMOVE");
  static final byte[] LEFT = ascii("LEFT");
  static final byte[] RIGHT = ascii("RIGHT");
  static final byte[] ZPOPMIN = ascii("ZPOPMIN");
  static final byte[] ZPOPMAX = ascii("ZPOPMAX");

  private Propagations() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] number(long n) {
    return ascii(Long.toString(n));
  }

  /** Whether the command must run holding the write-order lock. */
  static boolean ordered(CommandSpec target) {
    return target.has(CommandFlag.WRITE) || target.name().equals("exec");
  }

  /**
   * Runs the handler of {@code target} in an execution unit of {@code prop}, holding the
   * write-order lock for write commands, and queues its propagation.
   */
  static void execute(Call call, CommandSpec target, boolean outer, long now, Propagation prop) {
    var engine = call.engine();
    WriteUnit unit = WriteUnit.command(engine, prop, call.client().db(), ordered(target));
    boolean write = target.has(CommandFlag.WRITE);
    try {
      if (outer) {
        call.now(now);
      }
      try {
        target.handler().execute(call);
        if (outer) {
          engine.blocking().serveReady();
        }
      } finally {
        if (outer) {
          call.clearNow();
        }
      }
      if (write && forced(target)) {
        prop.force();
      }
    } finally {
      // the command as given, or the legacy name-based rewrite until operations set theirs
      unit.end(write ? () -> rewrite(call, target.name()) : null, false);
    }
  }

  private static boolean forced(CommandSpec target) {
    String n = target.name();
    return n.equals("flushdb") || n.equals("flushall");
  }

  /** The deterministic form of the command just executed (see the class comment), or its argv. */
  static byte @Nullable [][] rewrite(Call c, String name) {
    Argv a = c.argv();
    return switch (name) {
      case "set" -> rewriteSet(c, a);
      case "setex", "psetex" -> withDeadline(c, a, 1, new byte[][] {SET, a.copy(1), a.copy(3)});
      case "expire", "pexpire", "expireat", "pexpireat" -> expiry(c, a);
      case "getex" -> getex(c, a);
      case "getdel" -> new byte[][] {DEL, a.copy(1)};
      case "incrbyfloat" -> {
        Entry e = find(c, a, 1);
        yield e == null ? copy(a)
            : new byte[][] {SET, a.copy(1), StringType.toBytes(e.value()), KEEPTTL};
      }
      default -> copy(a);
    };
  }

  private static byte[][] copy(Argv a) {
    byte[][] out = new byte[a.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.copy(i);
    }
    return out;
  }

  /** SET: PXAT form when it had EX/PX/EXAT; without GET otherwise. */
  private static byte[][] rewriteSet(Call c, Argv a) {
    boolean relative = false;
    boolean pxat = false;
    boolean get = false;
    for (int i = 3; i < a.size(); i++) {
      if (a.is(i, "EX") || a.is(i, "PX") || a.is(i, "EXAT")) {
        relative = true;
        i++;
      } else if (a.is(i, "PXAT")) {
        pxat = true;
        i++;
      } else if (a.is(i, "GET")) {
        get = true;
      }
    }
    if (relative) {
      return withDeadline(c, a, 1, new byte[][] {SET, a.copy(1), a.copy(2)});
    }
    if (get && !pxat) {
      int n = 0;
      byte[][] tmp = new byte[a.size()][];
      for (int i = 0; i < a.size(); i++) {
        if (i >= 3 && a.is(i, "GET")) {
          continue;
        }
        tmp[n++] = a.copy(i);
      }
      return java.util.Arrays.copyOf(tmp, n);
    }
    return copy(a);
  }

  /** {@code prefix + PXAT <deadline of key>} (as given if the key has none). */
  private static byte[][] withDeadline(Call c, Argv a, int keyIndex, byte[][] prefix) {
    Entry e = find(c, a, keyIndex);
    if (e == null || e.expireAt() == Entry.NO_EXPIRY) {
      return copy(a);
    }
    byte[][] out = java.util.Arrays.copyOf(prefix, prefix.length + 2);
    out[prefix.length] = PXAT;
    out[prefix.length + 1] = number(e.expireAt());
    return out;
  }

  /** EXPIRE family: PEXPIREAT with the key's deadline, or DEL when the key was deleted. */
  private static byte[][] expiry(Call c, Argv a) {
    Entry e = find(c, a, 1);
    if (e == null) {
      return new byte[][] {DEL, a.copy(1)};
    }
    if (e.expireAt() == Entry.NO_EXPIRY) {
      return copy(a);
    }
    return new byte[][] {PEXPIREAT, a.copy(1), number(e.expireAt())};
  }

  private static byte[][] getex(Call c, Argv a) {
    Entry e = find(c, a, 1);
    if (e == null) {
      return new byte[][] {DEL, a.copy(1)};
    }
    if (e.expireAt() == Entry.NO_EXPIRY) {
      return new byte[][] {PERSIST, a.copy(1)};
    }
    return new byte[][] {PEXPIREAT, a.copy(1), number(e.expireAt())};
  }

  /** The entry of argument {@code i} in the client's database, expired or not; no deletion. */
  private static @Nullable Entry find(Call c, Argv a, int i) {
    Database db = c.db();
    byte[] k = a.array();
    int h = Hashing.hash(k, a.offset(i), a.length(i));
    Shard s = db.shard(h);
    s.lock();
    try {
      return s.find(k, a.offset(i), a.length(i), h, Long.MIN_VALUE);
    } finally {
      s.unlock();
    }
  }
}
