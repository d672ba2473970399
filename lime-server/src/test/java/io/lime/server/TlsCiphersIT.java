package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls-ciphers} / {@code tls-ciphersuites} written as for Redis (OpenSSL names),
 * {@code tls-prefer-server-ciphers} and {@code tls-session-caching}, checked with clients
 * restricted to one suite (JDK and {@code redis-cli --tls}), on a TLS-only server.
 */
class TlsCiphersIT {
  private static final String AES128_12 = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
  private static final String AES256_12 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
  @TempDir static Path dir;
  private LimeServer server;
  private int port;

  @BeforeAll
  static void certificates() throws Exception {
    TlsIT.TlsCertificates.make(dir);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(String... extra) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> args = new ArrayList<>(List.of("--port", "0", "--lime-loops", "1",
        "--tls-port", String.valueOf(port), "--tls-cert-file",
        dir.resolve("server.crt").toString(), "--tls-key-file",
        dir.resolve("server.key").toString(), "--tls-auth-clients", "no"));
    args.addAll(List.of(extra));
    server = LimeServer.start(args.toArray(String[]::new));
  }

  /** A JDK client offering only {@code suites} over {@code protocol}; PINGs once. */
  private SSLSocket client(SSLContext ctx, String protocol, String... suites) throws Exception {
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port);
    s.setSoTimeout(20_000);
    s.setEnabledProtocols(new String[] {protocol});
    s.setEnabledCipherSuites(suites);
    s.startHandshake();
    s.getOutputStream().write(TestClient.encode("PING"));
    byte[] pong = s.getInputStream().readNBytes(7);
    assertEquals("+PONG\r\n", new String(pong, StandardCharsets.US_ASCII));
    return s;
  }

  private SSLSocket client(String protocol, String... suites) throws Exception {
    return client(TlsIT.TlsCertificates.context(dir, false), protocol, suites);
  }

  @Test
  void openSslNames_onlyListedSuitesServed() throws Exception {
    start("--tls-ciphers", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256",
        "--tls-ciphersuites", "TLS_AES_256_GCM_SHA384");
    try (SSLSocket s = client("TLSv1.2", AES128_12)) {
      assertEquals(AES128_12, s.getSession().getCipherSuite());
    }
    try (SSLSocket s = client("TLSv1.3", "TLS_AES_256_GCM_SHA384")) {
      assertEquals("TLS_AES_256_GCM_SHA384", s.getSession().getCipherSuite());
    }
    // enabled by the JDK's defaults, but not in the lists
    assertThrows(IOException.class,
        () -> client("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384").close());
    assertThrows(IOException.class, () -> client("TLSv1.3", "TLS_AES_128_GCM_SHA256").close());
  }

  @Test
  void preferServerCiphers_yesServerOrder_noClientOrder() throws Exception {
    start("--tls-ciphers", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256",
        "--tls-prefer-server-ciphers", "yes");
    try (SSLSocket s = client("TLSv1.2", AES128_12, AES256_12)) {
      assertEquals(AES256_12, s.getSession().getCipherSuite());
    }
    server.close();
    start("--tls-ciphers", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256",
        "--tls-prefer-server-ciphers", "no");
    try (SSLSocket s = client("TLSv1.2", AES128_12, AES256_12)) {
      assertEquals(AES128_12, s.getSession().getCipherSuite());
    }
  }

  /** Whether a client's second connection resumed the first one's session. */
  private boolean resumes() throws Exception {
    SSLContext ctx = TlsIT.TlsCertificates.context(dir, false); // the client's cache
    byte[] first;
    try (SSLSocket s = client(ctx, "TLSv1.2", AES128_12)) {
      first = s.getSession().getId();
    }
    try (SSLSocket s = client(ctx, "TLSv1.2", AES128_12)) {
      return java.util.Arrays.equals(first, s.getSession().getId());
    }
  }

  @Test
  void sessionCaching_yesResumes() throws Exception {
    start("--tls-session-caching", "yes");
    assertTrue(resumes());
  }

  /**
   * {@code no} is honoured in a JVM without stateless session tickets (a child JVM running
   * the server with {@code -Djdk.tls.server.enableSessionTicketExtension=false}), and
   * refused, saying so, in a JVM with them (the JDK's default, as this test JVM).
   */
  @Test
  void sessionCachingNo_honouredWithoutTickets_refusedWithThem() throws Exception {
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> start("--tls-session-caching", "no"));
    assertTrue(e.getMessage().contains("'tls-session-caching'")
        && e.getMessage().contains("-Djdk.tls.server.enableSessionTicketExtension=false"),
        e.getMessage());
    // The child binds a port chosen here; another process may take it first, so up to 3 tries.
    Process p = null;
    String line = null;
    StringBuilder log = new StringBuilder();
    try {
      for (int attempt = 0; attempt < 3 && line == null; attempt++) {
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Djdk.tls.server.enableSessionTicketExtension=false", "-cp",
            AofCrashIT.testClasspath(), "io.lime.server.Main", "--port", "0", "--tls-port",
            String.valueOf(port), "--tls-cert-file", dir.resolve("server.crt").toString(),
            "--tls-key-file", dir.resolve("server.key").toString(), "--tls-auth-clients", "no",
            "--tls-session-caching", "no", "--save", "", "--lime-loops", "1")
            .redirectErrorStream(true).start();
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
            p.getInputStream(), StandardCharsets.UTF_8));
        log.setLength(0);
        while ((line = r.readLine()) != null && !line.contains("Ready to accept connections")) {
          log.append(line).append('\n');
        }
        if (line == null && !log.toString().contains("Address already in use")) {
          break;
        }
      }
      assertTrue(line != null, "server did not start:\n" + log);
      assertTrue(!resumes(), "tls-session-caching no: a session was resumed");
    } finally {
      if (p != null) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void unknownNamesOrKeywords_stopStartupNamingDirectiveAndValue() {
    for (String[] bad : List.of(new String[] {"tls-ciphers", "HIGH:!aNULL:!MD5"},
        new String[] {"tls-ciphers", "ECDHE-RSA-AES256-GCM-SHA384:NO-SUCH-CIPHER"},
        new String[] {"tls-ciphersuites", "TLS_AES_128_CCM_8_SHA256"})) {
      java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
          () -> start("--" + bad[0], bad[1]), bad[1]);
      assertTrue(e.getMessage().contains("'" + bad[0] + "'")
          && e.getMessage().contains("'" + bad[1] + "'"), e.getMessage());
    }
  }

  @Test
  void redisCli_restrictedToOneSuite() throws Exception {
    String cli = RedisCliIT.findOnPath("redis-cli");
    if (cli == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true but redis-cli is not on PATH");
      }
      return;
    }
    start("--tls-ciphers", "ECDHE-RSA-AES128-GCM-SHA256", "--tls-ciphersuites",
        "TLS_CHACHA20_POLY1305_SHA256");
    List<String> base = List.of(cli, "--tls", "--cacert", dir.resolve("ca.crt").toString(),
        "-p", String.valueOf(port));
    assertEquals("PONG", TlsIT.run(base, "--tls-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256",
        "PING"));
    assertTrue(!TlsIT.run(base, "--tls-ciphersuites", "TLS_AES_256_GCM_SHA384", "PING")
        .equals("PONG"));
  }
}
