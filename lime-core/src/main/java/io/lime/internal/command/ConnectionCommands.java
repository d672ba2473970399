package io.lime.internal.command;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclUser;
import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;

/**
 * Connection commands (Redis's group "connection"): PING, ECHO, QUIT, RESET, AUTH, HELLO.
 * SELECT belongs to {@link DatabaseCommands}, CLIENT to {@link ClientCommands}.
 *
 * <p>Authentication: ACL users ({@link io.lime.internal.acl.Acl}); the {@code default}
 * user's password is {@code requirepass}, and when it is "nopass" any password (with the
 * username {@code default}) authenticates, as in Redis.
 */
public final class ConnectionCommands implements CommandGroup {
  /**
   * Whether HELLO's map carries a {@code lime_version} entry after {@code modules}. Redis
   * 7.0.15 replies exactly 7 entries; every client we know (redis-cli, Jedis, Lettuce,
   * redis-py) parses the reply as a map and ignores unknown entries, and the walking-skeleton
   * issue asks HELLO to report LIME's own version in a separate field. Differential tests
   * remove this one entry before comparing with Redis.
   */
  static final boolean HELLO_REPORTS_LIME_VERSION = true;

  static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already "
      + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to "
      + "authenticate the client and select the RESP protocol version at the same time";
  static final String AUTH_WITHOUT_PASSWORD = "ERR AUTH <password> called without any "
      + "password configured for the default user. Are you sure your configuration is correct?";
  static final String NOPROTO = "NOPROTO unsupported protocol version";
  static final String PROTOCOL_NOT_INTEGER =
      "ERR Protocol version is not an integer or out of range";
  static final String BAD_CLIENT_NAME =
      "ERR Client names cannot contain spaces, newlines or special characters.";

  /** PING [message] — O(1). RESP2 subscribers' form is the pub/sub layer's concern. */
  static void ping(Call call) {
    Argv argv = call.argv();
    if (argv.size() > 2) {
      call.out().error(Errors.arity("ping"));
    } else if (call.client().protocol() == 2 && call.client().inPubSub()) {
      call.out().arrayHeader(2); // RESP2 subscriber: ["pong", message or ""] (Redis pingCommand)
      call.out().bulk("pong");
      if (argv.size() == 1) {
        call.out().bulk("");
      } else {
        call.out().bulk(argv.array(), argv.offset(1), argv.length(1));
      }
    } else if (argv.size() == 1) {
      call.out().simple("PONG");
    } else {
      call.out().bulk(argv.array(), argv.offset(1), argv.length(1));
    }
  }

  /** ECHO message — O(1). */
  static void echo(Call call) {
    Argv argv = call.argv();
    call.out().bulk(argv.array(), argv.offset(1), argv.length(1));
  }

  /**
   * QUIT — O(1). Replies +OK and asks the connection to close once the reply is written.
   * As Redis 7.0, extra arguments are ignored and no authentication is needed.
   */
  static void quit(Call call) {
    call.client().closeAfterReply(true);
    call.out().ok();
  }

  /** RESET — O(1). Clears the connection's state (see {@link ClientSession#resetConnectionState}). */
  static void reset(Call call) {
    ClientSession c = call.client();
    c.resetConnectionState(!call.server().requiresPassword());
    call.server().monitors().remove(c);
    c.user(call.server().acl().defaultUser());
    call.server().tracking().disable(c);
    ReplyGate.switchProtocol(c, call.out(), 2);
    if (call.out() instanceof ReplyGate g) {
      g.unmuteOff();
    }
    call.out().simple("RESET");
  }

  /** AUTH [username] password — O(N) in the number of passwords of the user (here 1). */
  static void auth(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    if (argv.size() > 3) {
      out.error(Errors.SYNTAX);
      return;
    }
    if (argv.size() == 2) {
      if (call.server().acl().defaultUser().nopass()) {
        out.error(AUTH_WITHOUT_PASSWORD);
        return;
      }
      if (authenticate(call, -1, 1)) {
        out.ok();
      }
      return;
    }
    if (authenticate(call, 1, 2)) {
      out.ok();
    }
  }

  /**
   * Checks user (argument {@code userArg}, or {@code default} when negative) and password
   * (acl.c ACLAuthenticateUser); on success the client runs as that user, on failure replies
   * WRONGPASS and adds an ACL LOG entry. Failure leaves an already authenticated client as it
   * was, as in Redis.
   */
  private static boolean authenticate(Call call, int userArg, int passArg) {
    Argv argv = call.argv();
    String name = userArg < 0 ? Acl.DEFAULT_USER
        : new String(argv.copy(userArg), StandardCharsets.ISO_8859_1);
    AclUser user = call.server().acl().authenticate(name, argv, passArg);
    if (user != null) {
      call.client().user(user);
      call.client().authenticated(true);
      return true;
    }
    Permissions.log(call, call.client(), 3, call.client().inMulti() ? "multi" : "toplevel",
        new String(argv.copy(0), StandardCharsets.ISO_8859_1), name);
    call.out().error(Errors.INVALID_PASSWORD);
    return false;
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]] — O(1). */
  static void hello(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    ClientSession client = call.client();
    long version = 0;
    int next = 1;
    if (argv.size() >= 2) {
      byte[] a = argv.array();
      if (!Numbers.isLong(a, argv.offset(1), argv.length(1))) {
        out.error(PROTOCOL_NOT_INTEGER);
        return;
      }
      version = Numbers.parseLong(a, argv.offset(1), argv.length(1));
      if (version < 2 || version > 3) {
        out.error(NOPROTO);
        return;
      }
      next = 2;
    }
    // As Redis 7.0.15, AUTH and SETNAME take effect as they are parsed: a later syntax
    // error or NOAUTH does not undo them.
    for (int j = next; j < argv.size(); j++) {
      int more = argv.size() - 1 - j;
      if (argv.is(j, "AUTH") && more >= 2) {
        if (!authenticate(call, j + 1, j + 2)) {
          return;
        }
        j += 2;
      } else if (argv.is(j, "SETNAME") && more >= 1) {
        if (!setName(call, j + 1)) {
          return;
        }
        j++;
      } else {
        out.error("ERR Syntax error in HELLO option '" + argv.string(j) + "'");
        return;
      }
    }
    if (!client.authenticated()) {
      out.error(HELLO_NOAUTH);
      return;
    }
    if (version != 0) {
      ReplyGate.switchProtocol(client, out, (int) version);
    }
    out.mapHeader(HELLO_REPORTS_LIME_VERSION ? 8 : 7);
    out.bulk("server");
    out.bulk("redis");
    out.bulk("version");
    out.bulk(ServerState.REDIS_VERSION);
    out.bulk("proto");
    out.integer(client.protocol());
    out.bulk("id");
    out.integer(client.id());
    out.bulk("mode");
    out.bulk("standalone");
    out.bulk("role");
    out.bulk("master");
    out.bulk("modules");
    out.arrayHeader(0);
    if (HELLO_REPORTS_LIME_VERSION) {
      out.bulk("lime_version");
      out.bulk(LimeVersion.VALUE);
    }
  }

  /**
   * Sets the client name from argument {@code i} (CLIENT SETNAME, HELLO SETNAME): an empty
   * name clears it; bytes outside {@code '!'..'~'} are refused with Redis's error.
   */
  static boolean setName(Call call, int i) {
    Argv argv = call.argv();
    if (!isPrintableToken(argv, i)) {
      call.out().error(BAD_CLIENT_NAME);
      return false;
    }
    call.client().name(argv.length(i) == 0 ? null : argv.string(i));
    return true;
  }

  /** Whether every byte of argument {@code i} is in {@code '!'..'~'} (CLIENT LIST safe). */
  static boolean isPrintableToken(Argv argv, int i) {
    byte[] a = argv.array();
    int off = argv.offset(i);
    for (int k = 0; k < argv.length(i); k++) {
      int c = a[off + k];
      if (c < '!' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
