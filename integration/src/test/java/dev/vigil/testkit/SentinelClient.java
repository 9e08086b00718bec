package dev.vigil.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sentinel queries against any address that speaks the Sentinel protocol: a real {@code
 * valkey-sentinel} ({@link SentinelNode#sentinelClient()}) or a Vigil sidecar. Differential tests
 * run the same assertions through this class against both. Each call uses a fresh connection, so a
 * restarted peer is simply reconnected to.
 */
public final class SentinelClient {
  private final HostPort address;
  private final Duration timeout;

  public SentinelClient(HostPort address) {
    this(address, RespClient.DEFAULT_TIMEOUT);
  }

  public SentinelClient(HostPort address, Duration timeout) {
    this.address = address;
    this.timeout = timeout;
  }

  public HostPort address() {
    return address;
  }

  /** One command on a fresh connection; error replies are thrown as {@link RespError}. */
  public Object call(String... args) {
    try (RespClient c = RespClient.connect(address.host(), address.port(), timeout)) {
      return c.call(args);
    }
  }

  /** {@code SENTINEL GET-MASTER-ADDR-BY-NAME}; null if the name is unknown. */
  public HostPort getMasterAddr(String masterName) {
    List<?> reply = (List<?>) call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
    if (reply == null) {
      return null;
    }
    return new HostPort(
        String.valueOf(reply.get(0)), Integer.parseInt(String.valueOf(reply.get(1))));
  }

  /**
   * {@code SENTINEL MASTER <name>} as a field map (flags, num-slaves, num-other-sentinels, ...).
   */
  public Map<String, String> master(String masterName) {
    return RespClient.pairsToMap((List<?>) call("SENTINEL", "MASTER", masterName));
  }

  /** {@code SENTINEL REPLICAS <name>}, one field map per replica. */
  public List<Map<String, String>> replicas(String masterName) {
    return listOfMaps("REPLICAS", masterName);
  }

  /** {@code SENTINEL SENTINELS <name>}, one field map per other sentinel. */
  public List<Map<String, String>> sentinels(String masterName) {
    return listOfMaps("SENTINELS", masterName);
  }

  /** Waits until the peer reports {@code expected} as the address of {@code masterName}. */
  public void waitForMasterAddr(String masterName, HostPort expected, Duration timeout) {
    Await.until(
        address + " reports " + masterName + " at " + expected,
        timeout,
        () -> Objects.equals(expected, getMasterAddr(masterName)));
  }

  /** Waits until the peer has discovered at least {@code count} other sentinels. */
  public void waitForKnownSentinels(String masterName, int count, Duration timeout) {
    Await.until(
        address + " knows " + count + " other sentinels of " + masterName,
        timeout,
        () -> sentinels(masterName).size() >= count);
  }

  /** Waits until the peer has discovered at least {@code count} replicas of {@code masterName}. */
  public void waitForKnownReplicas(String masterName, int count, Duration timeout) {
    Await.until(
        address + " knows " + count + " replicas of " + masterName,
        timeout,
        () -> replicas(masterName).size() >= count);
  }

  /** Subscribes to event channels (e.g. {@code +switch-master}); none means all. */
  public SentinelEvents subscribe(String... channels) {
    return SentinelEvents.subscribe(address, List.of(channels));
  }

  private List<Map<String, String>> listOfMaps(String subcommand, String masterName) {
    List<Map<String, String>> result = new ArrayList<>();
    for (Object entry : (List<?>) call("SENTINEL", subcommand, masterName)) {
      result.add(RespClient.pairsToMap((List<?>) entry));
    }
    return result;
  }
}
