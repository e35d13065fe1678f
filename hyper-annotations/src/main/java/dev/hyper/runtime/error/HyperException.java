package dev.hyper.runtime.error;

/**
 * A problem with the user's input that the user can fix: a bad sweep name, a template that does not
 * fit the sweep, an experiment directory in the way. The message is one line, meant to be shown as is.
 */
public class HyperException extends Exception {
  private static final long serialVersionUID = 1L;

  public HyperException(String message) {
    super(message);
  }

  public HyperException(String message, Throwable cause) {
    super(message, cause);
  }
}
