package dev.vigil.management.jolokia;

import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;

/**
 * Jolokia's proxy mode is off: a request naming a {@code target} (a JMX service URL the agent would
 * connect to on the caller's behalf) is refused with 403 instead of being served. The proxy handler
 * itself ({@code jolokia-service-jsr160}) is not even shipped; without this handler such a request
 * would silently run against the local MBeans instead.
 */
final class ProxyRefusal extends AbstractRequestHandler {
  static final String REFUSED = "Jolokia proxy requests (target) are disabled in Vigil";

  /** Before Jolokia's local handler (order 1000), so it sees every request first. */
  ProxyRefusal() {
    super("vigil-no-proxy", 10);
  }

  @Override
  public boolean canHandle(JolokiaRequest request) {
    return request.getOption("target") != null;
  }

  @Override
  public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
    throw new SecurityException(REFUSED);
  }
}
