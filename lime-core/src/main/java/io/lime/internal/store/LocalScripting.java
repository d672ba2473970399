package io.lime.internal.store;

import io.lime.KeyValueStore;
import io.lime.Scripting;
import io.lime.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link Scripting} of an embedded store: each method builds the command (EVAL, FCALL,
 * SCRIPT LOAD...) and runs it through the store's command door ({@link KeyValueStore#call}),
 * so scripts run through the same handlers, interpreter (the engine's), locking, propagation
 * and replies as a RESP client's; error replies come back as {@code LimeException}.
 */
final class LocalScripting implements Scripting {
  private final KeyValueStore store;

  LocalScripting(KeyValueStore store) {
    this.store = store;
  }

  /** {@code name body numkeys keys... args...}, checked for nulls before anything runs. */
  private RespValue run(String name, String body, List<String> keys, List<String> args) {
    Objects.requireNonNull(body, "script");
    List<String> argv = new ArrayList<>(3 + keys.size() + args.size());
    argv.add(name);
    argv.add(body);
    argv.add(Integer.toString(keys.size()));
    for (String k : keys) {
      argv.add(Objects.requireNonNull(k, "key"));
    }
    for (String a : args) {
      argv.add(Objects.requireNonNull(a, "arg"));
    }
    return store.call(argv.toArray(new String[0]));
  }

  @Override
  public RespValue eval(String script, List<String> keys, List<String> args) {
    return run("EVAL", script, keys, args);
  }

  @Override
  public RespValue evalReadOnly(String script, List<String> keys, List<String> args) {
    return run("EVAL_RO", script, keys, args);
  }

  @Override
  public RespValue evalsha(String sha1, List<String> keys, List<String> args) {
    return run("EVALSHA", sha1, keys, args);
  }

  @Override
  public RespValue evalshaReadOnly(String sha1, List<String> keys, List<String> args) {
    return run("EVALSHA_RO", sha1, keys, args);
  }

  @Override
  public String scriptLoad(String script) {
    return text(store.call("SCRIPT", "LOAD", Objects.requireNonNull(script, "script")));
  }

  @Override
  public List<Boolean> scriptExists(List<String> sha1s) {
    if (sha1s.isEmpty()) {
      return List.of(); // SCRIPT EXISTS needs one digest; none asked, none answered
    }
    String[] argv = new String[2 + sha1s.size()];
    argv[0] = "SCRIPT";
    argv[1] = "EXISTS";
    for (int i = 0; i < sha1s.size(); i++) {
      argv[2 + i] = Objects.requireNonNull(sha1s.get(i), "sha1");
    }
    List<Boolean> out = new ArrayList<>(sha1s.size());
    for (RespValue v : ((RespValue.Array) store.call(argv)).elements()) {
      out.add(((RespValue.Integer) v).value() == 1);
    }
    return out;
  }

  @Override
  public void scriptFlush() {
    store.call("SCRIPT", "FLUSH");
  }

  @Override
  public String functionLoad(String code, boolean replace) {
    Objects.requireNonNull(code, "code");
    return text(replace ? store.call("FUNCTION", "LOAD", "REPLACE", code)
        : store.call("FUNCTION", "LOAD", code));
  }

  @Override
  public RespValue fcall(String function, List<String> keys, List<String> args) {
    return run("FCALL", function, keys, args);
  }

  @Override
  public RespValue fcallReadOnly(String function, List<String> keys, List<String> args) {
    return run("FCALL_RO", function, keys, args);
  }

  @Override
  public void functionDelete(String library) {
    store.call("FUNCTION", "DELETE", Objects.requireNonNull(library, "library"));
  }

  @Override
  public void functionFlush() {
    store.call("FUNCTION", "FLUSH");
  }

  private static String text(RespValue v) {
    return v instanceof RespValue.Bulk b ? b.string() : v.toString();
  }
}
