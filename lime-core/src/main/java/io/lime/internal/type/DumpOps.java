package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Engine;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import io.lime.internal.persistence.rdb.DumpPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * DUMP and RESTORE after parsing (Redis's src/cluster.c dumpCommand / restoreCommand): a
 * value serialized as Redis's payload ({@link DumpPayload}: RDB value encoding, RDB version
 * 10, CRC64), and a payload (from LIME or Redis 7.0) turned back into a key. Both doors call
 * them: {@code KeyCommands} and the typed {@code KeyValueStore.dump}/{@code restore}.
 *
 * <p>Concurrency: the caller holds the key's shard.
 */
public final class DumpOps {
  private static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private DumpOps() {}

  /**
   * DUMP: the payload of the key's value ({@code compression}: rdbcompression), null when the
   * key is missing.
   */
  public static byte @Nullable [] dump(LockedKey k, boolean compression) {
    Entry e = k.lookup();
    return e == null ? null : DumpPayload.create(e.value(), compression);
  }

  /**
   * RESTORE's options: the TTL in milliseconds (null: not an integer), relative unless
   * {@code absTtl}; {@code replace}; IDLETIME seconds and FREQ (-1: not given); {@code lfu}:
   * whether an LFU eviction policy is in force (FREQ applies only then).
   */
  public record Restore(@Nullable Long ttl, boolean absTtl, boolean replace, long idleSeconds,
      long freq, boolean lfu) {}

  /**
   * RESTORE key ttl payload with options {@code o}, checking in Redis's order: BUSYKEY,
   * the TTL, the payload's version and checksum, its data; then replaces the key (unless the
   * absolute TTL already passed: then only an old key is deleted, propagated as {@code DEL}),
   * sets TTL and access clock, publishes "restore" and serves blocked clients. A relative TTL
   * is propagated as absolute ({@code ... ABSTTL}).
   *
   * @throws LimeException BUSYKEY, "value is not an integer", "Invalid TTL value", "DUMP
   *     payload version or checksum are wrong", "Bad data format"
   */
  public static void restore(LockedKey k, Restore o, byte[] p, int off, int len) {
    if (!o.replace() && k.lookup() != null) {
      throw new LimeException(Errors.BUSYKEY);
    }
    if (o.ttl() == null) {
      throw new LimeException(Errors.NOT_INTEGER);
    }
    long ttl = o.ttl();
    if (ttl < 0) {
      throw new LimeException(Errors.RESTORE_TTL);
    }
    if (!DumpPayload.verify(p, off, len)) {
      throw new LimeException(Errors.DUMP_PAYLOAD);
    }
    Object value = DumpPayload.load(p, off, len, k.engine().limits());
    if (value == null) {
      throw new LimeException(Errors.BAD_DATA_FORMAT);
    }
    boolean deleted = false;
    if (o.replace()) {
      Entry old = k.find();
      if (old != null) {
        k.delete(old, k.lazyFree().lazyServerDel);
        deleted = true;
      }
    }
    if (ttl != 0 && !o.absTtl()) {
      ttl += k.now();
    }
    Propagation prop = k.propagation();
    Propagation given = k.asGiven();
    if (given != null) { // the typed door: the command as a client sends it, unless rewritten
      given.rewrite(Argvs.of("RESTORE", k, o.ttl(), Arrays.copyOfRange(p, off, off + len),
          o.replace() ? List.of("REPLACE") : List.of()));
    }
    if (ttl != 0 && ttl <= k.now()) {
      if (deleted) {
        if (prop != null) {
          prop.rewrite(Argvs.DEL, k.keyCopy());
        }
        k.event(NotifyFlags.GENERIC, "del");
        k.dirty(1);
      }
      return;
    }
    Entry e = k.insert(value);
    if (ttl != 0) {
      k.shard().setExpireAt(e, ttl);
      if (!o.absTtl() && prop != null) {
        prop.rewrite(form(k.keyCopy(), ttl, p, off, len, o));
      }
    }
    setClock(k, e, o);
    k.event(NotifyFlags.GENERIC, "restore");
    k.dirty(1);
    k.engine().blocking().serveReady();
  }

  /** objectSetLRUOrLFU: IDLETIME moves the LRU clock back; FREQ sets the LFU counter. */
  private static void setClock(LockedKey k, Entry e, Restore o) {
    if (o.freq() >= 0 && o.lfu()) {
      long minutes = (k.now() / 60_000) & 0xFFFF;
      k.shard().accessClock(e, (int) (minutes << 8 | o.freq()));
    } else if (o.idleSeconds() >= 0 && !o.lfu()) {
      long clock = Engine.lruClock(k.now());
      long abs = clock - o.idleSeconds();
      if (abs < 0) {
        abs = (clock + LRU_CLOCK_MAX / 2) % LRU_CLOCK_MAX;
      }
      k.shard().accessClock(e, (int) abs);
    }
  }

  /** {@code RESTORE key <absolute ms> payload [REPLACE] [IDLETIME s] [FREQ f] ABSTTL}. */
  public static byte[][] form(byte[] key, long ttl, byte[] p, int off, int len, Restore o) {
    List<Object> argv = new ArrayList<>(10);
    argv.add("RESTORE");
    argv.add(key);
    argv.add(ttl);
    argv.add(java.util.Arrays.copyOfRange(p, off, off + len));
    if (o.replace()) {
      argv.add("REPLACE");
    }
    if (o.idleSeconds() >= 0) {
      argv.add("IDLETIME");
      argv.add(o.idleSeconds());
    }
    if (o.freq() >= 0) {
      argv.add("FREQ");
      argv.add(o.freq());
    }
    argv.add("ABSTTL");
    return Argvs.of(argv.toArray());
  }
}
