package dev.vigil.management.jolokia;

/** What an authenticated management user may do; each role has its Jolokia policy file. */
public enum Role {
  /** Reads everything and runs Vigil's operations (failover, reset, set, ...). */
  READWRITE("readwrite-policy.xml"),
  /** Reads everything, forces nothing. */
  READONLY("readonly-policy.xml");

  private final String policyResource;

  Role(String policyResource) {
    this.policyResource = policyResource;
  }

  /** The policy's classpath resource, relative to this package. */
  String policyResource() {
    return policyResource;
  }
}
