package io.lime.internal.config;

/**
 * notify-keyspace-events classes as bit flags, with Redis's values and its parsing and
 * rendering ({@code keyspaceEventsStringToFlags} / {@code keyspaceEventsFlagsToString}).
 */
public final class NotifyFlags {
  private NotifyFlags() {}

  public static final int KEYSPACE = 1;
  public static final int KEYEVENT = 1 << 1;
  public static final int GENERIC = 1 << 2;
  public static final int STRING = 1 << 3;
  public static final int LIST = 1 << 4;
  public static final int SET = 1 << 5;
  public static final int HASH = 1 << 6;
  public static final int ZSET = 1 << 7;
  public static final int EXPIRED = 1 << 8;
  public static final int EVICTED = 1 << 9;
  public static final int STREAM = 1 << 10;
  public static final int KEY_MISS = 1 << 11;
  public static final int LOADED = 1 << 12;
  public static final int MODULE = 1 << 13;
  public static final int NEW = 1 << 14;
  /** The {@code A} alias: every class but key-miss, loaded and new. */
  public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED
      | STREAM | MODULE;

  /** The flags of a class string, or -1 when it holds an unknown character. */
  public static int parse(String classes) {
    int flags = 0;
    for (int i = 0; i < classes.length(); i++) {
      flags |= switch (classes.charAt(i)) {
        case 'A' -> ALL;
        case 'g' -> GENERIC;
        case '$' -> STRING;
        case 'l' -> LIST;
        case 's' -> SET;
        case 'h' -> HASH;
        case 'z' -> ZSET;
        case 'x' -> EXPIRED;
        case 'e' -> EVICTED;
        case 'K' -> KEYSPACE;
        case 'E' -> KEYEVENT;
        case 't' -> STREAM;
        case 'm' -> KEY_MISS;
        case 'd' -> MODULE;
        case 'n' -> NEW;
        default -> -1;
      };
      if (flags < 0) {
        return -1;
      }
    }
    return flags;
  }

  /** The canonical class string of {@code flags}, as CONFIG GET shows it. */
  public static String format(int flags) {
    StringBuilder sb = new StringBuilder();
    if ((flags & ALL) == ALL) {
      sb.append('A');
    } else {
      String chars = "g$lshzxetdn";
      int[] bits = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
      for (int i = 0; i < bits.length; i++) {
        if ((flags & bits[i]) != 0) {
          sb.append(chars.charAt(i));
        }
      }
    }
    if ((flags & KEYSPACE) != 0) {
      sb.append('K');
    }
    if ((flags & KEYEVENT) != 0) {
      sb.append('E');
    }
    if ((flags & KEY_MISS) != 0) {
      sb.append('m');
    }
    return sb.toString();
  }
}
