package io.lime.server.junit;

import io.lime.KeyValueStore;
import io.lime.server.LimeServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.jspecify.annotations.Nullable;

/**
 * The extension behind {@link LimeTest}; registered by that annotation, rarely used directly.
 *
 * <p>Implementation notes. The running server is a {@link LimeFixture} kept in the JUnit
 * store of the class context ({@code PER_CLASS}) or of the test's context
 * ({@code PER_METHOD}); JUnit closes it when that context ends. Store lookups fall back to
 * enclosing contexts, which is how {@code @Nested} classes find their outer class's server.
 * A {@code PER_CLASS} server starts in {@code beforeAll}, or earlier if a constructor of a
 * {@code @TestInstance(PER_CLASS)} class asks for it.
 */
public final class LimeExtension implements BeforeAllCallback, BeforeEachCallback,
    org.junit.jupiter.api.extension.AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LimeExtension.class);
  private static final String KEY = "fixture";

  /** Public for JUnit's reflective instantiation. */
  public LimeExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    LimeTest options = options(context);
    if (options.lifecycle() != LimeTest.Lifecycle.PER_METHOD) {
      LimeFixture f = classFixture(context, options);
      injectStatic(context.getRequiredTestClass(), f);
      context.getTestInstance().ifPresent(i -> inject(i, f));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LimeTest options = options(context);
    LimeFixture f;
    if (options.lifecycle() == LimeTest.Lifecycle.PER_METHOD) {
      f = LimeFixture.start(options);
      context.getStore(NAMESPACE).put(KEY, f);
    } else {
      f = required(context);
      if (options.lifecycle() == LimeTest.Lifecycle.PER_RUN) {
        f.acquireTurn(); // classes sharing the server may run in parallel: one test at a time
        context.getStore(NAMESPACE).put(TURN, f);
      }
      if (options.flushBetweenTests() || options.lifecycle() == LimeTest.Lifecycle.PER_RUN) {
        f.flushAll();
      }
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(instance, f);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LimeFixture f = context.getStore(NAMESPACE).remove(TURN, LimeFixture.class);
    if (f != null) {
      f.releaseTurn();
    }
  }

  private static final String TURN = "turn";

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return kind(pc.getParameter()) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    LimeFixture f = find(ec);
    if (f == null) {
      LimeTest options = options(ec);
      if (options.lifecycle() != LimeTest.Lifecycle.PER_METHOD) {
        f = classFixture(ec, options);   // a constructor of a @TestInstance(PER_CLASS) class
      } else {
        throw new ParameterResolutionException("No LIME server is running for "
            + pc.getDeclaringExecutable() + ": with lifecycle PER_METHOD the server exists"
            + " only around each test (use it in @BeforeEach, @Test and @AfterEach methods)");
      }
    }
    Kind kind = kind(pc.getParameter());
    if (kind == Kind.CLOCK && f.clock() == null) {
      throw new ParameterResolutionException(
          "A LimeClock needs @LimeTest(manualClock = true) on " + ec.getRequiredTestClass());
    }
    if (kind == Kind.TLS && f.server().tls() == null) {
      throw new ParameterResolutionException(
          "A LimeTls needs @LimeTest(tls = true) on " + ec.getRequiredTestClass());
    }
    Object v = value(kind, pc.getParameter().getType(), f);
    if (v == null) {
      throw new ParameterResolutionException("Cannot resolve " + pc.getParameter());
    }
    return v;
  }

  // ---- fixture lookup

  private static LimeFixture classFixture(ExtensionContext context, LimeTest options) {
    if (options.lifecycle() == LimeTest.Lifecycle.PER_RUN) {
      // The root context's store lives for the whole run: JUnit closes the servers at its end.
      context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("shared-closer",
          k -> (ExtensionContext.Store.CloseableResource) LimeFixture::closeShared);
      return LimeFixture.shared(options);
    }
    ExtensionContext cls = context;
    while (cls.getTestMethod().isPresent() && cls.getParent().isPresent()) {
      cls = cls.getParent().get();
    }
    // Atomic, and finds an enclosing class's server first (stores chain up): @Nested reuse.
    return cls.getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, k -> LimeFixture.start(options), LimeFixture.class);
  }

  /** The fixture of this context or of the nearest enclosing one (JUnit stores chain up). */
  private static @Nullable LimeFixture find(ExtensionContext context) {
    LimeFixture f = context.getStore(NAMESPACE).get(KEY, LimeFixture.class);
    if (f == null && options(context).lifecycle() == LimeTest.Lifecycle.PER_RUN) {
      f = LimeFixture.shared(options(context));
    }
    return f;
  }

  private static LimeFixture required(ExtensionContext context) {
    LimeFixture f = find(context);
    if (f == null) {
      throw new ExtensionConfigurationException("No LIME server for " + context.getUniqueId());
    }
    return f;
  }

  /** The {@link LimeTest} of the test class, its superclasses, or an enclosing class. */
  static LimeTest options(ExtensionContext context) {
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      Optional<LimeTest> a = AnnotationSupport.findAnnotation(c, LimeTest.class);
      if (a.isPresent()) {
        return a.get();
      }
    }
    throw new ExtensionConfigurationException("LimeExtension needs @LimeTest on "
        + context.getRequiredTestClass().getName() + " or an enclosing class");
  }

  // ---- injection

  private enum Kind { SERVER, STORE, CLOCK, PORT, URI, TLS }

  private static @Nullable Kind kind(Parameter p) {
    Class<?> t = p.getType();
    if (t == LimeServer.class) {
      return Kind.SERVER;
    } else if (t == KeyValueStore.class) {
      return Kind.STORE;
    } else if (t == LimeClock.class) {
      return Kind.CLOCK;
    } else if (t == io.lime.server.LimeTls.class) {
      return Kind.TLS;
    } else if (t == URI.class || (t == String.class && p.isAnnotationPresent(LimeUri.class))) {
      return Kind.URI;
    } else if ((t == int.class || t == Integer.class) && p.isAnnotationPresent(LimePort.class)) {
      return Kind.PORT;
    }
    return null;
  }

  private static @Nullable Kind kind(Field f) {
    if (Modifier.isFinal(f.getModifiers())) {
      return null;
    }
    Class<?> t = f.getType();
    if (t == LimeServer.class) {
      return Kind.SERVER;
    } else if (t == KeyValueStore.class) {
      return Kind.STORE;
    } else if (t == LimeClock.class) {
      return Kind.CLOCK;
    } else if (t == io.lime.server.LimeTls.class) {
      return Kind.TLS;
    } else if ((t == URI.class || t == String.class) && f.isAnnotationPresent(LimeUri.class)) {
      return Kind.URI;
    } else if ((t == int.class || t == Integer.class) && f.isAnnotationPresent(LimePort.class)) {
      return Kind.PORT;
    }
    return null;
  }

  private static @Nullable Object value(@Nullable Kind kind, Class<?> type, LimeFixture f) {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case SERVER -> f.server();
      case STORE -> f.server().store();
      case CLOCK -> f.clock();
      case PORT -> f.server().port();
      case URI -> type == String.class ? f.uri().toString() : f.uri();
      case TLS -> f.server().tls();
    };
  }

  private static void injectStatic(Class<?> testClass, LimeFixture f) {
    set(null, fields(testClass, true), f);
  }

  private static void inject(Object instance, LimeFixture f) {
    set(instance, fields(instance.getClass(), false), f);
  }

  private static List<Field> fields(Class<?> c, boolean statics) {
    return ReflectionSupport.findFields(c,
        field -> Modifier.isStatic(field.getModifiers()) == statics && kind(field) != null,
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static void set(@Nullable Object target, List<Field> fields, LimeFixture f) {
    for (Field field : fields) {
      Kind kind = kind(field);
      if (kind == Kind.CLOCK && f.clock() == null) {
        throw new ExtensionConfigurationException("Field " + field
            + " needs @LimeTest(manualClock = true)");
      }
      if (kind == Kind.TLS && f.server().tls() == null) {
        throw new ExtensionConfigurationException("Field " + field
            + " needs @LimeTest(tls = true)");
      }
      Object v = value(kind, field.getType(), f);
      try {
        field.setAccessible(true);
        field.set(target, v);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new ExtensionConfigurationException("Cannot set " + field, e);
      }
    }
  }
}
