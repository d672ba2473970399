package io.lime.server.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Redis's address strings: {@code 127.0.0.1:6379}, {@code [::1]:6379}. */
final class Addresses {
  private Addresses() {}

  static String format(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    if (ip instanceof Inet6Address v6) {
      return "[" + compress(v6) + "]:" + a.getPort();
    }
    return ip.getHostAddress() + ":" + a.getPort();
  }

  /** RFC 5952 text of an IPv6 address, as inet_ntop writes it ({@code ::1}). */
  static String compress(Inet6Address a) {
    byte[] b = a.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** Whether the peer is on the loopback interface (protected mode). */
  static boolean isLoopback(InetSocketAddress a) {
    return a.getAddress().isLoopbackAddress();
  }
}
