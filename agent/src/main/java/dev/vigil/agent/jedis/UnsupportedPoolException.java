package dev.vigil.agent.jedis;

/** A pool the agent sees but will not touch, with the reason. */
public final class UnsupportedPoolException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsupportedPoolException(String reason) {
    super(reason);
  }
}
