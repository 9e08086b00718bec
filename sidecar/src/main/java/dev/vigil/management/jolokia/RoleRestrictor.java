package dev.vigil.management.jolokia;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.management.ObjectName;
import javax.security.auth.Subject;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Jolokia access control per role: every check is delegated to the policy of the role found in the
 * request's Subject (set by {@link RoleAuthenticator}). A request without a role is denied
 * everything, which also covers any Jolokia context that bypasses authentication.
 *
 * <p>Jolokia instantiates this class by name ({@code restrictorClass}); the policies are the
 * built-in {@code readwrite-policy.xml} and {@code readonly-policy.xml} beside it.
 */
public final class RoleRestrictor implements Restrictor {
  private final Map<Role, Restrictor> byRole = new EnumMap<>(Role.class);
  private final Restrictor denyAll = new DenyAllRestrictor();

  public RoleRestrictor() {
    for (Role role : Role.values()) {
      try (InputStream in = RoleRestrictor.class.getResourceAsStream(role.policyResource())) {
        if (in == null) {
          throw new IllegalStateException("missing Jolokia policy " + role.policyResource());
        }
        byRole.put(role, new PolicyRestrictor(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Restrictor current() {
    Subject subject = CurrentSubject.get();
    if (subject == null) {
      return denyAll;
    }
    for (RolePrincipal p : subject.getPrincipals(RolePrincipal.class)) {
      return byRole.get(p.role());
    }
    return denyAll;
  }

  @Override
  public boolean isHttpMethodAllowed(HttpMethod method) {
    return current().isHttpMethodAllowed(method);
  }

  @Override
  public boolean isTypeAllowed(RequestType type) {
    return current().isTypeAllowed(type);
  }

  @Override
  public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
    return current().isAttributeReadAllowed(name, attribute);
  }

  @Override
  public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
    return current().isAttributeWriteAllowed(name, attribute);
  }

  @Override
  public boolean isOperationAllowed(ObjectName name, String operation) {
    return current().isOperationAllowed(name, operation);
  }

  @Override
  public boolean isRemoteAccessAllowed(String... hostOrAddress) {
    return current().isRemoteAccessAllowed(hostOrAddress);
  }

  @Override
  public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
    return current().isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled);
  }

  @Override
  public boolean isObjectNameHidden(ObjectName name) {
    return current().isObjectNameHidden(name);
  }
}
