package io.lime.internal.acl;

/**
 * A rule ACL SETUSER (or an ACL file, or a {@code user} directive) cannot apply, with Redis's
 * text for it (acl.c ACLSetUserStringError, one text per errno there).
 */
public final class AclRuleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The reasons, each with Redis's text. */
  public enum Reason {
    UNKNOWN_COMMAND("Unknown command or category name in ACL"),
    SYNTAX("Syntax error"),
    KEYS_AFTER_ALL("Adding a pattern after the * pattern (or the 'allkeys' flag) is not "
        + "valid and does not have any effect. Try 'resetkeys' to start with an empty list "
        + "of patterns"),
    CHANNELS_AFTER_ALL("Adding a pattern after the * pattern (or the 'allchannels' flag) is "
        + "not valid and does not have any effect. Try 'resetchannels' to start with an "
        + "empty list of channels"),
    NO_SUCH_PASSWORD("The password you are trying to remove from the user does not exist"),
    BAD_HASH("The password hash must be exactly 64 characters and contain only lowercase "
        + "hexadecimal characters"),
    DUPLICATE_USER("Duplicate user found. A user can only be defined once in config files"),
    SUBCOMMAND_FIRST_ARG("Allowing first-arg of a subcommand is not supported");

    final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  private final Reason reason;

  AclRuleException(Reason reason) {
    super(reason.text, null, false, false);
    this.reason = reason;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
