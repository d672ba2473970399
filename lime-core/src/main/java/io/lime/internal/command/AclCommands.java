package io.lime.internal.command;

import static io.lime.internal.command.Replies.field;

import io.lime.internal.acl.Acl;
import io.lime.internal.acl.AclCategory;
import io.lime.internal.acl.AclCommand;
import io.lime.internal.acl.AclLog;
import io.lime.internal.acl.AclUser;
import io.lime.internal.engine.Errors;
import io.lime.internal.util.Numbers;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ACL and its subcommands (Redis 7.0's aclCommand): users, the ACL log, DRYRUN, the ACL file.
 * The rules themselves live in {@link io.lime.internal.acl}.
 */
public final class AclCommands implements CommandGroup {
  private static final String[] HELP = {
    "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CAT [<category>]",
    "    List all commands that belong to <category>, or all command categories",
    "    when no category is specified.",
    "DELUSER <username> [<username> ...]",
    "    Delete a list of users.",
    "DRYRUN <username> <command> [<arg> ...]",
    "    Returns whether the user can execute the given command without executing the command.",
    "GETUSER <username>",
    "    Get the user's details.",
    "GENPASS [<bits>]",
    "    Generate a secure 256-bit user password. The optional `bits` argument can",
    "    be used to specify a different size.",
    "LIST",
    "    Show users details in config file format.",
    "LOAD",
    "    Reload users from the ACL file.",
    "LOG [<count> | RESET]",
    "    Show the ACL log entries.",
    "SAVE",
    "    Save the current config to the ACL file.",
    "SETUSER <username> <attribute> [<attribute> ...]",
    "    Create or modify a user with the specified attributes.",
    "USERS",
    "    List all the registered usernames.",
    "WHOAMI",
    "    Return the current connection username.",
    "HELP",
    "    Prints this help.",
  };
  private static final SecureRandom RANDOM = new SecureRandom();

  /** ACL HELP — O(1). */
  static void aclHelp(Call c) {
    c.replyHelp(HELP);
  }

  private static String arg(Argv argv, int i) {
    return new String(argv.copy(i), StandardCharsets.ISO_8859_1);
  }

  /** Redis's addReplySubcommandSyntaxError: the subcommand as typed. */
  private static void syntax(Call c) {
    c.out().error("ERR unknown subcommand or wrong number of arguments for '"
        + arg(c.argv(), 1) + "'. Try ACL HELP.");
  }

  /** ACL SETUSER username [rule ...] — O(N) in the rules. */
  static void aclSetuser(Call c) {
    Argv argv = c.argv();
    String name = arg(argv, 2);
    if (Acl.hasSpaces(name)) {
      c.out().error(Errors.ACL_BAD_USERNAME);
      return;
    }
    List<String> ops = new ArrayList<>();
    for (int i = 3; i < argv.size(); i++) {
      ops.add(arg(argv, i));
    }
    int[] invalid = new int[1];
    List<String> merged = Acl.mergeSelectors(ops, invalid);
    if (merged == null) {
      c.out().error("ERR Unmatched parenthesis in acl selector starting at '"
          + arg(argv, invalid[0] + 3) + "'.");
      return;
    }
    Acl.SetUserError err = c.server().acl().setUser(name, merged);
    if (err != null) {
      c.out().error(err.message());
    } else {
      c.out().ok();
    }
  }

  /** ACL DELUSER username [username ...] — O(1) per user. */
  static void aclDeluser(Call c) {
    Argv argv = c.argv();
    List<String> names = new ArrayList<>();
    for (int i = 2; i < argv.size(); i++) {
      String n = arg(argv, i);
      if (n.equals(Acl.DEFAULT_USER)) {
        c.out().error(Errors.ACL_DEFAULT_UNDELETABLE);
        return;
      }
      names.add(n);
    }
    c.out().integer(c.server().acl().deleteUsers(names));
  }

  /** ACL GETUSER username — O(N) in the user's rules. */
  static void aclGetuser(Call c) {
    Acl acl = c.server().acl();
    AclUser u = acl.user(arg(c.argv(), 2));
    ReplySink out = c.out();
    if (u == null) {
      out.nullBulk();
      return;
    }
    List<Acl.SelectorView> selectors = acl.selectors(u);
    out.mapHeader(6);
    out.bulk("flags");
    List<String> flags = Acl.flagNames(u);
    out.setHeader(flags.size());
    flags.forEach(out::bulk);
    out.bulk("passwords");
    List<String> passwords = Acl.passwords(u);
    out.arrayHeader(passwords.size());
    passwords.forEach(out::bulk);
    selector(out, selectors.get(0));
    out.bulk("selectors");
    out.arrayHeader(selectors.size() - 1);
    for (Acl.SelectorView s : selectors.subList(1, selectors.size())) {
      out.mapHeader(3);
      selector(out, s);
    }
  }

  private static void selector(ReplySink out, Acl.SelectorView s) {
    field(out, "commands", s.commands());
    field(out, "keys", s.keys());
    field(out, "channels", s.channels());
  }

  /** ACL USERS — O(N) in the users. */
  static void aclUsers(Call c) {
    List<AclUser> users = c.server().acl().users();
    c.out().arrayHeader(users.size());
    for (AclUser u : users) {
      c.out().bulk(u.name().getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** ACL LIST — O(N) in the users. */
  static void aclList(Call c) {
    Acl acl = c.server().acl();
    List<AclUser> users = acl.users();
    c.out().arrayHeader(users.size());
    for (AclUser u : users) {
      c.out().bulk(("user " + u.name() + " " + acl.describe(u))
          .getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** ACL WHOAMI — O(1). */
  static void aclWhoami(Call c) {
    c.out().bulk(c.client().user().name().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** ACL CAT [category] — O(1), or O(N) in the commands with a category. */
  static void aclCat(Call c) {
    Argv argv = c.argv();
    if (argv.size() > 3) {
      syntax(c);
      return;
    }
    if (argv.size() == 2) {
      c.out().arrayHeader(AclCategory.ALL.size());
      AclCategory.ALL.forEach(c.out()::bulk);
      return;
    }
    String cat = arg(argv, 2);
    long bit = AclCategory.bit(cat);
    if (bit == 0) {
      c.out().error("ERR Unknown category '" + (cat.length() > 128 ? cat.substring(0, 128) : cat)
          + "'");
      return;
    }
    List<String> names = new ArrayList<>();
    c.server().acl().commands().forEachInCategory(bit, cmd -> names.add(cmd.fullName()));
    c.out().arrayHeader(names.size());
    names.forEach(c.out()::bulk);
  }

  /** ACL GENPASS [bits] — O(1). */
  static void aclGenpass(Call c) {
    Argv argv = c.argv();
    if (argv.size() > 3) {
      syntax(c);
      return;
    }
    long bits = 256;
    if (argv.size() == 3) {
      Long v = integer(c, 2);
      if (v == null) {
        return;
      }
      bits = v;
    }
    if (bits <= 0 || bits > 4096) {
      c.out().error(Errors.ACL_GENPASS_BITS);
      return;
    }
    int chars = (int) ((bits + 3) / 4);
    byte[] random = new byte[(chars + 1) / 2];
    RANDOM.nextBytes(random);
    c.out().bulk(HexFormat.of().formatHex(random).substring(0, chars));
  }

  private static Long integer(Call c, int i) {
    Argv argv = c.argv();
    byte[] a = argv.array();
    if (!Numbers.isLong(a, argv.offset(i), argv.length(i))) {
      c.out().error(Errors.NOT_INTEGER);
      return null;
    }
    return Numbers.parseLong(a, argv.offset(i), argv.length(i));
  }

  /** ACL LOG [count | RESET] — O(N) in the entries shown. */
  static void aclLog(Call c) {
    Argv argv = c.argv();
    if (argv.size() > 3) {
      syntax(c);
      return;
    }
    AclLog log = c.server().acl().log();
    long count = 10;
    if (argv.size() == 3) {
      if (argv.is(2, "RESET")) {
        log.reset();
        c.out().ok();
        return;
      }
      Long v = integer(c, 2);
      if (v == null) {
        return;
      }
      count = Math.max(0, v);
    }
    List<AclLog.Entry> entries = log.newest(count);
    long now = System.currentTimeMillis();
    ReplySink out = c.out();
    out.arrayHeader(entries.size());
    for (AclLog.Entry e : entries) {
      out.mapHeader(7);
      field(out, "count", e.count());
      field(out, "reason", e.reason());
      field(out, "context", e.context());
      field(out, "object", e.object().getBytes(StandardCharsets.ISO_8859_1));
      field(out, "username", e.username().getBytes(StandardCharsets.ISO_8859_1));
      out.bulk("age-seconds");
      out.doubleValue((now - e.createdMillis()) / 1000.0);
      field(out, "client-info", e.clientInfo());
    }
  }

  /** ACL DRYRUN username command [arg ...] — O(1) plus the keys' checks. */
  static void aclDryrun(Call c) {
    Argv argv = c.argv();
    Acl acl = c.server().acl();
    AclUser u = acl.user(arg(argv, 2));
    if (u == null) {
      c.out().error("ERR User '" + arg(argv, 2) + "' not found");
      return;
    }
    CommandTable table = c.server().commandTable();
    CommandSpec spec = table.lookup(argv, 3);
    CommandSpec target = spec;
    if (spec != null && spec.isContainer() && argv.size() >= 5) {
      target = table.lookupSub(spec, argv, 4);
    }
    AclCommand cmd = target == null ? null : acl.commands().lookup(target.fullName());
    if (target == null || cmd == null) {
      c.out().error("ERR Command '" + arg(argv, 3) + "' not found");
      return;
    }
    int argc = argv.size() - 3;
    if ((target.arity() > 0 && target.arity() != argc) || argc < -target.arity()) {
      c.out().error(Errors.arity(cmd.fullName()));
      return;
    }
    int[] errPos = new int[1];
    int r = Acl.check(u, cmd, argv, 3, Permissions.keys(target, argv, 3), errPos);
    switch (r) {
      case Acl.OK -> c.out().ok();
      case Acl.DENIED_CMD -> c.out().bulk("This user has no permissions to run the '"
          + cmd.fullName() + "' command");
      case Acl.DENIED_KEY -> c.out().bulk("This user has no permissions to access the '"
          + arg(argv, 3 + errPos[0]) + "' key");
      default -> c.out().bulk("This user has no permissions to access the '"
          + arg(argv, 3 + errPos[0]) + "' channel");
    }
  }

  private static Path aclFile(Call c) {
    String f = c.server().config().get("aclfile");
    return f == null || f.isEmpty() ? null : Path.of(f);
  }

  /** ACL SAVE — O(N) in the users. */
  static void aclSave(Call c) {
    Path f = aclFile(c);
    if (f == null) {
      c.out().error(Errors.ACL_NO_FILE);
      return;
    }
    try {
      c.server().aclFiles().saveFile(f);
      c.out().ok();
    } catch (IOException e) {
      c.out().error(Errors.ACL_SAVE_FAILED);
    }
  }

  /** ACL LOAD — O(N) in the users of the file. */
  static void aclLoad(Call c) {
    Path f = aclFile(c);
    if (f == null) {
      c.out().error(Errors.ACL_NO_FILE);
      return;
    }
    String errors = c.server().aclFiles().loadFile(f);
    if (errors == null) {
      c.out().ok();
    } else {
      c.out().error("ERR " + errors);
    }
  }
}
