package io.lime.internal.command;

/** Executes one command: reads {@link Call#argv()}, replies to {@link Call#out()}. */
@FunctionalInterface
public interface CommandHandler {
  /** Runs the command. Arity and authentication have been checked by the dispatcher. */
  void execute(Call call);
}
