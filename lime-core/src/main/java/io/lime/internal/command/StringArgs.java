package io.lime.internal.command;

import io.lime.internal.type.StringType;
import io.lime.internal.type.StringWrites;
import io.lime.internal.util.Numbers;
import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;

/**
 * Argument parsing of the string commands, in place over the argv arena: Redis's
 * parseExtendedStringArgumentsOrReply (SET and GETEX options) and the parsing half of
 * getExpireMillisecondsOrReply (EX/PX/EXAT/PXAT values; the checks are
 * {@link StringWrites#deadline}'s, shared with the typed door).
 */
final class StringArgs {
  static final int NX = 1;
  static final int XX = 1 << 1;
  static final int GET = 1 << 2;
  static final int KEEPTTL = 1 << 3;
  static final int PERSIST = 1 << 4;
  static final int EX = 1 << 5;
  static final int PX = 1 << 6;
  static final int EXAT = 1 << 7;
  static final int PXAT = 1 << 8;
  /** Any expiry option. */
  static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;
  /** Options given in seconds. */
  static final int SECONDS = EX | EXAT;
  /** Options relative to now. */
  static final int RELATIVE = EX | PX;
  /** {@link #parseOptions} result on a syntax error. */
  static final long SYNTAX_ERROR = -1;

  private StringArgs() {}

  /**
   * Parses SET options (from argument 3, {@code forSet}) or GETEX options (from argument
   * 2) as Redis does, including its quirks: a repeated EX (or PX, ...) is accepted and the
   * last one wins, NX and XX exclude each other, KEEPTTL/PERSIST exclude the expiry options.
   * Returns the flags in the low 16 bits and the index of the expiry value above them, or
   * {@link #SYNTAX_ERROR}.
   */
  static long parseOptions(Argv a, boolean forSet) {
    int flags = 0;
    int expireIndex = 0;
    int argc = a.size();
    for (int j = forSet ? 3 : 2; j < argc; j++) {
      int expiry = j < argc - 1 ? expiryOption(a, j) : 0;
      if (forSet && a.is(j, "NX") && (flags & XX) == 0) {
        flags |= NX;
      } else if (forSet && a.is(j, "XX") && (flags & NX) == 0) {
        flags |= XX;
      } else if (forSet && a.is(j, "GET")) {
        flags |= GET;
      } else if (forSet && a.is(j, "KEEPTTL") && (flags & (PERSIST | ANY_EXPIRE)) == 0) {
        flags |= KEEPTTL;
      } else if (!forSet && a.is(j, "PERSIST") && (flags & (ANY_EXPIRE | KEEPTTL)) == 0) {
        flags |= PERSIST;
      } else if (expiry != 0 && (flags & (KEEPTTL | PERSIST | (ANY_EXPIRE & ~expiry))) == 0) {
        flags |= expiry; // the same one again is accepted: the last value wins
        expireIndex = ++j;
      } else {
        return SYNTAX_ERROR;
      }
    }
    return (long) expireIndex << 16 | flags;
  }

  /** {@link #parseOptions} of the call's arguments; on {@link #SYNTAX_ERROR} replies the error. */
  static long parseOptionsOrReply(Call c, boolean forSet) {
    long parsed = parseOptions(c.argv(), forSet);
    if (parsed == SYNTAX_ERROR) {
      c.out().error(Errors.SYNTAX);
    }
    return parsed;
  }

  /** The flag of argument {@code j} if it is EX, PX, EXAT or PXAT, else 0. */
  private static int expiryOption(Argv a, int j) {
    return a.is(j, "EX") ? EX : a.is(j, "PX") ? PX : a.is(j, "EXAT") ? EXAT
        : a.is(j, "PXAT") ? PXAT : 0;
  }

  /** The flags of a {@link #parseOptions} result. */
  static int flags(long parsed) {
    return (int) (parsed & 0xffff);
  }

  /** The expiry value's argument index of a {@link #parseOptions} result (0: none). */
  static int expireIndex(long parsed) {
    return (int) (parsed >>> 16);
  }

  /**
   * The absolute deadline in Unix ms of the expiry value at argument {@code i} of a
   * {@link #parseOptions} result's options ({@link StringWrites#deadline}), or a negative
   * {@code StringWrites.DEADLINE_*} code; 0 when the options have no expiry.
   */
  static long deadline(Argv a, long parsed, long now) {
    int i = expireIndex(parsed);
    if (i == 0) {
      return 0;
    }
    int flags = flags(parsed);
    return deadline(a, i, (flags & SECONDS) != 0, (flags & RELATIVE) != 0, now);
  }

  /**
   * The absolute deadline in Unix ms of the expiry value at argument {@code i}, in seconds
   * when {@code seconds}, relative to {@code now} when {@code relative}
   * ({@link StringWrites#deadline}), or a negative {@code StringWrites.DEADLINE_*} code.
   */
  static long deadline(Argv a, int i, boolean seconds, boolean relative, long now) {
    if (!isLong(a, i)) {
      return StringWrites.DEADLINE_NOT_INTEGER;
    }
    return StringWrites.deadline(longValue(a, i), seconds, relative, now);
  }

  /** The {@link StringWrites#set} flags of a {@link #parseOptions} result of SET. */
  static int setFlags(long parsed) {
    int flags = flags(parsed);
    return ((flags & NX) != 0 ? StringWrites.NX : 0)
        | ((flags & XX) != 0 ? StringWrites.XX : 0)
        | ((flags & KEEPTTL) != 0 ? StringWrites.KEEPTTL : 0)
        | (expireIndex(parsed) != 0 ? StringWrites.EXPIRE : 0);
  }

  /** The {@link StringWrites#getEx} mode of a {@link #parseOptions} result of GETEX. */
  static int getExMode(long parsed) {
    int flags = flags(parsed);
    if (expireIndex(parsed) != 0) {
      return (flags & RELATIVE) != 0 ? StringWrites.GETEX_EXPIRE : StringWrites.GETEX_EXPIRE_AT;
    }
    return (flags & PERSIST) != 0 ? StringWrites.GETEX_PERSIST : StringWrites.GETEX_NONE;
  }

  /** Whether argument {@code i} is an integer for Redis's string2ll. */
  static boolean isLong(Argv a, int i) {
    return Numbers.isLong(a.array(), a.offset(i), a.length(i));
  }

  /** The value of argument {@code i}; call {@link #isLong} first. */
  static long longValue(Argv a, int i) {
    return Numbers.parseLong(a.array(), a.offset(i), a.length(i));
  }

  /** The configured {@code proto-max-bulk-len}: the longest string APPEND, SETRANGE, LCS build. */
  static long maxStringBytes(Call c) {
    try {
      return c.server().config().getLong("proto-max-bulk-len");
    } catch (IllegalArgumentException unknown) {
      return StringType.DEFAULT_MAX_STRING_BYTES;
    }
  }
}
