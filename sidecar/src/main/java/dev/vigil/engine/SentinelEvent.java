package dev.vigil.engine;

/**
 * One Sentinel event with its exact wire text: published on channel {@code type} with payload
 * {@code message} (unless {@link Level#DEBUG}), logged as {@code "<type> <message>"}.
 *
 * @param masterName the primary the event concerns, or null (e.g. {@code +tilt})
 */
public record SentinelEvent(Level level, String type, String message, String masterName) {
  /** Sentinel's log levels, in increasing severity. */
  public enum Level {
    DEBUG,
    VERBOSE,
    NOTICE,
    WARNING
  }

  @Override
  public String toString() {
    return type + " " + message;
  }
}
