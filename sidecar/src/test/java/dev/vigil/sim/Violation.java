package dev.vigil.sim;

/** One broken invariant, with when and what. */
record Violation(Invariant invariant, long atMs, String message) {
  @Override
  public String toString() {
    return invariant + " at " + atMs + " ms: " + message;
  }
}
