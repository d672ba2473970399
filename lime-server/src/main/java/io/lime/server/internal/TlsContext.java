package io.lime.server.internal;

import io.lime.internal.config.ConfigException;
import io.lime.internal.config.ConfigRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of {@code tls-*} directives with the JDK's TLS (Redis's tls.c over
 * OpenSSL): PEM certificate chain and private key ({@code tls-cert-file}, {@code
 * tls-key-file}, PKCS#8 plain or encrypted with {@code tls-key-file-pass}, or PKCS#1 RSA),
 * CA certificates to verify clients ({@code tls-ca-cert-file}, {@code tls-ca-cert-dir}),
 * {@code tls-auth-clients yes|no|optional}, {@code tls-protocols}, {@code tls-ciphers} and
 * {@code tls-ciphersuites} (OpenSSL's names, mapped by {@link OpenSslCiphers}),
 * {@code tls-prefer-server-ciphers} and {@code tls-session-caching}. Immutable; makes one
 * engine per connection.
 */
final class TlsContext {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

  private final SSLContext context;
  private final String authClients;
  private final String[] protocols;
  private final String[] suites;
  private final boolean preferServer;
  private final boolean sessionCaching;

  private TlsContext(SSLContext context, String authClients, String[] protocols,
      String[] suites, boolean preferServer, boolean sessionCaching) {
    this.context = context;
    this.authClients = authClients;
    this.protocols = protocols;
    this.suites = suites;
    this.preferServer = preferServer;
    this.sessionCaching = sessionCaching;
  }

  /**
   * Reads the TLS directives.
   *
   * @throws ConfigException naming the directive at fault, with the reason
   */
  static TlsContext load(ConfigRegistry c) throws ConfigException {
    String cert = text(c, "tls-cert-file");
    String key = text(c, "tls-key-file");
    if (cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException("Failed to configure TLS: tls-cert-file and tls-key-file are "
          + "required", cert.isEmpty() ? "tls-cert-file" : "tls-key-file");
    }
    try {
      List<Certificate> chain = certificates(Files.readString(Path.of(cert)));
      if (chain.isEmpty()) {
        throw new ConfigException("no certificate in " + cert, "tls-cert-file");
      }
      PrivateKey pk = privateKey(Files.readString(Path.of(key)), text(c, "tls-key-file-pass"));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] none = new char[0];
      ks.setKeyEntry("lime", pk, none, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, none);
      TrustManagerFactory tmf = null;
      List<Certificate> cas = new ArrayList<>();
      String caFile = text(c, "tls-ca-cert-file");
      if (!caFile.isEmpty()) {
        cas.addAll(certificates(Files.readString(Path.of(caFile))));
      }
      String caDir = text(c, "tls-ca-cert-dir");
      if (!caDir.isEmpty()) {
        try (Stream<Path> files = Files.list(Path.of(caDir))) {
          for (Path f : files.sorted().toList()) {
            if (Files.isRegularFile(f)) {
              cas.addAll(certificates(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
          }
        }
      }
      String auth = String.valueOf(c.get("tls-auth-clients")).toLowerCase(Locale.ROOT);
      if (!cas.isEmpty()) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
          ts.setCertificateEntry("ca" + i, cas.get(i));
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
      } else if (!auth.equals("no")) {
        throw new ConfigException("Failed to configure TLS: either tls-ca-cert-file or "
            + "tls-ca-cert-dir must be specified when tls-auth-clients is " + auth,
            "tls-auth-clients");
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      if (!c.getBool("tls-session-caching") && !"false".equalsIgnoreCase(
          System.getProperty("jdk.tls.server.enableSessionTicketExtension"))) {
        // the JDK resumes from stateless tickets whatever this context's cache holds
        throw new ConfigException("not supported while the JVM resumes TLS sessions from"
            + " stateless tickets (its default): start the JVM with"
            + " -Djdk.tls.server.enableSessionTicketExtension=false to have 'no' honoured",
            "tls-session-caching");
      }
      if (!c.getBool("tls-session-caching")) { // sessions are also invalidated (TlsChannel)
        ctx.getServerSessionContext().setSessionCacheSize(1);
        ctx.getServerSessionContext().setSessionTimeout(1);
      } else {
        ctx.getServerSessionContext().setSessionCacheSize(c.getInt("tls-session-cache-size"));
        ctx.getServerSessionContext().setSessionTimeout(c.getInt("tls-session-cache-timeout"));
      }
      String protos = text(c, "tls-protocols");
      String[] protocols = protos.isEmpty() ? new String[] {"TLSv1.2", "TLSv1.3"}
          : protos.trim().split("\\s+");
      String[] suites = suites(c, ctx);
      TlsContext t = new TlsContext(ctx, auth, protocols, suites,
          c.getBool("tls-prefer-server-ciphers"), c.getBool("tls-session-caching"));
      t.engine(); // reject unknown protocols or suites now
      return t;
    } catch (IOException e) {
      throw new ConfigException("Failed to load TLS material: " + e.getMessage(), "tls-cert-file");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException("Failed to configure TLS: " + e.getMessage(), "tls-port");
    }
  }

  /** {@code tls-session-caching}: whether sessions may be resumed. */
  boolean sessionCaching() {
    return sessionCaching;
  }

  /** A server engine for one accepted connection. */
  SSLEngine engine() {
    SSLEngine e = context.createSSLEngine();
    e.setUseClientMode(false);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(protocols);
    if (suites.length > 0) {
      p.setCipherSuites(suites);
    }
    p.setUseCipherSuitesOrder(preferServer);
    switch (authClients) {
      case "yes" -> p.setNeedClientAuth(true);
      case "optional" -> p.setWantClientAuth(true);
      default -> p.setNeedClientAuth(false);
    }
    e.setSSLParameters(p);
    return e;
  }

  /**
   * The suites {@code tls-ciphersuites} (TLS 1.3) then {@code tls-ciphers} (TLS 1.2) select,
   * each part the JDK's defaults when not given; empty when neither is given.
   */
  private static String[] suites(ConfigRegistry c, SSLContext ctx) throws ConfigException {
    String[] supported = ctx.getSupportedSSLParameters().getCipherSuites();
    String[] defaults = ctx.getDefaultSSLParameters().getCipherSuites();
    String[] tls13 = OpenSslCiphers.tls13(text(c, "tls-ciphersuites"), supported);
    String[] tls12 = OpenSslCiphers.tls12(text(c, "tls-ciphers"), supported, defaults);
    if (tls13 == null && tls12 == null) {
      return new String[0];
    }
    List<String> out = new ArrayList<>();
    for (String s : tls13 != null ? List.of(tls13)
        : List.of(defaults).stream().filter(OpenSslCiphers::isTls13).toList()) {
      out.add(s);
    }
    for (String s : tls12 != null ? List.of(tls12)
        : List.of(defaults).stream().filter(d -> !OpenSslCiphers.isTls13(d)).toList()) {
      out.add(s);
    }
    return out.toArray(String[]::new);
  }

  private static String text(ConfigRegistry c, String name) {
    String v = c.get(name);
    return v == null ? "" : v;
  }

  private static List<Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<Certificate> out = new ArrayList<>();
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        out.add(cf.generateCertificate(new ByteArrayInputStream(der(m.group(2)))));
      }
    }
    return out;
  }

  private static byte[] der(String base64) {
    return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
  }

  private static PrivateKey privateKey(String pem, String pass)
      throws GeneralSecurityException, IOException {
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = der(m.group(2));
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(der);
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(rsaPkcs1ToPkcs8(der));
        }
        case "ENCRYPTED PRIVATE KEY" -> {
          EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
          SecretKeyFactory f = SecretKeyFactory.getInstance(info.getAlgName());
          Cipher cipher = Cipher.getInstance(info.getAlgName());
          cipher.init(Cipher.DECRYPT_MODE, f.generateSecret(new PBEKeySpec(pass.toCharArray())),
              info.getAlgParameters());
          return pkcs8(info.getKeySpec(cipher).getEncoded());
        }
        default -> {
          // skip EC PARAMETERS and the like
        }
      }
    }
    throw new GeneralSecurityException("no PKCS#8 or PKCS#1 RSA private key found "
        + "(convert with: openssl pkcs8 -topk8 -nocrypt)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("unsupported private key algorithm");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = tlv(0x04, pkcs1);
    byte[] body = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algId, 0, body, version.length, algId.length);
    System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
    return tlv(0x30, body);
  }

  private static byte[] tlv(int tag, byte[] value) {
    int n = value.length;
    byte[] len = n < 128 ? new byte[] {(byte) n}
        : n < 256 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 65536 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(value, 0, out, 1 + len.length, n);
    return out;
  }
}
