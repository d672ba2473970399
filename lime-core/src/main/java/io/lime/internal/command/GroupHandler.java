package io.lime.internal.command;

/**
 * The handler of command {@code op} of {@code group}: runs {@link CommandGroup#execute(int,
 * Call)}. See {@link CommandGroup#handler(int)} for why groups register these rather than
 * method references.
 */
record GroupHandler(CommandGroup group, int op) implements CommandHandler {
  @Override
  public void execute(Call call) {
    group.execute(op, call);
  }
}
