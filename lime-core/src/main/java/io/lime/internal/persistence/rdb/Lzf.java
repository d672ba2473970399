package io.lime.internal.persistence.rdb;

/**
 * LZF compression as liblzf (Redis's src/lzf_c.c and lzf_d.c), the codec of RDB's compressed
 * strings. The stream is a sequence of runs:
 *
 * <pre>
 *   000LLLLL  literal run: the next L+1 bytes are copied
 *   LLLOOOOO OOOOOOOO          back reference, length L+2 (L in 1..6), offset O+1
 *   111OOOOO LLLLLLLL OOOOOOOO back reference, length L+9, offset O+1
 * </pre>
 *
 * The compressor is a greedy one with a hash table of 3-byte sequences, like liblzf's; its
 * output need not match Redis's byte for byte, any valid stream decompresses the same.
 */
final class Lzf {
  private static final int HASH_LOG = 14;
  private static final int MAX_LITERAL = 32;
  private static final int MAX_OFFSET = 1 << 13;
  private static final int MAX_REF = (1 << 8) + (1 << 3);

  private Lzf() {}

  /**
   * Compresses {@code in[0..inLen)} into {@code out}; returns the compressed length, or 0
   * when the output would not fit in {@code out.length} bytes (lzf_compress's contract).
   * Greedy: at each position the longest match (at least 3 bytes, within 8 KiB back) found
   * through a hash table of 3-byte sequences, else one literal byte.
   */
  static int compress(byte[] in, int inLen, byte[] out) {
    int[] htab = new int[1 << HASH_LOG];
    java.util.Arrays.fill(htab, -1);
    int ip = 0;
    int op = 0;
    int litStart = 0;
    int cap = out.length;
    while (ip < inLen - 2) {
      int slot = hash(in, ip);
      int ref = htab[slot];
      htab[slot] = ip;
      int off = ip - ref - 1;
      if (ref >= 0 && off < MAX_OFFSET && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
          && in[ref + 2] == in[ip + 2]) {
        int maxlen = Math.min(inLen - ip, MAX_REF);
        int len = 3;
        while (len < maxlen && in[ref + len] == in[ip + len]) {
          len++;
        }
        op = literals(in, litStart, ip - litStart, out, op);
        if (op < 0 || op + 3 > cap) {
          return 0;
        }
        int l = len - 2;
        if (l < 7) {
          out[op++] = (byte) ((off >>> 8) | (l << 5));
        } else {
          out[op++] = (byte) ((off >>> 8) | (7 << 5));
          out[op++] = (byte) (l - 7);
        }
        out[op++] = (byte) off;
        for (int k = 1; k < len && ip + k < inLen - 2; k++) {
          htab[hash(in, ip + k)] = ip + k;
        }
        ip += len;
        litStart = ip;
      } else {
        ip++;
      }
    }
    op = literals(in, litStart, inLen - litStart, out, op);
    return op < 0 ? 0 : op;
  }

  private static int hash(byte[] in, int p) {
    int v = ((in[p] & 0xFF) << 16) | ((in[p + 1] & 0xFF) << 8) | (in[p + 2] & 0xFF);
    return ((v >>> (3 * 8 - HASH_LOG)) - v * 5) & ((1 << HASH_LOG) - 1);
  }

  /** Writes {@code n} literal bytes as runs of at most 32; returns the new op or -1 if full. */
  private static int literals(byte[] in, int from, int n, byte[] out, int op) {
    int o = op;
    while (n > 0) {
      int run = Math.min(n, MAX_LITERAL);
      if (o + 1 + run > out.length) {
        return -1;
      }
      out[o++] = (byte) (run - 1);
      System.arraycopy(in, from, out, o, run);
      o += run;
      from += run;
      n -= run;
    }
    return o;
  }

  /**
   * Decompresses {@code in[0..inLen)} into exactly {@code out.length} bytes.
   *
   * @throws IllegalArgumentException if the stream is invalid or its length differs
   */
  static void decompress(byte[] in, int inLen, byte[] out) {
    int ip = 0;
    int op = 0;
    int outLen = out.length;
    while (ip < inLen) {
      int ctrl = in[ip++] & 0xFF;
      if (ctrl < (1 << 5)) { // literal run of ctrl + 1 bytes
        int n = ctrl + 1;
        if (op + n > outLen || ip + n > inLen) {
          throw new IllegalArgumentException("invalid LZF literal run");
        }
        System.arraycopy(in, ip, out, op, n);
        ip += n;
        op += n;
      } else { // back reference
        int len = ctrl >>> 5;
        int ref = op - ((ctrl & 0x1F) << 8) - 1;
        if (len == 7) {
          if (ip >= inLen) {
            throw new IllegalArgumentException("invalid LZF reference");
          }
          len += in[ip++] & 0xFF;
        }
        if (ip >= inLen) {
          throw new IllegalArgumentException("invalid LZF reference");
        }
        ref -= in[ip++] & 0xFF;
        len += 2;
        if (op + len > outLen || ref < 0) {
          throw new IllegalArgumentException("invalid LZF reference");
        }
        for (int k = 0; k < len; k++) {
          out[op++] = out[ref++];
        }
      }
    }
    if (op != outLen) {
      throw new IllegalArgumentException("LZF length mismatch: " + op + " != " + outLen);
    }
  }
}
