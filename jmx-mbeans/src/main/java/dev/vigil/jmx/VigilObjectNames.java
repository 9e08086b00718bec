package dev.vigil.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames of Vigil's MBeans (domain {@value #DOMAIN}) and the patterns that select them.
 *
 * <p>Key property values are quoted with {@link ObjectName#quote(String)} only when they hold a
 * character an unquoted value may not contain; a replica's {@code ip:port} always does (the colon),
 * so its name reads {@code vigil:type=Replica,master=mymaster,name="10.0.0.5:6379"}.
 */
public final class VigilObjectNames {
  public static final String DOMAIN = "vigil";

  public static final String TYPE_SENTINEL = "Sentinel";
  public static final String TYPE_MASTER = "Master";
  public static final String TYPE_REPLICA = "Replica";
  public static final String TYPE_PEER = "Peer";
  public static final String TYPE_ELECTION = "Election";

  /** The one sentinel-wide MBean; also the source of every event notification. */
  public static final String SENTINEL = DOMAIN + ":type=" + TYPE_SENTINEL;

  /** Every Vigil MBean. */
  public static final String ALL_PATTERN = DOMAIN + ":*";

  public static final String MASTER_PATTERN = DOMAIN + ":type=" + TYPE_MASTER + ",*";
  public static final String REPLICA_PATTERN = DOMAIN + ":type=" + TYPE_REPLICA + ",*";
  public static final String PEER_PATTERN = DOMAIN + ":type=" + TYPE_PEER + ",*";
  public static final String ELECTION_PATTERN = DOMAIN + ":type=" + TYPE_ELECTION + ",*";

  private VigilObjectNames() {}

  public static ObjectName sentinel() {
    return parse(SENTINEL);
  }

  /** {@code vigil:type=Master,name=<master>}. */
  public static ObjectName master(String master) {
    return parse(DOMAIN + ":type=" + TYPE_MASTER + ",name=" + value(master));
  }

  /** {@code vigil:type=Replica,master=<master>,name="<ip:port>"}. */
  public static ObjectName replica(String master, String address) {
    return parse(
        DOMAIN + ":type=" + TYPE_REPLICA + ",master=" + value(master) + ",name=" + value(address));
  }

  /** {@code vigil:type=Peer,master=<master>,name=<runid>}. */
  public static ObjectName peer(String master, String runId) {
    return parse(
        DOMAIN + ":type=" + TYPE_PEER + ",master=" + value(master) + ",name=" + value(runId));
  }

  /** {@code vigil:type=Election,master=<master>}. */
  public static ObjectName election(String master) {
    return parse(DOMAIN + ":type=" + TYPE_ELECTION + ",master=" + value(master));
  }

  /** Every Replica, Peer and Election MBean of one master (not the Master MBean itself). */
  public static ObjectName childrenOf(String master) {
    return parse(DOMAIN + ":master=" + value(master) + ",*");
  }

  /** The pattern for one type, e.g. {@code replicasOf("mymaster")} for its Replica MBeans. */
  public static ObjectName replicasOf(String master) {
    return parse(DOMAIN + ":type=" + TYPE_REPLICA + ",master=" + value(master) + ",*");
  }

  public static ObjectName peersOf(String master) {
    return parse(DOMAIN + ":type=" + TYPE_PEER + ",master=" + value(master) + ",*");
  }

  /** Parses one of this class's constants; they are valid by construction. */
  public static ObjectName parse(String name) {
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("invalid ObjectName " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * A key property value as written in an ObjectName: unchanged when it may stand unquoted,
   * otherwise quoted. Use {@link ObjectName#unquote(String)} on {@code getKeyProperty} to read it.
   */
  public static String value(String raw) {
    if (raw == null) {
      throw new IllegalArgumentException("ObjectName key value must not be null");
    }
    if (raw.isEmpty()) {
      return ObjectName.quote(raw);
    }
    for (int i = 0; i < raw.length(); i++) {
      switch (raw.charAt(i)) {
        case ',':
        case '=':
        case ':':
        case '"':
        case '*':
        case '?':
        case '\n':
        case '\\':
          return ObjectName.quote(raw);
        default:
          break;
      }
    }
    return raw;
  }

  /** The raw value of a key property of {@code name}, unquoted when it was quoted. */
  public static String keyValue(ObjectName name, String key) {
    String v = name.getKeyProperty(key);
    if (v == null) {
      return null;
    }
    return v.startsWith("\"") ? ObjectName.unquote(v) : v;
  }
}
