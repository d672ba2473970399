package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.WrongTypeException;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Argvs;
import io.lime.internal.engine.Entry;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.engine.Propagation;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The HyperLogLog key-level operations (the command half of Redis's src/hyperloglog.c: PFADD,
 * PFCOUNT, PFMERGE, PFDEBUG): the one place of their semantics, called by
 * {@code HyperLogLogCommands} and the typed view. The representation is {@link HyperLogLog}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>An HLL is a string. A key of another type is WRONGTYPE; a string that is not a valid
 *       HLL (magic, encoding, dense length; an {@code int}-encoded string) is Redis's
 *       "WRONGTYPE Key is not a valid HyperLogLog string value."; a sparse form whose runs do
 *       not cover the registers exactly is "INVALIDOBJ Corrupted HLL object detected",
 *       detected where Redis detects it (so a PFADD may have changed registers before).
 *   <li>Writes make the value a raw string first (dbUnshareStringValue). PFADD counts one
 *       change per changed register (and one for creating the key), PFMERGE one; both
 *       publish {@code pfadd}.
 *   <li>PFCOUNT of one key caches the cardinality in the header: a change Redis propagates
 *       (it counts as dirty and is replicated as the PFCOUNT itself) and that fails WATCHes
 *       on the key, without a keyspace event.
 *   <li>Concurrency: the caller holds the shards of every key involved.
 * </ul>
 */
public final class HyperLogLogType {
  private static final byte[] PFCOUNT = "PFCOUNT".getBytes(StandardCharsets.US_ASCII);

  private HyperLogLogType() {}

  /**
   * The live HLL value of {@code e} (Redis's isHLLObjectOrReply).
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException with {@link Errors#HLL_WRONGTYPE} if the string is not an HLL
   */
  private static Object checked(Entry e) {
    Object v = e.value();
    if (!StringType.isString(v)) {
      throw new WrongTypeException();
    }
    if (!HyperLogLog.isValid(v)) {
      throw new LimeException(Errors.HLL_WRONGTYPE);
    }
    return v;
  }

  private static long maxSparse(LockedKey k) {
    return k.engine().limits().hllSparseMaxBytes;
  }

  /**
   * PFADD: adds the elements (none: only creates the key), returns whether the estimate may
   * have changed (1) or not (0).
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException for a string that is not an HLL, or a corrupted one
   */
  public static int add(LockedKey k, ByteArgs elements) {
    Entry e = k.lookup();
    int updated = 0;
    StringValue v;
    if (e == null) {
      v = HyperLogLog.create();
      k.insert(v);
      updated++;
    } else {
      checked(e);
      v = StringWrites.unshare(e);
    }
    long max = maxSparse(k);
    for (int i = 0; i < elements.size(); i++) {
      int r = HyperLogLog.add(v, elements.array(i), elements.offset(i), elements.length(i), max);
      if (r < 0) {
        throw new LimeException(Errors.HLL_CORRUPTED);
      }
      updated += r;
    }
    if (updated > 0) {
      HyperLogLog.invalidateCache(v.array());
      k.dirty(updated);
      k.event(NotifyFlags.STRING, "pfadd");
      Propagation p = k.asGiven();
      if (p != null) {
        p.rewrite(Argvs.of("PFADD", k, elements.copies()));
      }
    }
    return updated > 0 ? 1 : 0;
  }

  /**
   * PFCOUNT of one key: the cached cardinality, or the estimate computed and cached (a
   * change, propagated as this PFCOUNT); 0 for a missing key. {@code reads} accounts the read.
   *
   * @throws WrongTypeException if the key holds another type
   * @throws LimeException for a string that is not an HLL, or a corrupted one
   */
  public static long count(LockedKey k, SetType.@Nullable Reads reads) {
    Entry e = k.lookup();
    if (reads != null) {
      reads.lookedUp(e != null, k.array(), k.offset(), k.length());
    }
    if (e == null) {
      return 0;
    }
    checked(e);
    StringValue v = StringWrites.unshare(e);
    byte[] a = v.array();
    if (HyperLogLog.validCache(a)) {
      return HyperLogLog.cachedCard(a);
    }
    long card = HyperLogLogCount.count(v);
    if (card == HyperLogLogCount.CORRUPTED) {
      throw new LimeException(Errors.HLL_CORRUPTED);
    }
    HyperLogLog.storeCard(a, card);
    k.dirty(1);
    // the value changed: WATCHes on it fail, as Redis's signalModifiedKey (no event)
    k.engine().events().modified(k.db(), k.array(), k.offset(), k.length());
    Propagation p = k.propagation();
    if (p != null) {
      p.rewrite(PFCOUNT, k.keyCopy());
    }
    return card;
  }

  /**
   * PFCOUNT of several keys: the estimate of their union (missing keys are empty); nothing
   * is cached. The caller holds every key's shard.
   *
   * @throws WrongTypeException if a key holds another type
   * @throws LimeException for a string that is not an HLL, or a corrupted one
   */
  public static long countUnion(LockedKey any, ByteArgs keys, SetType.@Nullable Reads reads) {
    byte[] max = new byte[HyperLogLog.REGISTERS];
    mergeInto(max, any, keys, reads);
    return HyperLogLogCount.countRaw(max);
  }

  /** Merges the HLLs at {@code keys} into {@code max}; true when one of them is dense. */
  private static boolean mergeInto(byte[] max, LockedKey any, ByteArgs keys,
      SetType.@Nullable Reads reads) {
    boolean dense = false;
    for (int i = 0; i < keys.size(); i++) {
      LockedKey k = LockedKey.within(any.db(), keys.array(i), keys.offset(i), keys.length(i),
          any.now());
      Entry e = k.lookup();
      if (reads != null) {
        reads.lookedUp(e != null, k.array(), k.offset(), k.length());
      }
      if (e == null) {
        continue;
      }
      Object v = checked(e);
      dense |= (StringType.array(v)[4] & 0xff) == HyperLogLog.DENSE;
      if (!HyperLogLog.merge(max, v)) {
        throw new LimeException(Errors.HLL_CORRUPTED);
      }
    }
    return dense;
  }

  /**
   * PFMERGE: merges the HLLs at {@code dst} and {@code sources} into {@code dst} (created when
   * missing; dense when any input is dense). The caller holds every key's shard.
   *
   * @throws WrongTypeException if a key holds another type
   * @throws LimeException for a string that is not an HLL, or a corrupted one
   */
  public static void merge(LockedKey dst, ByteArgs sources, SetType.@Nullable Reads reads) {
    byte[] max = new byte[HyperLogLog.REGISTERS];
    boolean dense = mergeInto(max, dst, ByteArgs.of(dst.keyCopy()), reads);
    dense |= mergeInto(max, dst, sources, reads);
    Entry e = dst.lookup();
    StringValue v;
    if (e == null) {
      v = HyperLogLog.create();
      dst.insert(v);
    } else {
      v = StringWrites.unshare(e);
    }
    if (dense && !HyperLogLog.toDense(v)) {
      throw new LimeException(Errors.HLL_CORRUPTED);
    }
    long maxSparse = maxSparse(dst);
    for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
      if (max[j] == 0) {
        continue;
      }
      if (HyperLogLog.encoding(v) == HyperLogLog.DENSE) {
        HyperLogLog.denseSet(v.array(), j, max[j]);
      } else {
        HyperLogLog.sparseSet(v, j, max[j], maxSparse);
      }
    }
    HyperLogLog.invalidateCache(v.array());
    dst.dirty(1);
    dst.event(NotifyFlags.STRING, "pfadd");
    Propagation p = dst.asGiven();
    if (p != null) {
      p.rewrite(Argvs.of("PFMERGE", dst, sources.copies()));
    }
  }

  // ------------------------------------------------------------------ PFDEBUG

  /**
   * The HLL value PFDEBUG works on, made raw (Redis's lookupKeyWrite + isHLLObjectOrReply +
   * dbUnshareStringValue).
   *
   * @throws LimeException with {@link Errors#PFDEBUG_NO_KEY} when the key is missing, or the
   *     HLL errors
   */
  public static StringValue debugValue(LockedKey k) {
    Entry e = k.lookup();
    if (e == null) {
      throw new LimeException(Errors.PFDEBUG_NO_KEY);
    }
    checked(e);
    return StringWrites.unshare(e);
  }

  /** PFDEBUG GETREG: the 16384 registers, converting a sparse HLL to dense (a change). */
  public static int[] debugRegisters(LockedKey k, StringValue v) {
    toDense(k, v);
    int[] regs = new int[HyperLogLog.REGISTERS];
    for (int i = 0; i < regs.length; i++) {
      regs[i] = HyperLogLog.denseGet(v.array(), i);
    }
    return regs;
  }

  /** PFDEBUG TODENSE: whether the HLL was sparse and was converted (a change). */
  public static boolean toDense(LockedKey k, StringValue v) {
    if (HyperLogLog.encoding(v) != HyperLogLog.SPARSE) {
      return false;
    }
    if (!HyperLogLog.toDense(v)) {
      throw new LimeException(Errors.HLL_CORRUPTED);
    }
    k.dirty(1);
    return true;
  }

  /** PFDEBUG ENCODING: {@code dense} or {@code sparse}. */
  public static String encodingName(StringValue v) {
    return HyperLogLog.encoding(v) == HyperLogLog.DENSE ? "dense" : "sparse";
  }

  /**
   * PFDEBUG DECODE: the sparse opcodes as text ({@code z:len}, {@code Z:len},
   * {@code v:value,len}, space separated).
   *
   * @throws LimeException with {@link Errors#PFDEBUG_NOT_SPARSE} for a dense HLL
   */
  public static String decode(StringValue v) {
    if (HyperLogLog.encoding(v) != HyperLogLog.SPARSE) {
      throw new LimeException(Errors.PFDEBUG_NOT_SPARSE);
    }
    StringBuilder sb = new StringBuilder();
    HyperLogLog.walk(v.array(), v.length(), (first, value, length, op) -> {
      if (value > 0) {
        sb.append("v:").append(value).append(',').append(length).append(' ');
      } else {
        sb.append((op & 0xc0) == 0 ? "z:" : "Z:").append(length).append(' ');
      }
      return true;
    });
    int n = sb.length();
    while (n > 0 && sb.charAt(n - 1) == ' ') {
      n--;
    }
    return sb.substring(0, n);
  }
}
