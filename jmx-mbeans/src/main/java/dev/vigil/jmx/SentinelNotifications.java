package dev.vigil.jmx;

/**
 * Sentinel events as JMX notifications, emitted by {@value VigilObjectNames#SENTINEL}: the
 * notification type is Sentinel's event name exactly as on the pub/sub channel (e.g. {@code
 * +switch-master}), the message is its payload (e.g. {@code mymaster 10.0.0.1 6379 10.0.0.2 6379}),
 * and the user data is the master name or null.
 */
public final class SentinelNotifications {
  public static final String SDOWN = "+sdown";
  public static final String SDOWN_CLEARED = "-sdown";
  public static final String ODOWN = "+odown";
  public static final String ODOWN_CLEARED = "-odown";
  public static final String NEW_EPOCH = "+new-epoch";
  public static final String VOTE_FOR_LEADER = "+vote-for-leader";
  public static final String TRY_FAILOVER = "+try-failover";
  public static final String ELECTED_LEADER = "+elected-leader";
  public static final String FAILOVER_ABORT_NOT_ELECTED = "-failover-abort-not-elected";
  public static final String SELECTED_SLAVE = "+selected-slave";
  public static final String PROMOTED_SLAVE = "+promoted-slave";
  public static final String FAILOVER_END = "+failover-end";
  public static final String SWITCH_MASTER = "+switch-master";
  public static final String TILT = "+tilt";
  public static final String TILT_EXITED = "-tilt";

  /**
   * Every type Sentinel publishes (spec §events), declared in the MBean's notification info so
   * JConsole lists them; other types may still arrive.
   */
  public static final String[] ALL_TYPES = {
    "+monitor",
    "-monitor",
    "+reset-master",
    "+slave",
    "+sentinel",
    "+sentinel-address-switch",
    "+sentinel-invalid-addr",
    "+sentinel-address-update",
    "+reboot",
    "+role-change",
    "-role-change",
    SDOWN,
    SDOWN_CLEARED,
    ODOWN,
    ODOWN_CLEARED,
    NEW_EPOCH,
    VOTE_FOR_LEADER,
    TRY_FAILOVER,
    ELECTED_LEADER,
    FAILOVER_ABORT_NOT_ELECTED,
    "+failover-state-select-slave",
    "-failover-abort-no-good-slave",
    SELECTED_SLAVE,
    "+failover-state-send-slaveof-noone",
    "+failover-state-wait-promotion",
    "-failover-abort-slave-timeout",
    PROMOTED_SLAVE,
    "+failover-state-reconf-slaves",
    "+slave-reconf-sent",
    "+slave-reconf-inprog",
    "+slave-reconf-done",
    "-slave-reconf-sent-timeout",
    "+slave-reconf-sent-be",
    "+failover-end-for-timeout",
    FAILOVER_END,
    SWITCH_MASTER,
    "+config-update-from",
    "+convert-to-slave",
    "+fix-slave-config",
    "+set",
    TILT,
    TILT_EXITED,
    "-script-error",
    "-script-timeout"
  };

  private SentinelNotifications() {}
}
