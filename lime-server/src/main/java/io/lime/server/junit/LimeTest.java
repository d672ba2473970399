package io.lime.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a LIME server on a free loopback port for the annotated JUnit 5 test class.
 *
 * <pre>{@code
 * @LimeTest(flushBetweenTests = true, config = "requirepass secret")
 * class CartTest {
 *   @LimePort int port;           // or take any of these as parameters
 *   @LimeUri URI uri;             // redis://127.0.0.1:PORT
 *   LimeServer server;
 *   KeyValueStore store;          // the server's data, in-process (database 0)
 *   ...
 * }
 * }</pre>
 *
 * <p>Injection: non-final, non-static fields of type {@link io.lime.server.LimeServer},
 * {@link io.lime.KeyValueStore} and {@link LimeClock}, {@code int} fields marked
 * {@link LimePort} and {@code URI}/{@code String} fields marked {@link LimeUri} are set
 * before each test (static ones too, once, when the lifecycle is {@link Lifecycle#PER_CLASS
 * PER_CLASS}); parameters of those types (a {@code URI} needs no annotation) are resolved in
 * test, lifecycle and constructor methods whenever a server is running.
 *
 * <p>Isolation: every test class gets its own server, so classes may run in parallel.
 * {@code @Nested} classes share the server of their enclosing class.
 *
 * <p>Meta-annotation: {@code @LimeTest} may annotate a composed annotation of your own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(LimeExtension.class)
public @interface LimeTest {

  /** When a server is started and stopped. */
  enum Lifecycle {
    /** One server for all tests of the class, started before the first and closed after the last. */
    PER_CLASS,
    /** A fresh server for each test. */
    PER_METHOD,
    /**
     * One server for the whole test run, shared by every class whose {@code @LimeTest} has the
     * same {@code config}, {@code manualClock} and {@code modules}: started by the first such
     * class, closed when the run ends, its port stable for the run, and every database
     * flushed before each test (whatever {@code flushBetweenTests} says). Classes sharing it
     * may run in parallel: their tests take turns on the server (one at a time).
     */
    PER_RUN
  }

  /** When a server is started and stopped; default one server per class. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * Whether each test starts with an empty server (every database flushed before each test,
   * before {@code @BeforeEach} methods). Only meaningful for {@link Lifecycle#PER_CLASS}
   * ({@link Lifecycle#PER_RUN} always flushes).
   */
  boolean flushBetweenTests() default false;

  /**
   * redis.conf directives, one per element: name, a space, the value
   * ({@code "requirepass secret"}, {@code "notify-keyspace-events KEA"}, {@code "save \"\""}).
   * An unknown directive or a bad value fails the class with Redis's config error text.
   */
  String[] config() default {};

  /**
   * Whether the server's time comes from a {@link LimeClock} that the test moves by hand
   * (take it as a parameter or field) instead of the wall clock.
   */
  boolean manualClock() default false;

  /**
   * Custom commands and value types to register ({@link io.lime.command.CommandModule}s, each
   * with a public no-argument constructor), as {@code LimeServer.Builder.module} does: a
   * fixture that answers a Redis module's commands ({@code JSON.SET}...) or a company's own.
   */
  Class<? extends io.lime.command.CommandModule>[] modules() default {};

  /**
   * Whether the server also listens with TLS, with a self-signed certificate made for it:
   * take a {@link io.lime.server.LimeTls} (parameter or field) for the TLS port, the
   * certificate to trust and a client SSL context.
   */
  boolean tls() default false;
}
