package io.lime.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} (or {@code Integer}) parameter or field of a {@link LimeTest} class
 * that receives the TCP port of the test's LIME server.
 *
 * <pre>{@code
 * @LimePort int port;                                      // a field
 * @Test void ping(@LimePort int port) { ... }              // or a parameter
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface LimePort {}
