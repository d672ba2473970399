package io.lime.internal.command;

import static io.lime.internal.command.KeyFixture.START_MILLIS;
import static io.lime.internal.command.KeyFixture.err;
import static io.lime.internal.command.KeyFixture.i;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExpireCommandsTest {
  private final KeyFixture f = new KeyFixture();

  @Test
  void expire_relative_setsAbsoluteDeadlineFromClock() {
    f.put("a", "1");
    assertEquals(i(1), f.run("EXPIRE", "a", "10"));
    assertEquals(i(START_MILLIS + 10_000), f.run("PEXPIRETIME", "a"));
    assertEquals(i((START_MILLIS + 10_000) / 1000), f.run("EXPIRETIME", "a"));
    assertEquals(i(10_000), f.run("PTTL", "a"));
    assertEquals(i(10), f.run("TTL", "a"));
  }

  @Test
  void ttl_roundsToNearestSecond() {
    f.put("a", "1");
    f.run("PEXPIRE", "a", "1499");
    assertEquals(i(1), f.run("TTL", "a"));
    f.run("PEXPIRE", "a", "1500");
    assertEquals(i(2), f.run("TTL", "a"));
  }

  @Test
  void deadlinePassed_keyAbsentEverywhere() {
    f.put("a", "1");
    f.run("PEXPIRE", "a", "100");
    f.advance(99);
    assertEquals(i(1), f.run("EXISTS", "a"));
    assertEquals(i(1), f.run("PTTL", "a"));
    f.advance(1);
    assertEquals(i(0), f.run("PTTL", "a"), "at its exact deadline a key still exists (Redis: now > when)");
    f.advance(1);
    assertEquals(i(-2), f.run("TTL", "a"));
    assertEquals(i(0), f.run("EXISTS", "a"));
    assertEquals("+none\r\n", f.run("TYPE", "a"));
    assertEquals(i(0), f.run("PERSIST", "a"));
    assertEquals(i(0), f.run("EXPIRE", "a", "10"));
    assertEquals(i(0), f.run("DBSIZE"));
  }

  @Test
  void activeExpiry_outOfTime_nextCycleResumesAtTheFollowingShard() {
    // Volatile keys not yet due in (nearly) every shard, and one due key. A cycle with no
    // time budget samples one shard; restarting at the first shard each time would never
    // reach the due key's shard.
    for (int k = 0; k < 2000; k++) {
      f.put("live" + k, "v");
      f.run("PEXPIRE", "live" + k, "100000");
    }
    f.put("due", "v");
    f.run("PEXPIRE", "due", "10");
    f.advance(11);
    // Sampling is random (about 9 volatile keys per shard, 20 samples with replacement miss
    // the due one about 1 time in 10), so up to 20 passes over the shards.
    int slots = f.engine.databaseCount() * f.engine.db(0).shardCount();
    for (int n = 0; n < 20 * slots && f.engine.db(0).size() > 2000; n++) {
      f.engine.activeExpireCycle(0);
    }
    assertEquals(2000, f.engine.db(0).size());
  }

  @Test
  void activeExpiry_reclaimsWithoutAccess() {
    for (int k = 0; k < 50; k++) {
      f.put("k" + k, "v");
      f.run("PEXPIRE", "k" + k, "10");
    }
    f.put("stay", "v");
    assertEquals(i(51), f.run("DBSIZE"));
    f.advance(11);
    assertEquals(i(51), f.run("DBSIZE"));
    long expired = 0;
    for (int round = 0; round < 100 && f.engine.db(0).size() > 1; round++) {
      expired += f.engine.activeExpireCycle();
    }
    assertEquals(50, expired);
    assertEquals(i(1), f.run("DBSIZE"));
  }

  @Test
  void expire_pastDeadline_deletesAndRepliesOne() {
    f.put("a", "1");
    assertEquals(i(1), f.run("EXPIRE", "a", "-1"));
    assertEquals(i(0), f.run("EXISTS", "a"));
    f.put("a", "1");
    assertEquals(i(1), f.run("PEXPIREAT", "a", String.valueOf(START_MILLIS)));
    assertEquals(i(0), f.run("EXISTS", "a"));
  }

  @Test
  void conditions_nxXxGtLt() {
    f.put("a", "1");
    assertEquals(i(0), f.run("EXPIRE", "a", "100", "XX"));
    assertEquals(i(0), f.run("EXPIRE", "a", "100", "GT"));
    assertEquals(i(1), f.run("EXPIRE", "a", "100", "LT"));
    assertEquals(i(0), f.run("EXPIRE", "a", "100", "NX"));
    assertEquals(i(0), f.run("EXPIRE", "a", "100", "GT"));
    assertEquals(i(1), f.run("EXPIRE", "a", "101", "GT"));
    assertEquals(i(0), f.run("EXPIRE", "a", "101", "LT"));
    assertEquals(i(1), f.run("EXPIRE", "a", "99", "LT", "XX"));
    assertEquals(i(99), f.run("TTL", "a"));
  }

  @Test
  void options_invalid_redisErrors() {
    f.put("a", "1");
    assertEquals(err("ERR NX and XX, GT or LT options at the same time are not compatible"),
        f.run("EXPIRE", "a", "1", "NX", "GT"));
    assertEquals(err("ERR GT and LT options at the same time are not compatible"),
        f.run("EXPIRE", "a", "1", "GT", "LT"));
    assertEquals(err("ERR Unsupported option foo"), f.run("EXPIRE", "a", "x", "foo"));
    assertEquals(err("ERR value is not an integer or out of range"), f.run("EXPIRE", "a", "x"));
    assertEquals(err("ERR invalid expire time in 'expire' command"),
        f.run("EXPIRE", "a", "9223372036854776"));
    assertEquals(err("ERR invalid expire time in 'pexpire' command"),
        f.run("PEXPIRE", "a", "9223372036854775807"));
    assertEquals(err("ERR invalid expire time in 'expireat' command"),
        f.run("EXPIREAT", "a", "-9223372036854776"));
    assertEquals(i(1), f.run("PEXPIREAT", "a", "9223372036854775807"));
  }

  @Test
  void expiretime_extremeDeadline_roundsWithoutOverflow() {
    f.put("a", "1");
    f.run("PEXPIREAT", "a", "9223372036854775807");
    assertEquals(i(9223372036854776L), f.run("EXPIRETIME", "a"));
  }

  @Test
  void persist_removesExpiryOnce() {
    f.put("a", "1");
    assertEquals(i(0), f.run("PERSIST", "a"));
    f.run("EXPIRE", "a", "5");
    assertEquals(i(1), f.run("PERSIST", "a"));
    assertEquals(i(-1), f.run("TTL", "a"));
    assertEquals(i(-1), f.run("EXPIRETIME", "a"));
    assertEquals(i(0), f.run("PERSIST", "a"));
  }

  @Test
  void expire_countsDirty() {
    f.put("a", "1");
    long before = f.engine.dirty();
    f.run("EXPIRE", "a", "5");
    f.run("EXPIRE", "a", "5", "NX");
    f.run("PERSIST", "a");
    assertEquals(2, f.engine.dirty() - before);
  }
}
