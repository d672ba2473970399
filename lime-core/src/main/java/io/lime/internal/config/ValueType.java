package io.lime.internal.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a directive's arguments are validated and turned into the canonical text CONFIG GET
 * returns. A closed family mirroring Redis's config types (bool, numeric, enum, string,
 * special). {@link #parse} throws {@link Rejected} with Redis's reason text.
 */
sealed interface ValueType {

  /**
   * Validates {@code args} (one element for single-argument types; the split words for
   * multi-argument ones) and returns the canonical value.
   */
  String parse(List<String> args) throws Rejected;

  /** Whether the directive takes several arguments (save, bind, ...). */
  default boolean multiArg() {
    return false;
  }

  /** A type whose directive takes several arguments (save, bind, client-output-buffer-limit). */
  sealed interface MultiArg extends ValueType {
    @Override
    default boolean multiArg() {
      return true;
    }
  }

  /** A value rejected with Redis's reason text (e.g. "argument must be 'yes' or 'no'"). */
  final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /** yes/no, case-insensitive. */
  record Bool() implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      String v = args.get(0);
      if (v.equalsIgnoreCase("yes")) {
        return "yes";
      } else if (v.equalsIgnoreCase("no")) {
        return "no";
      }
      throw new Rejected("argument must be 'yes' or 'no'");
    }
  }

  /**
   * An integer in [min, max]; {@code memory} accepts units (and renders bytes);
   * {@code unsigned} compares and renders as unsigned 64-bit; the parsed value is then
   * clamped to [clampMin, clampMax] (as Redis's hz).
   */
  record Num(long min, long max, boolean memory, boolean unsigned, long clampMin, long clampMax)
      implements ValueType {
    Num(long min, long max, boolean memory, boolean unsigned) {
      this(min, max, memory, unsigned, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public String parse(List<String> args) throws Rejected {
      String s = args.get(0);
      long v;
      if (memory) {
        try {
          v = MemoryUnits.parse(s);
        } catch (MemoryUnits.Invalid e) {
          throw new Rejected("argument must be a memory value");
        }
      } else {
        Long p = MemoryUnits.parseStrictLong(s);
        if (p == null) {
          throw new Rejected("argument couldn't be parsed into an integer");
        }
        v = p;
      }
      if (unsigned) {
        if (Long.compareUnsigned(v, min) < 0 || Long.compareUnsigned(v, max) > 0) {
          throw new Rejected("argument must be between " + Long.toUnsignedString(min) + " and "
              + Long.toUnsignedString(max) + " inclusive");
        }
        return Long.toUnsignedString(v);
      }
      if (v < min || v > max) {
        throw new Rejected("argument must be between " + min + " and " + max + " inclusive");
      }
      return Long.toString(Math.max(clampMin, Math.min(clampMax, v)));
    }
  }

  /** An octal number (unixsocketperm), kept and shown in octal as Redis's OCTAL_CONFIG. */
  record Octal(long max) implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      long v;
      try {
        v = Long.parseLong(args.get(0), 8);
      } catch (NumberFormatException e) {
        throw new Rejected("argument couldn't be parsed into an integer");
      }
      if (v < 0 || v > max) {
        throw new Rejected("argument must be between 0 and " + Long.toOctalString(max)
            + " inclusive");
      }
      return Long.toOctalString(v);
    }
  }

  /** One of a fixed set of words, case-insensitive; Redis lists them in table order. */
  record Choice(List<String> values) implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      for (String c : values) {
        if (c.equalsIgnoreCase(args.get(0))) {
          return c;
        }
      }
      throw new Rejected("argument(s) must be one of the following: " + String.join(", ", values));
    }
  }

  /** Free text; {@code fileName} rejects paths (dbfilename, appendfilename). */
  record Text(boolean fileName) implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      String v = args.get(0);
      if (fileName && (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0)) {
        throw new Rejected("dbfilename can't be a path, just a filename");
      }
      return v;
    }
  }

  /**
   * latency-tracking-info-percentiles: numbers in [0, 100], shown as C's {@code %f} with the
   * trailing zeros trimmed ("50 99 99.9"); empty for none.
   */
  record Percentiles() implements MultiArg {
    @Override
    public String parse(List<String> args) throws Rejected {
      StringBuilder sb = new StringBuilder();
      for (String a : args) {
        if (a.isEmpty() && args.size() == 1) {
          break;
        }
        double v;
        try {
          if (a.isEmpty() || Character.isWhitespace(a.charAt(0)) || a.endsWith(" ")) {
            throw new NumberFormatException();
          }
          v = Double.parseDouble(a);
        } catch (NumberFormatException e) {
          throw new Rejected("Invalid latency-tracking-info-percentiles parameters");
        }
        if (Double.isNaN(v) || v > 100.0 || v < 0.0) {
          throw new Rejected("latency-tracking-info-percentiles parameters should sit between "
              + "[0.0,100.0]");
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(io.lime.internal.util.LatencyHistogram.percentileName(v));
      }
      return sb.toString();
    }
  }

  /** save: pairs of seconds (>= 1) and changes (>= 0), or nothing. */
  record Save() implements MultiArg {
    @Override
    public String parse(List<String> args) throws Rejected {
      List<String> a = args;
      if (a.size() == 1 && a.get(0).isEmpty()) {
        a = List.of();
      }
      if ((a.size() & 1) != 0) {
        throw new Rejected("Invalid save parameters");
      }
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < a.size(); j++) {
        long v = strtoll(a.get(j));
        if (((j & 1) == 0 && v < 1) || ((j & 1) == 1 && v < 0)) {
          throw new Rejected("Invalid save parameters");
        }
        if (j > 0) {
          sb.append(' ');
        }
        sb.append((j & 1) == 0 ? v : (int) v);
      }
      return sb.toString();
    }

    /** C's strtoll with a full-consumption check; -1 when invalid. */
    private static long strtoll(String s) throws Rejected {
      int i = 0;
      int n = s.length();
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      boolean neg = false;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        neg = s.charAt(i) == '-';
        i++;
      }
      long v = 0;
      int start = i;
      for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
        v = v * 10 + (s.charAt(i) - '0');
        if (v < 0) {
          v = Long.MAX_VALUE;
        }
      }
      if (i != n || (i == start && n > 0)) {
        throw new Rejected("Invalid save parameters");
      }
      return neg ? -v : v;
    }
  }

  /** bind: up to 16 addresses. */
  record Bind() implements MultiArg {
    @Override
    public String parse(List<String> args) throws Rejected {
      if (args.size() > 16) {
        throw new Rejected("Too many bind addresses specified.");
      }
      if (args.size() == 1 && args.get(0).isEmpty()) {
        return "";
      }
      return String.join(" ", args);
    }
  }

  /** notify-keyspace-events: event class characters, rendered canonically. */
  record Notify() implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      int flags = NotifyFlags.parse(args.get(0));
      if (flags < 0) {
        throw new Rejected("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
      }
      return NotifyFlags.format(flags);
    }
  }

  /** dir: an existing directory, rendered absolute. */
  record Dir() implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      Path p = Path.of(args.get(0));
      if (!Files.exists(p)) {
        throw new Rejected("No such file or directory");
      }
      if (!Files.isDirectory(p)) {
        throw new Rejected("Not a directory");
      }
      return p.toAbsolutePath().normalize().toString();
    }
  }

  /** client-output-buffer-limit: triples of class, hard limit, soft limit, soft seconds. */
  record OutputLimits() implements MultiArg {
    @Override
    public String parse(List<String> args) throws Rejected {
      throw new UnsupportedOperationException("needs the current value");
    }

    /** Applies the triples of {@code args} to the current value. */
    String merge(List<String> args, String current) throws Rejected {
      if (args.size() % 4 != 0) {
        throw new Rejected("Wrong number of arguments in buffer limit configuration.");
      }
      String[] classes = {"normal", "slave", "pubsub"};
      List<String> cur = new ArrayList<>(List.of(current.split(" ")));
      for (int j = 0; j < args.size(); j += 4) {
        String cls = args.get(j).toLowerCase(Locale.ROOT);
        if (cls.equals("replica")) {
          cls = "slave";
        }
        int idx = List.of(classes).indexOf(cls);
        long hard;
        long soft;
        Long secs = MemoryUnits.parseStrictLong(args.get(j + 3));
        try {
          hard = MemoryUnits.parse(args.get(j + 1));
          soft = MemoryUnits.parse(args.get(j + 2));
        } catch (MemoryUnits.Invalid e) {
          throw new Rejected("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        }
        if (idx < 0 || secs == null || secs < 0 || hard < 0 || soft < 0) {
          throw new Rejected(idx < 0 ? "Invalid client class specified in buffer limit configuration."
              : "Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        }
        cur.set(idx * 4 + 1, Long.toString(hard));
        cur.set(idx * 4 + 2, Long.toString(soft));
        cur.set(idx * 4 + 3, Long.toString(secs));
      }
      return String.join(" ", cur);
    }
  }

  /** lime-shards: a power of two from 1 to 64. */
  record Shards() implements ValueType {
    @Override
    public String parse(List<String> args) throws Rejected {
      String v = new Num(1, 64, false, false).parse(args);
      int n = Integer.parseInt(v);
      if (Integer.bitCount(n) != 1) {
        throw new Rejected("argument must be a power of two between 1 and 64");
      }
      return v;
    }
  }
}
