package io.lime.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a test server ({@link LimeServer.Builder#tls()}, {@code @LimeTest(tls =
 * true)}): the port it listens on with TLS and the trust material a client needs. The
 * server's certificate is self-signed for {@code localhost} and {@code 127.0.0.1}, made for
 * this server alone (with the JDK's {@code keytool}) and deleted with it.
 *
 * <p>Immutable; thread-safe.
 */
public final class LimeTls {
  private static final char[] PASS = "lime-test".toCharArray();

  private final int port;
  private final Path certificate;

  private LimeTls(int port, Path certificate) {
    this.port = port;
    this.certificate = certificate;
  }

  /** The TLS port ({@code tls-port}); the plain port stays {@link LimeServer#port()}. */
  public int port() {
    return port;
  }

  /**
   * The server's certificate in PEM, which is its own CA: what {@code redis-cli --tls
   * --cacert}, Lettuce's {@code SslOptions.trustManager(File)} or a trust store take.
   */
  public Path caCertificate() {
    return certificate;
  }

  /** A client SSL context trusting the server's certificate (and nothing else). */
  public SSLContext clientContext() {
    try (InputStream in = Files.newInputStream(certificate)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("lime", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the test certificate " + certificate, e);
    }
  }

  /** The socket factory of {@link #clientContext()} (Jedis's {@code sslSocketFactory}). */
  public SSLSocketFactory socketFactory() {
    return clientContext().getSocketFactory();
  }

  /**
   * Makes a key and a self-signed certificate in {@code dir} ({@code server.key},
   * {@code server.crt}) and picks a free port.
   */
  static LimeTls generate(Path dir) throws IOException {
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "lime", "-keyalg",
        "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
        "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASS), "-keypass", new String(PASS)))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + out);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASS);
      }
      PrivateKey key = (PrivateKey) ks.getKey("lime", PASS);
      Certificate cert = ks.getCertificate("lime");
      Path crt = dir.resolve("server.crt");
      Files.writeString(crt, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
      CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(Files.readAllBytes(crt))); // readable back
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      return new LimeTls(port, crt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the test certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make the test certificate: " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
