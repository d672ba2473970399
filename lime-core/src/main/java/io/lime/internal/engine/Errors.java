package io.lime.internal.engine;

/**
 * Redis 7.0's error texts, in one place below both doors (without the leading {@code -} and
 * CRLF): key-level operations throw them (as {@code LimeException}s), RESP handlers reply
 * with them, typed views let them propagate. Formats take their arguments through the static
 * helpers. New texts go here, in the section of their command family, never inline.
 */
public final class Errors {
  private Errors() {}

  public static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  public static final String SYNTAX = "ERR syntax error";
  public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  public static final String NOT_FLOAT = "ERR value is not a valid float";
  public static final String OVERFLOW = "ERR increment or decrement would overflow";
  public static final String NO_SUCH_KEY = "ERR no such key";
  public static final String OUT_OF_RANGE = "ERR index out of range";
  public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
  public static final String INVALID_DB_INDEX = "ERR invalid DB index";
  public static final String NOAUTH = "NOAUTH Authentication required.";
  public static final String INVALID_PASSWORD =
      "WRONGPASS invalid username-password pair or user is disabled.";
  public static final String INVALID_EXPIRE_TIME_FORMAT = "ERR invalid expire time in '%s' command";
  public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
  public static final String INCR_FLOAT_NAN = "ERR increment would produce NaN or Infinity";
  public static final String SAME_OBJECT = "ERR source and destination objects are the same";
  // transactions (TransactionCommands, Dispatcher)
  public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
  public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
  public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
  public static final String WATCH_INSIDE_MULTI = "ERR WATCH inside MULTI is not allowed";
  public static final String EXECABORT =
      "EXECABORT Transaction discarded because of previous errors.";
  public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
  // keys, expiry, databases (KeyCommands, ExpireCommands, DatabaseCommands)
  public static final String INT_RANGE =
      "ERR value is out of range, value must between -2147483648 and 2147483647";
  public static final String INVALID_CURSOR = "ERR invalid cursor";
  public static final String INVALID_FIRST_DB = "ERR invalid first DB index";
  public static final String INVALID_SECOND_DB = "ERR invalid second DB index";
  public static final String EXPIRE_NX_CONFLICT =
      "ERR NX and XX, GT or LT options at the same time are not compatible";
  public static final String EXPIRE_GT_LT_CONFLICT =
      "ERR GT and LT options at the same time are not compatible";
  public static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, "
      + "access frequency not tracked. Please note that when switching between policies at "
      + "runtime LRU and LFU data will take some time to adjust.";
  public static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time "
      + "not tracked. Please note that when switching between policies at runtime LRU and LFU "
      + "data will take some time to adjust.";

  /** {@code ERR Unsupported option NAME}: an unknown EXPIRE condition. */
  public static String unsupportedOption(String option) {
    return "ERR Unsupported option " + option;
  }

  // strings (StringCommands, StringWrites, StringLcsCommand)
  public static final String STRING_OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
  public static final String LCS_NOT_STRINGS = "ERR The specified keys must contain string values";
  public static final String LCS_IDX_AND_LEN =
      "ERR If you want both the length and indexes, please just use IDX.";
  public static final String LCS_TABLE_TOO_BIG =
      "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
  public static final String LCS_ALLOCATION_FAILED =
      "ERR Insufficient memory, failed allocating transient memory for LCS";

  // sets (SetCommands)
  public static final String SET_COUNT_NOT_POSITIVE = "ERR value is out of range, must be positive";
  public static final String SET_RANDOM_COUNT_RANGE = "ERR value is out of range, value must "
      + "between -9223372036854775807 and 9223372036854775807";
  public static final String SET_NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
  public static final String SET_NUMKEYS_TOO_MANY =
      "ERR Number of keys can't be greater than number of args";
  public static final String SET_LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
  /** The typed SRANDMEMBER's limit: a count whose result no Java list can hold. */
  public static final String SET_RANDOM_COUNT_TOO_LARGE =
      "ERR value is out of range, more members than a list can hold";

  // sorted sets (SortedSetCommands and friends)
  public static final String ZSET_XX_NX = "ERR XX and NX options at the same time are not compatible";
  public static final String ZSET_GT_LT_NX =
      "ERR GT, LT, and/or NX options at the same time are not compatible";
  public static final String ZSET_INCR_PAIR = "ERR INCR option supports a single increment-element pair";
  public static final String ZSET_NAN = "ERR resulting score is not a number (NaN)";
  public static final String ZSET_MINMAX_FLOAT = "ERR min or max is not a float";
  public static final String ZSET_MINMAX_LEX = "ERR min or max not valid string range item";
  public static final String ZSET_LIMIT_RANK = "ERR syntax error, LIMIT is only supported in "
      + "combination with either BYSCORE or BYLEX";
  public static final String ZSET_WITHSCORES_LEX =
      "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
  public static final String ZSET_WEIGHT_FLOAT = "ERR weight value is not a float";
  public static final String ZSET_COUNT_NOT_POSITIVE = "ERR count should be greater than 0";
  public static final String ZSET_VALUE_OUT_OF_RANGE = "ERR value is out of range";
  public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
  public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";

  // lists and blocking (ListCommands, ListBlockingCommands, CLIENT UNBLOCK)
  public static final String LIST_MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
  public static final String LIST_RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the "
      + "first match, 2 from the second ... or use negative to start from the end of the list";
  public static final String LIST_COUNT_NEGATIVE = "ERR COUNT can't be negative";
  public static final String LIST_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";
  public static final String UNBLOCKED = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
  public static final String UNBLOCK_REASON = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";

  // hashes (HashType, HashCommands)
  public static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
  public static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
  public static final String HASH_NAN_OR_INFINITY = "ERR value is NaN or Infinity";
  public static final String HASH_COUNT_OUT_OF_RANGE = "ERR value is out of range";
  public static final String HASH_COUNT_RANGE = "ERR value is out of range, value must "
      + "between -9223372036854775807 and 9223372036854775807";

  // clients (ClientCommands, ClientKill)
  public static final String NO_SUCH_CLIENT = "ERR No such client";
  public static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
  public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";

  // command introspection (CommandCommands: COMMAND GETKEYS, GETKEYSANDFLAGS)
  public static final String INVALID_COMMAND = "ERR Invalid command specified";
  public static final String NO_KEY_ARGUMENTS = "ERR The command has no key arguments";
  public static final String INVALID_ARG_COUNT =
      "ERR Invalid number of arguments specified for command";
  public static final String INVALID_ARGUMENTS = "ERR Invalid arguments specified for command";

  // CLIENT PAUSE (ClientPauseCommands)
  public static final String PAUSE_MODE = "ERR CLIENT PAUSE mode must be WRITE or ALL";
  public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
  public static final String TIMEOUT_OUT_OF_RANGE = "ERR timeout is out of range";

  // client-side caching (ClientTrackingCommands)
  public static final String TRACKING_ONE_REDIRECT =
      "ERR A client can only redirect to a single other client";
  public static final String TRACKING_NO_SUCH_REDIRECT =
      "ERR The client ID you want redirect to does not exist";
  public static final String TRACKING_PREFIX_NEEDS_BCAST =
      "ERR PREFIX option requires BCAST mode to be enabled";
  public static final String TRACKING_BCAST_SWITCH = "ERR You can't switch BCAST mode on/off "
      + "before disabling tracking for this client, and then re-enabling it with a different mode.";
  public static final String TRACKING_OPT_WITH_BCAST =
      "ERR OPTIN and OPTOUT are not compatible with BCAST";
  public static final String TRACKING_OPTIN_AND_OPTOUT = 
      "ERR You can't specify both OPTIN mode and OPTOUT mode";
  public static final String TRACKING_OPT_SWITCH = "ERR You can't switch OPTIN/OPTOUT mode before "
      + "disabling tracking for this client, and then re-enabling it with a different mode.";
  public static final String CACHING_NOT_TRACKING = "ERR CLIENT CACHING can be called only when "
      + "the client is in tracking mode with OPTIN or OPTOUT mode enabled";
  public static final String CACHING_YES_NOT_OPTIN =
      "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
  public static final String CACHING_NO_NOT_OPTOUT =
      "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";

  // monitoring (IntrospectionCommands: MONITOR, SLOWLOG, LATENCY)
  public static final String MONITOR_DENY_BLOCKING =
      "ERR MONITOR isn't allowed for DENY BLOCKING client";
  public static final String SLOWLOG_COUNT = "ERR count should be greater than or equal to -1";

  /**
   * Redis's addReplySubcommandSyntaxError: {@code ERR unknown subcommand or wrong number of
   * arguments for 'sub'. Try CONTAINER HELP.} with the subcommand as typed (cut at 128).
   */
  public static String subcommandSyntax(String subAsTyped, String container) {
    return "ERR unknown subcommand or wrong number of arguments for '" + truncate(subAsTyped, 128)
        + "'. Try " + container.toUpperCase(java.util.Locale.ROOT) + " HELP.";
  }

  /** {@code ERR at least 1 input key is needed for 'zunion' command}. */
  public static String zsetNeedsKey(String command) {
    return "ERR at least 1 input key is needed for '" + command + "' command";
  }

  /** {@code ERR wrong number of arguments for 'name' command} (name as typed by the user, lower-cased; {@code container|sub} for subcommands). */
  public static String arity(String fullName) {
    return "ERR wrong number of arguments for '" + fullName + "' command";
  }

  /** {@code ERR invalid expire time in 'set' command}. */
  public static String invalidExpire(String command) {
    return "ERR invalid expire time in '" + command + "' command";
  }

  public static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
