package io.lime.internal.acl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Users from outside the server: the {@code user} directives of the configuration and the
 * ACL file ({@code aclfile}, ACL LOAD, ACL SAVE), as acl.c's ACLAppendUserForLoading,
 * ACLLoadConfiguredUsers, ACLLoadFromFile and ACLSaveToFile, with their texts. Thread-safe:
 * synchronized on this object for the directives and on the {@link Acl} for its users.
 */
public final class AclFiles {
  private final Acl acl;
  private final List<List<String>> configuredUsers = new ArrayList<>();

  /** The files of {@code acl}. */
  public AclFiles(Acl acl) {
    this.acl = acl;
  }


  /**
   * A {@code user} directive (acl.c ACLAppendUserForLoading): checked now against a scratch
   * user, applied by {@link #loadConfiguredUsers()}.
   *
   * @param args the name and its rules
   * @return null, or Redis's error text naming the rule
   */
  public synchronized @Nullable String addConfiguredUser(List<String> args) {
    String name = args.get(0);
    for (List<String> u : configuredUsers) {
      if (u.get(0).equals(name)) {
        return "Error in user declaration '" + name + "': "
            + AclRuleException.Reason.DUPLICATE_USER.text;
      }
    }
    int[] invalid = new int[1];
    List<String> ops = Acl.mergeSelectors(args.subList(1, args.size()), invalid);
    if (ops == null) {
      return "Error in user declaration '" + name + "': Unmatched parenthesis in acl selector "
          + "starting at '" + args.get(1 + invalid[0]) + "'.";
    }
    AclUser.Rules scratch = acl.freshRules();
    for (String op : ops) {
      try {
        acl.apply(scratch, op);
      } catch (AclRuleException e) {
        // as Redis, unknown commands are reported when the users are created
        if (e.reason() != AclRuleException.Reason.UNKNOWN_COMMAND) {
          return "Error in user declaration '" + op + "': " + e.getMessage();
        }
      }
    }
    List<String> line = new ArrayList<>();
    line.add(name);
    line.addAll(ops);
    configuredUsers.add(line);
    return null;
  }

  /** Whether any {@code user} directive was given. */
  public synchronized boolean hasConfiguredUsers() {
    return !configuredUsers.isEmpty();
  }

  /**
   * acl.c ACLLoadConfiguredUsers: creates the users of the {@code user} directives.
   *
   * @return null, or Redis's error text for the first rule that does not apply
   */
  public synchronized @Nullable String loadConfiguredUsers() {
    for (List<String> line : configuredUsers) {
      String name = line.get(0);
      AclUser u = acl.users.get(name);
      AclUser.Rules r = u != null ? u.rules().copy() : acl.freshRules();
      try { // the default user is reset first, as Redis; a new user is already empty
        if (u != null) {
          acl.apply(r, "reset");
        }
      } catch (AclRuleException e) {
        throw new IllegalStateException("reset always applies", e);
      }
      for (String op : line.subList(1, line.size())) {
        try {
          acl.apply(r, op);
        } catch (AclRuleException e) {
          return "Error loading ACL rule '" + op + "' for the user named '" + name + "': "
              + e.getMessage();
        }
      }
      if (u != null) {
        u.publish(r);
      } else {
        acl.users.put(name, new AclUser(name, r));
      }
    }
    return null;
  }

  /**
   * acl.c ACLLoadFromFile: replaces every user by the file's, all or nothing.
   *
   * @return null when loaded, else Redis's error text (the users are then unchanged)
   */
  public @Nullable String loadFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "Error loading ACLs, opening file '" + file + "': " + ioReason(e);
    }
    StringBuilder errors = new StringBuilder();
    TreeMap<String, AclUser.Rules> loaded = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> argv = new ArrayList<>(List.of(line.split(" ", -1)));
      argv.removeIf(String::isEmpty);
      if (argv.isEmpty()) {
        continue;
      }
      if (!argv.get(0).equals("user") || argv.size() < 2) {
        errors.append(file).append(':').append(lineNo)
            .append(" should start with user keyword followed by the username. ");
        continue;
      }
      String name = argv.get(1);
      if (AclSelector.hasSpaces(name)) {
        errors.append("'").append(file).append(':').append(lineNo).append(": username '")
            .append(name).append("' contains invalid characters. ");
        continue;
      }
      if (loaded.containsKey(name)) {
        errors.append("WARNING: Duplicate user '").append(name).append("' found on line ")
            .append(lineNo).append(". ");
        continue;
      }
      int[] invalid = new int[1];
      List<String> ops = Acl.mergeSelectors(argv.subList(2, argv.size()), invalid);
      AclUser.Rules r = acl.freshRules();
      loaded.put(name, r);
      if (ops == null) {
        errors.append(file).append(':').append(lineNo)
            .append(": Unmatched parenthesis in selector definition.");
        continue;
      }
      for (String op : ops) {
        try {
          acl.apply(r, op.strip());
        } catch (AclRuleException e) {
          errors.append(file).append(':').append(lineNo).append(": Error in applying operation '")
              .append(op.strip()).append("': ").append(e.getMessage())
              .append(". ");
        }
      }
    }
    if (errors.length() > 0) {
      return errors.append("WARNING: ACL errors detected, no change to the previously active "
          + "ACL rules was performed").toString();
    }
    List<AclUser> removed = new ArrayList<>();
    synchronized (acl) {
      AclUser.Rules def = loaded.remove(Acl.DEFAULT_USER);
      if (def == null) {
        def = Acl.defaultRules();
      }
      acl.defaultUser().publish(def);
      for (Map.Entry<String, AclUser> e : acl.users.entrySet()) {
        if (e.getValue() != acl.defaultUser()) {
          e.getValue().markDeleted();
          removed.add(e.getValue());
        }
      }
      acl.users.clear();
      acl.users.put(Acl.DEFAULT_USER, acl.defaultUser());
      loaded.forEach((n, r) -> acl.users.put(n, new AclUser(n, r)));
    }
    removed.forEach(acl.onDelete);
    return null;
  }

  /** acl.c ACLSaveToFile: writes every user as a {@code user} line, through a temporary file. */
  public void saveFile(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (AclUser u : acl.users()) {
      sb.append("user ").append(u.name()).append(' ').append(acl.describe(u)).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid()
        + "-" + System.currentTimeMillis());
    try {
      Files.write(tmp, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String ioReason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
