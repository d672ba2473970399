package io.lime.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.Ticker;
import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigLoader;
import io.lime.internal.config.ConfigRegistry;
import io.lime.internal.engine.Engine;
import io.lime.testing.Differential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACL file against a real redis-server 7.0: ACL SAVE writes the file Redis writes, ACL
 * LOAD reads Redis's and reports its errors with Redis's text; {@code user} directives and
 * {@code aclfile} at start-up.
 */
class AclFileDifferentialIT {
  @TempDir static Path dir;
  static Differential diff;
  static Path redisFile;
  static Path limeFile;

  @BeforeAll
  static void up() throws Exception {
    redisFile = dir.resolve("redis.acl");
    limeFile = dir.resolve("lime.acl");
    Files.writeString(redisFile, "");
    diff = Differential.start("--aclfile", redisFile.toString());
    diff.limeState().config().set("aclfile", limeFile.toString());
  }

  @AfterAll
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  @Test
  void save_writesRedisFile() throws Exception {
    diff.reset(2);
    diff.checkAll(new String[] {"ACL", "SETUSER", "alice", "on", ">pw", "~cached:*", "&ch",
        "-@all", "+@hash", "(%R~x* +get)"},
        new String[] {"ACL", "SETUSER", "bob", "off", "allkeys", "+@all", "-@dangerous"},
        new String[] {"ACL", "SAVE"});
    assertEquals(Files.readString(redisFile), Files.readString(limeFile));
  }

  @Test
  void load_readsRedisFile_andReportsErrorsAsRedis() throws Exception {
    diff.reset(2);
    String good = "user default on nopass ~* &* +@all\n"
        + "user carol on #" + "ab".repeat(32) + " ~k* resetchannels -@all +get\n";
    Files.writeString(redisFile, good);
    Files.writeString(limeFile, good);
    diff.checkAll(new String[] {"ACL", "LOAD"}, new String[] {"ACL", "LIST"});
    String bad = "user dave on +nosuch\nnotuser x\nuser default on nopass ~* &* +@all\n"
        + "user carol (+get\n";
    Files.writeString(redisFile, bad);
    Files.writeString(limeFile, bad);
    byte[] redis = diff.redis("ACL", "LOAD");
    byte[] lime = diff.lime("ACL", "LOAD");
    assertEquals(Differential.show(redis).replace(redisFile.toString(), "F"),
        Differential.show(lime).replace(limeFile.toString(), "F"));
    diff.check("ACL", "LIST");
  }

  @Test
  void userDirectives_createUsers_badRuleStopsStartup() throws Exception {
    ConfigRegistry config = new ConfigRegistry();
    new ConfigLoader(config).loadString("user erin on >pw ~e* +@read (~x +set)\n"
        + "user default on >dpw ~* &* +@all\n");
    ServerState state = new ServerState(new Engine(16, 16, Ticker.system(), 10), config);
    state.loadUsers();
    assertTrue(state.requiresPassword());
    assertEquals(List.of("default", "erin"),
        state.acl().users().stream().map(u -> u.name()).toList());
    assertEquals("on #" + sha("pw") + " ~e* resetchannels -@all +@read (~x resetchannels -@all"
        + " +set)", state.acl().describe(state.acl().user("erin")));
    state.engine().close();

    ConfigRegistry bad = new ConfigRegistry();
    new ConfigLoader(bad).loadString("user frank on +nosuch\n");
    ServerState s2 = new ServerState(new Engine(16, 16, Ticker.system(), 10), bad);
    ConfigException e = assertThrows(ConfigException.class, s2::loadUsers);
    assertEquals("Error loading ACL rule '+nosuch' for the user named 'frank': Unknown command "
        + "or category name in ACL", e.getMessage());
    s2.engine().close();

    ConfigRegistry both = new ConfigRegistry();
    new ConfigLoader(both).loadString("user g on\naclfile " + dir.resolve("x.acl") + "\n");
    ServerState s3 = new ServerState(new Engine(16, 16, Ticker.system(), 10), both);
    assertTrue(assertThrows(ConfigException.class, s3::loadUsers).getMessage()
        .startsWith("Configuring Redis with users defined in redis.conf and at the same"));
    s3.engine().close();
    assertNull(null);
  }

  private static String sha(String s) throws Exception {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(d);
  }

  @SuppressWarnings("unused")
  private static void unused() throws ConfigException {}
}
