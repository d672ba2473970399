package io.lime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The conversions behind the {@code String} forms of the public interfaces, which are default
 * methods encoding their arguments as UTF-8, calling the {@code byte[]} form and decoding its
 * result (invalid sequences replaced). A null string or array throws
 * {@link NullPointerException}, as the interfaces document.
 */
final class Utf8 {
  private Utf8() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[][] bytes(String[] strings) {
    byte[][] out = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      out[i] = bytes(strings[i]);
    }
    return out;
  }

  /** key1, value1, key2, value2, ... of {@code entries}, in iteration order. */
  static byte[][] pairs(Map<String, String> entries) {
    byte[][] kv = new byte[entries.size() * 2][];
    int i = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      kv[i++] = bytes(e.getKey());
      kv[i++] = bytes(e.getValue());
    }
    return kv;
  }

  static @Nullable String string(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** A new modifiable list of the decoded arrays, null for null. */
  static List<@Nullable String> strings(List<byte @Nullable []> arrays) {
    List<@Nullable String> out = new ArrayList<>(arrays.size());
    arrays.forEach(b -> out.add(string(b)));
    return out;
  }

  /** A new insertion-ordered set of the decoded arrays. */
  static Set<String> stringSet(List<byte[]> arrays) {
    Set<String> out = new LinkedHashSet<>(arrays.size() * 2);
    arrays.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    return out;
  }
}
