package dev.vigil.engine;

/**
 * The failover states of spec §6.6, in Sentinel's order (the order matters: "aborting is only
 * allowed up to {@link #WAIT_PROMOTION}", "the current address is the promoted replica from {@link
 * #RECONF_SLAVES} on"). Transitions are performed only by {@link FailoverStateMachine}.
 */
public enum FailoverState {
  NONE("none"),
  WAIT_START("wait_start"),
  SELECT_SLAVE("select_slave"),
  SEND_SLAVEOF_NOONE("send_slaveof_noone"),
  WAIT_PROMOTION("wait_promotion"),
  RECONF_SLAVES("reconf_slaves"),
  UPDATE_CONFIG("update_config");

  private final String wireName;

  FailoverState(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code failover-state} field. */
  public String wireName() {
    return wireName;
  }

  boolean atLeast(FailoverState other) {
    return ordinal() >= other.ordinal();
  }
}
