package io.lime.internal.persistence.rdb;

import java.io.IOException;

/** A structural error in an RDB stream (Redis's rdbReportCorruptRDB cases). */
final class RdbFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  RdbFormatException(String message) {
    super(message);
  }
}
