package io.lime.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis 7.0's ACL command categories, in the order Redis prints them (acl.c
 * ACLCommandCategories), and the categories a command gets implicitly from its flags
 * (server.c setImplicitACLCategories).
 */
final class AclCategories {
  /** Every category, in Redis's order. */
  static final List<String> ALL = List.of("keyspace", "read", "write", "set", "sortedset",
      "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin",
      "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting");

  private AclCategories() {}

  /**
   * The categories of {@code spec} as COMMAND INFO prints them (without {@code @}): its own
   * plus the implicit ones (write, read unless scripting, admin+dangerous, pubsub, fast,
   * blocking, and slow when not fast), in Redis's order; unknown names last.
   */
  static List<String> of(CommandSpec spec) {
    List<String> own = spec.aclCategories();
    boolean[] has = new boolean[ALL.size()];
    List<String> extra = new ArrayList<>();
    for (String c : own) {
      int i = ALL.indexOf(c.toLowerCase(Locale.ROOT));
      if (i >= 0) {
        has[i] = true;
      } else if (!extra.contains(c)) {
        extra.add(c);
      }
    }
    if (spec.has(CommandFlag.WRITE)) {
      has[idx("write")] = true;
    }
    if (spec.has(CommandFlag.READONLY) && !has[idx("scripting")]) {
      has[idx("read")] = true;
    }
    if (spec.has(CommandFlag.ADMIN)) {
      has[idx("admin")] = true;
      has[idx("dangerous")] = true;
    }
    if (spec.has(CommandFlag.PUBSUB)) {
      has[idx("pubsub")] = true;
    }
    if (spec.has(CommandFlag.FAST)) {
      has[idx("fast")] = true;
    }
    if (spec.has(CommandFlag.BLOCKING)) {
      has[idx("blocking")] = true;
    }
    if (!has[idx("fast")]) {
      has[idx("slow")] = true;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < has.length; i++) {
      if (has[i]) {
        out.add(ALL.get(i));
      }
    }
    out.addAll(extra);
    return out;
  }

  private static int idx(String c) {
    return ALL.indexOf(c);
  }
}
