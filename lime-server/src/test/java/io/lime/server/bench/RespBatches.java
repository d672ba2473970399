package io.lime.server.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Pre-built RESP request batches of {@value #SIZE} commands, as redis-benchmark sends them
 * with {@code -r 100000} (12-digit random key suffixes, 3-byte values), for the in-process
 * benchmarks. The same fixed seed gives the same batch in every run.
 */
final class RespBatches {
  static final int SIZE = 100;

  private RespBatches() {}

  /**
   * The batch {@code name}: one command repeated ({@code get set incr hset zadd}), LPUSH and
   * RPOP alternating ({@code lpush}: the list stays small), or {@code mixed}: GET, SET, INCR,
   * LPUSH, RPOP, HSET, ZADD in turn.
   */
  static byte[] batch(String name) {
    StringBuilder b = new StringBuilder();
    for (String[] argv : commands(name)) {
      b.append(resp(argv));
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The commands that make every GET of {@code batch(name)} a hit (SET of the same keys). */
  static byte[] preload(String name) {
    StringBuilder b = new StringBuilder();
    for (String[] argv : commands(name)) {
      if (argv[0].equals("GET")) {
        b.append(resp("SET", argv[1], "xxx"));
      }
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<String[]> commands(String name) {
    SplittableRandom random = new SplittableRandom(7);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      String kind = switch (name) {
        case "mixed" -> List.of("get", "set", "incr", "lpush", "rpop", "hset", "zadd").get(i % 7);
        case "lpush" -> i % 2 == 0 ? "lpush" : "rpop";
        default -> name;
      };
      out.add(command(kind, String.format(Locale.ROOT, "%012d", random.nextInt(100_000))));
    }
    return out;
  }

  private static String[] command(String kind, String r) {
    return switch (kind) {
      case "get" -> new String[] {"GET", "key:" + r};
      case "set" -> new String[] {"SET", "key:" + r, "xxx"};
      case "incr" -> new String[] {"INCR", "counter:" + r};
      case "lpush" -> new String[] {"LPUSH", "mylist", "xxx"};
      case "rpop" -> new String[] {"RPOP", "mylist"};
      case "hset" -> new String[] {"HSET", "myhash", "element:" + r, "xxx"};
      case "zadd" -> new String[] {"ZADD", "myzset", "0", "element:" + r};
      default -> throw new IllegalArgumentException("unknown command: " + kind);
    };
  }

  /** One command as a RESP multibulk request. */
  static String resp(String... args) {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return b.toString();
  }
}
