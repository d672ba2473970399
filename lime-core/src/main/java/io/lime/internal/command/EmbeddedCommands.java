package io.lime.internal.command;

import io.lime.LimeException;
import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.config.NotifyFlags;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.ProtocolException;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.resp.RespWriter;

/**
 * The command door of an embedded store ({@code KeyValueStore.call}): any command of the
 * table, the custom ones included, run by one in-process client over the store's engine, its
 * reply decoded as RESP3. Calls are serialized (one client); blocking commands (BLPOP...) are
 * refused, having no connection to wake.
 */
public final class EmbeddedCommands {
  private final Dispatcher dispatcher;
  private final ClientSession session;
  private final RespWriter writer = new RespWriter();
  private final Call call;

  /** A door over {@code engine} (its custom commands included). */
  public EmbeddedCommands(Engine engine) {
    ConfigRegistry config = new ConfigRegistry();
    try { // ServerState applies these to the engine: keep the store's own
      config.set("databases", Integer.toString(engine.databaseCount()));
      config.set("notify-keyspace-events", NotifyFlags.format(engine.events().flags()));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
    ServerState state = new ServerState(engine, config);
    this.dispatcher = CommandLayer.install(state);
    this.session = init(state.newClient(true));
    this.call = new Call(state, session, writer);
  }

  /**
   * A door into a server's command layer (its scripts, functions, running script, ACL and
   * config are the network clients'): the store of a {@code LimeServer}.
   */
  public EmbeddedCommands(ServerState state) {
    this.dispatcher = new Dispatcher(state);
    // not one of the server's clients (CLIENT LIST, CLIENT KILL), as Redis's lua client
    this.session = init(new ClientSession(0, true, state.engine().now()));
    this.call = new Call(state, session, writer);
  }

  private ClientSession init(ClientSession session) {
    session.protocol(3);
    writer.setProtocol(3);
    return session;
  }

  /**
   * Runs {@code argv} in database {@code db} and returns its reply.
   *
   * @throws LimeException carrying the error reply's text
   * @throws UnsupportedOperationException for a command that blocked
   */
  public synchronized RespValue call(int db, byte[][] argv) {
    Argv a = Argv.ofBytes(argv);
    CommandSpec spec = dispatcher.server().commandTable().lookup(a, 0);
    if (spec != null && spec.has(CommandFlag.BLOCKING)) {
      throw new UnsupportedOperationException("blocking commands cannot run through call(): "
          + spec.name());
    }
    session.db(db);
    writer.reset();
    dispatcher.execute(call, a, writer);
    byte[] reply = writer.toByteArray();
    RespValue v;
    try {
      v = RespDecoder.decode(reply);
    } catch (ProtocolException e) {
      throw new IllegalStateException(e);
    }
    if (v instanceof RespValue.Error err) {
      throw new LimeException(err.message());
    }
    return v;
  }
}
