package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.persistence.Persistence;
import io.lime.persistence.PersistenceContext;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the dispatcher hands to the persistence: Redis 7.0's propagated forms. */
class PropagationTest {
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final List<String> log = new ArrayList<>();
  private Dispatcher dispatcher;
  private Call call;
  private Engine engine;

  /** Records onWrite calls as "db:ARG ARG ...". */
  private final class Recorder implements Persistence {
    @Override
    public void open(PersistenceContext context) {}

    @Override
    public void onWrite(int db, byte[][] argv) {
      StringBuilder sb = new StringBuilder().append(db).append(':');
      for (int i = 0; i < argv.length; i++) {
        sb.append(i == 0 ? "" : " ").append(new String(argv[i], StandardCharsets.UTF_8));
      }
      log.add(sb.toString());
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void setUp() {
    engine = new Engine(16, 4, clock::get, 0);
    engine.persistence(new Recorder());
    ServerState state = new ServerState(engine, new ConfigRegistry());
    dispatcher = CommandLayer.install(state);
    call = new Call(state, state.newClient(true), new RespWriter());
  }

  private void run(String... args) {
    dispatcher.execute(call, Argv.of(args), new RespWriter());
  }

  private List<String> logged(String... args) {
    log.clear();
    run(args);
    return List.copyOf(log);
  }

  @Test
  void set_relativeExpiry_propagatedAsPxat() {
    long at = clock.get() + 10_000;
    assertEquals(List.of("0:SET k v PXAT " + at), logged("SET", "k", "v", "EX", "10"));
    assertEquals(List.of("0:SET k v PXAT " + at), logged("SETEX", "k", "10", "v"));
    assertEquals(List.of("0:SET k v PXAT " + (clock.get() + 5)), logged("PSETEX", "k", "5", "v"));
    assertEquals(List.of("0:set k v"), logged("set", "k", "v", "GET"));
    assertEquals(List.of(), logged("SET", "k", "v", "NX"));
  }

  @Test
  void eval_effectsPropagatedAsCommands_severalWrappedInMulti() {
    assertEquals(List.of("0:MULTI", "0:set a 1", "0:incr n", "0:EXEC"),
        logged("EVAL", "redis.call('set','a','1') redis.call('incr','n') "
            + "return redis.call('get','a')", "0"));
    String sha = sha("return redis.call('set','a','2')");
    assertEquals(List.of("0:set a 2"), logged("EVALSHA", sha, "0"));
    assertEquals(List.of(), logged("EVAL", "return redis.call('get','a')", "0"));
    assertEquals(List.of(), logged("EVAL", "return redis.pcall('incr','a', 'x')", "0"));
    assertEquals(List.of("0:SET k v PXAT " + (clock.get() + 10_000)),
        logged("EVAL", "return redis.call('set','k','v','EX',10)", "0"));
    assertEquals(List.of("0:MULTI", "0:del a", "3:set x 1", "3:EXEC"),
        logged("EVAL", "redis.call('del','a') redis.call('select',3) redis.call('set','x','1')",
            "0"));
  }

  @Test
  void functionLoadDeleteFlush_propagatedAsGiven() {
    String lib = "#!lua name=l\nredis.register_function('f', function() return 1 end)";
    assertEquals(List.of("0:FUNCTION LOAD " + lib), logged("FUNCTION", "LOAD", lib));
    assertEquals(List.of(), logged("FUNCTION", "LOAD", lib)); // refused: exists
    assertEquals(List.of(), logged("FCALL", "f", "0"));
    assertEquals(List.of("0:FUNCTION DELETE l"), logged("FUNCTION", "DELETE", "l"));
    assertEquals(List.of("0:FUNCTION FLUSH"), logged("FUNCTION", "FLUSH"));
  }

  private String sha(String script) {
    run("SCRIPT", "LOAD", script);
    return io.lime.internal.script.Sha1.hex(script.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void expireFamily_absoluteOrDel() {
    run("SET", "k", "v");
    assertEquals(List.of("0:PEXPIREAT k " + (clock.get() + 100_000)), logged("EXPIRE", "k", "100"));
    assertEquals(List.of("0:PEXPIREAT k 4000000000000"), logged("EXPIREAT", "k", "4000000000"));
    assertEquals(List.of(), logged("EXPIRE", "missing", "100"));
    assertEquals(List.of("0:DEL k"), logged("EXPIRE", "k", "-1"));
  }

  @Test
  void getexGetdelIncrbyfloatHincrbyfloat_rewritten() {
    run("SET", "k", "v");
    assertEquals(List.of("0:PEXPIREAT k " + (clock.get() + 1000)), logged("GETEX", "k", "PX", "1000"));
    assertEquals(List.of("0:PERSIST k"), logged("GETEX", "k", "PERSIST"));
    assertEquals(List.of(), logged("GETEX", "k"));
    assertEquals(List.of("0:DEL k"), logged("GETDEL", "k"));
    assertEquals(List.of("0:SET f 1.5 KEEPTTL"), logged("INCRBYFLOAT", "f", "1.5"));
    assertEquals(List.of("0:HSET h x 2.5"), logged("HINCRBYFLOAT", "h", "x", "2.5"));
  }

  @Test
  void spop_propagatedAsSremOrDel() {
    run("SADD", "s", "only");
    assertEquals(List.of("0:SREM s only"), logged("SPOP", "s"));
    run("SADD", "s", "a", "b", "c");
    List<String> two = logged("SPOP", "s", "2");
    assertEquals(1, two.size());
    assertEquals(4, two.get(0).split(" ").length, two.toString());
    assertEquals(List.of("0:DEL s"), logged("SPOP", "s", "5"));
  }

  @Test
  void lazyExpiryInWrite_delBeforeCommandWrappedInMulti() {
    run("SET", "k", "v", "PX", "10");
    clock.addAndGet(20);
    assertEquals(List.of("0:MULTI", "0:DEL k", "0:SET k w", "0:EXEC"), logged("SET", "k", "w"));
  }

  @Test
  void readOfExpiredKey_withPropagation_doesNotDeleteOrLog() {
    run("SET", "k", "v", "PX", "10");
    clock.addAndGet(20);
    assertEquals(List.of(), logged("GET", "k"));
    assertEquals(1, engine.db(0).size()); // left for a writer or the active cycle, as a replica
    assertEquals(List.of("0:DEL k"), logged("DEL", "k")); // the expiry; DEL itself removed nothing
  }

  @Test
  void select_dbIndexPassed_andFlushForced() {
    run("SELECT", "3");
    assertEquals(List.of("3:FLUSHDB"), logged("FLUSHDB"));
    assertEquals(List.of("3:SET a 1"), logged("SET", "a", "1"));
  }

  @Test
  void geoadd_propagatedAsZaddOfScores() {
    assertEquals(List.of("0:zadd g CH 3479099956230698 Palermo"),
        logged("GEOADD", "g", "CH", "13.361389", "38.115556", "Palermo"));
    assertEquals(List.of(), logged("GEOADD", "g", "NX", "13.361389", "38.115556", "Palermo"));
  }

  @Test
  void restore_relativeTtl_propagatedAbsolute_expiredReplaceAsDel() {
    byte[] payload = io.lime.internal.persistence.rdb.DumpPayload.create(listOf("a"), true);
    log.clear();
    dispatcher.execute(call, Argv.ofBytes(b("RESTORE"), b("k"), b("1000"), payload),
        new RespWriter());
    assertEquals(1, log.size());
    assertEquals("0:RESTORE k " + (clock.get() + 1000), log.get(0).substring(0,
        ("0:RESTORE k " + (clock.get() + 1000)).length()));
    assertEquals(true, log.get(0).endsWith(" ABSTTL"));
    log.clear();
    dispatcher.execute(call, Argv.ofBytes(b("RESTORE"), b("k"), b("1"), payload, b("REPLACE"),
        b("ABSTTL")), new RespWriter());
    assertEquals(List.of("0:DEL k"), log);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static io.lime.internal.type.ListValue listOf(String... items) {
    io.lime.internal.type.ListValue l = new io.lime.internal.type.ListValue();
    for (String s : items) {
      l.push(false, b(s), -2);
    }
    return l;
  }
}
