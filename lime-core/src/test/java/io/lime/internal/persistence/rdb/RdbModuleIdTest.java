package io.lime.internal.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Custom types are stored under Redis's module type ids (moduleTypeEncodeId). */
class RdbModuleIdTest {
  @Test
  void moduleId_nameAndVersion_roundTrip() {
    long id = Rdb.moduleId("ReJSON-RL", 3);
    assertEquals(3, id & 1023);
    assertEquals("ReJSON-RL", Rdb.moduleName(id));
    assertEquals("AAAAAAAAA", Rdb.moduleName(0));
    assertEquals("_________", Rdb.moduleName(Rdb.moduleId("_________", 1023)));
    assertEquals(-1L, Rdb.moduleId("_________", 1023)); // 9 x 6 + 10 bits: all 64 set
  }
}
