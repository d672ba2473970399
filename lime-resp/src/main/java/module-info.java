/**
 * LIME's RESP2/RESP3 codec: request parser, reply writer, reply decoder.
 *
 * <p>Depends on the JDK alone at run time. JSpecify's nullness annotations are needed only to
 * compile: {@code static}, so they may be absent at run time, and {@code transitive}, because
 * they are part of the exported signatures (the Maven dependency on jspecify is compile
 * scope, so dependants have them when they compile).
 */
module io.lime.resp {
  requires static transitive org.jspecify;

  exports io.lime.resp;
}
