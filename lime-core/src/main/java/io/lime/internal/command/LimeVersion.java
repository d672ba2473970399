package io.lime.internal.command;

/**
 * LIME's own version, reported as {@code lime_version} (INFO, HELLO) and by {@code
 * --version}: the pom's, from {@code lime-version.properties} filtered at build time. Read
 * when first reported, not when a server starts (the first resource lookup of a JVM costs a
 * few milliseconds of start-up).
 */
public final class LimeVersion {
  /** The version, or {@code unknown} on a class path without the (filtered) resource. */
  public static final String VALUE = read();

  private LimeVersion() {}

  private static String read() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = LimeVersion.class.getResourceAsStream("lime-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      // a class path without the resource: reported as unknown below
    }
    String v = p.getProperty("lime.version", "");
    return v.isEmpty() || v.startsWith("${") ? "unknown" : v; // unfiltered: not built by Maven
  }
}
