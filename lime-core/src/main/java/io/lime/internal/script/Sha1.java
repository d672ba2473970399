package io.lime.internal.script;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA1 in lower-case hexadecimal, as Redis's sha1hex (script names, {@code redis.sha1hex}). */
public final class Sha1 {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Sha1() {}

  /** The 40-character lower-case hexadecimal SHA1 of {@code data}. */
  public static String hex(byte[] data) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(data);
      char[] out = new char[40];
      for (int i = 0; i < 20; i++) {
        out[2 * i] = HEX[(d[i] >> 4) & 15];
        out[2 * i + 1] = HEX[d[i] & 15];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
