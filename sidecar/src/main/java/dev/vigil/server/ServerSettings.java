package dev.vigil.server;

import dev.vigil.resp.RespLimits;
import java.util.List;
import java.util.Objects;

/**
 * What the protocol server needs from the sentinel configuration.
 *
 * @param bindAddresses addresses to listen on (Sentinel's {@code bind}); default {@code 127.0.0.1}
 * @param port TCP port, default 26379; 0 picks a free port (tests)
 * @param requirePass password of the {@code default} user, or null for none
 * @param aclUserLines {@code user} directives without the leading {@code user}, e.g. {@code "alice
 *     on >pw +@all"}
 * @param runId the 40-hex-char run id reported by INFO (Sentinel's myid)
 * @param valkeyVersion version reported as valkey_version and by HELLO
 * @param redisVersion version reported as redis_version (Valkey pins 7.2.4)
 * @param extendedRedisCompatibility Valkey's {@code extended-redis-compatibility}: HELLO says
 *     {@code redis} and INFO says {@code redis_mode}
 * @param configFile path shown in INFO {@code config_file}, may be empty
 * @param maxClients shown in INFO; connections beyond it are refused
 * @param limits request size limits
 */
public record ServerSettings(
    List<String> bindAddresses,
    int port,
    String requirePass,
    List<String> aclUserLines,
    String runId,
    String valkeyVersion,
    String redisVersion,
    boolean extendedRedisCompatibility,
    String configFile,
    int maxClients,
    RespLimits limits) {

  public static final int DEFAULT_PORT = 26379;

  public ServerSettings {
    bindAddresses = List.copyOf(bindAddresses);
    aclUserLines = List.copyOf(aclUserLines);
    Objects.requireNonNull(runId);
    Objects.requireNonNull(valkeyVersion);
    Objects.requireNonNull(redisVersion);
    Objects.requireNonNull(configFile);
    Objects.requireNonNull(limits);
    if (bindAddresses.isEmpty()) {
      throw new IllegalArgumentException("at least one bind address");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Sentinel's defaults: loopback, port 26379, no password, Valkey 8.0.1 strings. */
  public static ServerSettings defaults(String runId) {
    return new ServerSettings(
        List.of("127.0.0.1"),
        DEFAULT_PORT,
        null,
        List.of(),
        runId,
        "8.0.1",
        "7.2.4",
        false,
        "",
        10000,
        RespLimits.VALKEY_DEFAULTS);
  }

  public ServerSettings withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  public ServerSettings withBindAddresses(List<String> addresses) {
    return toBuilder().bindAddresses(addresses).build();
  }

  public ServerSettings withRequirePass(String password) {
    return toBuilder().requirePass(password).build();
  }

  public ServerSettings withAclUserLines(List<String> lines) {
    return toBuilder().aclUserLines(lines).build();
  }

  public ServerSettings withExtendedRedisCompatibility(boolean on) {
    return toBuilder().extendedRedisCompatibility(on).build();
  }

  public ServerSettings withLimits(RespLimits newLimits) {
    return toBuilder().limits(newLimits).build();
  }

  public ServerSettings withMaxClients(int max) {
    return toBuilder().maxClients(max).build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /** A mutable copy, so each {@code with...} names only the component it changes. */
  private static final class Builder {
    private List<String> bindAddresses;
    private int port;
    private String requirePass;
    private List<String> aclUserLines;
    private final String runId;
    private final String valkeyVersion;
    private final String redisVersion;
    private boolean extendedRedisCompatibility;
    private final String configFile;
    private int maxClients;
    private RespLimits limits;

    private Builder(ServerSettings from) {
      bindAddresses = from.bindAddresses;
      port = from.port;
      requirePass = from.requirePass;
      aclUserLines = from.aclUserLines;
      runId = from.runId;
      valkeyVersion = from.valkeyVersion;
      redisVersion = from.redisVersion;
      extendedRedisCompatibility = from.extendedRedisCompatibility;
      configFile = from.configFile;
      maxClients = from.maxClients;
      limits = from.limits;
    }

    private Builder bindAddresses(List<String> value) {
      bindAddresses = value;
      return this;
    }

    private Builder port(int value) {
      port = value;
      return this;
    }

    private Builder requirePass(String value) {
      requirePass = value;
      return this;
    }

    private Builder aclUserLines(List<String> value) {
      aclUserLines = value;
      return this;
    }

    private Builder extendedRedisCompatibility(boolean value) {
      extendedRedisCompatibility = value;
      return this;
    }

    private Builder maxClients(int value) {
      maxClients = value;
      return this;
    }

    private Builder limits(RespLimits value) {
      limits = value;
      return this;
    }

    private ServerSettings build() {
      return new ServerSettings(
          bindAddresses,
          port,
          requirePass,
          aclUserLines,
          runId,
          valkeyVersion,
          redisVersion,
          extendedRedisCompatibility,
          configFile,
          maxClients,
          limits);
    }
  }
}
