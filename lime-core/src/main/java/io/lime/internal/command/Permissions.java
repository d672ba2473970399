package io.lime.internal.command;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclCommand;
import io.lime.internal.acl.AclKeys;
import io.lime.internal.acl.AclUser;
import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;
import io.lime.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ACL check of Redis's processCommand, for users that are not {@linkplain
 * AclUser#unrestricted() unrestricted} (the dispatcher calls it only for them): command,
 * keys (found from the command's key specs only when a selector restricts keys) and
 * channels; a denial is logged (ACL LOG) and refused with NOPERM, as in Redis.
 */
final class Permissions {
  private Permissions() {}

  /**
   * Whether the client's user may run {@code target} with {@code argv}; when not, logs and
   * replies NOPERM (the ACL-changed text when {@code queued}, a command run by EXEC).
   */
  static boolean permitted(Call call, ClientSession client, CommandSpec target, Argv argv,
      ReplyGate out, boolean queued) {
    Acl acl = call.server().acl();
    AclUser user = client.user();
    AclCommand cmd = target.aclCommand(acl.commands()); // no lookup by name per command
    int[] errPos = new int[1];
    int result = cmd == null ? Acl.DENIED_CMD
        : Acl.check(user, cmd, argv, 0, keys(target, argv, 0), errPos);
    if (result == Acl.OK) {
      return true;
    }
    String context = queued || client.inMulti() ? "multi" : "toplevel";
    log(call, client, result, context, result == Acl.DENIED_CMD ? target.fullName()
        : argv.string(errPos[0]), null);
    String error = queued ? Errors.aclChangedSinceQueued(result) : Errors.noPerm(result,
        target.fullName());
    if (queued) {
      out.error(error);
    } else {
      TransactionCommands.reject(client, target, error, out);
    }
    return false;
  }

  /** Adds an ACL LOG entry for the client (reason from a check result, or {@code auth}). */
  static void log(Call call, ClientSession client, int result, String context, String object,
      @Nullable String username) {
    String reason = switch (result) {
      case Acl.DENIED_CMD -> "command";
      case Acl.DENIED_KEY -> "key";
      case Acl.DENIED_CHANNEL -> "channel";
      default -> "auth";
    };
    long now = System.currentTimeMillis();
    call.server().acl().log().add(reason, context, object,
        username != null ? username : client.user().name(), now,
        ClientInfo.line(client, call.server().engine().now()));
  }

  /**
   * The keys of the command in {@code argv} from {@code base}, with the permissions acl.c
   * derives from key spec flags (ACCESS: read; INSERT, DELETE, UPDATE: write).
   */
  static AclKeys keys(CommandSpec target, Argv argv, int base) {
    return () -> {
      List<KeyFinder.Key> found = KeyFinder.find(target, target.fullName(), argv, base);
      if (found == null) {
        return new int[0];
      }
      int[] out = new int[found.size()];
      for (int i = 0; i < out.length; i++) {
        KeyFinder.Key k = found.get(i);
        out[i] = k.pos() << 2 | perms(k.flags());
      }
      return out;
    };
  }

  private static int perms(@Nullable RespValue flags) {
    int p = 0;
    if (flags instanceof RespValue.Set s) {
      for (RespValue f : s.elements()) {
        String t = RedisCommandData.text(f).toUpperCase(java.util.Locale.ROOT);
        if (t.equals("ACCESS")) {
          p |= AclKeys.READ;
        } else if (t.equals("INSERT") || t.equals("DELETE") || t.equals("UPDATE")) {
          p |= AclKeys.WRITE;
        }
      }
    }
    return p;
  }

  static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
