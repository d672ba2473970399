package io.lime.internal.engine;

import io.lime.internal.util.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Commands as argument arrays, for propagation: the forms key-level operations rewrite
 * commands to ({@link Propagation#rewrite}), and the command as given that they set when the
 * typed door ran them ({@link LockedKey#asGiven()}). Built only while a persistence wants
 * commands.
 *
 * <p>{@link #of(Object...)} accepts {@code byte[]} (copied), {@code String} (UTF-8),
 * {@code Long}/{@code Integer} (decimal), {@code Double} (a score: {@link #score(double)}),
 * a {@link LockedKey} (its key), {@code byte[][]} and collections of these (flattened).
 */
public final class Argvs {
  public static final byte[] SET = ascii("SET");
  public static final byte[] PXAT = ascii("PXAT");
  public static final byte[] KEEPTTL = ascii("KEEPTTL");
  public static final byte[] PEXPIREAT = ascii("PEXPIREAT");
  public static final byte[] PERSIST = ascii("PERSIST");
  public static final byte[] DEL = ascii("DEL");
  public static final byte[] HSET = ascii("HSET");
  public static final byte[] SREM = ascii("SREM");
  public static final byte[] LPOP = ascii("LPOP");
  public static final byte[] RPOP = ascii("RPOP");
  public static final byte[] LMOVE = ascii("LMOVE");
  public static final byte[] LEFT = ascii("LEFT");
  public static final byte[] RIGHT = ascii("RIGHT");
  public static final byte[] ZPOPMIN = ascii("ZPOPMIN");
  public static final byte[] ZPOPMAX = ascii("ZPOPMAX");

  private Argvs() {}

  /** {@code parts} as a command (see the class comment for the accepted types). */
  public static byte[][] of(Object... parts) {
    List<byte[]> out = new ArrayList<>(parts.length + 4);
    for (Object p : parts) {
      add(out, p);
    }
    return out.toArray(new byte[0][]);
  }

  private static void add(List<byte[]> out, Object p) {
    if (p instanceof byte[] b) {
      out.add(b.clone());
    } else if (p instanceof LockedKey k) {
      out.add(k.keyCopy());
    } else if (p instanceof String s) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
    } else if (p instanceof Long || p instanceof Integer) {
      out.add(Numbers.toBytes(((Number) p).longValue()));
    } else if (p instanceof Double d) {
      out.add(ascii(score(d)));
    } else if (p instanceof byte[][] many) {
      for (byte[] b : many) {
        out.add(b.clone());
      }
    } else if (p instanceof Collection<?> many) {
      for (Object o : many) {
        add(out, o);
      }
    } else {
      throw new IllegalArgumentException("cannot propagate " + p.getClass());
    }
  }

  /**
   * A double as a client would send it and Redis parses it back to the same value: {@code inf}
   * / {@code -inf}, integers without a fraction, otherwise Java's shortest round-trip text.
   */
  public static String score(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53 && !(d == 0 && 1 / d < 0)) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** ASCII bytes of {@code s}. */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Decimal text of {@code n}. */
  public static byte[] number(long n) {
    return Numbers.toBytes(n);
  }
}
