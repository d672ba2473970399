package io.lime.internal.acl;

import io.lime.internal.util.Lazy;
import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The users of one server and their permissions (acl.c's {@code Users}, {@code DefaultUser},
 * {@code ACLLog}): ACL SETUSER/DELUSER, AUTH, the permission check, the ACL file and the
 * {@code user} directives.
 *
 * <p>Thread-safety: the user table is guarded by this object's monitor (ACL commands are
 * rare); a user's rules are published as one immutable snapshot (see {@link AclUser}), so
 * permission checks read them without locking. The command set is loaded on first use (a
 * server that never uses ACLs never reads it).
 */
public final class Acl {
  /** The name of the user every connection starts as. */
  public static final String DEFAULT_USER = "default";

  private final Lazy<AclCommandSet> commands;
  final TreeMap<String, AclUser> users = new TreeMap<>();
  private final AclUser defaultUser;
  private final AclLog log = new AclLog();
  /** {@code acl-pubsub-default}: {@link AclSelector#ALLCHANNELS} or 0 (resetchannels). */
  private volatile int pubsubDefault;
  volatile Consumer<AclUser> onDelete = u -> { };

  /** An ACL whose commands come from {@code commands} (called once, when first needed). */
  public Acl(Supplier<AclCommandSet> commands) {
    this.commands = new Lazy<>(commands);
    this.defaultUser = new AclUser(DEFAULT_USER, defaultRules());
    users.put(DEFAULT_USER, defaultUser);
  }

  /** acl.c ACLCreateDefaultUser: {@code +@all ~* &* on nopass}. */
  static AclUser.Rules defaultRules() {
    AclUser.Rules r = AclUser.Rules.fresh();
    AclSelector root = r.root();
    java.util.Arrays.fill(root.allowed, -1L);
    root.flags |= AclSelector.ALLCOMMANDS | AclSelector.ALLKEYS | AclSelector.ALLCHANNELS;
    r.flags = AclUser.ON | AclUser.NOPASS;
    return r;
  }

  /** The command set ACL rules name. */
  public AclCommandSet commands() {
    return commands.get();
  }

  /** The {@code default} user. */
  public AclUser defaultUser() { return defaultUser; }

  /** The ACL log. */
  public AclLog log() { return log; }

  /** {@code acl-pubsub-default}: whether new selectors start with {@code allchannels}. */
  public void pubsubDefaultAllChannels(boolean all) {
    this.pubsubDefault = all ? AclSelector.ALLCHANNELS : 0;
  }

  private volatile Consumer<AclUser> onChannelsRevoked = u -> { };

  /**
   * Called after ACL SETUSER takes channel permissions away from a user (acl.c
   * ACLKillPubsubClientsIfNeeded): its subscribed clients whose channels the user may no
   * longer use are to be disconnected (see {@link #channelPermitted}).
   */
  public void onChannelsRevoked(Consumer<AclUser> listener) {
    this.onChannelsRevoked = listener;
  }

  /**
   * Whether {@code user} may use the channel (or, {@code literal}, the pattern) under the
   * union of its selectors' channel patterns, as acl.c's kill check does.
   */
  public static boolean channelPermitted(AclUser user, byte[] channel, boolean literal) {
    for (AclSelector s : user.rules().selectors) {
      if (s.channelAllowed(channel, 0, channel.length, literal)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code now} drops a channel pattern {@code before} had, with no allchannels. */
  private static boolean channelsRevoked(AclUser.Rules before, AclUser.Rules now) {
    List<byte[]> upcoming = new ArrayList<>();
    for (AclSelector s : now.selectors) {
      if ((s.flags & AclSelector.ALLCHANNELS) != 0) {
        return false;
      }
      upcoming.addAll(s.channels);
    }
    for (AclSelector s : before.selectors) {
      for (byte[] c : s.channels) {
        if (upcoming.stream().noneMatch(u -> java.util.Arrays.equals(u, c))) {
          return true;
        }
      }
      if ((s.flags & AclSelector.ALLCHANNELS) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Called for each user ACL DELUSER or ACL LOAD removes (to disconnect its clients). */
  public void onDelete(Consumer<AclUser> listener) {
    this.onDelete = listener;
  }

  /**
   * Whether a connection must authenticate (server.c authRequired): the default user has a
   * password or is disabled.
   */
  public boolean authRequired() {
    return !defaultUser.nopass() || !defaultUser.enabled();
  }

  /** The user with this name, or null. */
  public synchronized @Nullable AclUser user(String name) {
    return users.get(name);
  }

  /** Users by name, in byte order (ACL USERS, ACL LIST, ACL SAVE). */
  public synchronized List<AclUser> users() {
    return new ArrayList<>(users.values());
  }

  /**
   * acl.c ACLCheckUserCredentials: the user named {@code user} when it exists, is enabled
   * and {@code password} (argument {@code passArg}) is one of its passwords, else null.
   */
  public @Nullable AclUser authenticate(String user, Argv argv, int passArg) {
    AclUser u = user(user);
    return u != null && u.passwordMatches(argv, passArg) ? u : null;
  }

  /** {@code requirepass}: the default user's only password, or nopass when empty. */
  public void defaultPassword(@Nullable String password) {
    AclUser.Rules r = defaultUser.rules().copy();
    r.passwords.clear();
    r.flags &= ~AclUser.NOPASS;
    if (password == null || password.isEmpty()) {
      r.flags |= AclUser.NOPASS;
    } else {
      byte[] b = password.getBytes(StandardCharsets.UTF_8);
      r.passwords.add(AclUser.hash(b, 0, b.length));
    }
    defaultUser.publish(r);
  }

  // ------------------------------------------------------------------ rules

  /** acl.c ACLStringHasSpaces: whether a user name or pattern has whitespace or NUL. */
  public static boolean hasSpaces(String s) {
    return AclSelector.hasSpaces(s);
  }

  /** acl.c ACLSetUser: applies one rule to rules being built. */
  void apply(AclUser.Rules r, String op) throws AclRuleException {
    if (op.isEmpty()) {
      return;
    }
    if (op.equalsIgnoreCase("on")) {
      r.flags = (r.flags | AclUser.ON);
    } else if (op.equalsIgnoreCase("off")) {
      r.flags &= ~AclUser.ON;
    } else if (op.equalsIgnoreCase("skip-sanitize-payload")) {
      r.flags = (r.flags | AclUser.SKIP_SANITIZE) & ~AclUser.SANITIZE;
    } else if (op.equalsIgnoreCase("sanitize-payload")) {
      r.flags = (r.flags | AclUser.SANITIZE) & ~AclUser.SKIP_SANITIZE;
    } else if (op.equalsIgnoreCase("nopass")) {
      r.flags |= AclUser.NOPASS;
      r.passwords.clear();
    } else if (op.equalsIgnoreCase("resetpass")) {
      r.flags &= ~AclUser.NOPASS;
      r.passwords.clear();
    } else if (op.charAt(0) == '>' || op.charAt(0) == '#') {
      String hash = passwordHash(op);
      if (!r.passwords.contains(hash)) {
        r.passwords.add(hash);
      }
      r.flags &= ~AclUser.NOPASS;
    } else if (op.charAt(0) == '<' || op.charAt(0) == '!') {
      if (!r.passwords.remove(passwordHash(op))) {
        throw new AclRuleException(AclRuleException.Reason.NO_SUCH_PASSWORD);
      }
    } else if (op.charAt(0) == '(' && op.charAt(op.length() - 1) == ')') {
      AclSelector s = new AclSelector(pubsubDefault);
      for (String sub : splitArgs(op.substring(1, op.length() - 1))) {
        s.apply(sub, commands());
      }
      r.selectors.add(s);
    } else if (op.equalsIgnoreCase("clearselectors")) {
      r.selectors.subList(1, r.selectors.size()).clear();
    } else if (op.equalsIgnoreCase("reset")) {
      apply(r, "resetpass");
      apply(r, "resetkeys");
      apply(r, "resetchannels");
      if (pubsubDefault != 0) {
        apply(r, "allchannels");
      }
      apply(r, "off");
      apply(r, "sanitize-payload");
      apply(r, "clearselectors");
      apply(r, "-@all");
    } else {
      r.root().apply(op, commands());
    }
  }

  private static String passwordHash(String op) throws AclRuleException {
    byte[] b = op.substring(1).getBytes(StandardCharsets.ISO_8859_1);
    if (op.charAt(0) == '>' || op.charAt(0) == '<') {
      return AclUser.hash(b, 0, b.length);
    }
    if (b.length != 64) {
      throw new AclRuleException(AclRuleException.Reason.BAD_HASH);
    }
    for (byte c : b) {
      if ((c < 'a' || c > 'f') && (c < '0' || c > '9')) {
        throw new AclRuleException(AclRuleException.Reason.BAD_HASH);
      }
    }
    return op.substring(1);
  }

  /** Splits a selector's inside on spaces, as sdssplitargs without quotes. */
  private static List<String> splitArgs(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.trim().split("[ \t\r\n]+")) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  /**
   * acl.c ACLMergeSelectorArguments: joins {@code ( ... )} spread over several arguments.
   *
   * @return the merged rules, or null with {@code invalid[0]} the index of the unmatched
   *     opening argument
   */
  public static @Nullable List<String> mergeSelectors(List<String> ops, int[] invalid) {
    List<String> out = new ArrayList<>();
    StringBuilder sel = null;
    int open = -1;
    for (int j = 0; j < ops.size(); j++) {
      String op = ops.get(j);
      if (!op.isEmpty() && op.charAt(0) == '(' && op.charAt(op.length() - 1) != ')') {
        sel = new StringBuilder(op);
        open = j;
        continue;
      }
      if (open != -1 && sel != null) {
        sel.append(' ').append(op);
        if (!op.isEmpty() && op.charAt(op.length() - 1) == ')') {
          open = -1;
          out.add(sel.toString());
        }
        continue;
      }
      out.add(op);
    }
    if (open != -1) {
      invalid[0] = open;
      return null;
    }
    return out;
  }

  /** The result of ACL SETUSER: null when done, else the failing rule and its reason. */
  public record SetUserError(String op, AclRuleException.Reason reason) {
    /** Redis's reply text. */
    public String message() {
      return "ERR Error in ACL SETUSER modifier '" + op + "': " + reason.text;
    }
  }

  /**
   * ACL SETUSER with rules already merged: applies them to a copy of the user (a new one when
   * absent) and publishes the result only when every rule applied.
   */
  public synchronized @Nullable SetUserError setUser(String name, List<String> ops) {
    AclUser existing = users.get(name);
    AclUser.Rules r = existing != null ? existing.rules().copy() : freshRules();
    for (String op : ops) {
      try {
        apply(r, op);
      } catch (AclRuleException e) {
        return new SetUserError(op, e.reason());
      }
    }
    if (existing != null) {
      boolean revoked = channelsRevoked(existing.rules(), r);
      existing.publish(r);
      if (revoked) {
        onChannelsRevoked.accept(existing);
      }
    } else {
      users.put(name, new AclUser(name, r));
    }
    return null;
  }

  AclUser.Rules freshRules() {
    AclUser.Rules r = AclUser.Rules.fresh();
    r.root().flags |= pubsubDefault;
    return r;
  }

  /** ACL DELUSER of users other than {@code default} (checked by the caller): how many existed. */
  public int deleteUsers(List<String> names) {
    List<AclUser> removed = new ArrayList<>();
    synchronized (this) {
      for (String n : names) {
        AclUser u = users.remove(n);
        if (u != null) {
          u.markDeleted();
          removed.add(u);
        }
      }
    }
    removed.forEach(onDelete);
    return removed.size();
  }

  // ------------------------------------------------------------------ checks

  /** Check results (acl.c ACL_OK, ACL_DENIED_*). */
  public static final int OK = AclSelector.OK;
  public static final int DENIED_CMD = AclSelector.DENIED_CMD;
  public static final int DENIED_KEY = AclSelector.DENIED_KEY;
  public static final int DENIED_CHANNEL = AclSelector.DENIED_CHANNEL;

  /**
   * acl.c ACLCheckAllUserCommandPerm: whether {@code user} may run {@code cmd} with the
   * arguments of {@code argv} from {@code base} (the command name). On denial {@code errPos[0]}
   * is the argument (from {@code base}) of the most relevant denial across the selectors.
   */
  public static int check(AclUser user, AclCommand cmd, Argv argv, int base, AclKeys keys,
      int[] errPos) {
    AclKeys cached = new AclKeys() {
      int[] k;

      @Override
      public int[] keys() {
        if (k == null) {
          k = keys.keys();
        }
        return k;
      }
    };
    int relevant = DENIED_CMD;
    int lastIdx = 0;
    int[] local = new int[1];
    for (AclSelector s : user.rules().selectors) {
      local[0] = 0;
      int r = s.check(cmd, argv, base, cached, local);
      if (r == OK) {
        return OK;
      }
      if (r > relevant || (r == relevant && local[0] > lastIdx)) {
        relevant = r;
        lastIdx = local[0];
      }
    }
    errPos[0] = lastIdx;
    return relevant;
  }

  // ------------------------------------------------------------------ description

  /** acl.c ACLDescribeUser: the rules after {@code user <name> } in ACL LIST. */
  public String describe(AclUser u) {
    AclUser.Rules r = u.rules();
    StringBuilder sb = new StringBuilder();
    for (String f : flagNames(r)) {
      sb.append(f).append(' ');
    }
    for (String p : r.passwords) {
      sb.append('#').append(p).append(' ');
    }
    AclCommandSet cmds = commands();
    for (AclSelector s : r.selectors) {
      String d = s.describe(cmds);
      if ((s.flags & AclSelector.ROOT) != 0) {
        sb.append(d);
      } else {
        sb.append(" (").append(d).append(')');
      }
    }
    return sb.toString();
  }

  /** The user's flags as GETUSER lists them. */
  public static List<String> flagNames(AclUser u) {
    return flagNames(u.rules());
  }

  private static List<String> flagNames(AclUser.Rules r) {
    List<String> out = new ArrayList<>();
    out.add((r.flags & AclUser.ON) != 0 ? "on" : "off");
    if ((r.flags & AclUser.NOPASS) != 0) {
      out.add("nopass");
    }
    if ((r.flags & AclUser.SKIP_SANITIZE) != 0) {
      out.add("skip-sanitize-payload");
    }
    if ((r.flags & AclUser.SANITIZE) != 0) {
      out.add("sanitize-payload");
    }
    return out;
  }

  /** The user's password hashes. */
  public static List<String> passwords(AclUser u) {
    return List.copyOf(u.rules().passwords);
  }

  /** One selector's GETUSER fields: commands, keys, channels. */
  public record SelectorView(String commands, String keys, String channels) {}

  /** The user's selectors as GETUSER shows them, the root selector first. */
  public List<SelectorView> selectors(AclUser u) {
    List<SelectorView> out = new ArrayList<>();
    AclCommandSet cmds = commands();
    for (AclSelector s : u.rules().selectors) {
      out.add(new SelectorView(s.describeCommands(cmds), s.describeKeys(),
          s.describeChannels()));
    }
    return out;
  }
}
