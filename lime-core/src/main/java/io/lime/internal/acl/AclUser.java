package io.lime.internal.acl;

import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A user (acl.c {@code user}): a name and its {@link Rules} — flags, password hashes and
 * selectors — replaced as a whole by ACL SETUSER, so a check on another thread sees either
 * the old rules or the new ones, never a mix. Connections hold their user; a user changed by
 * ACL SETUSER applies to every connection authenticated as it, as in Redis.
 *
 * <p>{@link #unrestricted()} is what the dispatcher tests on every command: true when the
 * user may run every command on every key and channel (the default user as shipped), so that
 * case costs one field read and one branch.
 */
public final class AclUser {
  static final int ON = 1;
  static final int NOPASS = 2;
  static final int SKIP_SANITIZE = 4;
  static final int SANITIZE = 8;

  /**
   * A user's rules: flags, passwords (hex SHA-256), selectors (the root selector first).
   * Immutable once published; built by copying and applying rules.
   */
  static final class Rules {
    int flags;
    final List<String> passwords = new ArrayList<>();
    final List<AclSelector> selectors = new ArrayList<>();
    boolean unrestricted;

    static Rules fresh() {
      Rules r = new Rules();
      r.selectors.add(new AclSelector(AclSelector.ROOT));
      return r;
    }

    Rules copy() {
      Rules r = new Rules();
      r.flags = flags;
      r.passwords.addAll(passwords);
      for (AclSelector s : selectors) {
        r.selectors.add(s.copy());
      }
      return r;
    }

    AclSelector root() {
      return selectors.get(0);
    }

    /** Freezes: computes {@link #unrestricted}. */
    Rules seal() {
      int all = AclSelector.ALLCOMMANDS | AclSelector.ALLKEYS | AclSelector.ALLCHANNELS;
      unrestricted = false;
      for (AclSelector s : selectors) {
        if ((s.flags & all) == all) {
          unrestricted = true;
        }
      }
      return this;
    }
  }

  private final String name;
  private volatile Rules rules;
  private volatile boolean unrestricted;
  private volatile boolean deleted;

  AclUser(String name, Rules rules) {
    this.name = name;
    publish(rules);
  }

  /** The name (bytes as ISO-8859-1 characters). */
  public String name() { return name; }

  /** Whether every command, key and channel is allowed: the dispatcher's one test. */
  public boolean unrestricted() { return unrestricted; }

  /** Whether the user is enabled ({@code on}). */
  public boolean enabled() { return (rules.flags & ON) != 0; }

  /** Whether the user needs no password ({@code nopass}). */
  public boolean nopass() { return (rules.flags & NOPASS) != 0; }

  /** Whether ACL DELUSER removed this user. */
  public boolean deleted() { return deleted; }

  void markDeleted() { deleted = true; }

  Rules rules() { return rules; }

  void publish(Rules r) {
    r.seal();
    this.rules = r;
    this.unrestricted = r.unrestricted;
  }

  /**
   * Whether {@code password} (argument {@code i} of {@code argv}) is one of the user's
   * passwords: its SHA-256 compared with each stored hash in constant time (acl.c
   * time_independent_strcmp). A disabled user never matches; a nopass user always does.
   */
  boolean passwordMatches(Argv argv, int i) {
    Rules r = rules;
    if ((r.flags & ON) == 0) {
      return false;
    }
    if ((r.flags & NOPASS) != 0) {
      return true;
    }
    byte[] hashed = hash(argv.array(), argv.offset(i), argv.length(i))
        .getBytes(StandardCharsets.US_ASCII);
    boolean ok = false;
    for (String p : r.passwords) {
      ok |= MessageDigest.isEqual(hashed, p.getBytes(StandardCharsets.US_ASCII));
    }
    return ok;
  }

  /** acl.c ACLHashPassword: lower-case hex SHA-256. */
  static String hash(byte[] a, int off, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(a, off, len);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
