package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CLIENT and its subcommands (Redis's networking.c clientCommand), as Redis 7.0.15, plus
 * CLIENT SETINFO and CLIENT NO-TOUCH, which 7.0.15 lacks but Jedis 5 / Lettuce 6.3 send in
 * their handshake: they behave as in Redis 7.2 (and are absent from CLIENT HELP, whose text
 * is 7.0.15's). Not implemented (unknown subcommand, as an honest refusal): CACHING,
 * TRACKING, PAUSE, UNPAUSE; they need tracking and pause support. UNBLOCK ends the wait of a
 * client blocked in a list command (see {@code Blocking}).
 *
 * <p>All clients are of type {@code normal} until replication and pub/sub exist.
 */
public final class ClientCommands implements CommandGroup {
  private static final String[] HELP = {
    "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CACHING (YES|NO)",
    "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
    "GETREDIR",
    "    Return the client ID we are redirecting to when tracking is enabled.",
    "GETNAME",
    "    Return the name of the current connection.",
    "ID",
    "    Return the ID of the current connection.",
    "INFO",
    "    Return information about the current client connection.",
    "KILL <ip:port>",
    "    Kill connection made from <ip:port>.",
    "KILL <option> <value> [<option> <value> [...]]",
    "    Kill connections. Options are:",
    "    * ADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made from the specified address",
    "    * LADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made to specified local address",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Kill connections by type.",
    "    * USER <username>",
    "      Kill connections authenticated by <username>.",
    "    * SKIPME (YES|NO)",
    "      Skip killing current connection (default: yes).",
    "LIST [options ...]",
    "    Return information about client connections. Options:",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Return clients of specified type.",
    "UNPAUSE",
    "    Stop the current client pause, resuming traffic.",
    "PAUSE <timeout> [WRITE|ALL]",
    "    Suspend all, or just write, clients for <timeout> milliseconds.",
    "REPLY (ON|OFF|SKIP)",
    "    Control the replies sent to the current connection.",
    "SETNAME <name>",
    "    Assign the name <name> to the current connection.",
    "UNBLOCK <clientid> [TIMEOUT|ERROR]",
    "    Unblock the specified blocked client.",
    "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
    "         [OPTIN] [OPTOUT] [NOLOOP]",
    "    Control server assisted client side caching.",
    "TRACKINGINFO",
    "    Report tracking status for the current connection.",
    "NO-EVICT (ON|OFF)",
    "    Protect current client connection from eviction.",
    "HELP",
    "    Prints this help.",
  };

  /** CLIENT HELP — O(1). */ static void clientHelp(Call call) { call.replyHelp(HELP); }

  /** CLIENT ID — O(1). */
  static void clientId(Call call) { call.out().integer(call.client().id()); }

  /** CLIENT GETNAME — O(1). */
  static void clientGetname(Call call) {
    String n = call.client().name();
    Replies.bulkOrNull(call.out(), n);
  }

  /** CLIENT SETNAME name — O(1). */
  static void clientSetname(Call call) {
    if (ConnectionCommands.setName(call, 2)) {
      call.out().ok();
    }
  }

  /** CLIENT SETINFO LIB-NAME|LIB-VER value — O(1). As Redis 7.2 (absent from 7.0.15). */
  static void clientSetinfo(Call call) {
    Argv argv = call.argv();
    boolean libName = argv.is(2, "LIB-NAME");
    if (!libName && !argv.is(2, "LIB-VER")) {
      call.out().error("ERR Unrecognized option '" + argv.string(2) + "'");
      return;
    }
    if (!ConnectionCommands.isPrintableToken(argv, 3)) {
      call.out().error("ERR " + argv.string(2)
          + " cannot contain spaces, newlines or special characters.");
      return;
    }
    String v = argv.length(3) == 0 ? null : argv.string(3);
    if (libName) {
      call.client().libName(v);
    } else {
      call.client().libVersion(v);
    }
    call.out().ok();
  }

  /** CLIENT INFO — O(1). */
  static void clientInfo(Call call) {
    call.out().verbatim("txt", ClientInfo.line(call.server(), call.client(), call.now(),
        ClientInfo.argvBytes(call.argv())) + "\n");
  }

  /** CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id [id ...]] — O(N) clients. */
  static void clientList(Call call) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    List<ClientSession> selected = new ArrayList<>();
    if (argv.size() == 2) {
      selected.addAll(call.server().clients());
    } else if (argv.size() == 4 && argv.is(2, "TYPE")) {
      ClientType t = ClientType.parse(argv, 3);
      if (t == null) {
        out.error("ERR Unknown client type '" + argv.string(3) + "'");
        return;
      }
      if (t == ClientType.NORMAL) {
        selected.addAll(call.server().clients());
      }
    } else if (argv.size() > 3 && argv.is(2, "ID")) {
      for (int j = 3; j < argv.size(); j++) {
        if (!Numbers.isLong(argv.array(), argv.offset(j), argv.length(j))) {
          out.error(Errors.INVALID_CLIENT_ID);
          return;
        }
      }
      for (int j = 3; j < argv.size(); j++) {
        ClientSession c = call.server().client(
            Numbers.parseLong(argv.array(), argv.offset(j), argv.length(j)));
        if (c != null) {
          selected.add(c);
        }
      }
    } else {
      out.error(Errors.SYNTAX);
      return;
    }
    if (argv.size() == 2 || !argv.is(2, "ID")) {
      selected.sort((a, b) -> Long.compare(a.id(), b.id()));
    }
    StringBuilder sb = new StringBuilder();
    long now = call.now();
    for (ClientSession c : selected) {
      long argvMem = c == call.client() ? ClientInfo.argvBytes(argv) : 0;
      sb.append(ClientInfo.line(call.server(), c, now, argvMem)).append('\n');
    }
    out.verbatim("txt", sb.toString());
  }

  /** CLIENT REPLY ON|OFF|SKIP — O(1). OFF and SKIP produce no reply. */
  static void clientReply(Call call) {
    Argv argv = call.argv();
    ClientSession c = call.client();
    if (argv.is(2, "ON")) {
      c.replyMode(ClientSession.ReplyMode.ON);
      if (call.out() instanceof ReplyGate g) {
        g.unmute();
      }
      call.out().ok();
    } else if (argv.is(2, "OFF")) {
      c.replyMode(ClientSession.ReplyMode.OFF);
    } else if (argv.is(2, "SKIP")) {
      if (c.replyMode() != ClientSession.ReplyMode.OFF) {
        c.replyMode(ClientSession.ReplyMode.SKIP);
      }
    } else {
      call.out().error(Errors.SYNTAX);
    }
  }

  /** CLIENT NO-EVICT ON|OFF — O(1). */
  static void clientNoEvict(Call call) {
    int on = onOff(call);
    if (on >= 0) {
      call.client().noEvict(on == 1);
      call.out().ok();
    }
  }

  /** CLIENT NO-TOUCH ON|OFF — O(1). As Redis 7.2 (absent from 7.0.15). */
  static void clientNoTouch(Call call) {
    int on = onOff(call);
    if (on >= 0) {
      call.client().noTouch(on == 1);
      call.out().ok();
    }
  }

  /** The ON|OFF argument (index 2): 1 for ON, 0 for OFF, -1 after replying a syntax error. */
  private static int onOff(Call call) {
    Argv argv = call.argv();
    if (argv.is(2, "ON") || argv.is(2, "OFF")) {
      return argv.is(2, "ON") ? 1 : 0;
    }
    call.out().error(Errors.SYNTAX);
    return -1;
  }

  /**
   * CLIENT KILL ip:port | CLIENT KILL [ID id] [TYPE type] [USER user] [ADDR ip:port]
   * [LADDR ip:port] [SKIPME yes|no] ... — O(N) clients. The caller's own connection is
   * closed after this reply; others are closed at once.
   */
  static void clientKill(Call call) {
    ClientKill.run(call);
  }

  /**
   * CLIENT UNBLOCK client-id [TIMEOUT|ERROR] — O(log N). Ends the wait of a client blocked in
   * BLPOP and friends: TIMEOUT (default) answers it as its timeout would, ERROR with
   * {@code -UNBLOCKED client unblocked via CLIENT UNBLOCK}. Replies 1 when it was blocked.
   */
  static void clientUnblock(Call call) {
    Argv a = call.argv();
    ReplySink out = call.out();
    if (a.size() > 4) {
      out.error(Errors.subcommandSyntax(a.string(1), a.string(0)));
      return;
    }
    boolean error = false;
    if (a.size() == 4) {
      if (a.is(3, "TIMEOUT")) {
        error = false;
      } else if (a.is(3, "ERROR")) {
        error = true;
      } else {
        out.error(Errors.UNBLOCK_REASON);
        return;
      }
    }
    if (!Numbers.isLong(a.array(), a.offset(2), a.length(2))) {
      out.error(Errors.NOT_INTEGER);
      return;
    }
    long id = Numbers.parseLong(a.array(), a.offset(2), a.length(2));
    ClientSession target = call.server().client(id);
    io.lime.internal.engine.Waiter w = target == null ? null : target.waiter();
    out.integer(w != null && call.engine().blocking().timeout(w, error) ? 1 : 0);
  }

  /** CLIENT types (Redis's getClientTypeByName); LIME has only normal clients for now. */
  enum ClientType {
    NORMAL, REPLICA, PUBSUB, MASTER;

    static @Nullable ClientType parse(Argv argv, int i) {
      if (argv.is(i, "NORMAL")) {
        return NORMAL;
      } else if (argv.is(i, "SLAVE") || argv.is(i, "REPLICA")) {
        return REPLICA;
      } else if (argv.is(i, "PUBSUB")) {
        return PUBSUB;
      } else if (argv.is(i, "MASTER")) {
        return MASTER;
      }
      return null;
    }
  }
}
