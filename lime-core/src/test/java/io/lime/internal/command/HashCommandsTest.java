package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.resp.Argv;
import io.lime.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hash commands through the dispatcher, replies as RESP text. */
class HashCommandsTest {
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final Engine engine = new Engine(16, 16, clock::get, 0);
  private final ServerState state = new ServerState(engine, new ConfigRegistry());
  private final Dispatcher dispatcher = CommandLayer.install(state);
  private final ClientSession client = state.newClient(true);
  private final RespWriter writer = new RespWriter();
  private final Call call = new Call(state, client, writer);

  private String run(String... args) {
    writer.reset();
    dispatcher.execute(call, Argv.of(args), writer);
    return new String(writer.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  private void resp3() {
    client.protocol(3);
    writer.setProtocol(3);
  }

  private static String bulk(String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private String encoding(String key) {
    return run("OBJECT", "ENCODING", key);
  }

  @Test
  void hset_newAndUpdatedFields_countsNewOnly() {
    assertEquals(":2\r\n", run("HSET", "h", "a", "1", "b", "2"));
    assertEquals(":1\r\n", run("HSET", "h", "a", "x", "c", "3"));
    assertEquals(":0\r\n", run("HSET", "h", "c", "y", "c", "z"));
    assertEquals("*6\r\n" + bulk("a") + bulk("x") + bulk("b") + bulk("2") + bulk("c") + bulk("z"),
        run("HGETALL", "h"));
  }

  @Test
  void hset_oddArguments_arityErrorWithCommandName() {
    assertEquals("-ERR wrong number of arguments for 'hset' command\r\n",
        run("HSET", "h", "a", "1", "b"));
    assertEquals("-ERR wrong number of arguments for 'hmset' command\r\n",
        run("HMSET", "h", "a", "1", "b"));
    assertEquals(":0\r\n", run("EXISTS", "h"));
  }

  @Test
  void hmset_repliesOk() {
    assertEquals("+OK\r\n", run("HMSET", "h", "a", "1"));
    assertEquals(bulk("1"), run("HGET", "h", "a"));
  }

  @Test
  void hgetall_resp3_isMap() {
    resp3();
    run("HSET", "h", "a", "1");
    assertEquals("%1\r\n" + bulk("a") + bulk("1"), run("HGETALL", "h"));
    assertEquals("%0\r\n", run("HGETALL", "missing"));
    assertEquals("*0\r\n", run("HKEYS", "missing"));
  }

  @Test
  void readsOnMissingKey_replyEmptyForms() {
    assertEquals("$-1\r\n", run("HGET", "m", "f"));
    assertEquals("*2\r\n$-1\r\n$-1\r\n", run("HMGET", "m", "f", "g"));
    assertEquals(":0\r\n", run("HLEN", "m"));
    assertEquals(":0\r\n", run("HSTRLEN", "m", "f"));
    assertEquals(":0\r\n", run("HEXISTS", "m", "f"));
    assertEquals("*0\r\n", run("HVALS", "m"));
    assertEquals("$-1\r\n", run("HRANDFIELD", "m"));
    assertEquals("*0\r\n", run("HRANDFIELD", "m", "5", "WITHVALUES"));
    assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", run("HSCAN", "m", "0", "NOT-AN-OPTION"));
  }

  @Test
  void wrongType_everyCommand_wrongtypeError() {
    run("SET", "s", "v");
    String wt = "-" + Errors.WRONGTYPE + "\r\n";
    for (String[] cmd : List.of(new String[] {"HSET", "s", "f", "v"},
        new String[] {"HSETNX", "s", "f", "v"}, new String[] {"HGET", "s", "f"},
        new String[] {"HMGET", "s", "f"}, new String[] {"HDEL", "s", "f"},
        new String[] {"HLEN", "s"}, new String[] {"HSTRLEN", "s", "f"},
        new String[] {"HEXISTS", "s", "f"}, new String[] {"HKEYS", "s"},
        new String[] {"HVALS", "s"}, new String[] {"HGETALL", "s"},
        new String[] {"HINCRBY", "s", "f", "1"}, new String[] {"HINCRBYFLOAT", "s", "f", "1"},
        new String[] {"HRANDFIELD", "s"}, new String[] {"HRANDFIELD", "s", "0"},
        new String[] {"HSCAN", "s", "0"})) {
      assertEquals(wt, run(cmd), String.join(" ", cmd));
    }
    assertEquals(bulk("v"), run("GET", "s"));
  }

  @Test
  void hdel_lastField_removesKey() {
    run("HSET", "h", "a", "1", "b", "2");
    assertEquals(":2\r\n", run("HDEL", "h", "a", "b", "a"));
    assertEquals(":0\r\n", run("EXISTS", "h"));
    assertEquals(":0\r\n", run("HDEL", "h", "a"));
  }

  @Test
  void hsetnx_existingField_keepsValue() {
    assertEquals(":1\r\n", run("HSETNX", "h", "f", "1"));
    assertEquals(":0\r\n", run("HSETNX", "h", "f", "2"));
    assertEquals(bulk("1"), run("HGET", "h", "f"));
  }

  @Test
  void hincrby_errorsAndOverflow_exactTexts() {
    assertEquals(":5\r\n", run("HINCRBY", "h", "n", "5"));
    assertEquals("-ERR value is not an integer or out of range\r\n", run("HINCRBY", "h", "n", "x"));
    run("HSET", "h", "s", "abc", "max", "9223372036854775807");
    assertEquals("-ERR hash value is not an integer\r\n", run("HINCRBY", "h", "s", "1"));
    assertEquals("-ERR increment or decrement would overflow\r\n", run("HINCRBY", "h", "max", "1"));
    assertEquals(":-9223372036854775808\r\n",
        run("HINCRBY", "h", "min", "-9223372036854775808"));
    assertEquals(bulk("9223372036854775807"), run("HGET", "h", "max"));
  }

  @Test
  void hincrbyfloat_longDoubleFormatting_matchesRedis() {
    assertEquals(bulk("10.5"), run("HINCRBYFLOAT", "h", "f", "10.5"));
    assertEquals(bulk("10.6"), run("HINCRBYFLOAT", "h", "f", "0.1"));
    assertEquals(bulk("5000"), run("HINCRBYFLOAT", "h", "g", "5.0e3"));
    assertEquals("-ERR value is NaN or Infinity\r\n", run("HINCRBYFLOAT", "h", "f", "inf"));
    assertEquals("-ERR value is not a valid float\r\n", run("HINCRBYFLOAT", "h", "f", "nan"));
    run("HSET", "h", "s", "abc", "big", "1e4932");
    assertEquals("-ERR hash value is not a float\r\n", run("HINCRBYFLOAT", "h", "s", "1"));
    assertEquals("-ERR increment would produce NaN or Infinity\r\n",
        run("HINCRBYFLOAT", "h", "big", "1e4932"));
    assertEquals(":0\r\n", run("EXISTS", "other"));
    assertEquals("-ERR value is NaN or Infinity\r\n", run("HINCRBYFLOAT", "other", "f", "-inf"));
    assertEquals(":0\r\n", run("EXISTS", "other"));
  }

  @Test
  void encoding_growsPastEntryLimit_becomesHashtableAndStays() {
    engine.limits().hashMaxListpackEntries = 2;
    run("HSET", "h", "a", "1", "b", "2");
    assertEquals(bulk("listpack"), encoding("h"));
    run("HSET", "h", "c", "3");
    assertEquals(bulk("hashtable"), encoding("h"));
    run("HDEL", "h", "a", "b");
    assertEquals(bulk("hashtable"), encoding("h"));
    engine.limits().hashMaxListpackEntries = 512;
    run("HSET", "h", "d", "4");
    assertEquals(bulk("hashtable"), encoding("h"));
  }

  @Test
  void encoding_configSetValueLimit_convertsOnLongValue() {
    assertEquals("+OK\r\n", run("CONFIG", "SET", "hash-max-listpack-value", "4"));
    run("HSET", "h", "a", "1234");
    assertEquals(bulk("listpack"), encoding("h"));
    run("HSET", "h", "b", "12345");
    assertEquals(bulk("hashtable"), encoding("h"));
    assertEquals("+OK\r\n", run("CONFIG", "SET", "hash-max-ziplist-value", "64"));
    assertEquals(64, engine.limits().hashMaxListpackValue);
  }

  @Test
  void encoding_hincrbyLongField_converts() {
    engine.limits().hashMaxListpackValue = 3;
    run("HINCRBY", "h", "abcd", "1");
    assertEquals(bulk("hashtable"), encoding("h"));
    run("HINCRBYFLOAT", "g", "f", "1.25");
    assertEquals(bulk("hashtable"), encoding("g"));
  }

  @Test
  void hrandfield_argumentErrors_exactTexts() {
    run("HSET", "h", "a", "1");
    assertEquals("-ERR value is not an integer or out of range\r\n", run("HRANDFIELD", "h", "x"));
    assertEquals("-ERR syntax error\r\n", run("HRANDFIELD", "h", "1", "WITH"));
    assertEquals("-ERR value is out of range\r\n",
        run("HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"));
    assertEquals("-ERR value is out of range, value must between -9223372036854775807 and"
        + " 9223372036854775807\r\n", run("HRANDFIELD", "h", "-9223372036854775808"));
  }

  @Test
  void hrandfield_countsAndWithValues_shapes() {
    run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertEquals("*3\r\n" + bulk("a") + bulk("b") + bulk("c"), run("HRANDFIELD", "h", "10"));
    assertTrue(run("HRANDFIELD", "h", "-7").startsWith("*7\r\n"));
    assertTrue(run("HRANDFIELD", "h", "2", "WITHVALUES").startsWith("*4\r\n"));
    resp3();
    String nested = run("HRANDFIELD", "h", "-2", "WITHVALUES");
    assertTrue(nested.startsWith("*2\r\n*2\r\n"), nested);
    assertEquals("*0\r\n", run("HRANDFIELD", "h", "0", "WITHVALUES"));
  }

  @Test
  void hscan_listpack_allInOneCallCursorZero() {
    run("HSET", "h", "a", "1", "b", "2");
    assertEquals("*2\r\n" + bulk("0") + "*4\r\n" + bulk("a") + bulk("1") + bulk("b") + bulk("2"),
        run("HSCAN", "h", "0", "COUNT", "1"));
    assertEquals("*2\r\n" + bulk("0") + "*2\r\n" + bulk("b") + bulk("2"),
        run("HSCAN", "h", "0", "MATCH", "b*"));
    assertEquals("-ERR syntax error\r\n", run("HSCAN", "h", "0", "TYPE", "hash"));
    assertEquals("-ERR invalid cursor\r\n", run("HSCAN", "h", "abc"));
  }

  @Test
  void hscan_hashtable_fullIterationReturnsEveryField() {
    engine.limits().hashMaxListpackEntries = 0;
    List<String> args = new ArrayList<>(List.of("HSET", "h"));
    for (int i = 0; i < 300; i++) {
      args.add("f" + i);
      args.add("v" + i);
    }
    run(args.toArray(String[]::new));
    assertEquals(bulk("hashtable"), encoding("h"));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    Pattern item = Pattern.compile("\\$\\d+\\r\\n(f\\d+)\\r\\n");
    int steps = 0;
    do {
      String reply = run("HSCAN", "h", cursor, "COUNT", "3");
      cursor = reply.split("\r\n")[2];
      Matcher m = item.matcher(reply);
      while (m.find()) {
        seen.add(m.group(1));
      }
      steps++;
    } while (!cursor.equals("0"));
    assertEquals(300, seen.size());
    assertTrue(steps > 1);
    String all = run("HSCAN", "h", "0", "COUNT", "9223372036854775807");
    assertTrue(all.startsWith("*2\r\n$1\r\n0\r\n*600\r\n"), all.substring(0, 30));
  }

  @Test
  void counters_readsCountHitsAndWritesCountDirty() {
    long dirty = engine.dirty();
    run("HSET", "h", "a", "1", "a", "2");
    assertEquals(dirty + 2, engine.dirty());
    long hits = state.keyspaceHits.sum();
    long misses = state.keyspaceMisses.sum();
    run("HGET", "h", "a");
    run("HGET", "nope", "a");
    assertEquals(hits + 1, state.keyspaceHits.sum());
    assertEquals(misses + 1, state.keyspaceMisses.sum());
    run("HDEL", "h", "zz");
    assertEquals(dirty + 2, engine.dirty());
  }

  @Test
  void expiredHash_isAbsent() {
    run("HSET", "h", "a", "1");
    run("PEXPIRE", "h", "100");
    clock.addAndGet(101);
    assertEquals("$-1\r\n", run("HGET", "h", "a"));
    assertEquals(":1\r\n", run("HSET", "h", "b", "2"));
    assertEquals(":-1\r\n", run("PTTL", "h"));
  }

  @Test
  void genericKeyCommands_workOnHashes() {
    run("HSET", "h", "a", "1");
    assertEquals("+hash\r\n", run("TYPE", "h"));
    assertEquals(":1\r\n", run("COPY", "h", "h2"));
    run("HSET", "h2", "b", "2");
    assertEquals(":1\r\n", run("HLEN", "h"));
    assertEquals(":2\r\n", run("HLEN", "h2"));
    assertEquals("+OK\r\n", run("RENAME", "h2", "h3"));
    assertEquals(bulk("listpack"), encoding("h3"));
  }
}
