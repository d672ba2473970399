package io.lime.internal.command;

/** Command flags, named and rendered (by {@link #wireName()}) as Redis 7.0's COMMAND INFO. */
public enum CommandFlag {
  WRITE("write"),
  READONLY("readonly"),
  DENYOOM("denyoom"),
  MODULE("module"),
  ADMIN("admin"),
  PUBSUB("pubsub"),
  NOSCRIPT("noscript"),
  BLOCKING("blocking"),
  LOADING("loading"),
  STALE("stale"),
  SKIP_MONITOR("skip_monitor"),
  SKIP_SLOWLOG("skip_slowlog"),
  ASKING("asking"),
  FAST("fast"),
  NO_AUTH("no_auth"),
  MAY_REPLICATE("may_replicate"),
  SENTINEL("sentinel"),
  ONLY_SENTINEL("only_sentinel"),
  NO_MANDATORY_KEYS("no_mandatory_keys"),
  PROTECTED("protected"),
  NO_ASYNC_LOADING("no_async_loading"),
  NO_MULTI("no_multi"),
  MOVABLEKEYS("movablekeys"),
  ALLOW_BUSY("allow_busy");

  private final String wireName;

  CommandFlag(String wireName) {
    this.wireName = wireName;
  }

  /** The flag as COMMAND INFO prints it. */
  public String wireName() {
    return wireName;
  }
}
