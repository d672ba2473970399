package io.lime.server.internal;

import io.lime.internal.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code tls-ciphers} and {@code tls-ciphersuites} as Redis users write them (OpenSSL's
 * syntax), mapped to the JDK's suite names.
 *
 * <ul>
 *   <li>{@code tls-ciphers} (TLS 1.2): a list separated by {@code :} (or {@code ,} or
 *       spaces) of OpenSSL names, {@code ECDHE-RSA-AES256-GCM-SHA384} for the JDK's
 *       {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}: key exchange ({@code ECDHE-RSA-},
 *       {@code ECDHE-ECDSA-}, {@code DHE-RSA-}, {@code DHE-DSS-}, {@code ECDH-RSA-},
 *       {@code ECDH-ECDSA-}, none for RSA), cipher ({@code AES128-GCM}, {@code AES256-GCM},
 *       {@code AES128}/{@code AES256} for CBC, {@code CHACHA20-POLY1305}) and MAC. Also
 *       {@code DEFAULT} (the JDK's default TLS 1.2 suites) and exclusions {@code !X} /
 *       {@code -X} of a name or of a class the JDK can filter exactly ({@code aNULL},
 *       {@code eNULL}, {@code NULL}, {@code MD5}, {@code RC4}, {@code DES}, {@code 3DES},
 *       {@code EXP}, {@code EXPORT}, {@code PSK}, {@code SRP}, {@code DSS}, {@code aDSS},
 *       {@code kRSA}, {@code CAMELLIA}, {@code SEED}, {@code IDEA}, {@code ARIA}).
 *   <li>{@code tls-ciphersuites} (TLS 1.3): names as in OpenSSL, which are the IANA names
 *       the JDK uses ({@code TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256}).
 * </ul>
 *
 * <p>Deliberate differences: OpenSSL skips names it does not know as long as one matches;
 * LIME refuses any name this JVM cannot serve, and the selection keywords it cannot
 * reproduce exactly ({@code HIGH}, {@code MEDIUM}, {@code ALL}, {@code +X},
 * {@code @STRENGTH}, {@code @SECLEVEL=n}, ...), naming the directive and the value, so a
 * configuration never means less than it says.
 */
final class OpenSslCiphers {
  private static final Pattern SUITE = Pattern.compile("TLS_(\\w+?)_WITH_(\\w+)_(SHA|SHA256|SHA384)");
  private static final Map<String, String> KEY_EXCHANGE = Map.of("RSA", "", "ECDHE_RSA",
      "ECDHE-RSA-", "ECDHE_ECDSA", "ECDHE-ECDSA-", "DHE_RSA", "DHE-RSA-", "DHE_DSS", "DHE-DSS-",
      "ECDH_RSA", "ECDH-RSA-", "ECDH_ECDSA", "ECDH-ECDSA-");
  private static final Map<String, String> CIPHER = Map.of("AES_128_GCM", "AES128-GCM",
      "AES_256_GCM", "AES256-GCM", "AES_128_CBC", "AES128", "AES_256_CBC", "AES256",
      "CHACHA20_POLY1305", "CHACHA20-POLY1305");
  /** Classes that {@code !X} removes, as a test on the JDK's name. */
  private static final Map<String, Predicate<String>> EXCLUDABLE = Map.ofEntries(
      Map.entry("anull", s -> s.contains("_anon_") || s.startsWith("TLS_NULL_")),
      Map.entry("enull", s -> s.contains("_WITH_NULL_")),
      Map.entry("null", s -> s.contains("_anon_") || s.contains("_NULL_")),
      Map.entry("md5", s -> s.endsWith("_MD5")),
      Map.entry("rc4", s -> s.contains("_RC4_")),
      Map.entry("des", s -> s.contains("_DES_")),
      Map.entry("3des", s -> s.contains("3DES")),
      Map.entry("exp", s -> s.contains("EXPORT")),
      Map.entry("export", s -> s.contains("EXPORT")),
      Map.entry("psk", s -> s.contains("PSK")),
      Map.entry("srp", s -> s.contains("SRP")),
      Map.entry("dss", s -> s.contains("_DSS_")),
      Map.entry("adss", s -> s.contains("_DSS_")),
      Map.entry("krsa", s -> s.startsWith("TLS_RSA_")),
      Map.entry("camellia", s -> s.contains("CAMELLIA")),
      Map.entry("seed", s -> s.contains("SEED")),
      Map.entry("idea", s -> s.contains("IDEA")),
      Map.entry("aria", s -> s.contains("ARIA")));

  private OpenSslCiphers() {}

  /** Whether {@code suite} is a TLS 1.3 suite (configured by {@code tls-ciphersuites}). */
  static boolean isTls13(String suite) {
    return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
  }

  /** OpenSSL's name for a JDK TLS 1.2 suite, or null when OpenSSL has none LIME maps. */
  static @Nullable String openSslName(String jdkName) {
    Matcher m = SUITE.matcher(jdkName);
    if (!m.matches()) {
      return null;
    }
    String kx = KEY_EXCHANGE.get(m.group(1));
    String cipher = CIPHER.get(m.group(2));
    if (kx == null || cipher == null) {
      return null;
    }
    if (cipher.startsWith("CHACHA20")) {
      return m.group(3).equals("SHA256") ? kx + cipher : null;
    }
    return kx + cipher + "-" + m.group(3);
  }

  /**
   * The TLS 1.2 suites {@code value} selects, in its order, or null for the JDK's defaults
   * (empty, or {@code DEFAULT} alone).
   *
   * @param supported the JDK's supported suites
   * @param defaults the JDK's default suites
   * @throws ConfigException naming {@code tls-ciphers} and the value, for a name this JVM
   *     cannot serve or a keyword LIME does not honour
   */
  static String @Nullable [] tls12(String value, String[] supported, String[] defaults)
      throws ConfigException {
    String v = value.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("DEFAULT")) {
      return null;
    }
    Map<String, String> byOpenSsl = new java.util.HashMap<>();
    for (String s : supported) {
      String o = openSslName(s);
      if (o != null) {
        byOpenSsl.put(o.toUpperCase(Locale.ROOT), s);
      }
    }
    Set<String> out = new LinkedHashSet<>();
    List<Predicate<String>> removed = new ArrayList<>();
    for (String raw : v.split("[:, ]+")) {
      if (raw.isEmpty()) {
        continue;
      }
      boolean exclude = raw.startsWith("!") || raw.startsWith("-");
      String name = exclude ? raw.substring(1) : raw;
      String jdk = byOpenSsl.get(name.toUpperCase(Locale.ROOT));
      if (exclude) {
        Predicate<String> p = EXCLUDABLE.get(name.toLowerCase(Locale.ROOT));
        if (jdk != null) {
          removed.add(jdk::equals);
        } else if (p != null) {
          removed.add(p);
        } else {
          throw refused("tls-ciphers", value, raw);
        }
      } else if (name.equalsIgnoreCase("DEFAULT")) {
        for (String d : defaults) {
          if (!isTls13(d)) {
            out.add(d);
          }
        }
      } else if (jdk != null) {
        out.add(jdk);
      } else {
        throw refused("tls-ciphers", value, raw);
      }
    }
    out.removeIf(s -> removed.stream().anyMatch(p -> p.test(s)));
    if (out.isEmpty()) {
      throw new ConfigException("Failed to configure TLS: '" + value + "' selects no cipher",
          "tls-ciphers");
    }
    return out.toArray(String[]::new);
  }

  /**
   * The TLS 1.3 suites {@code value} names, or null for the JDK's defaults (empty).
   *
   * @throws ConfigException naming {@code tls-ciphersuites} and the value, for a name this
   *     JVM cannot serve
   */
  static String @Nullable [] tls13(String value, String[] supported) throws ConfigException {
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    Set<String> known = Set.of(supported);
    Set<String> out = new LinkedHashSet<>();
    for (String name : v.split(":")) {
      if (!isTls13(name) || !known.contains(name)) {
        throw refused("tls-ciphersuites", value, name);
      }
      out.add(name);
    }
    return out.toArray(String[]::new);
  }

  private static ConfigException refused(String directive, String value, String element) {
    return new ConfigException("Failed to configure TLS: '" + value + "': '" + element
        + "' is not a cipher this JVM serves under its OpenSSL name, nor a keyword LIME"
        + " honours (names such as ECDHE-RSA-AES256-GCM-SHA384, DEFAULT, and exclusions"
        + " such as !aNULL are; TLS 1.3 suites go in tls-ciphersuites)", directive);
  }
}
