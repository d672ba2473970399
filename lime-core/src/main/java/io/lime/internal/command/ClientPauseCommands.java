package io.lime.internal.command;

import io.lime.internal.engine.Errors;
import io.lime.resp.Argv;

/** CLIENT PAUSE and CLIENT UNPAUSE (Redis 7.0's networking.c), over {@link ClientPause}. */
public final class ClientPauseCommands implements CommandGroup {

  /** CLIENT PAUSE timeout [WRITE|ALL] — O(1). */
  static void clientPause(Call call) {
    Argv a = call.argv();
    int kind = ClientPause.ALL;
    if (a.size() > 4) {
      call.out().error(Errors.subcommandSyntax(a.string(1), "CLIENT"));
      return;
    }
    if (a.size() == 4) {
      if (a.is(3, "WRITE")) {
        kind = ClientPause.WRITE;
      } else if (!a.is(3, "ALL")) {
        call.out().error(Errors.PAUSE_MODE);
        return;
      }
    }
    if (!KeyArgs.intOrReply(call, 2, Errors.TIMEOUT_NOT_INTEGER)) {
      return;
    }
    long ms = KeyArgs.longValue(a, 2);
    if (ms < 0) {
      call.out().error(Errors.TIMEOUT_NEGATIVE);
      return;
    }
    long now = call.now();
    if (ms > Long.MAX_VALUE - now) {
      call.out().error(Errors.TIMEOUT_OUT_OF_RANGE);
      return;
    }
    call.server().pause().pause(kind, ms == 0 ? 0 : now + ms);
    call.out().ok();
  }

  /** CLIENT UNPAUSE — O(N) in the postponed clients. */
  static void clientUnpause(Call call) {
    call.server().pause().unpause();
    call.out().ok();
  }
}
