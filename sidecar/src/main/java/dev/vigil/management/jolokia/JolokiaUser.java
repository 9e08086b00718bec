package dev.vigil.management.jolokia;

/** One configured Jolokia login. */
public record JolokiaUser(String name, String password, Role role) {
  public JolokiaUser {
    if (name == null || name.isEmpty() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("Jolokia user name must be non-empty and without ':'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("Jolokia user " + name + " needs a password");
    }
  }
}
