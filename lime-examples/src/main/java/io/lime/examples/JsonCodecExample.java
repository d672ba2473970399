package io.lime.examples;

import io.lime.CacheStats;
import io.lime.Codec;
import io.lime.LimeCache;
import io.lime.RemovalCause;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LimeCache} of an application type stored as JSON: a {@link Codec} turns each
 * {@code Product} into JSON bytes and back. With a JSON library the codec is two calls
 * ({@code mapper.writeValueAsBytes(p)} and {@code mapper.readValue(bytes, Product.class)});
 * this example writes the JSON by hand so it needs no dependency.
 */
public final class JsonCodecExample {
  private JsonCodecExample() {}

  /** The application's type. */
  public record Product(String id, String name, long priceCents) {}

  /** Product as {@code {"id":"..","name":"..","priceCents":n}} (names without quotes or backslashes). */
  static final Codec<Product> PRODUCT_JSON = new Codec<>() {
    private final Pattern shape = Pattern.compile(
        "\\{\"id\":\"([^\"]*)\",\"name\":\"([^\"]*)\",\"priceCents\":(-?\\d+)}");

    @Override
    public byte[] encode(Product p) {
      return ("{\"id\":\"" + p.id() + "\",\"name\":\"" + p.name() + "\",\"priceCents\":"
          + p.priceCents() + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Product decode(byte[] bytes) {
      Matcher m = shape.matcher(new String(bytes, StandardCharsets.UTF_8));
      if (!m.matches()) {
        throw new IllegalArgumentException("not a product: " + new String(bytes, StandardCharsets.UTF_8));
      }
      return new Product(m.group(1), m.group(2), Long.parseLong(m.group(3)));
    }
  };

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing what it does to {@code out}. */
  public static void run(PrintStream out) {
    List<String> removed = new ArrayList<>();
    try (LimeCache<String, Product> products = LimeCache.builder(Codec.string(), PRODUCT_JSON)
        .maximumSize(2)
        .expireAfterWrite(Duration.ofMinutes(10))
        .executor(Runnable::run) // listener in place, so the output below is in order
        .removalListener((id, p, cause) -> removed.add(id + " " + cause))
        .build(id -> new Product(id, "product " + id, 100 * Long.parseLong(id)))) {
      out.println("loaded: " + products.get("7"));
      out.println("cached: " + products.getIfPresent("7"));
      products.put("7", new Product("7", "discounted", 499));
      out.println("replaced: " + products.getIfPresent("7"));
      products.get("8");
      products.get("9"); // a third entry: one of the others is evicted
      out.println("size: " + products.estimatedSize());
      out.println("removed: " + removed.stream().filter(r -> r.endsWith(RemovalCause.REPLACED.name())).toList()
          + " and " + removed.stream().filter(r -> r.endsWith(RemovalCause.EVICTED.name())).count()
          + " evicted");
      CacheStats s = products.stats();
      out.println("hits " + s.hits() + ", misses " + s.misses() + ", loads " + s.loadSuccesses());
    }
  }
}
