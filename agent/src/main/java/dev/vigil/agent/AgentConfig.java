package dev.vigil.agent;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The agent's settings, merged from three sources. Precedence, lowest to highest:
 *
 * <ol>
 *   <li>a properties file, named by the {@code config} agent argument (or the whole argument
 *       {@code @path}) or the {@code vigil.agent.config} system property (keys as below, without
 *       prefix);
 *   <li>the agent arguments ({@code -javaagent:vigil-agent.jar=key=value,key=value});
 *   <li>system properties {@code vigil.agent.<key>}.
 * </ol>
 *
 * <p>Keys: {@code sentinels} (comma-separated {@code host:port}, required), {@code master} (one or
 * more master group names, comma-separated or the key repeated, required), {@code sentinelUser},
 * {@code sentinelPassword}, {@code checkIntervalMs} (periodic re-check, default 2000), {@code
 * closeStaleConnections} (default true: also close the sockets of connections made before a switch,
 * so a borrowed connection cannot write to the old primary), {@code log} ({@code off}, {@code
 * warn}, {@code info}, {@code debug}).
 *
 * <p>In agent arguments, values are separated by commas and a token without {@code =} continues the
 * previous key, so {@code sentinels=h1:26379,h2:26379,master=a,b} names two sentinels and two
 * groups. Put passwords containing {@code ,} or {@code =} in the file or a system property.
 */
public final class AgentConfig {
  static final String SYSTEM_PREFIX = "vigil.agent.";
  static final long DEFAULT_CHECK_INTERVAL_MS = 2000;

  private static final Set<String> KEYS =
      new LinkedHashSet<>(
          Arrays.asList(
              "config",
              "sentinels",
              "master",
              "sentinelUser",
              "sentinelPassword",
              "checkIntervalMs",
              "closeStaleConnections",
              "log"));

  private final List<HostPort> sentinels;
  private final List<String> masterNames;
  private final String sentinelUser;
  private final String sentinelPassword;
  private final long checkIntervalMs;
  private final boolean closeStaleConnections;
  private final AgentLog.Level logLevel;

  private AgentConfig(Map<String, String> merged) {
    this.sentinels = parseSentinels(require(merged, "sentinels"));
    this.masterNames = parseMasters(require(merged, "master"));
    this.sentinelUser = emptyToNull(merged.get("sentinelUser"));
    this.sentinelPassword = emptyToNull(merged.get("sentinelPassword"));
    this.checkIntervalMs = parseInterval(merged.get("checkIntervalMs"));
    this.closeStaleConnections = parseBoolean(merged.get("closeStaleConnections"), true);
    this.logLevel = parseLevel(merged.get("log"));
  }

  /** Builds the configuration from agent arguments, the JVM's system properties and the file. */
  public static AgentConfig load(String agentArgs) {
    return load(agentArgs, System.getProperties());
  }

  static AgentConfig load(String agentArgs, Properties systemProperties) {
    Map<String, String> fromArgs = parseAgentArgs(agentArgs);
    Map<String, String> fromSystem = new LinkedHashMap<>();
    for (String key : KEYS) {
      String value = systemProperties.getProperty(SYSTEM_PREFIX + key);
      if (value != null) {
        fromSystem.put(key, value);
      }
    }
    String file =
        fromSystem.containsKey("config") ? fromSystem.get("config") : fromArgs.get("config");
    Map<String, String> merged = new LinkedHashMap<>();
    if (file != null && !file.trim().isEmpty()) {
      merged.putAll(readFile(file.trim()));
    }
    merged.putAll(fromArgs);
    merged.putAll(fromSystem);
    return new AgentConfig(merged);
  }

  /**
   * Splits {@code key=value,...}, joining tokens without {@code =} to the previous value. {@code
   * @path} alone is short for {@code config=path}: {@code jcmd <pid> JVMTI.agent_load} cuts its
   * option string at the first {@code =}, so a file is the only way to configure the agent there.
   */
  static Map<String, String> parseAgentArgs(String agentArgs) {
    Map<String, String> result = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return result;
    }
    if (agentArgs.trim().startsWith("@")) {
      String file = agentArgs.trim().substring(1).trim();
      if (file.isEmpty()) {
        throw new IllegalArgumentException("'@' must be followed by a properties file path");
      }
      result.put("config", file);
      return result;
    }
    String currentKey = null;
    for (String raw : agentArgs.split(",")) {
      String token = raw.trim();
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String key = eq > 0 ? token.substring(0, eq).trim() : null;
      if (key != null && KEYS.contains(key)) {
        String value = token.substring(eq + 1).trim();
        String previous = result.get(key);
        // A repeated key (master=a,master=b) accumulates; every key is a list or a single value.
        result.put(key, previous == null ? value : previous + "," + value);
        currentKey = key;
      } else if (key != null) {
        throw new IllegalArgumentException(
            "unknown agent option '" + key + "'; known options: " + KEYS);
      } else if (currentKey != null) {
        result.put(currentKey, result.get(currentKey) + "," + token);
      } else {
        throw new IllegalArgumentException(
            "agent arguments must start with key=value, got '" + token + "'");
      }
    }
    return result;
  }

  private static Map<String, String> readFile(String path) {
    Properties properties = new Properties();
    try (InputStream in = new FileInputStream(path)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read agent config file " + path + ": " + e, e);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '" + name + "' in " + path + "; known options: " + KEYS);
      }
      result.put(name, properties.getProperty(name).trim());
    }
    return result;
  }

  private static String require(Map<String, String> merged, String key) {
    String value = merged.get(key);
    if (value == null || value.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "missing '"
              + key
              + "': give it as agent argument ("
              + key
              + "=...), system property "
              + SYSTEM_PREFIX
              + key
              + " or in the config file");
    }
    return value;
  }

  private static List<HostPort> parseSentinels(String value) {
    List<HostPort> result = new ArrayList<>();
    for (String part : value.split("[,;\\s]+")) {
      if (!part.isEmpty()) {
        HostPort sentinel = HostPort.parse(part);
        if (!result.contains(sentinel)) {
          result.add(sentinel);
        }
      }
    }
    return Collections.unmodifiableList(result);
  }

  private static List<String> parseMasters(String value) {
    List<String> result = new ArrayList<>();
    for (String part : value.split("[,;\\s]+")) {
      if (!part.isEmpty() && !result.contains(part)) {
        result.add(part);
      }
    }
    return Collections.unmodifiableList(result);
  }

  private static long parseInterval(String value) {
    if (value == null || value.trim().isEmpty()) {
      return DEFAULT_CHECK_INTERVAL_MS;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkIntervalMs must be a number, got '" + value + "'");
    }
    if (parsed < 100) {
      throw new IllegalArgumentException("checkIntervalMs must be at least 100, got " + parsed);
    }
    return parsed;
  }

  private static boolean parseBoolean(String value, boolean defaultValue) {
    if (value == null || value.trim().isEmpty()) {
      return defaultValue;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("yes") || v.equals("on")) {
      return true;
    }
    if (v.equals("false") || v.equals("no") || v.equals("off")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got '" + value + "'");
  }

  private static AgentLog.Level parseLevel(String value) {
    if (value == null || value.trim().isEmpty()) {
      return AgentLog.Level.INFO;
    }
    try {
      return AgentLog.Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "log must be one of off, warn, info, debug; got '" + value + "'");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  public List<HostPort> sentinels() {
    return sentinels;
  }

  public List<String> masterNames() {
    return masterNames;
  }

  public String sentinelUser() {
    return sentinelUser;
  }

  public String sentinelPassword() {
    return sentinelPassword;
  }

  public long checkIntervalMs() {
    return checkIntervalMs;
  }

  public boolean closeStaleConnections() {
    return closeStaleConnections;
  }

  public AgentLog.Level logLevel() {
    return logLevel;
  }

  @Override
  public String toString() {
    return "sentinels="
        + sentinels
        + " masters="
        + masterNames
        + " sentinelUser="
        + (sentinelUser == null ? "-" : sentinelUser)
        + " sentinelPassword="
        + (sentinelPassword == null ? "-" : "***")
        + " checkIntervalMs="
        + checkIntervalMs
        + " closeStaleConnections="
        + closeStaleConnections
        + " log="
        + logLevel;
  }
}
