package io.lime.internal.type;

import io.lime.LimeException;
import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import org.jspecify.annotations.Nullable;

/**
 * The options of XADD and XTRIM (Redis 7.0's streamAddTrimArgs and
 * streamParseAddOrTrimArgsOrReply): {@code NOMKSTREAM}, {@code MAXLEN|MINID [=|~] threshold},
 * {@code LIMIT count}, and XADD's ID, parsed from a whole command ({@code argv[0]} the
 * command name, {@code argv[1]} the key) with Redis's checks and error texts in Redis's
 * order.
 */
public final class StreamAddArgs {
  /** No trimming. */
  public static final int TRIM_NONE = 0;
  /** MAXLEN. */
  public static final int TRIM_MAXLEN = 1;
  /** MINID. */
  public static final int TRIM_MINID = 2;

  int trimStrategy = TRIM_NONE;
  long maxLen = -1;
  StreamId minId = StreamId.MIN;
  boolean approx;
  long limit = -1;
  /** Index in argv of the trim threshold (its {@code ~} or {@code =} is just before). */
  int trimArgIndex;
  boolean noMkStream;
  @Nullable StreamId id;
  boolean seqGiven = true;
  /** XADD: index of the ID argument (the first field follows). */
  int idIndex;

  private StreamAddArgs() {}

  /** Whether trimming was asked. */
  public boolean trims() {
    return trimStrategy != TRIM_NONE;
  }

  /** The index in argv of XADD's ID argument. */
  public int idIndex() {
    return idIndex;
  }

  /**
   * Parses XADD ({@code xadd}) or XTRIM options from {@code argv}. {@code nodeMaxEntries}
   * ({@code stream-node-max-entries}) sets the default LIMIT of {@code ~}.
   *
   * @throws LimeException with Redis's text on a syntax or value error
   */
  public static StreamAddArgs parse(ByteArgs argv, boolean xadd, long nodeMaxEntries) {
    StreamAddArgs a = new StreamAddArgs();
    int argc = argv.size();
    int i = 2;
    boolean limitGiven = false;
    for (; i < argc; i++) {
      int moreArgs = argc - 1 - i;
      if (xadd && is(argv, i, "*")) {
        a.id = null;
        break;
      } else if (isIgnoreCase(argv, i, "maxlen") && moreArgs > 0) {
        i = a.strategy(argv, i, moreArgs);
        a.maxLen = longArg(argv, i + 1);
        if (a.maxLen < 0) {
          throw new LimeException(Errors.STREAM_MAXLEN_NEGATIVE);
        }
        i++;
        a.trimStrategy = TRIM_MAXLEN;
        a.trimArgIndex = i;
      } else if (isIgnoreCase(argv, i, "minid") && moreArgs > 0) {
        i = a.strategy(argv, i, moreArgs);
        a.minId = StreamId.parse(argv.array(i + 1), argv.offset(i + 1), argv.length(i + 1), 0,
            true, false);
        i++;
        a.trimStrategy = TRIM_MINID;
        a.trimArgIndex = i;
      } else if (isIgnoreCase(argv, i, "limit") && moreArgs > 0) {
        a.limit = longArg(argv, i + 1);
        if (a.limit < 0) {
          throw new LimeException(Errors.STREAM_LIMIT_NEGATIVE);
        }
        limitGiven = true;
        i++;
      } else if (xadd && isIgnoreCase(argv, i, "nomkstream")) {
        a.noMkStream = true;
      } else if (xadd) {
        StreamId id = StreamId.parse(argv.array(i), argv.offset(i), argv.length(i), 0, true,
            true);
        a.seqGiven = id.seq() != StreamId.SEQ_AUTO || !endsWithStar(argv, i);
        a.id = a.seqGiven ? id : new StreamId(id.ms(), 0);
        break;
      } else {
        throw new LimeException(Errors.SYNTAX);
      }
    }
    a.idIndex = i;
    if (a.limit != -1 && a.limit != 0 && a.trimStrategy == TRIM_NONE) {
      throw new LimeException(Errors.STREAM_LIMIT_WITHOUT_STRATEGY);
    }
    if (!xadd && a.trimStrategy == TRIM_NONE) {
      throw new LimeException(Errors.STREAM_XTRIM_WITHOUT_STRATEGY);
    }
    if (limitGiven) {
      if (!a.approx) {
        throw new LimeException(Errors.STREAM_LIMIT_WITHOUT_APPROX);
      }
    } else if (a.approx) {
      long l = 100 * nodeMaxEntries;
      if (l <= 0 || l > StreamValue.LISTPACK_MAX_BYTES) {
        l = 10000;
      }
      a.limit = Math.min(l, 1_000_000);
    } else {
      a.limit = 0;
    }
    return a;
  }

  /**
   * The part common to MAXLEN and MINID at argument {@code i}: one strategy only, then an
   * optional {@code ~} (approximate) or {@code =}; returns the index before the threshold.
   */
  private int strategy(ByteArgs argv, int i, int moreArgs) {
    if (trimStrategy != TRIM_NONE) {
      throw new LimeException(Errors.STREAM_MAXLEN_MINID);
    }
    approx = false;
    if (moreArgs >= 2 && is(argv, i + 1, "~")) {
      approx = true;
      return i + 1;
    }
    return moreArgs >= 2 && is(argv, i + 1, "=") ? i + 1 : i;
  }

  private static boolean endsWithStar(ByteArgs argv, int i) {
    int len = argv.length(i);
    return len >= 2 && argv.array(i)[argv.offset(i) + len - 1] == '*';
  }

  private static long longArg(ByteArgs argv, int i) {
    byte[] b = argv.array(i);
    int off = argv.offset(i);
    int len = argv.length(i);
    if (!Numbers.isLong(b, off, len)) {
      throw new LimeException(Errors.NOT_INTEGER);
    }
    return Numbers.parseLong(b, off, len);
  }

  static boolean is(ByteArgs argv, int i, String s) {
    return matches(argv, i, s, false);
  }

  static boolean isIgnoreCase(ByteArgs argv, int i, String s) {
    return matches(argv, i, s, true);
  }

  /** Whether argument {@code i} is the ASCII text {@code s} (ignoring ASCII case if asked). */
  private static boolean matches(ByteArgs argv, int i, String s, boolean ignoreCase) {
    int len = argv.length(i);
    if (len != s.length()) {
      return false;
    }
    byte[] b = argv.array(i);
    int off = argv.offset(i);
    for (int j = 0; j < len; j++) {
      int c = b[off + j];
      int d = s.charAt(j);
      if (ignoreCase) {
        c = c >= 'A' && c <= 'Z' ? c + 32 : c;
        d = d >= 'A' && d <= 'Z' ? d + 32 : d;
      }
      if (c != d) {
        return false;
      }
    }
    return true;
  }
}
