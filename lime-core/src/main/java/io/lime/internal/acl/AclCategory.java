package io.lime.internal.acl;

import java.util.List;
import java.util.Locale;

/** Redis 7.0's ACL command categories, in acl.c's order (ACLCommandCategories). */
public final class AclCategory {
  /** Every category, in Redis's order; a category's bit is {@code 1L << index}. */
  public static final List<String> ALL = List.of("keyspace", "read", "write", "set",
      "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream",
      "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
      "scripting");

  private AclCategory() {}

  /** The bit of a category name (case-insensitive, without {@code @}), or 0 when unknown. */
  public static long bit(String name) {
    int i = ALL.indexOf(name.toLowerCase(Locale.ROOT));
    return i < 0 ? 0 : 1L << i;
  }

  /** The mask of category names such as {@code "@read"} or {@code "read"}; unknown ones ignored. */
  public static long mask(Iterable<String> names) {
    long m = 0;
    for (String n : names) {
      m |= bit(n.startsWith("@") ? n.substring(1) : n);
    }
    return m;
  }
}
