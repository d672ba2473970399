package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.FAST;
import static io.lime.internal.command.CommandFlag.LOADING;
import static io.lime.internal.command.CommandFlag.NOSCRIPT;
import static io.lime.internal.command.CommandFlag.PUBSUB;
import static io.lime.internal.command.CommandFlag.STALE;

import io.lime.internal.engine.PubSub;
import io.lime.resp.Argv;
import io.lime.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pub/sub commands (Redis's pubsub.c): SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH
 * SSUBSCRIBE SUNSUBSCRIBE SPUBLISH and the PUBSUB container, over the engine's
 * {@link PubSub} bus shared with the embedded listener API.
 *
 * <p>Replies as Redis 7.0: one {@code [kind, channel, count]} frame per argument (a push
 * frame under RESP3), where the count is channels plus patterns held (shard channels for the
 * S forms); an UNSUBSCRIBE without arguments answers once per channel held, or once with a
 * null channel when none. While a RESP2 client holds a subscription the dispatcher lets
 * through only the commands of {@link #allowedWhileSubscribed}.
 */
public final class PubSubCommands implements CommandGroup {
  private static final String[] HELP = {
      "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CHANNELS [<pattern>]",
      "    Return the currently active channels matching a <pattern> (default: '*').",
      "NUMPAT",
      "    Return number of subscriptions to patterns.",
      "NUMSUB [<channel> ...]",
      "    Return the number of subscribers for the specified channels, excluding",
      "    pattern subscriptions(default: no channels).",
      "SHARDCHANNELS [<pattern>]",
      "    Return the currently active shard level channels matching a <pattern> (default: '*').",
      "SHARDNUMSUB [<shardchannel> ...]",
      "    Return the number of subscribers for the specified shard level channel(s)",
      "HELP",
      "    Prints this help.",
  };
  private static final byte[] SUBSCRIBE = ascii("subscribe");
  private static final byte[] UNSUBSCRIBE = ascii("unsubscribe");
  private static final byte[] PSUBSCRIBE = ascii("psubscribe");
  private static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");
  private static final byte[] SSUBSCRIBE = ascii("ssubscribe");
  private static final byte[] SUNSUBSCRIBE = ascii("sunsubscribe");

  /** The namespaces of the bus, for the shared (un)subscribe routines. */
  private enum Kind { CHANNEL, PATTERN, SHARD }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        sub("subscribe", -2, handler(OP_SUBSCRIBE), "2.0.0",
            "Listen for messages published to the given channels",
            "O(N) where N is the number of channels to subscribe to."),
        sub("unsubscribe", -1, handler(OP_UNSUBSCRIBE), "2.0.0",
            "Stop listening for messages posted to the given channels",
            "O(N) where N is the number of clients already subscribed to a channel."),
        sub("psubscribe", -2, handler(OP_PSUBSCRIBE), "2.0.0",
            "Listen for messages published to channels matching the given patterns",
            "O(N) where N is the number of patterns the client is already subscribed to."),
        sub("punsubscribe", -1, handler(OP_PUNSUBSCRIBE), "2.0.0",
            "Stop listening for messages posted to channels matching the given patterns",
            "O(N+M) where N is the number of patterns the client is already subscribed and M "
                + "is the number of total patterns subscribed in the system (by any client)."),
        CommandSpec.builder("publish", 3, handler(OP_PUBLISH))
            .flags(PUBSUB, LOADING, STALE, FAST).acl("pubsub", "fast").group("pubsub")
            .since("2.0.0").summary("Post a message to a channel")
            .complexity("O(N+M) where N is the number of clients subscribed to the receiving "
                + "channel and M is the total number of subscribed patterns (by any client).")
            .build(),
        CommandSpec.builder("pubsub", -2, c -> { })
            .acl("slow").group("pubsub").since("2.8.0")
            .summary("A container for Pub/Sub commands").complexity("Depends on subcommand.")
            .subcommands(
                CommandSpec.builder("help", 2, handler(OP_HELP)).flags(LOADING, STALE)
                    .acl("slow").group("pubsub").since("6.2.0")
                    .summary("Show helpful text about the different subcommands")
                    .complexity("O(1)").build(),
                info("channels", -2, handler(OP_CHANNELS), "2.8.0", "List active channels",
                    "O(N) where N is the number of active channels, and assuming constant time "
                        + "pattern matching (relatively short channels and patterns)"),
                info("numpat", 2, handler(OP_NUMPAT), "2.8.0",
                    "Get the count of unique patterns pattern subscriptions", "O(1)"),
                info("numsub", -2, handler(OP_NUMSUB), "2.8.0",
                    "Get the count of subscribers for channels",
                    "O(N) for the NUMSUB subcommand, where N is the number of requested "
                        + "channels"),
                info("shardchannels", -2, handler(OP_SHARDCHANNELS), "7.0.0",
                    "List active shard channels",
                    "O(N) where N is the number of active shard channels, and assuming "
                        + "constant time pattern matching (relatively short shard channels)."),
                info("shardnumsub", -2, handler(OP_SHARDNUMSUB), "7.0.0",
                    "Get the count of subscribers for shard channels",
                    "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested "
                        + "shard channels"))
            .build(),
        sub("ssubscribe", -2, handler(OP_SSUBSCRIBE), "7.0.0",
            "Listen for messages published to the given shard channels",
            "O(N) where N is the number of shard channels to subscribe to.", 1, -1),
        sub("sunsubscribe", -1, handler(OP_SUNSUBSCRIBE), "7.0.0",
            "Stop listening for messages posted to the given shard channels",
            "O(N) where N is the number of clients already subscribed to a shard channel.", 1, -1),
        CommandSpec.builder("spublish", 3, handler(OP_SPUBLISH))
            .flags(PUBSUB, LOADING, STALE, FAST).keys(1, 1, 1).acl("pubsub", "fast")
            .group("pubsub").since("7.0.0").summary("Post a message to a shard channel")
            .complexity("O(N) where N is the number of clients subscribed to the receiving "
                + "shard channel.")
            .build());
  }

  // ------------------------------------------------------------------ dispatch
  // (handler(OP_X) instead of method references: see CommandGroup#handler)

  private static final int OP_SUBSCRIBE = 0;
  private static final int OP_UNSUBSCRIBE = 1;
  private static final int OP_PSUBSCRIBE = 2;
  private static final int OP_PUNSUBSCRIBE = 3;
  private static final int OP_PUBLISH = 4;
  private static final int OP_HELP = 5;
  private static final int OP_CHANNELS = 6;
  private static final int OP_NUMPAT = 7;
  private static final int OP_NUMSUB = 8;
  private static final int OP_SHARDCHANNELS = 9;
  private static final int OP_SHARDNUMSUB = 10;
  private static final int OP_SSUBSCRIBE = 11;
  private static final int OP_SUNSUBSCRIBE = 12;
  private static final int OP_SPUBLISH = 13;

  @Override
  public void execute(int op, Call c) {
    switch (op) {
      case OP_SUBSCRIBE -> subscribe(c);
      case OP_UNSUBSCRIBE -> unsubscribe(c);
      case OP_PSUBSCRIBE -> psubscribe(c);
      case OP_PUNSUBSCRIBE -> punsubscribe(c);
      case OP_PUBLISH -> publish(c);
      case OP_HELP -> help(c);
      case OP_CHANNELS -> channels(c);
      case OP_NUMPAT -> numpat(c);
      case OP_NUMSUB -> numsub(c);
      case OP_SHARDCHANNELS -> shardchannels(c);
      case OP_SHARDNUMSUB -> shardnumsub(c);
      case OP_SSUBSCRIBE -> ssubscribe(c);
      case OP_SUNSUBSCRIBE -> sunsubscribe(c);
      case OP_SPUBLISH -> spublish(c);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  private static CommandSpec sub(String name, int arity, CommandHandler h, String since,
      String summary, String complexity) {
    return sub(name, arity, h, since, summary, complexity, 0, 0);
  }

  private static CommandSpec sub(String name, int arity, CommandHandler h, String since,
      String summary, String complexity, int first, int last) {
    CommandSpec.Builder b = CommandSpec.builder(name, arity, h)
        .flags(PUBSUB, NOSCRIPT, LOADING, STALE).acl("pubsub", "slow").group("pubsub")
        .since(since).summary(summary).complexity(complexity);
    if (first > 0) {
      b.keys(first, last, 1);
    }
    return b.build();
  }

  private static CommandSpec info(String name, int arity, CommandHandler h, String since,
      String summary, String complexity) {
    return CommandSpec.builder(name, arity, h).flags(PUBSUB, LOADING, STALE)
        .acl("pubsub", "slow").group("pubsub").since(since).summary(summary)
        .complexity(complexity).build();
  }

  // -------------------------------------------------------------- subscribed state

  /**
   * Whether a RESP2 client holding subscriptions may run {@code spec} (Redis 7.0's
   * processCommand: PING, (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, QUIT, RESET).
   */
  static boolean allowedWhileSubscribed(CommandSpec spec) {
    return switch (spec.name()) {
      case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe",
          "punsubscribe", "quit", "reset" -> true;
      default -> false;
    };
  }

  /** Redis 7.0's rejection of other commands in the subscribed RESP2 state. */
  static String notAllowedWhileSubscribed(String fullName) {
    return "ERR Can't execute '" + fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
        + "PING / QUIT / RESET are allowed in this context";
  }

  // ------------------------------------------------------------------- subscribing

  /** SUBSCRIBE channel [channel ...] — O(N) in the channels given. */
  static void subscribe(Call call) {
    subscribeAll(call, Kind.CHANNEL, SUBSCRIBE);
  }

  /** PSUBSCRIBE pattern [pattern ...] — O(N) in the patterns given. */
  static void psubscribe(Call call) {
    subscribeAll(call, Kind.PATTERN, PSUBSCRIBE);
  }

  /** SSUBSCRIBE shardchannel [shardchannel ...] — O(N) in the shard channels given. */
  static void ssubscribe(Call call) {
    subscribeAll(call, Kind.SHARD, SSUBSCRIBE);
  }

  /** UNSUBSCRIBE [channel ...] — O(N); without arguments leaves every channel. */
  static void unsubscribe(Call call) {
    unsubscribeAll(call, Kind.CHANNEL, UNSUBSCRIBE);
  }

  /** PUNSUBSCRIBE [pattern ...] — O(N+M); without arguments leaves every pattern. */
  static void punsubscribe(Call call) {
    unsubscribeAll(call, Kind.PATTERN, PUNSUBSCRIBE);
  }

  /** SUNSUBSCRIBE [shardchannel ...] — O(N); without arguments leaves every shard channel. */
  static void sunsubscribe(Call call) {
    unsubscribeAll(call, Kind.SHARD, SUNSUBSCRIBE);
  }

  private static void subscribeAll(Call call, Kind kind, byte[] reply) {
    ClientSubscriber me = call.client().subscriber(call.server());
    PubSub bus = me.bus();
    Argv argv = call.argv();
    ReplySink out = call.out();
    for (int i = 1; i < argv.size(); i++) {
      byte[] name = argv.copy(i);
      switch (kind) {
        case CHANNEL -> bus.subscribe(me, name);
        case PATTERN -> bus.psubscribe(me, name);
        case SHARD -> bus.ssubscribe(me, name);
      }
      me.recount();
      confirm(out, reply, name, count(me, kind));
    }
  }

  private static void unsubscribeAll(Call call, Kind kind, byte[] reply) {
    ClientSubscriber me = call.client().subscriber(call.server());
    PubSub bus = me.bus();
    Argv argv = call.argv();
    ReplySink out = call.out();
    if (argv.size() == 1) {
      List<byte[]> held = switch (kind) {
        case CHANNEL -> bus.channels(me);
        case PATTERN -> bus.patterns(me);
        case SHARD -> bus.shardChannels(me);
      };
      if (held.isEmpty()) {
        confirm(out, reply, null, count(me, kind));
        return;
      }
      for (byte[] name : held) {
        leave(bus, me, kind, name);
        me.recount();
        confirm(out, reply, name, count(me, kind));
      }
      return;
    }
    for (int i = 1; i < argv.size(); i++) {
      byte[] name = argv.copy(i);
      leave(bus, me, kind, name);
      me.recount();
      confirm(out, reply, name, count(me, kind));
    }
  }

  private static void leave(PubSub bus, ClientSubscriber me, Kind kind, byte[] name) {
    switch (kind) {
      case CHANNEL -> bus.unsubscribe(me, name);
      case PATTERN -> bus.punsubscribe(me, name);
      case SHARD -> bus.sunsubscribe(me, name);
    }
  }

  /** Channels plus patterns, or shard channels for the S forms (Redis's reply counts). */
  private static int count(ClientSubscriber me, Kind kind) {
    return kind == Kind.SHARD ? me.shardChannelCount() : me.channelCount() + me.patternCount();
  }

  private static void confirm(ReplySink out, byte[] kind, byte @org.jspecify.annotations.Nullable [] name,
      long count) {
    out.pushHeader(3);
    out.bulk(kind);
    if (name == null) {
      out.nullBulk();
    } else {
      out.bulk(name);
    }
    out.integer(count);
  }

  // -------------------------------------------------------------------- publishing

  /** PUBLISH channel message — O(N+M); replies the number of deliveries. */
  static void publish(Call call) {
    Argv argv = call.argv();
    long n = call.engine().pubsub().publish(argv.copy(1), argv.copy(2));
    call.out().integer(n);
  }

  /** SPUBLISH shardchannel message — O(N); replies the number of deliveries. */
  static void spublish(Call call) {
    Argv argv = call.argv();
    long n = call.engine().pubsub().spublish(argv.copy(1), argv.copy(2));
    call.out().integer(n);
  }

  // ----------------------------------------------------------------- introspection

  /** PUBSUB HELP — O(1). */
  static void help(Call call) {
    ReplySink out = call.out();
    out.arrayHeader(HELP.length);
    for (String line : HELP) {
      out.simple(line);
    }
  }

  /** PUBSUB CHANNELS [pattern] — O(N) in the active channels. */
  static void channels(Call call) {
    if (tooMany(call, 3)) {
      return;
    }
    Argv argv = call.argv();
    reply(call.out(), call.engine().pubsub().activeChannels(argv.size() == 3 ? argv.copy(2) : null));
  }

  /** PUBSUB SHARDCHANNELS [pattern] — O(N) in the active shard channels. */
  static void shardchannels(Call call) {
    if (tooMany(call, 3)) {
      return;
    }
    Argv argv = call.argv();
    reply(call.out(),
        call.engine().pubsub().activeShardChannels(argv.size() == 3 ? argv.copy(2) : null));
  }

  /** PUBSUB NUMPAT — O(1): distinct patterns with a subscriber. */
  static void numpat(Call call) {
    call.out().integer(call.engine().pubsub().numpat());
  }

  /** PUBSUB NUMSUB [channel ...] — O(N) in the channels given. */
  static void numsub(Call call) {
    numsub(call, false);
  }

  /** PUBSUB SHARDNUMSUB [shardchannel ...] — O(N) in the shard channels given. */
  static void shardnumsub(Call call) {
    numsub(call, true);
  }

  private static void numsub(Call call, boolean shard) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    PubSub bus = call.engine().pubsub();
    out.arrayHeader((argv.size() - 2) * 2);
    for (int i = 2; i < argv.size(); i++) {
      byte[] name = argv.copy(i);
      out.bulk(name);
      out.integer(shard ? bus.shardNumsub(name) : bus.numsub(name));
    }
  }

  private static boolean tooMany(Call call, int max) {
    Argv argv = call.argv();
    if (argv.size() <= max) {
      return false;
    }
    call.out().error("ERR unknown subcommand or wrong number of arguments for '"
        + Errors.truncate(argv.string(1), 128) + "'. Try PUBSUB HELP.");
    return true;
  }

  private static void reply(ReplySink out, List<byte[]> names) {
    out.arrayHeader(names.size());
    for (byte[] n : names) {
      out.bulk(n);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
