package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.HashType;
import io.lime.internal.type.HashValue;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hash commands (Redis's src/t_hash.c command half). Each handler parses its arguments
 * in place (no copy), locks the key ({@link Call#lockKey}), calls the key-level operation of
 * {@link HashType} that the typed view calls too, and replies, with Redis's order of checks
 * (argument errors before the key lookup where Redis parses first, WRONGTYPE after). Reads
 * count keyspace hits and misses as Redis's lookupKeyRead.
 */
public final class HashCommands implements CommandGroup {
  // ------------------------------------------------------------------ writes

  /** HSET key field value [field value ...] — O(1) for each pair set. */
  void hset(Call c) { hsetGeneric(c, false); }

  /** HMSET key field value [field value ...] — O(N) where N is the number of fields set. */
  void hmset(Call c) { hsetGeneric(c, true); }

  private static void hsetGeneric(Call c, boolean hmset) {
    Argv a = c.argv();
    if (a.size() % 2 == 1) {
      c.out().error(Errors.arity(hmset ? "hmset" : "hset"));
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      long created = HashType.hset(k, a, 2);
      if (hmset) {
        c.out().ok();
      } else {
        c.out().integer(created);
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** HSETNX key field value — O(1). */
  void hsetnx(Call c) {
    Argv a = c.argv();
    byte[] b = a.array();
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(HashType.hsetnx(k, b, a.offset(2), a.length(2), b, a.offset(3),
          a.length(3)) ? 1 : 0);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** HDEL key field [field ...] — O(N) where N is the number of fields removed. */
  void hdel(Call c) {
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(HashType.hdel(k, c.argv(), 2));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** HINCRBY key field increment — O(1). */
  void hincrby(Call c) {
    Argv a = c.argv();
    if (!KeyArgs.integerOrReply(c, 3)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      c.out().integer(HashType.hincrBy(k, a.array(), a.offset(2), a.length(2),
          KeyArgs.longValue(a, 3)));
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** HINCRBYFLOAT key field increment — O(1). */
  void hincrbyfloat(Call c) {
    Argv a = c.argv();
    try {
      LongDouble increment = HashType.checkFloatIncrement(
          LongDouble.parse(a.array(), a.offset(3), a.length(3)));
      try (LockedKey k = c.lockKey(1)) {
        c.out().bulk(HashType.hincrByFloat(k, a.array(), a.offset(2), a.length(2), increment));
      }
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  // ------------------------------------------------------------------ reads

  /** HGET key field — O(1). */
  void hget(Call c) { fieldRead(c, FieldRead.GET); }

  /** HEXISTS key field — O(1). */
  void hexists(Call c) { fieldRead(c, FieldRead.EXISTS); }

  /** HSTRLEN key field — O(1). */
  void hstrlen(Call c) { fieldRead(c, FieldRead.STRLEN); }

  /** HLEN key — O(1). */
  void hlen(Call c) { fieldRead(c, FieldRead.LEN); }

  private enum FieldRead { GET, EXISTS, STRLEN, LEN }

  private static void fieldRead(Call c, FieldRead op) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(1)) {
      HashValue h = read(c, k);
      switch (op) {
        case GET -> {
          if (h == null || !h.replyValue(out, a.array(), a.offset(2), a.length(2))) {
            out.nullBulk();
          }
        }
        case EXISTS -> out.integer(HashType.exists(h, a.array(), a.offset(2), a.length(2)) ? 1 : 0);
        case STRLEN -> out.integer(HashType.strlen(h, a.array(), a.offset(2), a.length(2)));
        case LEN -> out.integer(HashType.size(h));
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** HMGET key field [field ...] — O(N) where N is the number of fields requested. */
  void hmget(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    try (LockedKey k = c.lockKey(1)) {
      HashValue h = read(c, k);
      out.arrayHeader(a.size() - 2);
      for (int i = 2; i < a.size(); i++) {
        if (h == null || !h.replyValue(out, a.array(), a.offset(i), a.length(i))) {
          out.nullBulk();
        }
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** HGETALL key — O(N) where N is the size of the hash. */
  void hgetall(Call c) { allRead(c, true, true); }

  /** HKEYS key — O(N) where N is the size of the hash. */
  void hkeys(Call c) { allRead(c, true, false); }

  /** HVALS key — O(N) where N is the size of the hash. */
  void hvals(Call c) { allRead(c, false, true); }

  private static void allRead(Call c, boolean fields, boolean values) {
    try (LockedKey k = c.lockKey(1)) {
      HashType.replyAll(c.out(), read(c, k), fields, values);
    } catch (LimeException ex) {
      c.out().error(ex.getMessage());
    }
  }

  /** HRANDFIELD key [count [WITHVALUES]] — O(N) where N is the number of fields returned. */
  void hrandfield(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    int argc = a.size();
    long count = 0;
    if (argc >= 3) {
      if (!KeyArgs.isLong(a, 2)) {
        out.error(Errors.NOT_INTEGER);
        return;
      }
      count = KeyArgs.longValue(a, 2);
      if (count == Long.MIN_VALUE) {
        out.error(Errors.HASH_COUNT_RANGE);
        return;
      }
      if (argc > 4 || (argc == 4 && !a.is(3, "WITHVALUES"))) {
        out.error(Errors.SYNTAX);
        return;
      }
      if (argc == 4 && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
        out.error(Errors.HASH_COUNT_OUT_OF_RANGE);
        return;
      }
    }
    try (LockedKey k = c.lockKey(1)) {
      HashValue h = read(c, k);
      if (h == null) {
        if (argc >= 3) {
          out.arrayHeader(0);
        } else {
          out.nullBulk();
        }
      } else if (argc >= 3) {
        HashType.replyRandom(out, h, count, argc == 4);
      } else {
        h.randomPairs(1, (fb, foff, flen, vb, voff, vlen) -> out.bulk(fb, foff, flen));
      }
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /** HSCAN key cursor [MATCH pattern] [COUNT count] — O(1) per call. */
  void hscan(Call c) {
    Argv a = c.argv();
    ReplySink out = c.out();
    if (!ScanArgs.validCursor(a, 2, out)) {
      return;
    }
    try (LockedKey k = c.lockKey(1)) {
      HashValue h = read(c, k);
      if (h == null) {
        ScanArgs.replyEmpty(out);
        return;
      }
      if (!ScanArgs.validOptions(a, 3, false, out)) {
        return;
      }
      int pattern = ScanArgs.value(a, 3, "MATCH");
      List<byte[]> items = new ArrayList<>();
      long next = HashType.scan(h, KeyArgs.cursorValue(a, 2),
          ScanArgs.count(a, 3, ScanArgs.DEFAULT_COUNT), pattern < 0 ? null : a.array(),
          pattern < 0 ? 0 : a.offset(pattern), pattern < 0 ? 0 : a.length(pattern), items);
      ScanArgs.reply(out, next, items);
    } catch (LimeException ex) {
      out.error(ex.getMessage());
    }
  }

  /**
   * The hash of the key at argument 1 ({@link HashType#read}), counting a keyspace hit or a
   * miss as Redis's lookupKeyRead does: a key of another type is a hit, then WRONGTYPE.
   */
  private static @Nullable HashValue read(Call c, LockedKey k) {
    Entry e = k.lookup();
    c.readLookup(e != null, 1);
    return HashType.of(e);
  }
}
