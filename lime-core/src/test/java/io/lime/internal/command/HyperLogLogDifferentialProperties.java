package io.lime.internal.command;

import io.lime.testing.Differential;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random PFADD inputs against a real redis-server 7.0: after every batch the stored bytes
 * (GET), PFCOUNT (and the bytes after it cached the cardinality) are identical, at several
 * {@code hll-sparse-max-bytes}, and so are PFMERGE's result and a multi-key PFCOUNT.
 */
class HyperLogLogDifferentialProperties {
  private static Differential diff;

  @BeforeContainer
  static void up() {
    diff = Differential.start();
  }

  @AfterContainer
  static void down() {
    if (diff != null) {
      diff.close();
    }
  }

  @Provide
  Arbitrary<List<List<String>>> batches() {
    Arbitrary<String> element = Arbitraries.strings().withCharRange('a', 'h').ofMaxLength(12);
    return element.list().ofMaxSize(120).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 15) // each try runs a few dozen commands on both servers (dense GETs are 12 KB)
  void pfadd_randomBatches_identicalBytesAndCount(@ForAll("batches") List<List<String>> batches,
      @ForAll("sparseMax") String sparseMax) {
    diff.reset(2);
    diff.check("CONFIG", "SET", "hll-sparse-max-bytes", sparseMax);
    int n = 0;
    for (List<String> batch : batches) {
      String key = "h" + (n++ % 2);
      List<String> cmd = new ArrayList<>();
      cmd.add("PFADD");
      cmd.add(key);
      cmd.addAll(batch);
      diff.check(cmd.toArray(String[]::new));
      diff.check("GET", key);
      diff.check("PFCOUNT", key);
      diff.check("GET", key);
    }
    diff.check("PFCOUNT", "h0", "h1");
    diff.check("PFMERGE", "m", "h0", "h1");
    diff.check("GET", "m");
    diff.check("PFCOUNT", "m");
    diff.check("PFMERGE", "h0", "h1");
    diff.check("GET", "h0");
    diff.check("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
  }

  @Provide
  Arbitrary<String> sparseMax() {
    return Arbitraries.of("0", "40", "200", "3000");
  }
}
