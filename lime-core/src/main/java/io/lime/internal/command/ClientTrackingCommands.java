package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO (Redis 7.0's networking.c), over the
 * server's {@link ClientTracking}.
 */
public final class ClientTrackingCommands implements CommandGroup {

  /**
   * CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX prefix ...] [BCAST] [OPTIN] [OPTOUT]
   * [NOLOOP] — O(1), or O(N) in the prefixes.
   */
  static void clientTracking(Call call) {
    Argv a = call.argv();
    ReplySink out = call.out();
    long redirect = 0;
    boolean bcast = false;
    boolean optin = false;
    boolean optout = false;
    boolean noloop = false;
    List<byte[]> prefixes = new ArrayList<>();
    for (int j = 3; j < a.size(); j++) {
      boolean more = j < a.size() - 1;
      if (a.is(j, "REDIRECT") && more) {
        j++;
        if (redirect != 0) {
          out.error(Errors.TRACKING_ONE_REDIRECT);
          return;
        }
        if (!KeyArgs.intOrReply(call, j, Errors.NOT_INTEGER)) {
          return;
        }
        redirect = KeyArgs.longValue(a, j);
        if (call.server().client(redirect) == null) {
          out.error(Errors.TRACKING_NO_SUCH_REDIRECT);
          return;
        }
      } else if (a.is(j, "BCAST")) {
        bcast = true;
      } else if (a.is(j, "OPTIN")) {
        optin = true;
      } else if (a.is(j, "OPTOUT")) {
        optout = true;
      } else if (a.is(j, "NOLOOP")) {
        noloop = true;
      } else if (a.is(j, "PREFIX") && more) {
        prefixes.add(a.copy(++j));
      } else {
        out.error(Errors.SYNTAX);
        return;
      }
    }
    ClientTracking tracking = call.server().tracking();
    ClientSession c = call.client();
    if (a.is(2, "OFF")) {
      tracking.disable(c);
      out.ok();
      return;
    }
    if (!a.is(2, "ON")) {
      out.error(Errors.SYNTAX);
      return;
    }
    ClientTracking.State s = tracking.state(c);
    String refused = !bcast && !prefixes.isEmpty() ? Errors.TRACKING_PREFIX_NEEDS_BCAST
        : s != null && s.bcast != bcast ? Errors.TRACKING_BCAST_SWITCH
        : bcast && (optin || optout) ? Errors.TRACKING_OPT_WITH_BCAST
        : optin && optout ? Errors.TRACKING_OPTIN_AND_OPTOUT
        : s != null && ((optin && s.optout) || (optout && s.optin)) ? Errors.TRACKING_OPT_SWITCH
        : bcast ? prefixCollision(s, prefixes) : null;
    if (refused != null) {
      out.error(refused);
      return;
    }
    tracking.enable(c, redirect, bcast, optin, optout, noloop, prefixes);
    out.ok();
  }

  /** checkPrefixCollisionsOrReply: the error when two prefixes overlap, else null. */
  private static String prefixCollision(ClientTracking.State s, List<byte[]> prefixes) {
    for (int i = 0; i < prefixes.size(); i++) {
      byte[] p = prefixes.get(i);
      if (s != null) {
        for (ClientTracking.Bytes old : s.prefixes) {
          if (overlap(old.b(), p)) {
            return "ERR Prefix '" + text(p) + "' overlaps with an existing prefix '"
                + text(old.b()) + "'. Prefixes for a single client must not overlap.";
          }
        }
      }
      for (int j = i + 1; j < prefixes.size(); j++) {
        if (overlap(p, prefixes.get(j))) {
          return "ERR Prefix '" + text(p) + "' overlaps with another provided prefix '"
              + text(prefixes.get(j)) + "'. Prefixes for a single client must not overlap.";
        }
      }
    }
    return null;
  }

  private static boolean overlap(byte[] x, byte[] y) {
    int n = Math.min(x.length, y.length);
    return Arrays.equals(x, 0, n, y, 0, n);
  }

  private static String text(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** CLIENT CACHING YES|NO — O(1): whether the next command's keys are tracked. */
  static void clientCaching(Call call) {
    Argv a = call.argv();
    ReplySink out = call.out();
    ClientTracking.State s = call.server().tracking().state(call.client());
    if (s == null) {
      out.error(Errors.CACHING_NOT_TRACKING);
      return;
    }
    if (a.is(2, "YES")) {
      if (!s.optin) {
        out.error(Errors.CACHING_YES_NOT_OPTIN);
        return;
      }
    } else if (a.is(2, "NO")) {
      if (!s.optout) {
        out.error(Errors.CACHING_NO_NOT_OPTOUT);
        return;
      }
    } else {
      out.error(Errors.SYNTAX);
      return;
    }
    s.caching = true;
    out.ok();
  }

  /** CLIENT GETREDIR — O(1): the redirect target, 0 without one, -1 when not tracking. */
  static void clientGetredir(Call call) {
    ClientTracking.State s = call.server().tracking().state(call.client());
    call.out().integer(s == null ? -1 : s.redirect);
  }

  /** CLIENT TRACKINGINFO — O(N) in the prefixes. */
  static void clientTrackinginfo(Call call) {
    ClientTracking.State s = call.server().tracking().state(call.client());
    List<String> flags = new ArrayList<>();
    flags.add(s == null ? "off" : "on");
    if (s != null) {
      flag(flags, s.bcast, "bcast");
      flag(flags, s.optin, "optin");
      flag(flags, s.optin && s.caching, "caching-yes");
      flag(flags, s.optout, "optout");
      flag(flags, s.optout && s.caching, "caching-no");
      flag(flags, s.noloop, "noloop");
      flag(flags, s.brokenRedirect, "broken_redirect");
    }
    ReplySink out = call.out();
    out.mapHeader(3);
    out.bulk("flags");
    out.setHeader(flags.size());
    for (String f : flags) {
      out.bulk(f);
    }
    out.bulk("redirect");
    out.integer(s == null ? -1 : s.redirect);
    out.bulk("prefixes");
    List<ClientTracking.Bytes> prefixes = s == null ? List.of() : new ArrayList<>(s.prefixes);
    out.arrayHeader(prefixes.size());
    for (ClientTracking.Bytes p : prefixes) {
      out.bulk(p.b());
    }
  }

  private static void flag(List<String> flags, boolean on, String name) {
    if (on) {
      flags.add(name);
    }
  }
}
