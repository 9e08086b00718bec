package dev.vigil.server;

import java.util.List;

/** What INFO and ROLE show of the sentinel's state. Called on network threads; must be cheap. */
public interface SentinelStatus {

  /**
   * The body of INFO's {@code # Sentinel} section without the header: lines {@code key:value}
   * separated by CRLF (e.g. {@code sentinel_masters:1\r\n...}), exactly as Sentinel prints them.
   */
  String infoSection();

  /** Names of the monitored primaries, for ROLE. */
  List<String> primaryNames();
}
