package dev.vigil.management.jolokia;

import dev.vigil.management.AdminOnly;
import dev.vigil.management.CurrentSubject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import javax.security.auth.Subject;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Jolokia access control per role: every MBean check is delegated to the policy of the role found
 * in the request's Subject (set by {@link RoleAuthenticator}). A request without a role is denied
 * everything. On top of any policy, {@link AdminOnly} operations and attribute writes are refused
 * to every role: Jolokia has no admin role.
 *
 * <p>CORS does not depend on the role: only the configured origins ({@code vigil
 * jolokia-allow-origin}) get an {@code Access-Control-Allow-Origin} grant; the literal {@code null}
 * origin never does. {@link BrowserGuard} has already refused requests from any other origin before
 * authentication, so the strict check here passes what reaches it.
 */
final class RoleRestrictor implements Restrictor {
  private final Map<Role, Restrictor> byRole = new EnumMap<>(Role.class);
  private final Restrictor denyAll = new DenyAllRestrictor();
  private final Set<String> allowedOrigins;

  RoleRestrictor(Set<String> allowedOrigins) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
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
    return AdminOnly.attributeWrite(name, attribute) == null
        && current().isAttributeWriteAllowed(name, attribute);
  }

  @Override
  public boolean isOperationAllowed(ObjectName name, String operation) {
    return AdminOnly.operation(name, operation) == null
        && current().isOperationAllowed(name, operation);
  }

  /** Who may connect is decided by the bind address ({@code vigil jolokia-host}). */
  @Override
  public boolean isRemoteAccessAllowed(String... hostOrAddress) {
    return true;
  }

  @Override
  public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
    if (onlyWhenStrictCheckingIsEnabled) {
      return true; // BrowserGuard checked Origin (and Sec-Fetch-Site) before authentication
    }
    return origin != null && allowedOrigins.contains(origin);
  }

  @Override
  public boolean isObjectNameHidden(ObjectName name) {
    return current().isObjectNameHidden(name);
  }
}
