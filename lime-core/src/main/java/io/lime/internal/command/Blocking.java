package io.lime.internal.command;

import io.lime.internal.engine.Database;
import io.lime.internal.engine.Errors;
import io.lime.internal.engine.Waiter;
import io.lime.internal.type.ListWaiter;
import io.lime.internal.util.LongDouble;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The command-layer half of blocking (Redis's blocked.c and getTimeoutFromObjectOrReply):
 * timeout parsing, and the {@link ListWaiter} of a connection, which writes its reply on the
 * connection's loop thread.
 *
 * <p>Flow: a blocking command that finds no data registers a {@link ClientWaiter} with
 * {@code engine.blocking()} while holding its keys' shard locks and marks the session
 * blocked ({@link ClientSession#waiter}); the server then stops reading commands from it.
 * Whoever ends the wait (a pusher's thread, the timeout timer, CLIENT UNBLOCK) claims the
 * waiter and hands the reply to {@link ClientSession#loopExecutor()}; the task writes it
 * through the command's reply gate, clears the blocked mark, and the server flushes and
 * resumes the connection. A disconnecting client is removed from the queues by
 * {@link ServerState#removeClient}.
 */
final class Blocking {
  /** {@link #deadline} result after an error reply. */
  static final long INVALID = -1;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal TWO_POW_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private Blocking() {}

  /**
   * Parses a timeout in seconds (a long double, as Redis's getTimeoutFromObjectOrReply):
   * returns the absolute deadline in engine milliseconds, 0 for "forever", or
   * {@link #INVALID} after replying the error.
   */
  static long deadline(Call c, int index) {
    Argv a = c.argv();
    LongDouble d = LongDouble.parse(a.array(), a.offset(index), a.length(index));
    if (d == null) {
      c.out().error(Errors.TIMEOUT_NOT_FLOAT);
      return INVALID;
    }
    long ms = millisCeil(d);
    if (ms < 0) {
      c.out().error(Errors.TIMEOUT_NEGATIVE);
      return INVALID;
    }
    if (ms == 0) {
      return 0;
    }
    long now = c.now();
    return ms > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ms;
  }

  /**
   * {@code (long long) ceill(seconds * 1000.0L)} on x86-64: the product rounded to a 64-bit
   * significand, its ceiling, and Long.MIN_VALUE (x87's "integer indefinite") when it does
   * not fit.
   */
  static long millisCeil(LongDouble seconds) {
    if (seconds.isInfinite()) {
      return Long.MIN_VALUE;
    }
    BigDecimal p = seconds.toBigDecimal().multiply(THOUSAND);
    int sign = p.signum();
    if (sign == 0) {
      return 0;
    }
    BigDecimal abs = p.abs();
    if (abs.compareTo(TWO_POW_63) >= 0) {
      return Long.MIN_VALUE;
    }
    if (abs.compareTo(HALF) < 0) {
      return sign > 0 ? 1 : 0; // ceil of a tiny positive is 1, of a tiny negative -0
    }
    int e = abs.toBigInteger().bitLength() - 1; // 2^e <= abs < 2^(e+1), -1 <= e <= 62
    int shift = 63 - e;
    BigInteger m = abs.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift)))
        .setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    BigDecimal rounded = new BigDecimal(m).divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift)));
    BigDecimal signed = sign > 0 ? rounded : rounded.negate();
    BigInteger ceil = signed.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    return ceil.bitLength() < 64 ? ceil.longValue() : Long.MIN_VALUE;
  }

  /** Whether this client may block now (not in MULTI/scripts, and served by a loop). */
  static boolean canBlock(Call c) {
    return !c.client().denyBlocking() && c.client().loopExecutor() != null;
  }

  /**
   * The reply of a blocking command that may not block: as Redis's CLIENT_DENY_BLOCKING
   * (MULTI, scripts) a null of the command's own kind (a null bulk for BLMOVE and BRPOPLPUSH when
   * {@code bulkWhenDenied}); for an in-process
   * session without a loop, the reply its timeout would give (a null array), as if the
   * timeout had passed at once.
   */
  static void replyCannotBlock(Call c, boolean bulkWhenDenied) {
    if (c.client().denyBlocking() && bulkWhenDenied) {
      c.out().nullBulk();
    } else {
      c.out().nullArray();
    }
  }

  /** Copies arguments {@code from..to} (inclusive) as keys. */
  static byte[][] keys(Argv a, int from, int to) {
    byte[][] keys = new byte[to - from + 1][];
    for (int i = from; i <= to; i++) {
      keys[i - from] = a.copy(i);
    }
    return keys;
  }

  /**
   * Blocks the client of {@code c} (Redis's blockForKeys). The caller holds the shard locks of
   * every key and found none with data, and checked {@link #canBlock}.
   */
  static void block(Call c, byte[][] keys, long deadline, ListWaiter.Mode mode, boolean head,
      long count, byte @Nullable [] destination, boolean toHead) {
    ClientSession session = c.client();
    Executor loop = Objects.requireNonNull(session.loopExecutor(), "loopExecutor");
    ClientWaiter w = new ClientWaiter(c, loop, c.db(), keys, deadline, mode, head, count,
        destination, toHead);
    session.waiter(w);
    c.engine().blocking().block(w);
  }

  /**
   * Ends the wait of {@code w}, the waiter of {@code call}'s client, on the client's loop
   * thread {@code loop}: writes the reply and clears the blocked mark, after which the server
   * resumes the connection. The one way every blocked connection is answered.
   */
  static void finish(Call call, Executor loop, Waiter w, Consumer<ReplySink> reply) {
    loop.execute(() -> {
      reply.accept(call.out());
      ClientSession session = call.client();
      if (session.waiter() == w) {
        session.waiter(null);
      }
    });
  }

  /**
   * {@link #finish}es a wait that ended without data: CLIENT UNBLOCK's error, or the timeout's
   * null array (Redis's replyToBlockedClientTimedOut, BLMOVE included).
   */
  static void timedOut(Call call, Executor loop, Waiter w, boolean error) {
    finish(call, loop, w, out -> {
      if (error) {
        out.error(Errors.UNBLOCKED);
      } else {
        out.nullArray();
      }
    });
  }

  /** A connection blocked in a list command; replies on the connection's thread. */
  static final class ClientWaiter extends ListWaiter {
    private final Call call;
    private final Executor loop;

    ClientWaiter(Call call, Executor loop, Database db, byte[][] keys, long deadline, Mode mode,
        boolean head, long count, byte @Nullable [] destination, boolean toHead) {
      super(db, keys, deadline, mode, head, count, destination, toHead);
      this.call = call;
      this.loop = loop;
    }

    @Override
    protected void served(byte[] key, List<byte[]> values) {
      finish(call, loop, this, out -> {
        if (mode() == Mode.MOVE) {
          out.bulk(values.get(0));
          return;
        }
        out.arrayHeader(2);
        out.bulk(key);
        if (mode() == Mode.MPOP) {
          out.arrayHeader(values.size());
        }
        for (byte[] v : values) {
          out.bulk(v);
        }
      });
    }

    @Override
    protected void wrongType() {
      finish(call, loop, this, out -> out.error(Errors.WRONGTYPE));
    }

    @Override
    protected void timedOut(boolean error) {
      Blocking.timedOut(call, loop, this, error);
    }
  }
}
