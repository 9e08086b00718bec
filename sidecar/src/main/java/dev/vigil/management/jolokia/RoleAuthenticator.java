package dev.vigil.management.jolokia;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.jolokia.server.core.config.ConfigKey;

/**
 * HTTP Basic authentication against the configured users, which also tells Jolokia who is asking:
 * on success it stores a {@link Subject} holding the user's {@link RolePrincipal} in the exchange
 * attribute Jolokia runs the request under, where {@link RoleRestrictor} finds it. Jolokia's own
 * basic authenticator knows only one user and no roles, hence this class.
 *
 * <p>There is no anonymous access: without valid credentials every request gets 401 (with no users
 * at all, every request does; the management plane always configures at least the read-write user,
 * generated if need be, see {@link JolokiaCredentials}). CORS preflights, which browsers send
 * without credentials, never get here: {@link BrowserGuard} answers them.
 */
final class RoleAuthenticator extends Authenticator {
  static final String REALM = "vigil";
  private final List<JolokiaUser> users;

  RoleAuthenticator(List<JolokiaUser> users) {
    this.users = List.copyOf(users);
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException badBase64) {
        return challenge(exchange);
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        for (JolokiaUser user : users) {
          // Compare both fields in constant time so timing does not reveal which one was wrong.
          boolean nameOk = constantTimeEquals(user.name(), name);
          boolean passwordOk = constantTimeEquals(user.password(), password);
          if (nameOk & passwordOk) {
            return accept(exchange, user.name(), user.role());
          }
        }
      }
    }
    return challenge(exchange);
  }

  private static Result accept(HttpExchange exchange, String name, Role role) {
    HttpPrincipal principal = new HttpPrincipal(name, REALM);
    Subject subject =
        new Subject(true, Set.of(principal, new RolePrincipal(role)), Set.of(), Set.of());
    exchange.setAttribute(ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE, subject);
    return new Success(principal);
  }

  private static Result challenge(HttpExchange exchange) {
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    return new Retry(401);
  }

  private static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
