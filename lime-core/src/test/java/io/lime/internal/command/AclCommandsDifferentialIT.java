package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.resp.RespDecoder;
import io.lime.resp.RespValue;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACL against a real redis-server 7.0, RESP2 and RESP3: every ACL subcommand, the rule
 * language and its errors, NOPERM for commands of each category, key permissions (read,
 * write, both), channels, selectors, DRYRUN, ACL LOG (fields compared, ages and client info
 * by shape) and AUTH/HELLO with users.
 *
 * <p>Redis lists the single commands of a rule set in the order of its command dictionary,
 * which a per-process random seed shuffles; exact comparisons therefore use rule sets with
 * at most one single command per selector, and larger ones are compared as sets of rules.
 */
class AclCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  private static void reset(int resp) {
    diff.check("AUTH", "default", "x");
    diff.reset(resp);
    diff.check("ACL", "DELUSER", "u", "v", "w", "r", "k", "s");
    diff.check("ACL", "SETUSER", "default", "reset", "on", "nopass", "~*", "&*", "+@all");
    diff.check("ACL", "LOG", "RESET");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setuser_rules_describedAsRedis(int resp) {
    reset(resp);
    diff.checkAll(
        c("ACL", "SETUSER", "u"), c("ACL", "GETUSER", "u"), c("ACL", "LIST"),
        c("ACL", "SETUSER", "u", "on", ">p1", ">p2", "<p1", "~foo*", "%R~r*", "%W~w*",
            "%RW~b*", "&ch*", "+get"),
        c("ACL", "GETUSER", "u"), c("ACL", "LIST"),
        c("ACL", "SETUSER", "u", "+@string", "-append", "+@list"),
        c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "allcommands", "-@dangerous"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "+@all", "-get"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "nocommands", "+config|get"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "-@all", "+client"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "-@all", "+select|0", "+select|1"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "resetkeys", "allkeys", "resetchannels", "allchannels"),
        c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "#" + "a".repeat(64), "!" + "a".repeat(64)),
        c("ACL", "SETUSER", "u", "nopass"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "resetpass", "off"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "skip-sanitize-payload"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "sanitize-payload"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "(~x* +get)", "(", "%R~y*", "+@read", ")"),
        c("ACL", "GETUSER", "u"), c("ACL", "LIST"),
        c("ACL", "SETUSER", "u", "clearselectors"), c("ACL", "GETUSER", "u"),
        c("ACL", "SETUSER", "u", "reset"), c("ACL", "GETUSER", "u"), c("ACL", "LIST"),
        c("ACL", "USERS"), c("ACL", "GETUSER", "nosuch"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setuser_badRules_redisErrors(int resp) {
    reset(resp);
    diff.checkAll(
        c("ACL", "SETUSER", "a b"), c("ACL", "SETUSER", "u", "+nosuch"),
        c("ACL", "SETUSER", "u", "-nosuch"), c("ACL", "SETUSER", "u", "+@nosuch"),
        c("ACL", "SETUSER", "u", "bogus"), c("ACL", "SETUSER", "u", "~a", "allkeys", "~b"),
        c("ACL", "SETUSER", "u", "&*", "&x"), c("ACL", "SETUSER", "u", "<nopw"),
        c("ACL", "SETUSER", "u", "#abc"), c("ACL", "SETUSER", "u", "#" + "A".repeat(64)),
        c("ACL", "SETUSER", "u", "%X~x"), c("ACL", "SETUSER", "u", "%R"),
        c("ACL", "SETUSER", "u", "+config|get|x"), c("ACL", "SETUSER", "u", "+config|"),
        c("ACL", "SETUSER", "u", "+config|nosuch"), c("ACL", "SETUSER", "u", "-select|0"),
        c("ACL", "SETUSER", "u", "(+get"), c("ACL", "SETUSER", "u", "(", "+get"),
        c("ACL", "SETUSER", "u", "(+nosuch)"), c("ACL", "USERS"),
        c("ACL", "DELUSER", "default"), c("ACL", "DELUSER", "nosuch"),
        c("ACL", "SETUSER", "u"), c("ACL", "SETUSER", "v"), c("ACL", "DELUSER", "u", "v", "x"),
        c("ACL", "USERS"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void simpleSubcommands_asRedis(int resp) {
    reset(resp);
    diff.checkAll(c("ACL", "WHOAMI"), c("ACL", "CAT"), c("ACL", "CAT", "nosuch"),
        c("ACL", "CAT", "a", "b"), c("ACL", "HELP"), c("ACL", "SAVE"), c("ACL", "LOAD"),
        c("ACL", "GENPASS", "0"), c("ACL", "GENPASS", "4097"), c("ACL", "GENPASS", "x"),
        c("ACL", "GENPASS", "1", "2"), c("ACL", "LOG", "x"), c("ACL", "LOG", "1", "2"),
        c("ACL", "LOG", "-1"), c("ACL", "NOSUCH"), c("ACL"));
    for (String bits : new String[] {"1", "5", "256", "4096"}) {
      String r = text(diff.lime("ACL", "GENPASS", bits));
      assertEquals(text(diff.redis("ACL", "GENPASS", bits)).length(), r.length());
      assertTrue(r.matches("[0-9a-f]+"), r);
    }
    assertEquals(64, text(diff.lime("ACL", "GENPASS")).length());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void cat_eachCategory_sameCommands(int resp) {
    reset(resp);
    for (String cat : io.lime.internal.acl.AclCategory.ALL) {
      TreeSet<String> redis = strings(diff.redis("ACL", "CAT", cat));
      TreeSet<String> lime = strings(diff.lime("ACL", "CAT", cat));
      lime.removeAll(List.of("client|no-touch", "client|setinfo")); // LIME's 7.2 additions
      assertEquals(redis, lime, cat);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void nopermByCategory_andLog(int resp) {
    reset(resp);
    diff.check("SET", "k", "v");
    diff.check("ACL", "SETUSER", "r", "on", ">pw", "allkeys", "-@all", "+@read", "+@connection");
    diff.check("AUTH", "r", "pw");
    diff.checkAll(c("GET", "k"), c("HGETALL", "k"), c("SET", "k", "v"), c("DEL", "k"),
        c("LPUSH", "l", "a"), c("SADD", "s", "a"), c("ZADD", "z", "1", "a"),
        c("HSET", "h", "f", "v"), c("FLUSHALL"), c("CONFIG", "GET", "port"),
        c("CLIENT", "GETNAME"), c("MULTI"), c("EXEC"), c("PUBLISH", "c", "m"), c("BLPOP", "l", "1"),
        c("ACL", "WHOAMI"), c("ACL", "LIST"), c("PING"), c("AUTH", "r", "bad"),
        c("SUBSCRIBE", "c"));
    diff.check("AUTH", "default", "x");
    checkLog(20);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keyPermissions_readWriteBoth(int resp) {
    reset(resp);
    diff.check("ACL", "SETUSER", "k", "on", "nopass", "+@all", "%R~r*", "%W~w*", "~b*");
    diff.check("AUTH", "k", "x");
    diff.checkAll(c("SET", "r1", "v"), c("GET", "r1"), c("SET", "w1", "v"), c("GET", "w1"),
        c("SET", "b1", "v"), c("GET", "b1"), c("COPY", "r1", "w2"), c("COPY", "w1", "r2"),
        c("COPY", "b1", "b2"), c("MGET", "r1", "b1", "x"), c("MSET", "w1", "a", "b1", "b"),
        c("MSET", "w1", "a", "r1", "b"), c("DEL", "r1"), c("DEL", "w1"), c("EXISTS", "r1"),
        c("LMOVE", "b1", "w1", "LEFT", "LEFT"), c("APPEND", "w1", "x"), c("APPEND", "b1", "x"),
        c("SET", "w1", "x", "GET"), c("SET", "b1", "x", "GET"), c("STRLEN", "r1"),
        c("RENAME", "b1", "b2"), c("RENAME", "b2", "w3"), c("KEYS", "w3*"),
        c("SINTERSTORE", "w5", "r1", "b1"), c("SINTERSTORE", "r5", "b1"),
        c("RPUSH", "b7", "3", "1"), c("SORT", "b7", "STORE", "w9"),
        c("SORT", "b7", "STORE", "r9"), c("SORT", "x1"),
        c("SORT_RO", "b7"), c("SORT_RO", "w1"), c("SORT_RO", "r1"));
    diff.check("AUTH", "default", "x");
    checkLog(10);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void channelsAndSelectors(int resp) {
    reset(resp);
    diff.check("ACL", "SETUSER", "s", "on", "nopass", "~a*", "&news.*", "+@pubsub", "+get",
        "(~b* &other +@pubsub)", "(~c* +set)");
    diff.check("AUTH", "s", "x");
    diff.checkAll(c("GET", "a1"), c("GET", "b1"), c("SET", "a1", "v"), c("SET", "b1", "v"),
        c("SET", "c1", "v"), c("DEL", "b1"), c("PUBLISH", "news.1", "m"),
        c("PUBLISH", "other", "m"), c("PUBLISH", "x", "m"), c("SUBSCRIBE", "x"),
        c("SUBSCRIBE", "news.1", "x"), c("PSUBSCRIBE", "news.*", "other2"),
        c("PSUBSCRIBE", "news.1*"));
    diff.check("AUTH", "default", "x");
    diff.checkAll(c("ACL", "DRYRUN", "s", "get", "a1"), c("ACL", "DRYRUN", "s", "get", "b1"),
        c("ACL", "DRYRUN", "s", "set", "b1", "v"), c("ACL", "DRYRUN", "s", "set", "a1", "v"),
        c("ACL", "DRYRUN", "s", "del", "a1"), c("ACL", "DRYRUN", "s", "publish", "zz", "m"),
        c("ACL", "DRYRUN", "s", "publish", "other", "m"),
        c("ACL", "DRYRUN", "s", "subscribe", "news.x", "zz"),
        c("ACL", "DRYRUN", "s", "config", "get", "x"),
        c("ACL", "DRYRUN", "nosuch", "get", "x"), c("ACL", "DRYRUN", "s", "nosuch"),
        c("ACL", "DRYRUN", "s", "get"), c("ACL", "GETUSER", "s"), c("ACL", "LIST"));
    checkLog(20);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void authAndHello_withUsers(int resp) {
    reset(resp);
    diff.checkAll(c("ACL", "SETUSER", "u", "on", ">secret", "+@all", "~*"),
        c("ACL", "SETUSER", "v", "off", ">pw", "+@all"),
        c("AUTH", "u", "wrong"), c("AUTH", "nosuch", "x"), c("AUTH", "v", "pw"),
        c("AUTH", "u", "secret"), c("ACL", "WHOAMI"),
        c("HELLO", String.valueOf(resp), "AUTH", "u", "bad"),
        c("ACL", "WHOAMI"),
        c("AUTH", "onlypassword"), c("ACL", "SETUSER", "default", ">dpw"),
        c("AUTH", "wrong"), c("AUTH", "dpw"), c("ACL", "WHOAMI"), c("RESET"),
        c("GET", "x"), c("AUTH", "u", "secret"), c("ACL", "WHOAMI"),
        c("ACL", "SETUSER", "default", "nopass"));
    // HELLO replies differ by client id and LIME's version entry: compare who it made us
    diff.redis("HELLO", String.valueOf(resp), "AUTH", "u", "secret");
    diff.lime("HELLO", String.valueOf(resp), "AUTH", "u", "secret");
    diff.check("ACL", "WHOAMI");
    checkLog(10);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void multi_deniedCommandAbortsExec(int resp) {
    reset(resp);
    diff.check("ACL", "SETUSER", "u", "on", "nopass", "~*", "-@all", "+multi", "+exec",
        "+set", "+acl|setuser");
    diff.check("AUTH", "u", "x");
    diff.checkAll(c("MULTI"), c("SET", "a", "1"), c("GET", "a"), c("EXEC"),
        c("MULTI"), c("SET", "a", "1"), c("ACL", "SETUSER", "u", "-set"), c("EXEC"));
    diff.check("AUTH", "default", "x");
    checkLog(10);
  }

  /** ACL LOG compared field by field: ages and client info by shape. */
  private static void checkLog(int n) {
    RespValue redis = decode(diff.redis("ACL", "LOG", String.valueOf(n)));
    RespValue lime = decode(diff.lime("ACL", "LOG", String.valueOf(n)));
    assertEquals(shape(redis), shape(lime));
  }

  private static String shape(RespValue v) {
    StringBuilder sb = new StringBuilder();
    if (v instanceof RespValue.Array a) {
      for (RespValue e : a.elements()) {
        List<RespValue> fields = e instanceof RespValue.Map m
            ? m.entries().stream().<RespValue>mapMulti((p, sink) -> {
              sink.accept(p.key());
              sink.accept(p.value());
            }).toList()
            : ((RespValue.Array) e).elements();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          String key = text(fields.get(i));
          RespValue val = fields.get(i + 1);
          String shown = switch (key) {
            case "age-seconds" -> ageShape(val);
            case "client-info" -> text(val).replaceAll("=[^ ]*", "=");
            default -> val instanceof RespValue.Integer i2 ? String.valueOf(i2.value())
                : text(val);
          };
          sb.append(key).append('=').append(shown).append(' ');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String ageShape(RespValue v) {
    double d = v instanceof RespValue.Double x ? x.value() : Double.parseDouble(text(v));
    return d >= 0 && d < 60 ? "age" : "bad age " + d;
  }

  private static RespValue decode(byte[] reply) {
    try {
      return RespDecoder.decode(reply);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static TreeSet<String> strings(byte[] reply) {
    TreeSet<String> out = new TreeSet<>();
    RespValue v = decode(reply);
    List<RespValue> els = v instanceof RespValue.Array a ? a.elements() : List.of();
    for (RespValue e : els) {
      out.add(text(e));
    }
    return out;
  }

  private static String text(RespValue v) {
    if (v instanceof RespValue.Bulk b) {
      return new String(b.value(), StandardCharsets.ISO_8859_1);
    }
    if (v instanceof RespValue.SimpleString s) {
      return s.value();
    }
    return String.valueOf(v);
  }

  private static String text(byte[] reply) {
    return text(decode(reply));
  }

  @SuppressWarnings("unused")
  private static List<String> list(String... s) {
    return new ArrayList<>(List.of(s));
  }
}
