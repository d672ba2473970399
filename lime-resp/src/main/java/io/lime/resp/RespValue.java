package io.lime.resp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded RESP2/RESP3 reply, as produced by {@link RespDecoder}: a closed family of
 * immutable records.
 *
 * <p>Names follow RESP; inside this file {@code Integer}, {@code Double}, {@code Boolean},
 * {@code Map} and {@code Set} are the records, not the {@code java.lang}/{@code java.util} types.
 * Aggregates hold unmodifiable lists. {@link Bulk} compares its bytes by content.
 */
public sealed interface RespValue {

  /** {@code +text}. */
  record SimpleString(String value) implements RespValue {}

  /** {@code -text} or RESP3 blob error {@code !len}; {@code message} without the "-". */
  record Error(String message) implements RespValue {}

  /** {@code :n}. */
  record Integer(long value) implements RespValue {}

  /** {@code $len} bulk string; equality by content. */
  record Bulk(byte[] value) implements RespValue {
    /** The bytes as UTF-8 text. */
    public String string() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bulk b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bulk[" + RespValue.describe(this) + "]";
    }
  }

  /**
   * A null: {@code type} is {@code '_'} (RESP3), {@code '$'} (RESP2 {@code $-1}) or {@code '*'}
   * (RESP2 {@code *-1}).
   */
  record Null(char type) implements RespValue {}

  /** {@code *n}. */
  record Array(List<RespValue> elements) implements RespValue {
    public Array {
      elements = List.copyOf(elements);
    }
  }

  /** RESP3 {@code %n}: n key/value pairs in wire order. */
  record Map(List<Pair> entries) implements RespValue {
    public Map {
      entries = List.copyOf(entries);
    }
  }

  /** RESP3 {@code ~n}. */
  record Set(List<RespValue> elements) implements RespValue {
    public Set {
      elements = List.copyOf(elements);
    }
  }

  /** RESP3 {@code >n}. */
  record Push(List<RespValue> elements) implements RespValue {
    public Push {
      elements = List.copyOf(elements);
    }
  }

  /** RESP3 {@code ,d} ({@code inf}, {@code -inf}, {@code nan} accepted). */
  record Double(double value) implements RespValue {}

  /** RESP3 {@code #t}/{@code #f}. */
  record Boolean(boolean value) implements RespValue {}

  /** RESP3 {@code (digits}. */
  record BigNumber(BigInteger value) implements RespValue {}

  /** RESP3 {@code =len\r\nfmt:text}. */
  record Verbatim(String format, String text) implements RespValue {}

  /** RESP3 {@code |n} attributes and the reply they are attached to. */
  record Attribute(List<Pair> attributes, RespValue value) implements RespValue {
    public Attribute {
      attributes = List.copyOf(attributes);
    }
  }

  /** A key/value pair of a {@link Map} or {@link Attribute}; not itself a reply. */
  record Pair(RespValue key, RespValue value) {}

  /** {@code Null('_')}. */
  Null NULL = new Null('_');
  /** {@code Null('$')}. */
  Null NULL_BULK = new Null('$');
  /** {@code Null('*')}. */
  Null NULL_ARRAY = new Null('*');

  /** A bulk of the UTF-8 bytes of {@code s}. */
  static Bulk bulk(String s) {
    return new Bulk(s.getBytes(StandardCharsets.UTF_8));
  }

  /** An array of the given elements. */
  static Array array(RespValue... elements) {
    return new Array(List.of(elements));
  }

  /** This value in a compact, readable form (see {@link #describe(RespValue)}). */
  default String describe() {
    return describe(this);
  }

  /**
   * A compact, readable rendering for test failure messages: {@code +OK}, {@code -ERR x},
   * {@code :1}, {@code "bulk\r\n"} (non-printable bytes as {@code \xHH}), {@code nil},
   * {@code [a, b]}, {@code {k: v}}, {@code ~[..]}, {@code >[..]}, {@code ,1.5}, {@code #t},
   * {@code (123}, {@code =txt:...}, {@code |{attrs} value}.
   */
  static String describe(RespValue v) {
    StringBuilder sb = new StringBuilder();
    Describer.append(sb, v);
    return sb.toString();
  }
}
