package dev.vigil.runtime;

/** The versions the sidecar reports. */
final class Version {
  /** Vigil's own version, from the jar manifest (unknown when run from classes). */
  static final String VIGIL = vigil();

  /** The Valkey release whose Sentinel the sidecar reproduces (INFO valkey_version, HELLO). */
  static final String VALKEY = "8.0.1";

  /** What Valkey 8 reports as redis_version. */
  static final String REDIS = "7.2.4";

  private Version() {}

  private static String vigil() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
