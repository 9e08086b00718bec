package dev.vigil.management;

/**
 * The engine refused a command; the message is Sentinel's error text, e.g. {@code NOGOODSLAVE ...}.
 */
public final class SentinelCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SentinelCommandException(String sentinelErrorText) {
    super(sentinelErrorText);
  }
}
