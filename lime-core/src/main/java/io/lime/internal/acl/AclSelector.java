package io.lime.internal.acl;

import io.lime.internal.util.Glob;
import io.lime.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One selector of a user (acl.c aclSelector): a bitmap of allowed commands (with first
 * arguments allowed for otherwise denied commands, {@code +select|0}), key patterns with
 * read/write permissions, channel patterns, and the allkeys / allchannels / allcommands flags.
 * A user has a root selector and any number of {@code ( ... )} selectors; a command runs when
 * any of them allows it.
 *
 * <p>Mutable while rules are applied to a copy (ACL SETUSER works on a copy of the user);
 * never mutated once published in a user's {@link AclUser.Rules}, so checks need no lock.
 */
final class AclSelector {
  /** Selector flag: the user's root selector (acl.c SELECTOR_FLAG_ROOT). */ static final int ROOT = 1;
  /** Selector flag: every key ({@code allkeys}, {@code ~*}). */ static final int ALLKEYS = 2;
  /** Selector flag: every channel ({@code allchannels}, {@code &*}). */ static final int ALLCHANNELS = 4;
  /** Selector flag: every command ({@code allcommands}, {@code +@all}). */ static final int ALLCOMMANDS = 8;
  /** Key permission: read (acl.c ACL_READ_PERMISSION). */ static final int READ = 1;
  /** Key permission: write (acl.c ACL_WRITE_PERMISSION). */ static final int WRITE = 2;
  /** Key permissions: read and write. */ static final int ALL = READ | WRITE;

  /** Check results, ordered as acl.c's: a larger value is the more relevant denial. */
  static final int OK = 0;
  static final int DENIED_CMD = 1;
  static final int DENIED_KEY = 2;
  static final int DENIED_AUTH = 3;
  static final int DENIED_CHANNEL = 4;

  /** A key pattern and its permissions. */
  static final class KeyPattern {
    final byte[] pattern;
    int perms;

    KeyPattern(byte[] pattern, int perms) {
      this.pattern = pattern;
      this.perms = perms;
    }
  }

  int flags;
  final long[] allowed = new long[AclCommandSet.BITS / 64];
  /** Allowed first arguments by command id, or null when none. */
  @Nullable Map<Integer, List<String>> firstArgs;
  final List<KeyPattern> patterns = new ArrayList<>();
  final List<byte[]> channels = new ArrayList<>();

  AclSelector(int flags) {
    this.flags = flags;
  }

  AclSelector copy() {
    AclSelector s = new AclSelector(flags);
    System.arraycopy(allowed, 0, s.allowed, 0, allowed.length);
    if (firstArgs != null) {
      s.firstArgs = new HashMap<>();
      firstArgs.forEach((k, v) -> s.firstArgs.put(k, new ArrayList<>(v)));
    }
    for (KeyPattern p : patterns) {
      s.patterns.add(new KeyPattern(p.pattern, p.perms));
    }
    s.channels.addAll(channels);
    return s;
  }

  boolean bit(int id) {
    return (allowed[id >>> 6] & (1L << id)) != 0;
  }

  private void setBit(int id, boolean value) {
    if (value) {
      allowed[id >>> 6] |= 1L << id;
    } else {
      allowed[id >>> 6] &= ~(1L << id);
      flags &= ~ALLCOMMANDS;
    }
  }

  boolean canRunFutureCommands() {
    return bit(AclCommandSet.FUTURE_COMMANDS_BIT);
  }

  /** acl.c ACLChangeSelectorPerm: the command and all its subcommands. */
  void changePerm(AclCommand cmd, boolean allow) {
    setBit(cmd.id, allow);
    if (firstArgs != null) {
      firstArgs.remove(cmd.id);
    }
    for (AclCommand sub : cmd.subcommands) {
      setBit(sub.id, allow);
    }
  }

  private void changeCategory(List<AclCommand> cmds, long category, boolean allow) {
    for (AclCommand c : cmds) {
      if ((c.categories & category) != 0) {
        changePerm(c, allow);
      }
      if (!c.subcommands.isEmpty()) {
        changeCategory(c.subcommands, category, allow);
      }
    }
  }

  /**
   * allkeys/resetkeys, allchannels/resetchannels: sets or clears the {@code flag} for all
   * keys or channels, and drops the patterns listed so far either way.
   */
  private void all(int flag, boolean on, List<?> listed) {
    flags = on ? flags | flag : flags & ~flag;
    listed.clear();
  }

  /** acl.c ACLSetSelector: applies one rule. */
  void apply(String op, AclCommandSet commands) throws AclRuleException {
    if (op.equalsIgnoreCase("allkeys") || op.equals("~*")) {
      all(ALLKEYS, true, patterns);
    } else if (op.equalsIgnoreCase("resetkeys")) {
      all(ALLKEYS, false, patterns);
    } else if (op.equalsIgnoreCase("allchannels") || op.equals("&*")) {
      all(ALLCHANNELS, true, channels);
    } else if (op.equalsIgnoreCase("resetchannels")) {
      all(ALLCHANNELS, false, channels);
    } else if (op.equalsIgnoreCase("allcommands") || op.equalsIgnoreCase("+@all")) {
      Arrays.fill(allowed, -1L);
      flags |= ALLCOMMANDS;
      firstArgs = null;
    } else if (op.equalsIgnoreCase("nocommands") || op.equalsIgnoreCase("-@all")) {
      Arrays.fill(allowed, 0L);
      flags &= ~ALLCOMMANDS;
      firstArgs = null;
    } else if (op.startsWith("~") || op.startsWith("%")) {
      addKeyPattern(op);
    } else if (op.startsWith("&")) {
      if ((flags & ALLCHANNELS) != 0) {
        throw new AclRuleException(AclRuleException.Reason.CHANNELS_AFTER_ALL);
      }
      String pat = op.substring(1);
      if (hasSpaces(pat)) {
        throw new AclRuleException(AclRuleException.Reason.SYNTAX);
      }
      byte[] p = pat.getBytes(StandardCharsets.ISO_8859_1);
      if (channels.stream().noneMatch(c -> Arrays.equals(c, p))) {
        channels.add(p);
      }
      flags &= ~ALLCHANNELS;
    } else if (op.length() >= 2 && (op.charAt(0) == '+' || op.charAt(0) == '-')
        && op.charAt(1) == '@') {
      long cat = AclCategory.bit(op.substring(2));
      if (cat == 0) {
        throw new AclRuleException(AclRuleException.Reason.UNKNOWN_COMMAND);
      }
      changeCategory(commands.commands(), cat, op.charAt(0) == '+');
    } else if (op.startsWith("+")) {
      allowCommand(op.substring(1), commands);
    } else if (op.startsWith("-")) {
      AclCommand cmd = commands.lookup(op.substring(1));
      if (cmd == null) {
        throw new AclRuleException(AclRuleException.Reason.UNKNOWN_COMMAND);
      }
      changePerm(cmd, false);
    } else {
      throw new AclRuleException(AclRuleException.Reason.SYNTAX);
    }
  }

  private void addKeyPattern(String op) throws AclRuleException {
    if ((flags & ALLKEYS) != 0) {
      throw new AclRuleException(AclRuleException.Reason.KEYS_AFTER_ALL);
    }
    int perms = 0;
    int offset = 1;
    if (op.charAt(0) == '%') {
      for (; offset < op.length(); offset++) {
        char c = Character.toUpperCase(op.charAt(offset));
        if (c == 'R' && (perms & READ) == 0) {
          perms |= READ;
        } else if (c == 'W' && (perms & WRITE) == 0) {
          perms |= WRITE;
        } else if (op.charAt(offset) == '~') {
          offset++;
          break;
        } else {
          throw new AclRuleException(AclRuleException.Reason.SYNTAX);
        }
      }
    } else {
      perms = ALL;
    }
    String pat = op.substring(Math.min(offset, op.length()));
    if (hasSpaces(pat)) {
      throw new AclRuleException(AclRuleException.Reason.SYNTAX);
    }
    byte[] p = pat.getBytes(StandardCharsets.ISO_8859_1);
    for (KeyPattern k : patterns) {
      if (Arrays.equals(k.pattern, p)) {
        k.perms |= perms;
        flags &= ~ALLKEYS;
        return;
      }
    }
    patterns.add(new KeyPattern(p, perms));
    flags &= ~ALLKEYS;
  }

  private void allowCommand(String name, AclCommandSet commands) throws AclRuleException {
    int bar = name.lastIndexOf('|');
    if (bar < 0) {
      AclCommand cmd = commands.lookup(name);
      if (cmd == null) {
        throw new AclRuleException(AclRuleException.Reason.UNKNOWN_COMMAND);
      }
      changePerm(cmd, true);
      return;
    }
    String sub = name.substring(bar + 1);
    AclCommand cmd = commands.lookup(name.substring(0, bar));
    if (cmd == null) {
      throw new AclRuleException(AclRuleException.Reason.UNKNOWN_COMMAND);
    }
    if (cmd.parent != null) {
      throw new AclRuleException(AclRuleException.Reason.SUBCOMMAND_FIRST_ARG);
    }
    if (sub.isEmpty()) {
      throw new AclRuleException(AclRuleException.Reason.SYNTAX);
    }
    if (!cmd.subcommands.isEmpty()) {
      AclCommand s = commands.lookup(name);
      if (s == null) {
        throw new AclRuleException(AclRuleException.Reason.UNKNOWN_COMMAND);
      }
      changePerm(s, true);
    } else {
      // Redis logs a deprecation warning for first-arg rules; allowed all the same.
      if (firstArgs == null) {
        firstArgs = new HashMap<>();
      }
      List<String> list = firstArgs.computeIfAbsent(cmd.id, k -> new ArrayList<>());
      if (list.stream().noneMatch(sub::equalsIgnoreCase)) {
        list.add(sub);
      }
    }
  }

  /** acl.c ACLStringHasSpaces: whitespace or NUL. */
  static boolean hasSpaces(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == ' ' || (c >= '\t' && c <= '\r')) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ checks

  /**
   * acl.c ACLSelectorCheckCmd. {@code keys} gives the command's keys (position and
   * permissions needed), computed once per check and only when a selector needs them.
   * Sets {@code errPos[0]} to the argument (relative to {@code base}) denied.
   */
  int check(AclCommand cmd, Argv argv, int base, AclKeys keys, int[] errPos) {
    int argc = argv.size() - base;
    if ((flags & ALLCOMMANDS) == 0 && !cmd.noAuth && !bit(cmd.id)) {
      List<String> allowedArgs = firstArgs == null ? null : firstArgs.get(cmd.id);
      if (argc < 2 || allowedArgs == null) {
        return DENIED_CMD;
      }
      int idx = cmd.parent != null ? 2 : 1;
      if (idx >= argc) {
        return DENIED_CMD;
      }
      String arg = argv.string(base + idx);
      if (allowedArgs.stream().noneMatch(arg::equalsIgnoreCase)) {
        return DENIED_CMD;
      }
    }
    if ((flags & ALLKEYS) == 0) {
      int[] ks = keys.keys();
      for (int k : ks) {
        int pos = k >>> 2;
        if (!checkKey(argv, base + pos, k & ALL)) {
          errPos[0] = pos;
          return DENIED_KEY;
        }
      }
    }
    if ((flags & ALLCHANNELS) == 0 && cmd.channels != AclCommand.Channels.NONE) {
      int last = cmd.channels == AclCommand.Channels.FIRST ? Math.min(1, argc - 1) : argc - 1;
      boolean literal = cmd.channels == AclCommand.Channels.ALL_LITERAL;
      for (int j = 1; j <= last; j++) {
        if (!channelAllowed(argv.array(), argv.offset(base + j), argv.length(base + j), literal)) {
          errPos[0] = j;
          return DENIED_CHANNEL;
        }
      }
    }
    return OK;
  }

  /** acl.c ACLSelectorCheckKey for the key at argument {@code i}. */
  boolean checkKey(Argv argv, int i, int needed) {
    if ((flags & ALLKEYS) != 0) {
      return true;
    }
    for (KeyPattern p : patterns) {
      if ((p.perms & needed) != needed) {
        continue;
      }
      if (Glob.match(p.pattern, 0, p.pattern.length, argv.array(), argv.offset(i),
          argv.length(i), false)) {
        return true;
      }
    }
    return false;
  }

  /** acl.c ACLCheckChannelAgainstList. */
  boolean channelAllowed(byte[] a, int off, int len, boolean literal) {
    if ((flags & ALLCHANNELS) != 0) {
      return true;
    }
    for (byte[] p : channels) {
      if (literal ? Arrays.equals(p, 0, p.length, a, off, off + len)
          : Glob.match(p, 0, p.length, a, off, len, false)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ description

  /** acl.c ACLDescribeSelector: keys, channels, then the command rules. */
  String describe(AclCommandSet commands) {
    StringBuilder sb = new StringBuilder();
    if ((flags & ALLKEYS) != 0) {
      sb.append("~* ");
    } else {
      for (KeyPattern p : patterns) {
        sb.append(patternString(p)).append(' ');
      }
    }
    if ((flags & ALLCHANNELS) != 0) {
      sb.append("&* ");
    } else {
      sb.append("resetchannels ");
      for (byte[] c : channels) {
        sb.append('&').append(new String(c, StandardCharsets.ISO_8859_1)).append(' ');
      }
    }
    sb.append(describeCommands(commands));
    return sb.toString();
  }

  /** The key patterns as GETUSER's {@code keys} field. */
  String describeKeys() {
    return (flags & ALLKEYS) != 0 ? "~*" : patterns.stream().map(AclSelector::patternString)
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /** The channel patterns as GETUSER's {@code channels} field. */
  String describeChannels() {
    return (flags & ALLCHANNELS) != 0 ? "&*" : channels.stream()
        .map(c -> "&" + new String(c, StandardCharsets.ISO_8859_1))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private static String patternString(KeyPattern p) {
    String prefix = p.perms == ALL ? "~" : p.perms == READ ? "%R~" : "%W~";
    return prefix + new String(p.pattern, StandardCharsets.ISO_8859_1);
  }

  /**
   * acl.c ACLDescribeSelectorCommandRules (Redis 7.0): {@code +@all} or {@code -@all}, then
   * the categories that best fit the bitmap, chosen greedily, then single commands (and
   * first arguments) to make the bitmap exact.
   */
  String describeCommands(AclCommandSet commands) {
    StringBuilder rules = new StringBuilder();
    boolean additive = !canRunFutureCommands();
    AclSelector fake = new AclSelector(0);
    AclSelector temp = new AclSelector(0);
    if (additive) {
      rules.append("-@all ");
    } else {
      rules.append("+@all ");
      Arrays.fill(fake.allowed, -1L);
    }
    System.arraycopy(allowed, 0, temp.allowed, 0, allowed.length);
    boolean[] applied = new boolean[AclCategory.ALL.size()];
    while (true) {
      int best = -1;
      long minDiff = Integer.MAX_VALUE;
      long maxSame = 0;
      for (int j = 0; j < applied.length; j++) {
        if (applied[j]) {
          continue;
        }
        long[] onOff = new long[2];
        temp.count(commands.commands(), 1L << j, onOff);
        long diff = additive ? onOff[1] : onOff[0];
        long same = additive ? onOff[0] : onOff[1];
        if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
          best = j;
          minDiff = diff;
          maxSame = same;
        }
      }
      if (best == -1) {
        break;
      }
      String cat = AclCategory.ALL.get(best);
      fake.changeCategory(commands.commands(), 1L << best, additive);
      temp.changeCategory(commands.commands(), 1L << best, !additive);
      rules.append(additive ? "+@" : "-@").append(cat).append(' ');
      applied[best] = true;
    }
    singleCommands(commands.commands(), fake, rules);
    rules.setLength(rules.length() - 1);
    return rules.toString();
  }

  private void count(List<AclCommand> cmds, long category, long[] onOff) {
    for (AclCommand c : cmds) {
      if ((c.categories & category) != 0) {
        onOff[bit(c.id) ? 0 : 1]++;
      }
      count(c.subcommands, category, onOff);
    }
  }

  private void singleCommands(List<AclCommand> cmds, AclSelector fake, StringBuilder rules) {
    for (AclCommand c : cmds) {
      boolean user = bit(c.id);
      if (user != fake.bit(c.id)) {
        rules.append(user ? '+' : '-').append(c.fullName()).append(' ');
        fake.changePerm(c, user);
      }
      singleCommands(c.subcommands, fake, rules);
      List<String> args = firstArgs == null ? null : firstArgs.get(c.id);
      if (!user && args != null) {
        for (String a : args) {
          rules.append('+').append(c.fullName()).append('|').append(a).append(' ');
        }
      }
    }
  }

  /** A hint for {@code toString}: the flags in lower case. */
  @Override
  public String toString() {
    return "selector(flags=" + Integer.toBinaryString(flags).toLowerCase(Locale.ROOT) + ")";
  }
}
