package dev.vigil.engine;

/**
 * Monotonic timestamps of one failover attempt, for the last-failover record (0 = not reached).
 * {@code detectedAt} is when the primary went S_DOWN (or the manual request).
 */
final class FailoverTimeline {
  long detectedAt;
  long startedAt;
  long startedWall;
  long electedAt;
  long promotionSentAt;
  long promotedAt;
  long endedAt;
  String fromAddress;
  String toAddress;
}
