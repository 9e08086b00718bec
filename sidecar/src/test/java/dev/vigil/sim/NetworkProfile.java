package dev.vigil.sim;

/**
 * How badly the simulated network behaves in one scenario.
 *
 * @param minDelayMs lower bound of one-way latency
 * @param maxDelayMs upper bound of one-way latency (a rare spike multiplies it by ten)
 * @param dropRate probability that one message is lost
 * @param resetOnDropRate probability that a lost message also resets the connection (otherwise the
 *     request times out later)
 * @param duplicateRate probability that an idempotent hello is delivered twice
 * @param requestTimeoutMs the transport closes a link whose oldest request waited this long (RESP
 *     has no request ids, so a late reply could not be matched any more)
 * @param connectTimeoutMs how long a connection attempt to an unreachable host takes to fail
 * @param spikeRate probability that one message takes ten times longer
 */
record NetworkProfile(
    long minDelayMs,
    long maxDelayMs,
    double dropRate,
    double resetOnDropRate,
    double duplicateRate,
    long requestTimeoutMs,
    long connectTimeoutMs,
    double spikeRate) {

  /** The same latency range without losses or spikes (the warm-up of every scenario). */
  NetworkProfile calm() {
    return new NetworkProfile(
        minDelayMs, maxDelayMs, 0, 0, 0, requestTimeoutMs, connectTimeoutMs, 0);
  }

  static final NetworkProfile PERFECT = new NetworkProfile(1, 1, 0, 0, 0, 5000, 1000, 0);
}
