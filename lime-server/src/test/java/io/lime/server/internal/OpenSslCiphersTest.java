package io.lime.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lime.internal.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** OpenSSL cipher names and lists mapped to the JDK's, against OpenSSL's own table. */
class OpenSslCiphersTest {
  private static final SSLContext CTX;

  static {
    try {
      CTX = SSLContext.getInstance("TLS");
      CTX.init(null, null, null);
    } catch (java.security.GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final String[] SUPPORTED = CTX.getSupportedSSLParameters().getCipherSuites();
  private static final String[] DEFAULTS = CTX.getDefaultSSLParameters().getCipherSuites();

  @Test
  void openSslName_matchesOpenSslsTable() throws IOException {
    String table;
    try (InputStream in = Objects.requireNonNull(
        OpenSslCiphersTest.class.getResourceAsStream("openssl-cipher-names.txt"))) {
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int checked = 0;
    for (String line : table.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] pair = line.trim().split(" ");
      assertEquals(pair[1], OpenSslCiphers.openSslName(pair[0]), pair[0]);
      checked++;
    }
    assertTrue(checked >= 30, "table rows: " + checked);
  }

  @Test
  void tls12_namesInOrder_mappedToJdkNames() throws ConfigException {
    assertArrayEquals(new String[] {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, OpenSslCiphers.tls12(
        "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256", SUPPORTED, DEFAULTS));
    assertNull(OpenSslCiphers.tls12("", SUPPORTED, DEFAULTS));
    assertNull(OpenSslCiphers.tls12("DEFAULT", SUPPORTED, DEFAULTS));
  }

  @Test
  void tls12_defaultWithExclusions_filtersTheDefaults() throws ConfigException {
    String[] s = OpenSslCiphers.tls12("DEFAULT:!kRSA:!aNULL:!MD5", SUPPORTED, DEFAULTS);
    assertTrue(s != null && s.length > 0);
    for (String suite : s) {
      assertTrue(!suite.startsWith("TLS_RSA_") && !OpenSslCiphers.isTls13(suite), suite);
      assertTrue(List.of(DEFAULTS).contains(suite), suite);
    }
    String[] one = OpenSslCiphers.tls12("ECDHE-RSA-AES128-GCM-SHA256,ECDHE-RSA-AES256-GCM-SHA384"
        + " !ECDHE-RSA-AES256-GCM-SHA384", SUPPORTED, DEFAULTS);
    assertArrayEquals(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, one);
  }

  @Test
  void tls12_unknownNameOrKeyword_refusedNamingDirectiveAndValue() {
    for (String bad : List.of("HIGH:!aNULL", "ECDHE-RSA-AES256-GCM-SHA384:NOSUCH-CIPHER",
        "ECDHE-RSA-AES128-GCM-SHA256:@STRENGTH", "+AES", "DEFAULT:!HIGH",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "!aNULL")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> OpenSslCiphers.tls12(bad, SUPPORTED, DEFAULTS), bad);
      assertEquals("tls-ciphers", e.directive());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void tls13_openSslNames_checkedAgainstTheJvm() throws ConfigException {
    assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"},
        OpenSslCiphers.tls13("TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", SUPPORTED));
    assertNull(OpenSslCiphers.tls13("", SUPPORTED));
    for (String bad : List.of("TLS_AES_128_CCM_8_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_AES_256_GCM_SHA384:bogus")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> OpenSslCiphers.tls13(bad, SUPPORTED), bad);
      assertEquals("tls-ciphersuites", e.directive());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
