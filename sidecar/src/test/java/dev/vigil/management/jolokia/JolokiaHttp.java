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
  record Reply(int httpStatus, String body) {
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
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }
}
