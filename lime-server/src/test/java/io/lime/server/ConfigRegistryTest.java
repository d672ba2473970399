package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Directive types, defaults and CONFIG SET semantics, as verified against redis-server 7.0.15. */
class ConfigRegistryTest {
  private final ConfigRegistry config = new ConfigRegistry();

  @Test
  void defaults_matchRedis() {
    assertEquals("6379", config.get("port"));
    assertEquals("* -::*", config.get("bind"));
    assertEquals("16", config.get("databases"));
    assertEquals("3600 1 300 100 60 10000", config.get("save"));
    assertEquals("536870912", config.get("proto-max-bulk-len"));
    assertEquals("1073741824", config.get("client-query-buffer-limit"));
    assertEquals("noeviction", config.get("maxmemory-policy"));
    assertEquals("everysec", config.get("appendfsync"));
    assertEquals("yes", config.get("protected-mode"));
    assertEquals("10000", config.get("maxclients"));
    assertEquals("", config.get("notify-keyspace-events"));
    assertEquals("16", config.get("lime-shards"));
    assertEquals(Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
        config.get("lime-loops"));
    assertNull(config.get("nosuch"));
  }

  @ParameterizedTest
  @CsvSource({
      "1gb, 1073741824", "1GB, 1073741824", "10k, 10000", "10kb, 10240", "2m, 2000000",
      "2mb, 2097152", "3g, 3000000000", "5b, 5", "0, 0", "'', 0",
      "99999999999999999gb, 1685049947004600320", "99999999999999999999, 18446744073709551615"})
  void memoryValues_parseAsMemtoull(String text, String bytes) throws ConfigException {
    config.set("maxmemory", text);
    assertEquals(bytes, config.get("maxmemory"));
  }

  @ParameterizedTest
  @CsvSource({"1.5gb", "-1", "' 1'", "+1", "1x", "gbb"})
  void memoryValues_invalid_rejected(String text) {
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument"
        + " must be a memory value", config.setAll(List.of("maxmemory", text)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "port|abc|argument couldn't be parsed into an integer",
      "timeout|+5|argument couldn't be parsed into an integer",
      "timeout|05|argument couldn't be parsed into an integer",
      "timeout|-1|argument must be between 0 and 2147483647 inclusive",
      "maxclients|0|argument must be between 1 and 4294967295 inclusive",
      "protected-mode|maybe|argument must be 'yes' or 'no'",
      "loglevel|foo|argument(s) must be one of the following: debug, verbose, notice, warning",
      "appendfsync|bad|argument(s) must be one of the following: everysec, always, no",
      "save|900|Invalid save parameters",
      "save|'  900   1  '|Invalid save parameters",
      "save|900 -1|Invalid save parameters",
      "proto-max-bulk-len|1|argument must be between 1048576 and 9223372036854775807 inclusive",
      "notify-keyspace-events|Q|Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
      "databases|4|can't set immutable config",
      "daemonize|no|can't set immutable config",
      "dir|/tmp|can't set protected config",
      "dbfilename|x|can't set protected config"})
  void setAll_badValue_redisErrorText(String name, String value, String reason) {
    assertEquals("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason,
        config.setAll(List.of(name, value)));
  }

  @Test
  void setAll_unknownDirective_reportsFirstUnknown() {
    assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
        config.setAll(List.of("hz", "11", "foo", "1")));
    assertEquals("10", config.get("hz"));
  }

  @Test
  void setAll_duplicate_rejected() {
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter",
        config.setAll(List.of("hz", "20", "HZ", "30")));
  }

  @Test
  void setAll_laterValueInvalid_rollsBackEarlier() {
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'timeout') - argument"
        + " couldn't be parsed into an integer",
        config.setAll(List.of("hz", "20", "maxmemory", "1mb", "timeout", "x")));
    assertEquals("10", config.get("hz"));
    assertEquals("0", config.get("maxmemory"));
  }

  @Test
  void setAll_applierRefuses_rollsBackAndReappliesOld() {
    AtomicReference<String> applied = new AtomicReference<>("");
    config.applier("port", v -> {
      if (v.equals("7001")) {
        throw new ConfigException("Unable to listen on this port. Check server logs.", "port");
      }
      applied.set(v);
    });
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen"
        + " on this port. Check server logs.", config.setAll(List.of("hz", "20", "port", "7001")));
    assertEquals("6379", config.get("port"));
    assertEquals("10", config.get("hz"));
    assertEquals("6379", applied.get());
  }

  @Test
  void setAll_success_notifiesListeners() {
    AtomicReference<String> seen = new AtomicReference<>();
    config.onChange("hz", seen::set);
    assertNull(config.setAll(List.of("hz", "1000", "maxmemory", "2gb")));
    assertEquals("500", seen.get()); // clamped as Redis's updateHZ
    assertEquals(2147483648L, config.getLong("maxmemory"));
  }

  @Test
  void canonicalForms_matchRedis() throws ConfigException {
    config.set("notify-keyspace-events", "KEA");
    assertEquals("AKE", config.get("notify-keyspace-events"));
    config.set("notify-keyspace-events", "Ex");
    assertEquals("xE", config.get("notify-keyspace-events"));
    config.set("appendonly", "YES");
    assertEquals("yes", config.get("appendonly"));
    config.set("loglevel", "NOTICE");
    assertEquals("notice", config.get("loglevel"));
    config.set("hz", "0");
    assertEquals("1", config.get("hz"));
    config.set("save", "");
    assertEquals("", config.get("save"));
  }

  @Test
  void match_exactNamesKeepCaseAndAliases_globsCoverAliases() {
    assertEquals(List.of(Map.entry("PORT", "6379")), config.match(List.of("PORT", "port")));
    assertEquals(List.of(Map.entry("hash-max-ziplist-entries", "512")),
        config.match(List.of("hash-max-ziplist-entries")));
    List<String> names = config.match(List.of("*ziplist*")).stream().map(Map.Entry::getKey).toList();
    assertEquals(5, names.size());
    assertTrue(names.contains("list-max-ziplist-size"));
    assertEquals(List.of(Map.entry("databases", "16")), config.match(List.of("d?tabases")));
    assertEquals(List.of(), config.match(List.of("nosuch")));
  }

  @Test
  void set_unknown_throwsBadDirective() {
    ConfigException e = assertThrows(ConfigException.class, () -> config.set("foo", "1"));
    assertEquals("Bad directive or wrong number of arguments", e.getMessage());
    assertEquals("foo", e.directive());
  }

  @Test
  void limeShards_mustBePowerOfTwo() {
    assertThrows(ConfigException.class, () -> config.set("lime-shards", "3"));
    assertThrows(ConfigException.class, () -> config.set("lime-shards", "128"));
  }

  @Test
  void clientOutputBufferLimit_mergesClasses() throws ConfigException {
    config.set("client-output-buffer-limit", "normal 1mb 2mb 60");
    assertEquals("normal 1048576 2097152 60 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
        config.get("client-output-buffer-limit"));
  }
}
