package io.lime.internal.store;

import io.lime.SetView;
import io.lime.internal.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code String} overloads of {@link SetView}, over its {@code byte[]} methods: members and
 * keys encoded as UTF-8 on the way in, decoded on the way out (invalid sequences replaced).
 * Pure conversion, no semantics: {@link LocalSetView} implements the rest.
 */
abstract class Utf8SetView extends LocalKeyView implements SetView {
  Utf8SetView(Engine engine, int dbIndex, byte[] key) {
    super(engine, dbIndex, key, "SetView");
  }

  @Override
  public long add(String... members) {
    return add(utf8(members));
  }

  @Override
  public long remove(String... members) {
    return remove(utf8(members));
  }

  @Override
  public boolean contains(String member) {
    return contains(member.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Set<String> memberStrings() {
    return strings(members());
  }

  @Override
  public @Nullable String popString() {
    return string(pop());
  }

  @Override
  public @Nullable String randomMemberString() {
    return string(randomMember());
  }

  @Override
  public boolean move(String member, String destination) {
    return move(member.getBytes(StandardCharsets.UTF_8),
        destination.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Set<String> intersect(String... otherKeys) {
    return strings(intersect(utf8(otherKeys)));
  }

  @Override
  public Set<String> union(String... otherKeys) {
    return strings(union(utf8(otherKeys)));
  }

  @Override
  public Set<String> difference(String... otherKeys) {
    return strings(difference(utf8(otherKeys)));
  }

  @Override
  public long storeIntersection(String... sourceKeys) {
    return storeIntersection(utf8(sourceKeys));
  }

  @Override
  public long storeUnion(String... sourceKeys) {
    return storeUnion(utf8(sourceKeys));
  }

  @Override
  public long storeDifference(String... sourceKeys) {
    return storeDifference(utf8(sourceKeys));
  }

  private static byte[][] utf8(String... strings) {
    return Arrays.stream(strings).map(s -> s.getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new);
  }

  private static @Nullable String string(byte @Nullable [] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static Set<String> strings(List<byte[]> members) {
    Set<String> out = new LinkedHashSet<>(members.size() * 2);
    members.forEach(m -> out.add(new String(m, StandardCharsets.UTF_8)));
    return out;
  }
}
