/**
 * LIME's network server ({@link io.lime.server.LimeServer}, {@link io.lime.server.Main}) and
 * the JUnit 5 extension that runs one per test class ({@code io.lime.server.junit}).
 *
 * <p>JUnit Jupiter is optional: only {@code io.lime.server.junit} needs it, and a test module
 * that uses the extension reads it anyway. That module must open its test packages to
 * {@code io.lime.server} for {@code @LimePort}/{@code @LimeUri}/... fields to be injected.
 */
module io.lime.server {
  requires transitive io.lime.core; // LimeServer.store(), Builder.ticker(Ticker), LimeClock
  requires io.lime.resp;
  requires static transitive org.jspecify;
  requires static org.junit.jupiter.api; // io.lime.server.junit only
  requires static org.junit.platform.commons;
  // io.lime.server.junit.LimeContextCustomizerFactory only (Spring Boot tests)
  requires static spring.test;
  requires static spring.context;
  requires static spring.core;
  requires static spring.beans;
  requires static spring.boot;
  requires static spring.boot.autoconfigure;

  exports io.lime.server;
  exports io.lime.server.junit;
}
