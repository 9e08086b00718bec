package dev.vigil.management.jolokia;

import java.security.Principal;

/** Carries the authenticated user's {@link Role} in the request's Subject. */
record RolePrincipal(Role role) implements Principal {
  @Override
  public String getName() {
    return role.name();
  }
}
