/**
 * The pure Sentinel engine: model, failure detection, epochs and votes, replica ranking and the
 * failover state machine. No sockets, threads, JMX or Netty here (enforced by a test): time and
 * randomness are injected, requests leave through {@link dev.vigil.engine.Outbox}, answers arrive
 * as {@link dev.vigil.engine.Inbound} messages, events leave through {@link
 * dev.vigil.engine.EventSink}, persistent state through {@link dev.vigil.engine.StateStore}. One
 * thread owns an engine instance.
 */
package dev.vigil.engine;
