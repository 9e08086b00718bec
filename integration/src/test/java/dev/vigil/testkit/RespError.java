package dev.vigil.testkit;

/**
 * An error reply ({@code -ERR ...}) from a server or sentinel, thrown by {@link RespClient#call}.
 */
public final class RespError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RespError(String message) {
    super(message);
  }

  /** The first word of the error, e.g. {@code ERR}, {@code LOADING}, {@code NOSCRIPT}. */
  public String code() {
    String m = getMessage();
    int space = m.indexOf(' ');
    return space < 0 ? m : m.substring(0, space);
  }
}
