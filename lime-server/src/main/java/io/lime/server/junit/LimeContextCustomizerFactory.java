package io.lime.server.junit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Spring Boot test integration (registered in {@code META-INF/spring.factories}): a test class
 * with {@code @LimeTest(lifecycle = PER_RUN)} and {@code @SpringBootTest} gets a {@link
 * RedisConnectionDetails} bean pointing at the run-wide LIME server, so Spring Data Redis
 * connects to it with no {@code spring.data.redis.*} property, as Testcontainers'
 * {@code @ServiceConnection} does. The customizer is equal for equal {@code @LimeTest}
 * options, so classes with the same configuration share one cached Spring context (and
 * one server) instead of each needing {@code @DirtiesContext}.
 *
 * <p>Only {@code PER_RUN} fits a context Spring caches beyond one class: with another
 * lifecycle the class's server stops while a cached context could still point at it, so no
 * bean is contributed then (wire {@code spring.data.redis.port} from {@code @LimePort} with
 * {@code @DynamicPropertySource} and {@code @DirtiesContext}, as before). Inert without
 * Spring Boot on the class path.
 */
public final class LimeContextCustomizerFactory implements ContextCustomizerFactory {
  private static final String DETAILS =
      "org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails";

  /** Public for Spring's reflective instantiation. */
  public LimeContextCustomizerFactory() {}

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    LimeTest options = MergedAnnotations.from(testClass,
        MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(LimeTest.class)
        .synthesize(a -> a.isPresent()).orElse(null);
    if (options == null || options.lifecycle() != LimeTest.Lifecycle.PER_RUN
        || !isPresent(DETAILS, testClass.getClassLoader())) {
      return null; // other lifecycles: the class's own server, wired by properties
    }
    return new Customizer(options);
  }

  private static boolean isPresent(String name, @Nullable ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Registers the connection details of the run-wide server for its options. */
  private static final class Customizer implements ContextCustomizer {
    private final LimeTest options;
    private final String key;

    Customizer(LimeTest options) {
      this.options = options;
      this.key = LimeFixture.sharedKey(options);
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context,
        MergedContextConfiguration config) {
      LimeFixture f = LimeFixture.shared(options);
      String password = null;
      for (String line : options.config()) {
        String l = line.strip();
        if (l.regionMatches(true, 0, "requirepass ", 0, 12)) {
          password = l.substring(12).strip();
        }
      }
      context.getBeanFactory().registerSingleton("limeRedisConnectionDetails",
          new Details(f.server().port(), password));
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Customizer c && c.key.equals(key);
    }

    @Override
    public int hashCode() {
      return key.hashCode();
    }
  }

  /** The LIME server's address (and password, when {@code requirepass} is configured). */
  private record Details(int port, @Nullable String password) implements RedisConnectionDetails {
    @Override
    public @Nullable String getPassword() {
      return password;
    }

    @Override
    public Standalone getStandalone() {
      return Standalone.of("127.0.0.1", port);
    }
  }
}
