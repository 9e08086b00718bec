package dev.vigil.engine;

/** The two connections Sentinel keeps to a data node; peers only get {@link #COMMAND}. */
public enum LinkType {
  COMMAND,
  PUBSUB
}
