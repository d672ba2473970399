package io.lime.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lime.server.LimeServer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Jedis and Lettuce over LIME's TLS port, trusting a CA made for the test with openssl:
 * what a test of an application that talks TLS to Redis does.
 */
class TlsClientsTest {
  @TempDir Path dir;

  @Test
  void jedisAndLettuce_overTls() throws Exception {
    makeCertificates();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (LimeServer server = LimeServer.start("--port", "0", "--tls-port",
        String.valueOf(port), "--tls-cert-file", dir.resolve("server.crt").toString(),
        "--tls-key-file", dir.resolve("server.key").toString(), "--tls-auth-clients", "no")) {
      try (JedisPooled jedis = new JedisPooled(new HostAndPort("localhost", port),
          DefaultJedisClientConfig.builder().ssl(true)
              .sslSocketFactory(trustingCa().getSocketFactory()).build())) {
        assertEquals("OK", jedis.set("via", "jedis over tls"));
        assertEquals("jedis over tls", jedis.get("via"));
      }
      RedisURI uri = RedisURI.builder().withHost("localhost").withPort(port).withSsl(true)
          .build();
      RedisClient client = RedisClient.create(uri);
      client.setOptions(io.lettuce.core.ClientOptions.builder().sslOptions(SslOptions.builder()
          .jdkSslProvider().trustManager(dir.resolve("ca.crt").toFile()).build()).build());
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        assertEquals("jedis over tls", c.sync().get("via"));
        assertEquals("OK", c.sync().set("via", "lettuce over tls"));
        assertEquals("lettuce over tls", c.sync().get("via"));
      } finally {
        client.shutdown();
      }
    }
  }

  private SSLContext trustingCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.crt")))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private void makeCertificates() throws Exception {
    boolean found = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      found |= new File(d, "openssl").canExecute();
    }
    if (!found) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true but openssl is not on PATH");
      }
      Assumptions.abort("openssl not on PATH");
    }
    Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
        "ca.crt", "-days", "2", "-subj", "/CN=LIME Test CA");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
        "server.csr", "-subj", "/CN=localhost");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assertions.assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }
}
