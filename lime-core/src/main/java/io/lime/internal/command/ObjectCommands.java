package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.engine.LockedKey;
import io.lime.internal.type.KeyOps;
import io.lime.resp.ReplySink;

/**
 * OBJECT and its subcommands (Redis's objectCommand in src/object.c): ENCODING, FREQ, HELP,
 * IDLETIME, REFCOUNT. Lookups neither touch the key's access clock nor emit key-miss
 * events; a missing key replies null.
 */
final class ObjectCommands implements CommandGroup {
  /** OBJECT HELP, line for line as Redis 7.0 (addReplyHelp adds the header and HELP lines). */
  private static final String[] HELP = {
    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "ENCODING <key>",
    "    Return the kind of internal representation used in order to store the value",
    "    associated with a <key>.",
    "FREQ <key>",
    "    Return the access frequency index of the <key>. The returned integer is",
    "    proportional to the logarithm of the recent access frequency of the key.",
    "IDLETIME <key>",
    "    Return the idle time of the <key>, that is the approximated number of",
    "    seconds elapsed since the last access to the key.",
    "REFCOUNT <key>",
    "    Return the number of references of the value associated with the specified",
    "    <key>.",
    "HELP",
    "    Prints this help.",
  };

  private ObjectCommands() {}

  /** OBJECT ENCODING key — O(1). */
  static void objectEncoding(Call c) {
    String enc;
    try (LockedKey k = c.lockKey(2)) {
      enc = KeyOps.encoding(k);
    }
    if (found(c, enc != null)) {
      c.out().bulk(enc);
    }
  }

  /** OBJECT REFCOUNT key — O(1). */
  static void objectRefcount(Call c) {
    long n;
    try (LockedKey k = c.lockKey(2)) {
      n = KeyOps.refcount(k, sharedIntegersAllowed(c));
    }
    if (found(c, n >= 0)) {
      c.out().integer(n);
    }
  }

  /** OBJECT IDLETIME key — O(1); refused under an LFU policy. */
  static void objectIdletime(Call c) {
    long ms;
    try (LockedKey k = c.lockKey(2)) {
      ms = KeyOps.idleMillis(k);
    }
    replyUnderPolicy(c, ms < 0 ? -1 : ms / 1000, !lfu(c), Errors.LFU_SELECTED);
  }

  /** OBJECT FREQ key — O(1); only under an LFU policy. */
  static void objectFreq(Call c) {
    long f;
    try (LockedKey k = c.lockKey(2)) {
      f = KeyOps.frequency(k);
    }
    replyUnderPolicy(c, f, lfu(c), Errors.LFU_NOT_SELECTED);
  }

  /**
   * IDLETIME and FREQ: null for a missing key ({@code value} -1), else {@code value} when the
   * eviction policy tracks it ({@code tracked}) or {@code error} when it does not.
   */
  private static void replyUnderPolicy(Call c, long value, boolean tracked, String error) {
    if (!found(c, value >= 0)) {
      return;
    }
    if (tracked) {
      c.out().integer(value);
    } else {
      c.out().error(error);
    }
  }

  /** Counts the lookup (no keymiss event: LOOKUP_NONOTIFY); replies null when missing. */
  private static boolean found(Call c, boolean hit) {
    KeyCommands.countLookup(c, hit);
    if (!hit) {
      c.out().nullBulk();
    }
    return hit;
  }

  /** OBJECT HELP — O(1). */
  static void objectHelp(Call call) {
    ReplySink out = call.out();
    out.arrayHeader(HELP.length);
    for (String line : HELP) {
      out.simple(line);
    }
  }

  private static String policy(Call call) {
    String p = call.server().config().get("maxmemory-policy");
    return p == null ? "noeviction" : p;
  }

  private static boolean lfu(Call call) {
    return policy(call).endsWith("-lfu");
  }

  /** Redis shares small integers unless maxmemory is set with an LRU or LFU policy. */
  private static boolean sharedIntegersAllowed(Call call) {
    String p = policy(call);
    if (!p.endsWith("-lru") && !p.endsWith("-lfu")) {
      return true;
    }
    String max = call.server().config().get("maxmemory");
    return max == null || max.equals("0");
  }
}
