package dev.vigil.engine;

/**
 * The 8-field hello message of spec §5.1: {@code
 * ip,port,runid,current_epoch,primary_name,primary_ip,primary_port,primary_config_epoch}.
 */
record HelloPayload(
    String sentinelIp,
    int sentinelPort,
    String runid,
    long currentEpoch,
    String masterName,
    String masterIp,
    int masterPort,
    long masterConfigEpoch) {

  /** Null when the payload is not exactly 8 fields or a number does not parse. */
  static HelloPayload parse(String payload) {
    String[] t = payload.split(",", -1);
    if (t.length != 8) {
      return null;
    }
    try {
      return new HelloPayload(
          t[0],
          Integer.parseInt(t[1]),
          t[2],
          Long.parseUnsignedLong(t[3]),
          t[4],
          t[5],
          Integer.parseInt(t[6]),
          Long.parseUnsignedLong(t[7]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The same hello with other sentinel and primary hosts. */
  HelloPayload withHosts(String sentinelHost, String masterHost) {
    return new HelloPayload(
        sentinelHost,
        sentinelPort,
        runid,
        currentEpoch,
        masterName,
        masterHost,
        masterPort,
        masterConfigEpoch);
  }

  String format() {
    return sentinelIp
        + ","
        + sentinelPort
        + ","
        + runid
        + ","
        + Long.toUnsignedString(currentEpoch)
        + ","
        + masterName
        + ","
        + masterIp
        + ","
        + masterPort
        + ","
        + Long.toUnsignedString(masterConfigEpoch);
  }
}
