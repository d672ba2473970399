package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** CLIENT KILL, both forms, as Redis 7.0's clientKillCommand (no MAXAGE: that is 7.4). */
final class ClientKill {
  private ClientKill() {}

  static void run(Call call) {
    Argv argv = call.argv();
    String addr = null;
    String laddr = null;
    long id = 0;
    ClientCommands.@Nullable ClientType type = null;
    boolean skipme = true;
    io.lime.internal.acl.AclUser user = null;
    if (argv.size() == 3) {
      addr = argv.string(2);
      skipme = false; // the old form may kill the caller
    } else {
      for (int i = 2; i < argv.size(); i += 2) {
        boolean more = argv.size() > i + 1;
        if (more && argv.is(i, "ID")) {
          byte[] a = argv.array();
          int off = argv.offset(i + 1);
          int len = argv.length(i + 1);
          if (!Numbers.isLong(a, off, len) || Numbers.parseLong(a, off, len) < 1) {
            call.out().error(Errors.CLIENT_ID_NOT_POSITIVE);
            return;
          }
          id = Numbers.parseLong(a, off, len);
        } else if (more && argv.is(i, "TYPE")) {
          type = ClientCommands.ClientType.parse(argv, i + 1);
          if (type == null) {
            call.out().error("ERR Unknown client type '" + argv.string(i + 1) + "'");
            return;
          }
        } else if (more && argv.is(i, "ADDR")) {
          addr = argv.string(i + 1);
        } else if (more && argv.is(i, "LADDR")) {
          laddr = argv.string(i + 1);
        } else if (more && argv.is(i, "USER")) {
          user = call.server().acl().user(argv.string(i + 1));
          if (user == null) {
            call.out().error("ERR No such user '" + argv.string(i + 1) + "'");
            return;
          }
        } else if (more && argv.is(i, "SKIPME")) {
          if (argv.is(i + 1, "YES")) {
            skipme = true;
          } else if (argv.is(i + 1, "NO")) {
            skipme = false;
          } else {
            call.out().error(Errors.SYNTAX);
            return;
          }
        } else {
          call.out().error(Errors.SYNTAX);
          return;
        }
      }
    }
    ClientSession self = call.client();
    List<ClientSession> victims = new ArrayList<>();
    for (ClientSession c : call.server().clients()) {
      if (addr != null && !addr.equals(c.address())) {
        continue;
      }
      if (laddr != null && !laddr.equals(c.localAddress())) {
        continue;
      }
      if (type != null && type != ClientCommands.ClientType.NORMAL) {
        continue;
      }
      if (user != null && c.user() != user) {
        continue;
      }
      if (id != 0 && c.id() != id) {
        continue;
      }
      if (c == self && skipme) {
        continue;
      }
      victims.add(c);
    }
    for (ClientSession c : victims) {
      if (c == self) {
        self.closeAfterReply(true);
      } else {
        c.kill();
      }
    }
    if (argv.size() == 3) {
      if (victims.isEmpty()) {
        call.out().error(Errors.NO_SUCH_CLIENT);
      } else {
        call.out().ok();
      }
    } else {
      call.out().integer(victims.size());
    }
  }
}
