package dev.vigil.management.jolokia;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;

/** What curl would do: POST a Jolokia JSON request, optionally with Basic credentials. */
final class JolokiaHttp {
  record Reply(int httpStatus, String body, java.net.http.HttpHeaders headers) {
    Reply(int httpStatus, String body) {
      this(httpStatus, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return (Map<String, Object>) new JSONParser().parse(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** Jolokia's own status inside the body (HTTP is 200 for Jolokia-level errors). */
    int jolokiaStatus() {
      return ((Number) json().get("status")).intValue();
    }

    Object value() {
      return json().get("value");
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;

  JolokiaHttp(String url) {
    this.url = url;
  }

  Reply post(String user, String password, String json) throws Exception {
    return post(url, user, password, json);
  }

  Reply post(String target, String user, String password, String json) throws Exception {
    return send("POST", target, user, password, json, Map.of());
  }

  /** Any request, with extra headers (a browser's Origin, Sec-Fetch-Site, ...). */
  Reply send(
      String method,
      String target,
      String user,
      String password,
      String body,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(15))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }
}
