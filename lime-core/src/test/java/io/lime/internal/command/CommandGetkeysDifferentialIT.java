package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * COMMAND GETKEYS and GETKEYSANDFLAGS against redis-server 7.0.15 for commands whose keys
 * move with their arguments (movable keys: numkeys, keywords, STORE options). Commands LIME
 * does not serve yet are skipped (LIME answers "Invalid command specified" for them); the
 * list already holds them so they are checked once they are served.
 */
class CommandGetkeysDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static final String[][] COMMANDS = {
    {"SORT", "k", "BY", "w_*", "GET", "o_*", "STORE", "dst"},
    {"SORT", "k", "LIMIT", "0", "1", "STORE", "dst", "ALPHA"},
    {"SORT", "k"},
    {"SORT", "k", "STORE", "a", "STORE", "b"},
    {"SORT", "k", "GET", "STORE", "STORE", "dst"},
    {"SORT", "k", "BY", "x", "LIMIT", "0", "1", "STORE"},
    {"SORT", "k", "STORE", "LIMIT", "0", "1"},
    {"SORT_RO", "k", "BY", "nosort"},
    {"EVAL", "return 1", "2", "a", "b", "x"},
    {"EVALSHA", "abc", "1", "a"},
    {"EVAL_RO", "return 1", "0"},
    {"FCALL", "f", "2", "a", "b"},
    {"XREAD", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"},
    {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s1", ">"},
    {"GEORADIUS", "src", "0", "0", "10", "km", "STORE", "dst"},
    {"GEORADIUS", "src", "0", "0", "10", "km", "STOREDIST", "dst"},
    {"GEORADIUSBYMEMBER", "src", "m", "10", "km", "STORE", "dst"},
    {"ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "1", "2"},
    {"ZINTERSTORE", "dst", "1", "a"},
    {"ZUNION", "2", "a", "b"},
    {"ZDIFF", "1", "a"},
    {"ZINTERCARD", "2", "a", "b", "LIMIT", "1"},
    {"SINTERCARD", "2", "a", "b"},
    {"LMPOP", "2", "a", "b", "LEFT"},
    {"BLMPOP", "0", "2", "a", "b", "LEFT"},
    {"ZMPOP", "1", "a", "MIN"},
    {"BZMPOP", "0", "1", "a", "MIN"},
    {"MIGRATE", "h", "1", "", "0", "5", "KEYS", "a", "b"},
    {"MIGRATE", "h", "1", "key", "0", "5"},
    {"MIGRATE", "h", "1", "", "0", "5", "AUTH", "KEYS", "COPY", "KEYS", "a"},
    {"MIGRATE", "h", "1", "", "0", "5", "AUTH2", "u", "KEYS", "REPLACE", "KEYS", "a", "b"},
    {"MIGRATE", "h", "1", "key", "0", "5", "KEYS", "a"},
    {"MIGRATE", "h", "1", "", "0", "5", "KEYS"},
    {"XGROUP", "CREATE", "s", "g", "$"},
    {"MSET", "a", "1", "b", "2"},
    {"LCS", "a", "b"},
    {"OBJECT", "ENCODING", "k"},
    {"MEMORY", "USAGE", "k"},
    {"SET", "k", "v"},
    {"PING"},
    {"GET"},
    {"NOSUCH", "x"},
    {"EVAL", "return 1", "5", "a"},
    {"ZUNIONSTORE", "dst", "3", "a"},
    {"ZUNIONSTORE", "dst", "0", "a"},
    {"ZUNIONSTORE", "dst", "-1", "a"},
    {"ZUNIONSTORE", "dst", "x", "a"},
    {"ZINTERCARD", "3", "a", "b"},
    {"LMPOP", "0", "a", "LEFT"},
    {"SINTERCARD", "1", "a", "LIMIT", "x"},
  };

  private static boolean served(String name) {
    return !new String(diff.lime("COMMAND", "INFO", name), java.nio.charset.StandardCharsets.UTF_8)
        .equals("*1\r\n_\r\n") || name.equals("NOSUCH");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GETKEYS", "GETKEYSANDFLAGS"})
  void movableKeys_asRedis(String sub) {
    diff.reset(3);
    for (String[] c : COMMANDS) {
      if (!served(c[0])) {
        continue; // not served by LIME yet (scripting, streams, geo, SORT, MIGRATE)
      }
      String[] cmd = new String[c.length + 2];
      cmd[0] = "COMMAND";
      cmd[1] = sub;
      System.arraycopy(c, 0, cmd, 2, c.length);
      diff.check(cmd);
    }
  }
}
