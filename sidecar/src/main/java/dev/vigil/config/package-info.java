/**
 * The configuration file adapter: reads a real {@code sentinel.conf} (Sentinel directives, the
 * server directives Sentinel accepts and Vigil's own {@code vigil ...} lines) into the engine's
 * {@link dev.vigil.engine.state.SentinelState} plus {@link dev.vigil.config.ServerOptions} and
 * {@link dev.vigil.config.VigilOptions}, and rewrites it the way Sentinel does: in place, comments
 * and unknown lines kept, state lines written, atomically.
 *
 * <p>Text in, text out: {@link dev.vigil.config.ConfigParser} and {@link
 * dev.vigil.config.ConfigRewriter} are pure functions over lines; only {@link
 * dev.vigil.config.ConfigFile} and {@link dev.vigil.config.AtomicConfigWriter} touch the disk.
 */
package dev.vigil.config;
