package io.lime.internal.command;

import static io.lime.internal.command.KeyFixture.OK;
import static io.lime.internal.command.KeyFixture.err;
import static io.lime.internal.command.KeyFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseCommandsTest {
  private final KeyFixture f = new KeyFixture();

  @Test
  void select_rangeAndFormat_redisErrors() {
    assertEquals(OK, f.run("SELECT", "15"));
    assertEquals(15, f.client.db());
    assertEquals(err("ERR DB index is out of range"), f.run("SELECT", "16"));
    assertEquals(err("ERR DB index is out of range"), f.run("SELECT", "-1"));
    assertEquals(err("ERR value is not an integer or out of range"), f.run("SELECT", "x"));
    assertEquals(err("ERR value is not an integer or out of range"), f.run("SELECT", "01"));
    assertEquals(err("ERR value is out of range, value must between -2147483648 and 2147483647"),
        f.run("SELECT", "2147483648"));
    assertEquals(15, f.client.db());
  }

  @Test
  void swapdb_exchangesKeyspaces() {
    f.put(0, "a", "1");
    f.put(1, "b", "2");
    f.put(1, "c", "3");
    assertEquals(OK, f.run("SWAPDB", "0", "1"));
    assertEquals(i(2), f.run("DBSIZE"));
    assertEquals(i(1), f.run("EXISTS", "b"));
    assertEquals(OK, f.run("SWAPDB", "1", "1"));
  }

  @Test
  void swapdb_errors() {
    assertEquals(err("ERR invalid first DB index"), f.run("SWAPDB", "x", "y"));
    assertEquals(err("ERR invalid second DB index"), f.run("SWAPDB", "0", "y"));
    assertEquals(err("ERR invalid first DB index"), f.run("SWAPDB", "2147483648", "0"));
    assertEquals(err("ERR DB index is out of range"), f.run("SWAPDB", "0", "16"));
  }

  @Test
  void flushdb_onlyCurrentDatabase_countsDirty() {
    f.put(0, "a", "1");
    f.put(0, "b", "1");
    f.put(1, "c", "1");
    long before = f.engine.dirty();
    assertEquals(OK, f.run("FLUSHDB"));
    assertEquals(2, f.engine.dirty() - before);
    assertEquals(i(0), f.run("DBSIZE"));
    assertEquals(1, f.engine.db(1).size());
  }

  @Test
  void flushall_everyDatabase() {
    f.put(0, "a", "1");
    f.put(5, "c", "1");
    assertEquals(OK, f.run("FLUSHALL", "ASYNC"));
    assertEquals(0, f.engine.db(5).size());
    assertEquals(0, f.engine.db(0).size());
  }

  @Test
  void flush_badArguments_syntaxError() {
    assertEquals(err("ERR syntax error"), f.run("FLUSHDB", "x"));
    assertEquals(err("ERR syntax error"), f.run("FLUSHDB", "ASYNC", "SYNC"));
    assertEquals(err("ERR syntax error"), f.run("FLUSHALL", "now"));
    assertEquals(OK, f.run("FLUSHALL", "sync"));
  }

  @Test
  void dbsize_countsKeysOfSelectedDatabase() {
    f.put(2, "a", "1");
    assertEquals(i(0), f.run("DBSIZE"));
    f.run("SELECT", "2");
    assertEquals(i(1), f.run("DBSIZE"));
  }
}
