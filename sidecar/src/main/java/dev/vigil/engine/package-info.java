/**
 * The pure Sentinel engine: model, failure detection, epochs and votes, replica ranking and the
 * failover state machine. No sockets, threads, JMX or Netty here (enforced by a test): time and
 * randomness are injected, requests leave through {@link dev.vigil.engine.Outbox}, answers arrive
 * as {@link dev.vigil.engine.Inbound} messages, events leave through {@link
 * dev.vigil.engine.EventSink}, persistent state through {@link dev.vigil.engine.StateStore}. One
 * thread owns an engine instance.
 *
 * <p>Map of the package (Sentinel's function names in brackets):
 *
 * <ul>
 *   <li>{@link dev.vigil.engine.SentinelEngine} — the facade: steps, commands, snapshot;
 *   <li>{@code EngineCore} — shared state and ports; {@code StateMapper} — live model ↔ {@link
 *       dev.vigil.engine.state.SentinelState};
 *   <li>{@code Primary}, {@code Replica}, {@code PeerSentinel}, {@code Instance}, {@code Link} —
 *       the model ({@code sentinelValkeyInstance}, {@code instanceLink}); {@code Topology} creates
 *       and resets instances ({@code sentinelResetPrimaryAndChangeAddress});
 *   <li>{@code Monitor} — links and periodic PING/INFO/hello ({@code sentinelReconnectInstance},
 *       {@code sentinelSendPeriodicCommands});
 *   <li>{@code InfoParser}, {@code InfoProcessor} — INFO ({@code sentinelRefreshInstanceInfo});
 *   <li>{@code HelloPayload}, {@code HelloProcessor} — hellos ({@code
 *       sentinelProcessHelloMessage});
 *   <li>{@code DownDetector} — SDOWN/ODOWN; {@code TiltDetector} — TILT;
 *   <li>{@code Election} — asks, votes and the leader ({@code sentinelVoteLeader}, {@code
 *       sentinelGetLeader}); {@code ElectionLog} keeps recent votes for the management plane;
 *   <li>{@code ReplicaRanking} — selection ({@code sentinelSelectReplica});
 *   <li>{@link dev.vigil.engine.FailoverState} and {@code FailoverStateMachine} — the one owner of
 *       failover transitions;
 *   <li>{@code Commands} — SENTINEL MONITOR/REMOVE/SET/RESET/CKQUORUM/CONFIG/DEBUG/FAILOVER;
 *   <li>{@link dev.vigil.engine.EngineSnapshot} / {@code SnapshotBuilder} — the immutable view;
 *   <li>{@code EventFormatter}, {@code Flags} — the {@code %@} and {@code flags} wire formats.
 * </ul>
 */
package dev.vigil.engine;
