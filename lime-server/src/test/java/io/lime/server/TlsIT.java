package io.lime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS ({@code tls-port} and the {@code tls-*} material) in the NIO loops: certificates made
 * by {@code openssl} for the test, clients from the JDK ({@link SSLSocket}) and the real
 * {@code redis-cli --tls}; client certificates required, optional or not asked; large
 * values and pipelines through the record layer.
 */
class TlsIT {
  @TempDir static Path dir;
  private LimeServer server;

  @BeforeAll
  static void certificates() throws Exception {
    TlsCertificates.make(dir);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int start(String auth) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = LimeServer.start("--port", "0", "--lime-loops", "1", "--tls-port",
        String.valueOf(port), "--tls-cert-file", dir.resolve("server.crt").toString(),
        "--tls-key-file", dir.resolve("server.key").toString(), "--tls-ca-cert-file",
        dir.resolve("ca.crt").toString(), "--tls-auth-clients", auth);
    assertEquals(0, server.port(), "port 0: TLS only, no plain TCP listener");
    return port;
  }

  @Test
  void jdkClient_pipelineAndLargeValues() throws Exception {
    int port = start("no");
    try (SSLSocket s = TlsCertificates.client(dir, false, port)) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(TestClient.encode("PING"));
      assertEquals("+PONG\r\n", readLine(in));
      String big = "v".repeat(3 << 20);
      out.write(TestClient.encode("SET", "big", big));
      assertEquals("+OK\r\n", readLine(in));
      out.write(TestClient.encode("GET", "big"));
      assertEquals("$" + big.length() + "\r\n", readLine(in));
      byte[] body = in.readNBytes(big.length() + 2);
      assertEquals(big + "\r\n", new String(body, StandardCharsets.US_ASCII));
      java.io.ByteArrayOutputStream pipeline = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < 2000; i++) {
        pipeline.write(TestClient.encode("INCR", "n"));
      }
      out.write(pipeline.toByteArray());
      for (int i = 1; i <= 2000; i++) {
        assertEquals(":" + i + "\r\n", readLine(in));
      }
    }
  }

  @Test
  void clientAuthRequired_withoutCertificateRefused_withCertificateServed() throws Exception {
    int port = start("yes");
    assertThrows(IOException.class, () -> {
      try (SSLSocket s = TlsCertificates.client(dir, false, port)) {
        s.getOutputStream().write(TestClient.encode("PING"));
        if (s.getInputStream().read() < 0) {
          throw new IOException("closed");
        }
      }
    });
    try (SSLSocket s = TlsCertificates.client(dir, true, port)) {
      s.getOutputStream().write(TestClient.encode("PING"));
      assertEquals("+PONG\r\n", readLine(s.getInputStream()));
    }
  }

  @Test
  void redisCli_tls() throws Exception {
    String cli = RedisCliIT.findOnPath("redis-cli");
    if (cli == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI=true but redis-cli is not on PATH");
      }
      return;
    }
    int port = start("optional");
    List<String> base = List.of(cli, "--tls", "--cacert", dir.resolve("ca.crt").toString(),
        "-p", String.valueOf(port));
    assertEquals("OK", run(base, "SET", "k", "over tls"));
    assertEquals("over tls", run(base, "GET", "k"));
    List<String> withCert = new ArrayList<>(base);
    withCert.addAll(List.of("--cert", dir.resolve("client.crt").toString(), "--key",
        dir.resolve("client.key").toString()));
    assertEquals("over tls", run(withCert, "GET", "k"));
  }

  /** Runs {@code redis-cli} ({@code base} then {@code args}); its output, stripped. */
  static String run(List<String> base, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(base);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      if (c == '\n') {
        break;
      }
    }
    return sb.toString();
  }


  /** Test certificates (a CA, a server and a client certificate) and JDK clients. */
  static final class TlsCertificates {
    private TlsCertificates() {}

    /** Makes the certificates with openssl; aborts the test without it (fails under CI). */
    static void make(Path dir) throws Exception {
      if (RedisCliIT.findOnPath("openssl") == null) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          Assertions.fail("CI=true but openssl is not on PATH");
        }
        org.junit.jupiter.api.Assumptions.abort("openssl not on PATH");
      }
      Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
      openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
          "-out", "ca.crt", "-days", "2", "-subj", "/CN=LIME Test CA");
      for (String who : new String[] {"server", "client"}) {
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out",
            who + ".csr", "-subj", "/CN=" + (who.equals("server") ? "localhost" : "client"));
        openssl(dir, "x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", who + ".crt", "-days", "2", "-extfile", "ext.cnf");
      }
    }

    private static void openssl(Path dir, String... args) throws Exception {
      List<String> cmd = new ArrayList<>(List.of("openssl"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
    }

    /** An SSL context trusting the test CA, presenting the client certificate if asked. */
    static SSLContext context(Path dir, boolean withClientCert) throws Exception {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", cf.generateCertificate(
          new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.crt")))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (withClientCert) {
        String pem = Files.readString(dir.resolve("client.key"));
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem
            .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {
            cf.generateCertificate(new ByteArrayInputStream(
                Files.readAllBytes(dir.resolve("client.crt"))))});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    }

    static SSLSocket client(Path dir, boolean withClientCert, int port) throws Exception {
      SSLSocket s = (SSLSocket) context(dir, withClientCert).getSocketFactory()
          .createSocket("localhost", port);
      s.setSoTimeout(20_000);
      s.startHandshake();
      return s;
    }
  }
}
