package dev.vigil.sim;

import java.util.SplittableRandom;

/** Deterministic identifiers drawn from the run's PRNG. */
final class SimIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SimIds() {}

  /** 40 lowercase hex characters, like a Valkey run_id or a Sentinel myid. */
  static String hex40(SplittableRandom random) {
    char[] c = new char[40];
    for (int i = 0; i < c.length; i++) {
      c[i] = HEX[random.nextInt(16)];
    }
    return new String(c);
  }

  static String hostIp(int hostIndex) {
    return "10.0.0." + (hostIndex + 1);
  }
}
