package dev.vigil.management.jolokia;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages from driving Jolokia through the operator's browser, before authentication (so a
 * page cannot even probe passwords):
 *
 * <ul>
 *   <li>JSONP is off: any request with a {@code callback} parameter is refused (a {@code <script>}
 *       tag could otherwise read replies cross-origin);
 *   <li>a request with an {@code Origin} header is refused unless that origin is configured ({@code
 *       vigil jolokia-allow-origin}); {@code Origin: null} never is;
 *   <li>without {@code Origin}, a browser's {@code Sec-Fetch-Site: cross-site|same-site} (sent with
 *       {@code <img>}/{@code <script>}/form requests) or a {@code Referer} from another origin is
 *       refused the same way;
 *   <li>a CORS preflight ({@code OPTIONS}) is answered here: 204 with the grant for a configured
 *       origin, 204 without any grant for non-browser clients.
 * </ul>
 *
 * Clients that are not browsers (curl, scripts, hawtio's server side) send none of these headers
 * and pass.
 */
final class BrowserGuard extends Filter {
  static final String JSONP_REFUSED = "JSONP (the callback parameter) is disabled";
  private final Set<String> allowedOrigins;

  BrowserGuard(Set<String> allowedOrigins) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  @Override
  public String description() {
    return "Vigil: no JSONP, configured CORS origins only";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String refusal = refusal(exchange);
    if (refusal != null) {
      respond(exchange, 403, refusal + "\n");
      return;
    }
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      preflight(exchange);
      return;
    }
    chain.doFilter(exchange);
  }

  /** Why this request is refused, or null. */
  String refusal(HttpExchange exchange) {
    if (hasParameter(exchange.getRequestURI().getRawQuery(), "callback")) {
      return JSONP_REFUSED;
    }
    Headers h = exchange.getRequestHeaders();
    String origin = h.getFirst("Origin");
    if (origin != null) {
      return allowedOrigins.contains(origin)
          ? null
          : "Origin " + origin + " is not allowed (vigil jolokia-allow-origin)";
    }
    String site = h.getFirst("Sec-Fetch-Site");
    if (site != null) {
      String s = site.trim().toLowerCase(Locale.ROOT);
      if (s.equals("cross-site") || s.equals("same-site")) {
        return "cross-site browser requests are not allowed (Sec-Fetch-Site: " + site + ")";
      }
    }
    String referer = h.getFirst("Referer");
    if (referer != null) {
      String from = originOf(referer);
      String self = "http://" + h.getFirst("Host");
      if (from == null || !(from.equalsIgnoreCase(self) || allowedOrigins.contains(from))) {
        return "requests from pages of " + from + " are not allowed (vigil jolokia-allow-origin)";
      }
    }
    return null;
  }

  private void preflight(HttpExchange exchange) throws IOException {
    Headers out = exchange.getResponseHeaders();
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null) { // allowed, or refusal() would have answered 403
      out.set("Access-Control-Allow-Origin", origin);
      out.set("Access-Control-Allow-Credentials", "true");
      out.set("Access-Control-Allow-Methods", "GET, POST");
      out.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
      out.set("Access-Control-Max-Age", "3600");
      out.set("Vary", "Origin");
    }
    out.set("Allow", "GET, POST, OPTIONS");
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  static boolean hasParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return false;
    }
    for (String param : rawQuery.split("&")) {
      int eq = param.indexOf('=');
      if ((eq < 0 ? param : param.substring(0, eq)).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code scheme://host[:port]} of a URL, null when it is not an absolute URL. */
  static String originOf(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      return u.getScheme().toLowerCase(Locale.ROOT)
          + "://"
          + u.getHost().toLowerCase(Locale.ROOT)
          + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    exchange.close();
  }
}
