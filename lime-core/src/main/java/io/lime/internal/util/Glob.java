package io.lime.internal.util;

import java.nio.charset.StandardCharsets;

/**
 * Redis's glob-style matcher ({@code stringmatchlen} of src/util.c, Redis 7.0.15), used by
 * KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET, CLIENT KILL and the like.
 *
 * <p>Syntax: {@code *} any run of bytes, {@code ?} any one byte, {@code [abc]} a class
 * ({@code [^...]} negated, {@code a-z} ranges in either order, {@code \x} an escaped byte),
 * {@code \x} a literal byte. Malformed patterns behave exactly as in Redis: an unterminated
 * class consumes the rest of the pattern, a trailing backslash is literal, a {@code -} right
 * before the closing bracket makes a range up to {@code ]}. Bytes compare as C's signed
 * {@code char} inside ranges; {@code nocase} folds ASCII letters only. As in Redis, a
 * non-empty pattern never matches the empty string, not even {@code *}: callers that want
 * {@code *} to mean "everything" test {@link #matchesAll} first (KEYS and SCAN do).
 *
 * <p>Work bounds: as Redis, a {@code *} whose remainder fails to match anywhere stops the
 * search for longer matches of earlier stars (linear-ish worst case instead of exponential),
 * and more than {@value #MAX_NESTING} nested {@code *} expansions fail the match.
 *
 * <p>Thread-safe and allocation-free.
 */
public final class Glob {
  /** Nested star expansions allowed before a match is refused (Redis: 1000). */
  public static final int MAX_NESTING = 1000;

  private Glob() {}

  /** Whether {@code string} matches {@code pattern} (both whole arrays). */
  public static boolean match(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, pattern.length, string, 0, string.length, nocase);
  }

  /** Whether a UTF-8 string matches a UTF-8 pattern (slow path: configuration, admin). */
  public static boolean match(String pattern, String string, boolean nocase) {
    return match(pattern.getBytes(StandardCharsets.UTF_8), string.getBytes(StandardCharsets.UTF_8),
        nocase);
  }

  /** Whether the pattern matches every string: exactly {@code "*"} (Redis's shortcut). */
  public static boolean matchesAll(byte[] pattern, int off, int len) {
    return len == 1 && pattern[off] == '*';
  }

  /**
   * Whether {@code slen} bytes of {@code s} from {@code soff} match {@code plen} bytes of
   * pattern {@code p} from {@code poff}.
   */
  public static boolean match(byte[] p, int poff, int plen, byte[] s, int soff, int slen,
      boolean nocase) {
    return new Matcher(p, poff + plen, s, soff + slen, nocase).run(poff, plen, soff, slen, 0);
  }

  /**
   * One match: holds the inputs and the "skip longer matches" flag. Positions past the end
   * of the pattern read as 0, like the NUL terminator the C code relies on.
   */
  private static final class Matcher {
    private final byte[] p;
    private final int pend;
    private final byte[] s;
    private final int send;
    private final boolean nocase;
    private boolean skipLongerMatches;

    Matcher(byte[] p, int pend, byte[] s, int send, boolean nocase) {
      this.p = p;
      this.pend = pend;
      this.s = s;
      this.send = send;
      this.nocase = nocase;
    }

    private int pat(int i) {
      return i < pend && i >= 0 ? p[i] : 0;
    }

    private int str(int i) {
      return i < send ? s[i] : 0;
    }

    private static int lower(int c) {
      return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    boolean run(int pi, int plen, int si, int slen, int nesting) {
      if (nesting > MAX_NESTING) {
        return false;
      }
      while (plen > 0 && slen > 0) {
        switch (pat(pi)) {
          case '*' -> {
            while (plen > 0 && pat(pi + 1) == '*') {
              pi++;
              plen--;
            }
            if (plen == 1) {
              return true;
            }
            while (slen > 0) {
              if (run(pi + 1, plen - 1, si, slen, nesting + 1)) {
                return true;
              }
              if (skipLongerMatches) {
                return false;
              }
              si++;
              slen--;
            }
            skipLongerMatches = true;
            return false;
          }
          case '?' -> {
            si++;
            slen--;
          }
          case '[' -> {
            pi++;
            plen--;
            boolean not = pat(pi) == '^';
            if (not) {
              pi++;
              plen--;
            }
            boolean match = false;
            while (true) {
              if (pat(pi) == '\\' && plen >= 2) {
                pi++;
                plen--;
                if (pat(pi) == str(si)) {
                  match = true;
                }
              } else if (pat(pi) == ']') {
                break;
              } else if (plen == 0) {
                pi--;
                plen++;
                break;
              } else if (plen >= 3 && pat(pi + 1) == '-') {
                int start = pat(pi);
                int end = pat(pi + 2);
                int c = str(si);
                if (start > end) {
                  int t = start;
                  start = end;
                  end = t;
                }
                if (nocase) {
                  start = lower(start);
                  end = lower(end);
                  c = lower(c);
                }
                pi += 2;
                plen -= 2;
                if (c >= start && c <= end) {
                  match = true;
                }
              } else if (nocase ? lower(pat(pi)) == lower(str(si)) : pat(pi) == str(si)) {
                match = true;
              }
              pi++;
              plen--;
            }
            if (not) {
              match = !match;
            }
            if (!match) {
              return false;
            }
            si++;
            slen--;
          }
          default -> {
            if (pat(pi) == '\\' && plen >= 2) {
              pi++;
              plen--;
            }
            if (nocase ? lower(pat(pi)) != lower(str(si)) : pat(pi) != str(si)) {
              return false;
            }
            si++;
            slen--;
          }
        }
        pi++;
        plen--;
        if (slen == 0) {
          while (pat(pi) == '*') {
            pi++;
            plen--;
          }
          break;
        }
      }
      return plen == 0 && slen == 0;
    }
  }
}
