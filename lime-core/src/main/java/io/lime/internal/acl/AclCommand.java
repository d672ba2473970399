package io.lime.internal.acl;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One command of the ACL's command table (Redis's {@code redisCommand} as acl.c sees it): its
 * id (a bit of every selector's command bitmap), full name, ACL categories as a bit mask over
 * {@link AclCategory}, whether it runs without authentication, its channel arguments and its
 * subcommands. Immutable once its command set is built.
 */
public final class AclCommand {
  /** Which arguments of a command are Pub/Sub channels (acl.c ACLDoesCommandHaveChannels). */
  public enum Channels {
    /** No channel arguments. */ NONE,
    /** PUBLISH, SPUBLISH: argument 1. */ FIRST,
    /** SUBSCRIBE, SSUBSCRIBE: every argument from 1, as channel names. */ ALL,
    /** PSUBSCRIBE: every argument from 1, compared literally with the user's patterns. */
    ALL_LITERAL
  }

  final int id;
  private final String fullName;
  final long categories;
  final boolean noAuth;
  final Channels channels;
  final @Nullable AclCommand parent;
  final List<AclCommand> subcommands = new ArrayList<>();

  AclCommand(int id, String fullName, long categories, boolean noAuth,
      @Nullable AclCommand parent) {
    this.id = id;
    this.fullName = fullName;
    this.categories = categories;
    this.noAuth = noAuth;
    this.parent = parent;
    this.channels = switch (fullName) {
      case "publish", "spublish" -> Channels.FIRST;
      case "subscribe", "ssubscribe" -> Channels.ALL;
      case "psubscribe" -> Channels.ALL_LITERAL;
      default -> Channels.NONE;
    };
  }

  /** {@code get}, {@code config|get}. */
  public String fullName() { return fullName; }

  /** The id: the command's bit in a selector's bitmap. */
  public int id() { return id; }

  @Override
  public String toString() {
    return fullName;
  }
}
