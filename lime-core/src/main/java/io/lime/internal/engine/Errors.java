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

  // bitmaps and bitfields (BitOps, BitField, BitCommands)
  public static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
  public static final String BIT_VALUE = "ERR bit is not an integer or out of range";
  public static final String BITPOS_BIT = "ERR The bit argument must be 1 or 0.";
  public static final String BITOP_NOT_ONE_KEY =
      "ERR BITOP NOT must be called with a single source key.";
  public static final String BITFIELD_TYPE = "ERR Invalid bitfield type. Use something like i16 "
      + "u8. Note that u64 is not supported but i64 is.";
  public static final String BITFIELD_OVERFLOW = "ERR Invalid OVERFLOW type specified";
  public static final String BITFIELD_RO_GET_ONLY =
      "ERR BITFIELD_RO only supports the GET subcommand";

  // HyperLogLog (HyperLogLogType, HyperLogLogCommands)
  public static final String HLL_WRONGTYPE =
      "WRONGTYPE Key is not a valid HyperLogLog string value.";
  public static final String HLL_CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";
  public static final String PFDEBUG_NO_KEY = "ERR The specified key does not exist";
  public static final String PFDEBUG_NOT_SPARSE = "ERR HLL encoding is not sparse";

  /** {@code ERR Unknown PFDEBUG subcommand 'x'}. */
  public static String pfdebugUnknown(String subcommand) {
    return "ERR Unknown PFDEBUG subcommand '" + subcommand + "'";
  }

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

  // geo (GeoCommands, GeoType)
  public static final String GEO_UNIT = "ERR unsupported unit provided. please use M, KM, FT, MI";
  public static final String GEO_NEED_RADIUS = "ERR need numeric radius";
  public static final String GEO_RADIUS_NEGATIVE = "ERR radius cannot be negative";
  public static final String GEO_NEED_WIDTH = "ERR need numeric width";
  public static final String GEO_NEED_HEIGHT = "ERR need numeric height";
  public static final String GEO_BOX_NEGATIVE = "ERR height or width cannot be negative";
  public static final String GEO_MEMBER = "ERR could not decode requested zset member";
  public static final String GEO_COUNT_NOT_POSITIVE = "ERR COUNT must be > 0";
  public static final String GEO_ANY_NEEDS_COUNT = "ERR the ANY argument requires COUNT argument";
  public static final String GEO_STORE_WITH =
      "ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options";
  public static final String GEOSEARCHSTORE_WITH =
      "ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options";

  /** {@code ERR invalid longitude,latitude pair %f,%f}. */
  public static String geoPair(String lon, String lat) {
    return "ERR invalid longitude,latitude pair " + lon + "," + lat;
  }

  /** {@code ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for <command>}. */
  public static String geoFrom(String command) {
    return "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + command;
  }

  /** {@code ERR exactly one of BYRADIUS and BYBOX can be specified for <command>}. */
  public static String geoBy(String command) {
    return "ERR exactly one of BYRADIUS and BYBOX can be specified for " + command;
  }

  // SORT (SortCommands, SortType)
  public static final String SORT_NOT_DOUBLE = "ERR One or more scores can't be converted into double";

  // DUMP / RESTORE (KeyCommands, DumpOps)
  public static final String BUSYKEY = "BUSYKEY Target key name already exists.";
  public static final String DUMP_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
  public static final String BAD_DATA_FORMAT = "ERR Bad data format";
  public static final String RESTORE_TTL = "ERR Invalid TTL value, must be >= 0";
  public static final String RESTORE_IDLETIME = "ERR Invalid IDLETIME value, must be >= 0";
  public static final String RESTORE_FREQ = "ERR Invalid FREQ value, must be >= 0 and <= 255";
  public static final String MIGRATE_UNSUPPORTED =
      "ERR MIGRATE is not supported by LIME: use DUMP and RESTORE";

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

  // streams (StreamType, StreamGroups, Stream*Commands)
  public static final String STREAM_INVALID_ID =
      "ERR Invalid stream ID specified as stream command argument";
  public static final String STREAM_MAXLEN_MINID =
      "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
  public static final String STREAM_MAXLEN_NEGATIVE = "ERR The MAXLEN argument must be >= 0.";
  public static final String STREAM_LIMIT_NEGATIVE = "ERR The LIMIT argument must be >= 0.";
  public static final String STREAM_LIMIT_WITHOUT_STRATEGY =
      "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
  public static final String STREAM_XTRIM_WITHOUT_STRATEGY =
      "ERR syntax error, XTRIM must be called with a trimming strategy";
  public static final String STREAM_LIMIT_WITHOUT_APPROX =
      "ERR syntax error, LIMIT cannot be used without the special ~ option";
  public static final String STREAM_ID_ZERO = "ERR The ID specified in XADD must be greater than 0-0";
  public static final String STREAM_EXHAUSTED =
      "ERR The stream has exhausted the last possible ID, unable to add more items";
  public static final String STREAM_ID_TOO_SMALL =
      "ERR The ID specified in XADD is equal or smaller than the target stream top item";
  public static final String STREAM_INVALID_START = "ERR invalid start ID for the interval";
  public static final String STREAM_INVALID_END = "ERR invalid end ID for the interval";
  public static final String STREAM_ELEMENTS_TOO_LARGE = "ERR Elements are too large to be stored";
  public static final String STREAM_ENTRIES_ADDED_NEGATIVE = "ERR entries_added must be positive";
  public static final String STREAM_SETID_BELOW_GIVEN_MAX_DELETED =
      "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
  public static final String STREAM_SETID_BELOW_TOP =
      "ERR The ID specified in XSETID is smaller than the target stream top item";
  public static final String STREAM_SETID_ENTRIES_ADDED_BELOW_LENGTH =
      "ERR The entries_added specified in XSETID is smaller than the target stream length";

  public static final String STREAM_ENTRIES_READ_NEGATIVE =
      "ERR value for ENTRIESREAD must be positive or -1";
  public static final String STREAM_BUSYGROUP = "BUSYGROUP Consumer Group name already exists";
  public static final String STREAM_XGROUP_NO_KEY = "ERR The XGROUP subcommand requires the key "
      + "to exist. Note that for CREATE you may want to use the MKSTREAM option to create an "
      + "empty stream automatically.";
  public static final String STREAM_UNBALANCED = "ERR Unbalanced XREAD list of streams: for each "
      + "stream key an ID or '$' must be specified.";
  public static final String STREAM_GROUP_ONLY_XREADGROUP =
      "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
  public static final String STREAM_NOACK_ONLY_XREADGROUP =
      "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
  public static final String STREAM_MISSING_GROUP = "ERR Missing GROUP option for XREADGROUP";
  public static final String STREAM_DOLLAR_IN_XREADGROUP = "ERR The $ ID is meaningless in the "
      + "context of XREADGROUP: you want to read the history of this consumer by specifying a "
      + "proper ID, or use the > ID to get new messages. The $ ID would just return an empty "
      + "result set.";
  public static final String STREAM_GT_ONLY_XREADGROUP = "ERR The > ID can be specified only when "
      + "calling XREADGROUP using the GROUP <group> <consumer> option.";
  public static final String STREAM_XCLAIM_MIN_IDLE =
      "ERR Invalid min-idle-time argument for XCLAIM";
  public static final String STREAM_XAUTOCLAIM_MIN_IDLE =
      "ERR Invalid min-idle-time argument for XAUTOCLAIM";
  public static final String STREAM_COUNT_POSITIVE = "ERR COUNT must be > 0";
  public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
  public static final String STREAM_GROUP_DESTROYED =
      "NOGROUP the consumer group this client was blocked on no longer exists";

  /** {@code NOGROUP No such consumer group 'g' for key name 'k'} (XGROUP, XINFO CONSUMERS). */
  public static String streamNoGroup(String group, String key) {
    return "NOGROUP No such consumer group '" + group + "' for key name '" + key + "'";
  }

  /** {@code NOGROUP No such key 'k' or consumer group 'g'} (XPENDING, XCLAIM, XAUTOCLAIM). */
  public static String streamNoKeyOrGroup(String key, String group) {
    return "NOGROUP No such key '" + key + "' or consumer group '" + group + "'";
  }

  /** XREADGROUP's NOGROUP text. */
  public static String streamNoKeyOrGroupRead(String key, String group) {
    return streamNoKeyOrGroup(key, group) + " in XREADGROUP with GROUP option";
  }

  /** {@code ERR Invalid NAME option argument for XCLAIM}. */
  public static String streamXclaimOption(String option) {
    return "ERR Invalid " + option + " option argument for XCLAIM";
  }

  /** {@code ERR Unrecognized XCLAIM option 'x'}. */
  public static String streamXclaimUnknown(String option) {
    return "ERR Unrecognized XCLAIM option '" + option + "'";
  }

  // clients (ClientCommands, ClientKill)
  public static final String NO_SUCH_CLIENT = "ERR No such client";
  public static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
  public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";

  // memory and eviction (Eviction, Dispatcher, MemoryCommands)
  public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
  public static final String MEMORY_USAGE_SYNTAX = SYNTAX;

  // persistence errors refusing writes (Dispatcher, ScriptCommands: writeCommandsDeniedByDiskError)
  public static final String MISCONF_RDB = "MISCONF Redis is configured to save RDB snapshots, "
      + "but it's currently unable to persist to disk. Commands that may modify the data set are "
      + "disabled, because this instance is configured to report errors during writes if RDB "
      + "snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs "
      + "for details about the RDB error.";

  // command introspection (CommandCommands: COMMAND GETKEYS, GETKEYSANDFLAGS)
  public static final String INVALID_COMMAND = "ERR Invalid command specified";
  public static final String NO_KEY_ARGUMENTS = "ERR The command has no key arguments";
  public static final String INVALID_ARG_COUNT =
      "ERR Invalid number of arguments specified for command";
  public static final String INVALID_ARGUMENTS = "ERR Invalid arguments specified for command";

  // CLIENT PAUSE (ClientPauseCommands)
  public static final String PAUSE_MODE = "ERR CLIENT PAUSE mode must be WRITE or ALL";
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

  /** LATENCY GRAPH of an event without samples. */
  public static String latencyNoSamples(String event) {
    return "ERR No samples available for event '" + event + "'";
  }

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

  // ACL (acl.c, server.c processCommand, multi.c execCommand)
  /** NOPERM for a check result of {@code io.lime.internal.acl.Acl} (1 command, 2 key, 4 channel). */
  public static String noPerm(int aclResult, String fullName) {
    return switch (aclResult) {
      case 1 -> "NOPERM this user has no permissions to run the '" + fullName + "' command";
      case 2 -> "NOPERM this user has no permissions to access one of the keys used as arguments";
      default -> "NOPERM this user has no permissions to access one of the channels used as "
          + "arguments";
    };
  }

  /** EXEC's NOPERM when ACL rules changed after a command was queued. */
  public static String aclChangedSinceQueued(int aclResult) {
    String reason = switch (aclResult) {
      case 1 -> "no permission to execute the command or subcommand";
      case 2 -> "no permission to touch the specified keys";
      default -> "no permission to access one of the channels used as arguments";
    };
    return "NOPERM ACLs rules changed between the moment the transaction was accumulated and "
        + "the EXEC call. This command is no longer allowed for the following reason: " + reason;
  }

  public static final String ACL_NO_FILE = "ERR This Redis instance is not configured to use "
      + "an ACL file. You may want to specify users via the ACL SETUSER command and then issue "
      + "a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store "
      + "users in the Redis configuration.";
  public static final String ACL_SAVE_FAILED = "ERR There was an error trying to save the ACLs. "
      + "Please check the server logs for more information";
  public static final String ACL_DEFAULT_UNDELETABLE = "ERR The 'default' user cannot be removed";
  public static final String ACL_BAD_USERNAME =
      "ERR Usernames can't contain spaces or null characters";
  public static final String ACL_GENPASS_BITS = "ERR ACL GENPASS argument must be the number of "
      + "bits for the output password, a positive number up to 4096";
  // ---------------------------------------------------------------- scripting (EVAL, SCRIPT)
  public static final String NUMKEYS_TOO_MANY =
      "ERR Number of keys can't be greater than number of args";
  public static final String NUMKEYS_NEGATIVE = "ERR Number of keys can't be negative";
  public static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";
  public static final String NOTBUSY = "NOTBUSY No scripts in execution right now.";
  public static final String SCRIPT_DEBUG_MODE = "ERR Use SCRIPT DEBUG YES/SYNC/NO";
  public static final String SCRIPT_DEBUG_PIPELINE =
      "ERR SCRIPT DEBUG must be called outside a pipeline";
  /** LIME's own: the Lua debugger (LDB) is not implemented. */
  public static final String SCRIPT_DEBUG_UNSUPPORTED = "ERR SCRIPT DEBUG YES and SYNC are not "
      + "supported: LIME has no Lua debugger (LDB); SCRIPT DEBUG NO is";
  public static final String SCRIPT_FLUSH_MODE = "ERR SCRIPT FLUSH only support SYNC|ASYNC option";
  public static final String SCRIPT_WRITE_FLAG_RO =
      "ERR Can not execute a script with write flag using *_ro command.";
  public static final String SCRIPT_UNKNOWN_COMMAND = "ERR Unknown Redis command called from script";
  public static final String SCRIPT_WRONG_ARITY =
      "ERR Wrong number of args calling Redis command from script";
  public static final String SCRIPT_NOT_ALLOWED = "ERR This Redis command is not allowed from script";
  public static final String FUNCTION_NOT_FOUND = "ERR Function not found";
  public static final String FUNCTION_BAD_NUMKEYS = "ERR Bad number of keys provided";
  public static final String LIBRARY_NOT_FOUND = "ERR Library not found";
  public static final String FUNCTION_RESTORE_POLICY = "ERR Wrong restore policy given, value "
      + "should be either FLUSH, APPEND or REPLACE.";
  public static final String FUNCTION_FLUSH_MODE =
      "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
  public static final String BUSY_EVAL = "BUSY Redis is busy running a script. You can only "
      + "call SCRIPT KILL or SHUTDOWN NOSAVE.";
  public static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can only "
      + "call FUNCTION KILL or SHUTDOWN NOSAVE.";
  public static final String UNKILLABLE = "UNKILLABLE Sorry the script already executed write "
      + "commands against the dataset. You can either wait the script termination or kill the "
      + "server in a hard way using the SHUTDOWN NOSAVE command.";
  /** scriptCall's ACL refusal of a {@code redis.call} (check result 1 command, 2 key, else). */
  public static String scriptNoPerm(int result) {
    return switch (result) {
      case 1 -> "ERR The user executing the script can't run this command or subcommand";
      case 2 -> "ERR The user executing the script can't access at least one of the keys "
          + "mentioned in the command arguments";
      case 4 -> "ERR The user executing the script can't publish to the channel mentioned in "
          + "the command";
      default -> "ERR no permission";
    };
  }
  public static final String SCRIPT_WRITE_IN_READ_ONLY =
      "ERR Write commands are not allowed from read-only scripts.";
}
