package dev.vigil.management;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;

/** Curl-equivalent Jolokia requests: JSON POSTed with optional Basic credentials. */
final class Jolokia {
  record Reply(int http, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return (Map<String, Object>) new JSONParser().parse(body);
      } catch (Exception e) {
        throw new AssertionError("HTTP " + http + ", not JSON: " + body, e);
      }
    }

    int status() {
      return ((Number) json().get("status")).intValue();
    }

    Object value() {
      Map<String, Object> j = json();
      if (((Number) j.get("status")).intValue() != 200) {
        throw new AssertionError("Jolokia error: " + body);
      }
      return j.get("value");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) value();
    }

    @SuppressWarnings("unchecked")
    List<Object> list() {
      return (List<Object>) value();
    }
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String url;
  private final String user;
  private final String password;

  Jolokia(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  Jolokia as(String otherUser, String otherPassword) {
    return new Jolokia(url, otherUser, otherPassword);
  }

  Reply post(String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.io.IOException e) {
      // A RuntimeException, so polling helpers retry while the agent is still starting.
      throw new java.io.UncheckedIOException("POST " + url + " failed: " + e, e);
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  Reply read(String mbean) {
    return post("{\"type\":\"read\",\"mbean\":" + quote(mbean) + "}");
  }

  Reply read(String mbean, String attribute) {
    return post(
        "{\"type\":\"read\",\"mbean\":"
            + quote(mbean)
            + ",\"attribute\":"
            + quote(attribute)
            + "}");
  }

  Reply exec(String mbean, String operation) {
    return post(
        "{\"type\":\"exec\",\"mbean\":"
            + quote(mbean)
            + ",\"operation\":"
            + quote(operation)
            + "}");
  }

  Reply search(String pattern) {
    return post("{\"type\":\"search\",\"mbean\":" + quote(pattern) + "}");
  }
}
