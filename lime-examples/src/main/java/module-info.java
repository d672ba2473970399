/**
 * LIME's runnable examples. A module, so that the compiler holds them (and their tests, which
 * are compiled into it) to what LIME exports: the examples show users' code, and users cannot
 * reach io.lime.internal.
 */
module io.lime.examples {
  requires io.lime.server;
  requires io.lime.resp; // StandaloneServerExample and PubSubExample talk RESP to the server
  requires static org.jspecify;
}
