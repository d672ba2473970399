package io.lime.internal.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.KeyValueStore;
import io.lime.LimeException;
import io.lime.Message;
import io.lime.Ticker;
import io.lime.internal.command.Call;
import io.lime.internal.command.ClientSession;
import io.lime.internal.command.CommandLayer;
import io.lime.internal.command.Dispatcher;
import io.lime.internal.command.PushOutput;
import io.lime.internal.command.ServerState;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.internal.store.LocalKeyValueStore;
import io.lime.persistence.AofOptions;
import io.lime.persistence.Persistence;
import io.lime.resp.Argv;
import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.resp.RespWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Two stores, one per door, driven by the same sequence of operations so the typed API
 * inherits the command layer's differential coverage against redis-server (issue 9's proof):
 *
 * <ul>
 *   <li>{@link #typed}: a {@link KeyValueStore} used through its typed API, its keyspace
 *       events observed by a Java listener;
 *   <li>the RESP door: another store of the same configuration whose engine runs the full
 *       command layer ({@link #resp(String...)} sends one command as a client would), its
 *       keyspace events observed by a RESP client subscribed with {@code PSUBSCRIBE}.
 * </ul>
 *
 * Both have the same manual clock (moved together by {@link #advance}), no active expiry,
 * {@code notify-keyspace-events KEA} and an AOF ({@code appendfsync no}) in a directory of
 * their own. {@link #assertSameEffects()} compares what each store published and appended to
 * its AOF since the last check: the events as {@code channel message} lines and the AOF's
 * incremental file byte for byte.
 *
 * <p>Typical step of a property: run the typed call with {@link #typed(Function)} (which
 * returns the result or the {@link Failure} the call threw), the equivalent command with
 * {@link #resp}, compare the two results with a family-specific mapping, then {@link
 * #assertSameEffects()}.
 */
public final class TwoDoors implements AutoCloseable {
  /** What the typed door threw: a Redis error text, comparable with a RESP error reply. */
  public record Failure(String message) {}

  /** A RESP error reply, decoded. */
  public record ErrorReply(String message) {}

  private static final long T0 = 1_700_000_000_000L;

  private final AtomicLong clock = new AtomicLong(T0);
  private final Path dir;
  private final KeyValueStore typed;
  private final LocalKeyValueStore respStore;
  private final Engine respEngine;
  private final Dispatcher dispatcher;
  private final RespWriter writer = new RespWriter();
  private final Call call;
  private final RespWriter subWriter = new RespWriter();
  private final Call subCall;
  private final List<byte[]> subFrames = new ArrayList<>();
  private final List<String> typedEvents = Collections.synchronizedList(new ArrayList<>());
  private final List<String> respEvents = new ArrayList<>();
  private int typedAofSeen;
  private int respAofSeen;

  private TwoDoors() {
    try {
      dir = Files.createTempDirectory("lime-doors");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Ticker ticker = clock::get;
    typed = store(ticker, dir.resolve("typed"));
    respStore = (LocalKeyValueStore) store(ticker, dir.resolve("resp"));
    respEngine = respStore.engine();
    ServerState state = new ServerState(respEngine, new ConfigRegistry());
    dispatcher = CommandLayer.install(state);
    call = new Call(state, state.newClient(true), writer);
    ClientSession sub = state.newClient(true);
    sub.pushOutput(new PushOutput() { // a connection on the calling thread: frames kept in order
      @Override
      public boolean inLoop() {
        return true;
      }

      @Override
      public void write(byte[] frame) {
        subFrames.add(frame);
      }

      @Override
      public void execute(Runnable task) {
        task.run();
      }

      @Override
      public long pendingBytes() {
        return 0;
      }

      @Override
      public void closeAsap(String reason) {
        throw new AssertionError("subscriber closed: " + reason);
      }
    });
    subCall = new Call(state, sub, subWriter);
    run(call, writer, Argv.of("CONFIG", "SET", "notify-keyspace-events", "KEA"));
    run(subCall, subWriter, Argv.of("PSUBSCRIBE", "__key*__:*"));
    subFrames.clear();
    typed.psubscribe("__key*__:*", this::onTypedEvent);
  }

  private static KeyValueStore store(Ticker ticker, Path aofDir) {
    try {
      Files.createDirectories(aofDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return KeyValueStore.builder()
        .ticker(ticker)
        .activeExpiryHz(0)
        .notifyKeyspaceEvents("KEA")
        .listenerExecutor(Runnable::run)
        .persistence(Persistence.aof(aofDir, AofOptions.defaults().fsync(AofOptions.Fsync.NO)
            .autoRewrite(0, Long.MAX_VALUE)))
        .build();
  }

  /** Opens both stores (empty, clocks at the same instant). */
  public static TwoDoors open() {
    return new TwoDoors();
  }

  /** The typed door's store (database 0). */
  public KeyValueStore typed() {
    return typed;
  }

  /**
   * Runs {@code op} on the typed store; returns its result, or a {@link Failure} carrying the
   * message of the {@link LimeException} it threw (other exceptions propagate).
   */
  public @Nullable Object typed(Function<KeyValueStore, ?> op) {
    try {
      return op.apply(typed);
    } catch (LimeException e) {
      return new Failure(e.getMessage());
    }
  }

  /** Sends one command to the RESP door's store; returns the reply decoded (see {@link #java}). */
  public @Nullable Object resp(String... args) {
    return java(respRaw(args));
  }

  /** Sends one command with binary arguments; returns the reply decoded. */
  public @Nullable Object resp(byte[]... args) {
    return java(decode(run(call, writer, Argv.ofBytes(args))));
  }

  /** Sends one command; returns the reply as RESP. */
  public RespValue respRaw(String... args) {
    return decode(run(call, writer, Argv.of(args)));
  }

  private byte[] run(Call c, RespWriter w, Argv argv) {
    w.reset();
    dispatcher.execute(c, argv, w);
    var p = respEngine.propagation();
    if (p != null) {
      p.beforeReply(); // what the server does after each batch: the AOF write
    }
    return w.toByteArray();
  }

  private static RespValue decode(byte[] bytes) {
    try {
      return RespDecoder.decode(bytes);
    } catch (io.lime.resp.ProtocolException e) {
      throw new AssertionError("undecodable reply " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  /**
   * A reply as plain Java: integers as {@code Long}, bulk and simple strings as UTF-8
   * {@code String}, null replies as {@code null}, arrays/sets as {@code List}, maps as a
   * flat {@code List} of keys and values, doubles as {@code Double}, errors as
   * {@link ErrorReply}.
   */
  public static @Nullable Object java(RespValue v) {
    if (v instanceof RespValue.Integer i) {
      return i.value();
    } else if (v instanceof RespValue.Bulk b) {
      return b.string();
    } else if (v instanceof RespValue.SimpleString s) {
      return s.value();
    } else if (v instanceof RespValue.Null) {
      return null;
    } else if (v instanceof RespValue.Error e) {
      return new ErrorReply(e.message());
    } else if (v instanceof RespValue.Double d) {
      return d.value();
    } else if (v instanceof RespValue.Boolean b) {
      return b.value();
    } else if (v instanceof RespValue.Array a) {
      return list(a.elements());
    } else if (v instanceof RespValue.Set s) {
      return list(s.elements());
    } else if (v instanceof RespValue.Push p) {
      return list(p.elements());
    } else if (v instanceof RespValue.Map m) {
      List<@Nullable Object> out = new ArrayList<>();
      for (RespValue.Pair e : m.entries()) {
        out.add(java(e.key()));
        out.add(java(e.value()));
      }
      return out;
    }
    return v.toString();
  }

  private static List<@Nullable Object> list(List<RespValue> elements) {
    List<@Nullable Object> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(java(e));
    }
    return out;
  }

  /** Whether a typed result and a RESP reply are both errors with the same text. */
  public static boolean sameError(@Nullable Object typedResult, @Nullable Object respReply) {
    return typedResult instanceof Failure f && respReply instanceof ErrorReply e
        && f.message().equals(e.message());
  }

  /** One step of a sequence: a typed call and its RESP command, or a move of the clock. */
  public interface Step {
    /** What the step is, for failure messages. */
    String label();

    /** The typed call; null for a step that only moves the clock. */
    @Nullable Function<KeyValueStore, ?> typed();

    /** The same operation as a RESP command. */
    String[] resp();

    /** How far a clock step moves the clock. */
    long advanceMillis();
  }

  /** Checks a step's typed result against its RESP reply. */
  @FunctionalInterface
  public interface Comparison<S extends Step> {
    /** Fails unless {@code typed} and {@code resp} agree for {@code step}. */
    void check(S step, @Nullable Object typed, @Nullable Object resp);
  }

  /**
   * Runs {@code steps}: a step without a typed call moves the clock; any other runs through
   * both doors, {@code compare} checks the two results, and the effects must agree.
   */
  public <S extends Step> void run(List<S> steps, Comparison<S> compare) {
    for (S step : steps) {
      Function<KeyValueStore, ?> op = step.typed();
      if (op == null) {
        advance(Duration.ofMillis(step.advanceMillis()));
        continue;
      }
      compare.check(step, typed(op), resp(step.resp()));
      assertSameEffects(step.label());
    }
  }

  /** Moves both stores' clock. */
  public void advance(Duration d) {
    clock.addAndGet(d.toMillis());
  }

  /** The clock both stores read, Unix milliseconds. */
  public long now() {
    return clock.get();
  }

  private void onTypedEvent(Message m) {
    typedEvents.add(m.channelString() + " " + m.messageString());
  }

  private void drainRespEvents() {
    for (byte[] frame : subFrames) {
      List<RespValue> parts;
      try {
        RespValue v = RespDecoder.decode(frame);
        parts = v instanceof RespValue.Push p ? p.elements() : ((RespValue.Array) v).elements();
      } catch (io.lime.resp.ProtocolException e) {
        throw new AssertionError(e);
      }
      // pmessage pattern channel message
      respEvents.add(java(parts.get(2)) + " " + java(parts.get(3)));
    }
    subFrames.clear();
  }

  /** The typed store's events since the last {@link #assertSameEffects()}. */
  public List<String> typedEvents() {
    return List.copyOf(typedEvents);
  }

  /** The RESP store's events since the last {@link #assertSameEffects()}. */
  public List<String> respEvents() {
    drainRespEvents();
    return List.copyOf(respEvents);
  }

  /**
   * Asserts both stores published the same keyspace events and appended the same bytes to
   * their AOF since the last call, then starts a new comparison window. {@code context} names
   * the step in the failure message.
   */
  public void assertSameEffects(String context) {
    drainRespEvents();
    assertEquals(respEvents, List.copyOf(typedEvents), "keyspace events after " + context);
    respEvents.clear();
    typedEvents.clear();
    byte[] t = aof(dir.resolve("typed"));
    byte[] r = aof(dir.resolve("resp"));
    String tNew = new String(Arrays.copyOfRange(t, Math.min(typedAofSeen, t.length), t.length),
        StandardCharsets.ISO_8859_1);
    String rNew = new String(Arrays.copyOfRange(r, Math.min(respAofSeen, r.length), r.length),
        StandardCharsets.ISO_8859_1);
    assertEquals(rNew, tNew, "AOF bytes after " + context);
    typedAofSeen = t.length;
    respAofSeen = r.length;
  }

  /** {@link #assertSameEffects(String)} without a context. */
  public void assertSameEffects() {
    assertSameEffects("the last step");
  }

  /** What each store published and appended to its AOF in one comparison window. */
  public record Effects(List<String> typedEvents, List<String> respEvents, String typedAof,
      String respAof) {}

  /**
   * For a step whose effects are random (SPOP pops different members through each door):
   * returns what each store published and appended to its AOF (ISO-8859-1 text) since the last
   * comparison, without comparing, and starts a new comparison window. The caller checks them.
   */
  public Effects takeEffects() {
    drainRespEvents();
    byte[] t = aof(dir.resolve("typed"));
    byte[] r = aof(dir.resolve("resp"));
    Effects e = new Effects(List.copyOf(typedEvents), List.copyOf(respEvents),
        new String(t, Math.min(typedAofSeen, t.length), t.length - Math.min(typedAofSeen,
            t.length), StandardCharsets.ISO_8859_1),
        new String(r, Math.min(respAofSeen, r.length), r.length - Math.min(respAofSeen,
            r.length), StandardCharsets.ISO_8859_1));
    respEvents.clear();
    typedEvents.clear();
    typedAofSeen = t.length;
    respAofSeen = r.length;
    return e;
  }

  /** The whole incremental AOF of the store whose AOF lives in {@code storeDir}. */
  private static byte[] aof(Path storeDir) {
    Path ad = storeDir.resolve("appendonlydir");
    if (!Files.isDirectory(ad)) {
      return new byte[0];
    }
    try (Stream<Path> files = Files.list(ad)) {
      List<Path> incr = files.filter(p -> p.getFileName().toString().endsWith(".incr.aof"))
          .sorted().toList();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (Path p : incr) {
        out.write(Files.readAllBytes(p));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    typed.close();
    respStore.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temporary directory; nothing to do
    }
  }
}
