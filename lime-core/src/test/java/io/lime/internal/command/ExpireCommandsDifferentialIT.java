package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expiry commands compared byte for byte with a real redis-server 7.0 under RESP2 and RESP3.
 * Both sides run on the wall clock, so relative TTLs are compared in whole seconds (TTL
 * rounds to nearest) and absolute deadlines with EXPIRETIME/PEXPIRETIME.
 */
class ExpireCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static Differential d() {
    return diff;
  }

  private static void seed(String key, String value) {
    KeyCommandsDifferentialIT.seed(diff, 0, key, value);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void optionsAndErrors_matchRedis(int resp) {
    d().reset(resp);
    seed("a", "1");
    for (String cmd : new String[] {"EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"}) {
      diff.check(cmd, "a", "100", "NX", "XX");
      diff.check(cmd, "a", "100", "GT", "LT");
      diff.check(cmd, "a", "100", "NX", "GT");
      diff.check(cmd, "a", "100", "nx", "lt");
      diff.check(cmd, "a", "100", "lt", "gt", "xx");
      diff.check(cmd, "a", "100", "NX", "XX", "GT");
      diff.check(cmd, "a", "100", "foo");
      diff.check(cmd, "a", "x", "foo");
      diff.check(cmd, "a", "x", "NX", "XX");
      diff.check(cmd, "a", "x");
      diff.check(cmd, "a", "1.5");
      diff.check(cmd, "a", "");
      diff.check(cmd, "a", "01");
      diff.check(cmd, "a", "9223372036854775808");
      diff.check(cmd, "a", "9223372036854776");
      diff.check(cmd, "a", "-9223372036854776");
      diff.check(cmd, "a", "-9223372036854775808");
      diff.check(cmd, "a");
      diff.check(cmd, "nokey", "100");
      diff.check(cmd, "nokey", "-100");
      diff.check(cmd, "nokey", "100", "XX", "GT");
    }
    diff.check("PEXPIRE", "a", "9223372036854775807");
    diff.check("EXPIRE", "a", "9223372036854775");
    diff.check("TTL", "a");
    diff.check("PERSIST", "a");
    diff.check("PEXPIREAT", "a", "9223372036854775807");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIRETIME", "a");
    diff.check("EXPIREAT", "a", "9223372036854775");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIRETIME", "a");
    diff.check("PEXPIREAT", "a", "9223372036854775500");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIREAT", "a", "9223372036854775499");
    diff.check("EXPIRETIME", "a");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void conditions_matchRedis(int resp) {
    d().reset(resp);
    seed("a", "1");
    diff.check("TTL", "a");
    diff.check("PTTL", "a");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIRETIME", "a");
    diff.check("EXPIRE", "a", "100", "XX");
    diff.check("EXPIRE", "a", "100", "GT");
    diff.check("EXPIRE", "a", "100", "XX", "LT");
    diff.check("EXPIRE", "a", "100", "LT");
    diff.check("TTL", "a");
    diff.check("EXPIRE", "a", "200", "NX");
    diff.check("EXPIRE", "a", "50", "GT");
    diff.check("EXPIRE", "a", "200", "GT");
    diff.check("TTL", "a");
    diff.check("EXPIRE", "a", "300", "LT");
    diff.check("EXPIRE", "a", "150", "LT", "XX");
    diff.check("TTL", "a");
    diff.check("EXPIRE", "a", "151", "xx", "gt");
    diff.check("TTL", "a");
    diff.check("PERSIST", "a");
    diff.check("PERSIST", "a");
    diff.check("TTL", "a");
    diff.check("EXPIREAT", "a", "4000000000");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIRETIME", "a");
    diff.check("PEXPIREAT", "a", "4000000000123");
    diff.check("EXPIRETIME", "a");
    diff.check("PEXPIRETIME", "a");
    diff.check("EXPIREAT", "a", "4000000001", "GT");
    diff.check("EXPIREAT", "a", "4000000000", "GT");
    diff.check("PEXPIRETIME", "a");
    diff.check("TTL", "nokey");
    diff.check("PTTL", "nokey");
    diff.check("EXPIRETIME", "nokey");
    diff.check("PEXPIRETIME", "nokey");
    diff.check("PERSIST", "nokey");
    diff.check("TTL");
    diff.check("TTL", "a", "b");
    diff.check("PERSIST");
    diff.check("EXPIRETIME");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pastDeadlines_deleteTheKey(int resp) {
    d().reset(resp);
    seed("a", "1");
    diff.check("EXPIRE", "a", "-5", "GT");
    diff.check("EXISTS", "a");
    diff.check("EXPIRE", "a", "0");
    diff.check("EXISTS", "a");
    seed("a", "1");
    diff.check("EXPIRE", "a", "-5", "LT");
    diff.check("EXISTS", "a");
    seed("a", "1");
    diff.check("PEXPIREAT", "a", "1");
    diff.check("EXISTS", "a");
    seed("a", "1");
    diff.check("EXPIREAT", "a", "-1");
    diff.check("TYPE", "a");
    seed("a", "1");
    diff.check("PEXPIRE", "a", "-9223372036854775808");
    diff.check("TTL", "a");
    diff.check("DBSIZE");
  }
}
