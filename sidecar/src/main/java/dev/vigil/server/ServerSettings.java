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
    return new ServerSettings(
        bindAddresses,
        newPort,
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

  public ServerSettings withBindAddresses(List<String> addresses) {
    return new ServerSettings(
        addresses,
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

  public ServerSettings withRequirePass(String password) {
    return new ServerSettings(
        bindAddresses,
        port,
        password,
        aclUserLines,
        runId,
        valkeyVersion,
        redisVersion,
        extendedRedisCompatibility,
        configFile,
        maxClients,
        limits);
  }

  public ServerSettings withAclUserLines(List<String> lines) {
    return new ServerSettings(
        bindAddresses,
        port,
        requirePass,
        lines,
        runId,
        valkeyVersion,
        redisVersion,
        extendedRedisCompatibility,
        configFile,
        maxClients,
        limits);
  }

  public ServerSettings withExtendedRedisCompatibility(boolean on) {
    return new ServerSettings(
        bindAddresses,
        port,
        requirePass,
        aclUserLines,
        runId,
        valkeyVersion,
        redisVersion,
        on,
        configFile,
        maxClients,
        limits);
  }

  public ServerSettings withLimits(RespLimits newLimits) {
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
        newLimits);
  }

  public ServerSettings withMaxClients(int max) {
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
        max,
        limits);
  }
}
