/**
 * A JUnit 5 extension that runs a LIME server for a test class: annotate the class with
 * {@link io.lime.server.junit.LimeTest} and take the port, URI, server, store or clock as
 * parameters or fields.
 *
 * <pre>{@code
 * @LimeTest
 * class CacheTest {
 *   @Test
 *   void get_afterSet_returnsValue(@LimePort int port) {
 *     try (Jedis jedis = new Jedis("127.0.0.1", port)) {
 *       jedis.set("k", "v");
 *       assertEquals("v", jedis.get("k"));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>JUnit Jupiter is an optional dependency of lime-server: this package needs
 * {@code org.junit.jupiter:junit-jupiter-api} on the class path (every JUnit 5 test has it);
 * the rest of the server does not.
 */
@NullMarked
package io.lime.server.junit;

import org.jspecify.annotations.NullMarked;
