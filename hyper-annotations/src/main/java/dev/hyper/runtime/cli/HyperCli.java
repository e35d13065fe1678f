package dev.hyper.runtime.cli;

/** The picocli command line behind {@link dev.hyper.runtime.Launcher}. */
public final class HyperCli {
  private HyperCli() {}

  public static int run(String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}
