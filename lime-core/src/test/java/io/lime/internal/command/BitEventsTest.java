package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lime.internal.command.TransactionCommandsTest.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyspace events and changes of the bitmap commands, as observed on redis-server 7.0.15:
 * SETBIT and BITFIELD publish {@code setbit} only when they created or grew the value or
 * changed a bit (a BITFIELD whose writes all fail still creates the key, silently); BITOP
 * publishes {@code set}, or {@code del} when the result is empty and the key existed.
 */
class BitEventsTest {
  private final ConnFixture f = new ConnFixture();

  private Recorder subscribe() {
    f.run("CONFIG", "SET", "notify-keyspace-events", "KEA");
    Recorder r = new Recorder();
    f.engine.pubsub().psubscribe(r, "__keyevent*__:*".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void setbit_unchangedBit_noEvent() {
    Recorder r = subscribe();
    f.run("SETBIT", "k", "3", "1");
    f.run("SETBIT", "k", "3", "1");
    f.run("SETBIT", "k", "3", "0");
    f.run("SETBIT", "k", "100", "0");
    f.run("SETBIT", "k", "100", "0");
    assertEquals(List.of("__keyevent@0__:setbit k", "__keyevent@0__:setbit k",
        "__keyevent@0__:setbit k"), r.lines);
  }

  @Test
  void bitfield_eventOnlyWhenChangedOrGrown() {
    Recorder r = subscribe();
    f.run("SETBIT", "k", "3", "0");
    f.run("BITFIELD", "k", "SET", "u2", "0", "0");
    f.run("BITFIELD", "k2", "SET", "u2", "0", "0");
    f.run("BITFIELD", "k3", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "100");
    f.run("BITFIELD", "k4", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "100", "SET", "u2", "8", "0");
    assertEquals(":1\r\n", f.run("EXISTS", "k3"));
    assertEquals(List.of("__keyevent@0__:setbit k", "__keyevent@0__:setbit k2",
        "__keyevent@0__:setbit k4"), r.lines);
  }

  @Test
  void bitop_setOrDel() {
    f.run("SET", "a", "x");
    f.run("SET", "d", "y");
    Recorder r = subscribe();
    f.run("BITOP", "NOT", "d", "a");
    f.run("BITOP", "AND", "d", "missing");
    f.run("BITOP", "AND", "d", "missing");
    assertEquals(List.of("__keyevent@0__:set d", "__keyevent@0__:del d"), r.lines);
  }
}
