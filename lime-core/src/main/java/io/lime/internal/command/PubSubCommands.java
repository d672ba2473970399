package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static io.lime.internal.command.CommandFlag.PUBSUB;

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
  static void subscribe(Call call) { subscribeAll(call, Kind.CHANNEL, SUBSCRIBE); }

  /** PSUBSCRIBE pattern [pattern ...] — O(N) in the patterns given. */
  static void psubscribe(Call call) { subscribeAll(call, Kind.PATTERN, PSUBSCRIBE); }

  /** SSUBSCRIBE shardchannel [shardchannel ...] — O(N) in the shard channels given. */
  static void ssubscribe(Call call) { subscribeAll(call, Kind.SHARD, SSUBSCRIBE); }

  /** UNSUBSCRIBE [channel ...] — O(N); without arguments leaves every channel. */
  static void unsubscribe(Call call) { unsubscribeAll(call, Kind.CHANNEL, UNSUBSCRIBE); }

  /** PUNSUBSCRIBE [pattern ...] — O(N+M); without arguments leaves every pattern. */
  static void punsubscribe(Call call) { unsubscribeAll(call, Kind.PATTERN, PUNSUBSCRIBE); }

  /** SUNSUBSCRIBE [shardchannel ...] — O(N); without arguments leaves every shard channel. */
  static void sunsubscribe(Call call) { unsubscribeAll(call, Kind.SHARD, SUNSUBSCRIBE); }

  private static void subscribeAll(Call call, Kind kind, byte[] reply) {
    ClientSubscriber me = call.client().subscriber(call.server());
    PubSub bus = me.bus();
    Argv argv = call.argv();
    ReplySink out = ReplyGate.pushing(call.out());
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
    ReplySink out = ReplyGate.pushing(call.out());
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
    Replies.bulkOrNull(out, name);
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

  /** PUBSUB HELP — O(1). */ static void pubsubHelp(Call call) { call.replyHelp(HELP); }

  /** PUBSUB CHANNELS [pattern] — O(N) in the active channels. */
  static void pubsubChannels(Call call) {
    if (tooMany(call, 3)) {
      return;
    }
    Argv argv = call.argv();
    reply(call.out(), call.engine().pubsub().activeChannels(argv.size() == 3 ? argv.copy(2) : null));
  }

  /** PUBSUB SHARDCHANNELS [pattern] — O(N) in the active shard channels. */
  static void pubsubShardchannels(Call call) {
    if (tooMany(call, 3)) {
      return;
    }
    Argv argv = call.argv();
    reply(call.out(),
        call.engine().pubsub().activeShardChannels(argv.size() == 3 ? argv.copy(2) : null));
  }

  /** PUBSUB NUMPAT — O(1): distinct patterns with a subscriber. */
  static void pubsubNumpat(Call call) { call.out().integer(call.engine().pubsub().numpat()); }

  /** PUBSUB NUMSUB [channel ...] — O(N) in the channels given. */
  static void pubsubNumsub(Call call) { numsub(call, false); }

  /** PUBSUB SHARDNUMSUB [shardchannel ...] — O(N) in the shard channels given. */
  static void pubsubShardnumsub(Call call) { numsub(call, true); }

  private static void numsub(Call call, boolean shard) {
    Argv argv = call.argv();
    ReplySink out = call.out();
    out.arrayHeader((argv.size() - 2) * 2);
    PubSub bus = call.engine().pubsub();
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
    call.out().error(Errors.subcommandSyntax(argv.string(1), "PUBSUB"));
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
