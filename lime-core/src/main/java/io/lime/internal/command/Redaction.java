package io.lime.internal.command;

import io.lime.resp.Argv;

/**
 * The arguments MONITOR and the slow log show for a command whose secrets Redis 7.0 redacts
 * (redactClientCommandArgument): the passwords of AUTH, of HELLO's AUTH option and of
 * MIGRATE's AUTH and AUTH2 options become {@code (redacted)}, as far as the command's own
 * parsing got before an error, as Redis's.
 */
final class Redaction {
  static final byte[] REDACTED = "(redacted)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Redaction() {}

  /** {@code argv} itself when nothing is redacted, else a copy with the secrets replaced. */
  static Argv apply(CommandSpec target, Argv argv) {
    String name = target.name();
    boolean[] hide = switch (name) {
      case "auth" -> auth(argv);
      case "hello" -> hello(argv);
      case "migrate" -> migrate(argv);
      default -> null;
    };
    if (hide == null) {
      return argv;
    }
    byte[][] out = argv.toArrays();
    for (int i = 0; i < out.length; i++) {
      if (hide[i]) {
        out[i] = REDACTED;
      }
    }
    return Argv.ofBytes(out);
  }

  private static boolean @org.jspecify.annotations.Nullable [] auth(Argv a) {
    if (a.size() > 3) {
      return null; // syntax error before Redis redacts
    }
    boolean[] h = new boolean[a.size()];
    for (int i = 1; i < a.size(); i++) {
      h[i] = true;
    }
    return h;
  }

  private static boolean @org.jspecify.annotations.Nullable [] hello(Argv a) {
    if (a.size() < 2) {
      return null;
    }
    String ver = a.string(1);
    if (!ver.equals("2") && !ver.equals("3")) {
      return null; // NOPROTO (or not a number) before the options are read
    }
    boolean[] h = new boolean[a.size()];
    boolean any = false;
    for (int j = 2; j < a.size(); j++) {
      int more = a.size() - 1 - j;
      if (a.is(j, "AUTH") && more >= 2) {
        h[j + 1] = true;
        h[j + 2] = true;
        any = true;
        j += 2;
      } else if (a.is(j, "SETNAME") && more >= 1) {
        j++;
      } else {
        break;
      }
    }
    return any ? h : null;
  }

  private static boolean @org.jspecify.annotations.Nullable [] migrate(Argv a) {
    boolean[] h = new boolean[a.size()];
    boolean any = false;
    for (int j = 6; j < a.size(); j++) {
      int more = a.size() - 1 - j;
      if (a.is(j, "AUTH") && more >= 1) {
        h[j + 1] = true;
        any = true;
        j++;
      } else if (a.is(j, "AUTH2") && more >= 2) {
        h[j + 1] = true;
        h[j + 2] = true;
        any = true;
        j += 2;
      } else if (a.is(j, "KEYS")) {
        break;
      } else if (!a.is(j, "COPY") && !a.is(j, "REPLACE")) {
        break;
      }
    }
    return any ? h : null;
  }
}
