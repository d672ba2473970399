/**
 * LIME's engine and its embedded API.
 *
 * <p>Public API: {@code io.lime} ({@link io.lime.KeyValueStore}, its options, typed views,
 * listeners and exceptions) and {@code io.lime.persistence}. Everything under
 * {@code io.lime.internal} is implementation: exported only to the server module, which runs
 * the same engine behind a socket, and only the packages it uses. On the class path (the
 * unnamed module, as in {@code java -jar lime-server.jar}) this descriptor is ignored.
 *
 * <p>JSpecify: as in {@code io.lime.resp}, compile-only and part of the exported signatures.
 */
@SuppressWarnings("module") // qualified exports to io.lime.server, compiled after this module
module io.lime.core {
  requires transitive io.lime.resp; // io.lime.command's handlers reply through its ReplySink
  requires java.management; // INFO: process CPU time
  requires jdk.management; // INFO: com.sun.management.OperatingSystemMXBean
  requires static transitive org.jspecify;

  exports io.lime;
  exports io.lime.command;
  exports io.lime.persistence;

  exports io.lime.internal.acl to io.lime.server;
  exports io.lime.internal.aof to io.lime.server;
  exports io.lime.internal.command to io.lime.server;
  exports io.lime.internal.config to io.lime.server;
  exports io.lime.internal.engine to io.lime.server;
  exports io.lime.internal.persistence to io.lime.server;
  exports io.lime.internal.persistence.rdb to io.lime.server;
  exports io.lime.internal.store to io.lime.server;
  exports io.lime.internal.util to io.lime.server;
}
