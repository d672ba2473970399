package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SORT and SORT_RO on lists, sets (intset and hashtable) and sorted sets (listpack and
 * skiplist), with every option and error, compared byte for byte with a real redis-server 7.0
 * under RESP2 and RESP3. (Unsorted replies of hashtable sets, whose order is Redis's random
 * dict order, are left out, as are sorts whose BY values tie on a hashtable set or a sorted
 * set: their order is that random order too.)
 */
class SortCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static void data(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("RPUSH", "l", "3", "1", "10", "2", "-5", "2.5", "1e2", "0"),
        c("RPUSH", "words", "banana", "apple", "cherry", "Apple", "", "apple2", "b"),
        c("RPUSH", "bad", "1", "x", "3"),
        c("SADD", "is", "5", "3", "9", "-1", "100"),
        c("SADD", "hs", "pear", "fig", "kiwi", "10", "2"),
        c("ZADD", "z", "3", "a", "1", "b", "2", "c", "2", "d", "0", "e"),
        c("ZADD", "zn", "1", "30", "2", "10", "3", "20"),
        c("MSET", "w_a", "4", "w_b", "1", "w_c", "3", "w_e", "1", "o_a", "AA", "o_b", "BB"),
        c("MSET", "w_3", "-1", "w_1", "7", "w_10", "x", "w_2", "5"),
        c("HSET", "h_a", "f", "9", "g", "gA"), c("HSET", "h_b", "f", "2", "g", "gB"),
        c("HSET", "h_c", "f", "2"),
        c("MSET", "n_5", "50", "n_3", "30", "n_9", "90", "n_-1", "-10", "n_100", "1000"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void plain_sorts_identical(int resp) {
    data(resp);
    diff.checkAll(
        c("SORT", "l"), c("SORT", "l", "DESC"), c("SORT", "l", "ASC"), c("SORT", "l", "desc", "asc"),
        c("SORT", "l", "ALPHA"), c("SORT", "l", "ALPHA", "DESC"),
        c("SORT", "words", "ALPHA"), c("SORT", "words", "ALPHA", "DESC"), c("SORT", "words"),
        c("SORT", "bad"), c("SORT", "bad", "ALPHA"),
        c("SORT", "is"), c("SORT", "is", "DESC"), c("SORT", "is", "ALPHA"),
        c("SORT", "hs", "ALPHA"), c("SORT", "hs", "ALPHA", "DESC"), c("SORT", "hs"),
        c("SORT", "z"), c("SORT", "z", "ALPHA"), c("SORT", "z", "ALPHA", "DESC"),
        c("OBJECT", "ENCODING", "z"),
        c("SORT", "zn"), c("SORT", "zn", "DESC"),
        c("SORT", "missing"), c("SORT", "missing", "ALPHA", "LIMIT", "0", "1"),
        c("SORT_RO", "l"), c("SORT_RO", "words", "ALPHA", "LIMIT", "1", "2"),
        c("SORT", "l", "LIMIT", "0", "3"), c("SORT", "l", "LIMIT", "2", "3"),
        c("SORT", "l", "LIMIT", "-2", "3"), c("SORT", "l", "LIMIT", "2", "-1"),
        c("SORT", "l", "LIMIT", "7", "10"), c("SORT", "l", "LIMIT", "8", "1"),
        c("SORT", "l", "LIMIT", "100", "1"), c("SORT", "l", "LIMIT", "0", "0"),
        c("SORT", "l", "LIMIT", "3", "2", "DESC"),
        c("SORT", "l", "LIMIT", "3", "2", "DESC", "LIMIT", "0", "1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void nosort_identical(int resp) {
    data(resp);
    diff.checkAll(
        c("SORT", "l", "BY", "nosort"), c("SORT", "l", "BY", "nosort", "DESC"),
        c("SORT", "l", "BY", "nosort", "LIMIT", "2", "3"),
        c("SORT", "l", "BY", "nosort", "LIMIT", "2", "3", "DESC"),
        c("SORT", "l", "BY", "nosort", "LIMIT", "6", "10", "DESC"),
        c("SORT", "l", "BY", "nosort", "LIMIT", "20", "10"),
        c("SORT", "z", "BY", "nosort"), c("SORT", "z", "BY", "nosort", "DESC"),
        c("SORT", "z", "BY", "nosort", "LIMIT", "1", "2"),
        c("SORT", "z", "BY", "nosort", "LIMIT", "1", "2", "DESC"),
        c("SORT", "z", "BY", "nosort", "LIMIT", "1", "-1", "DESC"),
        c("SORT", "is", "BY", "nosort"), c("SORT", "is", "BY", "nosort", "LIMIT", "1", "2"),
        c("SORT", "is", "BY", "nosort", "GET", "n_*"),
        c("SORT", "hs", "BY", "nosort", "STORE", "dst"), c("LRANGE", "dst", "0", "-1"),
        c("SORT", "l", "BY", "nosort", "GET", "#", "GET", "w_*"),
        c("SORT", "missing", "BY", "nosort", "DESC"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void by_and_get_identical(int resp) {
    data(resp);
    diff.checkAll(
        c("SORT", "z", "BY", "w_*"), c("SORT", "z", "BY", "w_*", "DESC"),
        c("SORT", "is", "BY", "o_*", "ALPHA"),
        c("SORT", "is", "BY", "o_*", "ALPHA", "DESC"), c("SORT", "l", "BY", "o_*", "ALPHA"),
        c("SORT", "z", "BY", "h_*->f"), c("SORT", "words", "BY", "h_*->g", "ALPHA"),
        c("SORT", "z", "BY", "h_*->f", "GET", "#", "GET", "h_*->g", "GET", "o_*"),
        c("SORT", "z", "BY", "h_*->"), c("SORT", "z", "BY", "*"),
        c("SORT", "z", "GET", "w_*"), c("SORT", "z", "GET", "#", "GET", "nostar"),
        c("SORT", "z", "GET", "w_*", "LIMIT", "1", "2", "DESC"),
        c("SORT", "z", "GET", "h_*->f", "GET", "h_*->missing", "GET", "w_*->f"),
        c("SORT", "l", "BY", "w_*"), c("SORT", "l", "BY", "w_*", "LIMIT", "0", "2"),
        c("SORT", "is", "BY", "n_*", "GET", "n_*"), c("SORT", "is", "BY", "n_*", "DESC"),
        c("SORT", "is", "BY", "o_*", "ALPHA", "GET", "#"),
        c("SORT", "z", "BY", "w_*", "GET", "#", "LIMIT", "1", "3"),
        c("SORT", "z", "by", "w_*", "get", "#", "get", "o_*", "desc"),
        c("SET", "w_a", "notanumber"), c("SORT", "z", "BY", "w_*"),
        c("SORT", "l", "BY", "w_*", "ALPHA"),
        c("SET", "w_a", "12 "), c("SORT", "z", "BY", "w_*"),
        c("SET", "w_a", "nan"), c("SORT", "z", "BY", "w_*"),
        c("RPUSH", "w_b", "x"), c("SORT", "z", "BY", "w_*", "GET", "w_*"),
        c("INFO", "keyspace"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void store_identical(int resp) {
    data(resp);
    diff.checkAll(
        c("SORT", "l", "STORE", "dst"), c("LRANGE", "dst", "0", "-1"), c("TYPE", "dst"),
        c("OBJECT", "ENCODING", "dst"),
        c("SET", "s", "v"), c("EXPIRE", "s", "100"),
        c("SORT", "z", "BY", "w_*", "GET", "#", "GET", "o_*", "STORE", "s"),
        c("LRANGE", "s", "0", "-1"), c("TTL", "s"),
        c("SORT", "missing", "STORE", "s"), c("EXISTS", "s"),
        c("SORT", "missing", "STORE", "s"),
        c("SORT", "l", "LIMIT", "0", "0", "STORE", "dst"), c("EXISTS", "dst"),
        c("SORT", "is", "STORE", "dst", "DESC"), c("LRANGE", "dst", "0", "-1"),
        c("SORT", "hs", "BY", "nosort", "STORE", "dst", "DESC"), c("LRANGE", "dst", "0", "-1"),
        c("SORT", "l", "STORE", "l"), c("LRANGE", "l", "0", "-1"),
        c("SORT", "bad", "STORE", "dst"), c("LRANGE", "dst", "0", "-1"),
        c("SORT", "words", "ALPHA", "STORE", "dst", "STORE", "dst2"), c("EXISTS", "dst", "dst2"),
        c("SORT_RO", "l", "STORE", "dst"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void errors_identical(int resp) {
    data(resp);
    diff.checkAll(
        c("SET", "str", "x"), c("SORT", "str"), c("SORT_RO", "str"), c("SORT", "str", "BAD"),
        c("HSET", "hh", "a", "1"), c("SORT", "hh"),
        c("SORT", "l", "BAD"), c("SORT", "l", "LIMIT", "1"), c("SORT", "l", "LIMIT", "a", "1"),
        c("SORT", "l", "LIMIT", "1", "b"), c("SORT", "l", "LIMIT", "1", "99999999999999999999"),
        c("SORT", "l", "BY"), c("SORT", "l", "GET"), c("SORT", "l", "STORE"),
        c("SORT", "str", "LIMIT", "a", "1"), c("SORT", "bad", "LIMIT", "0", "1"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void byWithLimit_tiesOrderedAsRedisPartialSort(int resp) {
    diff.reset(resp);
    String[] push = new String[2 + 80];
    push[0] = "RPUSH";
    push[1] = "tl";
    for (int i = 0; i < 80; i++) {
      push[2 + i] = "e" + i;
      if (i % 4 != 0) {
        diff.check("SET", "wt_e" + i, "v" + (i % 3));
      }
    }
    diff.check(push);
    for (String[] limit : new String[][] {{"0", "1"}, {"0", "5"}, {"3", "10"}, {"20", "7"},
        {"70", "20"}, {"-5", "8"}}) {
      diff.check("SORT", "tl", "BY", "wt_*", "ALPHA", "LIMIT", limit[0], limit[1]);
      diff.check("SORT", "tl", "BY", "wt_*", "ALPHA", "DESC", "LIMIT", limit[0], limit[1]);
    }
  }
}
