/**
 * The running sidecar: {@link dev.vigil.runtime.Main} (command line, exit codes), {@link
 * dev.vigil.runtime.Sidecar} (lifecycle and wiring), {@link dev.vigil.runtime.EngineLoop} (the one
 * thread that owns the engine), the SENTINEL command surface ({@link
 * dev.vigil.runtime.SentinelCommands}, {@link dev.vigil.runtime.InstanceReplies}), INFO/ROLE
 * status, config persistence, and the Valkey-format log with the event fan-out.
 */
package dev.vigil.runtime;
