package io.lime.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.spi.SelectorProvider;
import org.junit.jupiter.api.Test;

/** The selector provider named without the class-path search is the JDK's own choice. */
class StartupWarmUpTest {
  @Test
  void selectorProvider_isTheJdksAndLeavesNoProperty() {
    String before = System.getProperty(StartupWarmUp.PROVIDER_PROPERTY);
    assertSame(SelectorProvider.provider(), StartupWarmUp.selectorProvider());
    assertEquals(before, System.getProperty(StartupWarmUp.PROVIDER_PROPERTY));
  }

  @Test
  void platformDefault_namesThisPlatformsProviderClass() {
    String os = System.getProperty("os.name");
    String platform = StartupWarmUp.platformDefault(os);
    if (platform != null && System.getProperty(StartupWarmUp.PROVIDER_PROPERTY) == null) {
      // no test class path here registers a provider service: the JDK chose its default
      assertEquals(platform, SelectorProvider.provider().getClass().getName());
      assertTrue(StartupWarmUp.isProviderClass(platform));
    }
    assertNull(StartupWarmUp.platformDefault("Plan 9"));
  }

  @Test
  void isProviderClass_refusesWhatTheJdkCouldNotMake() {
    assertFalse(StartupWarmUp.isProviderClass("java.lang.String"));
    assertFalse(StartupWarmUp.isProviderClass("sun.nio.ch.NoSuchProvider"));
    assertFalse(StartupWarmUp.isProviderClass(SelectorProvider.class.getName())); // abstract
  }
}
