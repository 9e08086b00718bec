package dev.vigil.runtime;

import dev.vigil.config.ConfigFile;
import dev.vigil.config.ServerOptions;
import dev.vigil.engine.StateStore;
import dev.vigil.engine.state.SentinelState;
import java.util.function.Supplier;

/**
 * The engine's {@link StateStore}: rewrites the config file at every flush point and logs the
 * outcome in Sentinel's words. The {@code loglevel} set by {@code SENTINEL CONFIG SET} is applied
 * to the log and written with the state, since Sentinel rewrites it with the rest of the file. Runs
 * on the engine thread, like Sentinel's synchronous {@code sentinelFlushConfig}.
 */
final class Persistence implements StateStore {
  private final ConfigFile config;
  private final SentinelLog log;
  private ServerOptions server;
  private volatile Supplier<String> logLevel = () -> null;

  Persistence(ConfigFile config, SentinelLog log) {
    this.config = config;
    this.log = log;
    this.server = config.loaded().server();
  }

  /** Where the current {@code loglevel} is read from (the engine, once it exists). */
  void logLevelFrom(Supplier<String> source) {
    this.logLevel = source;
  }

  @Override
  public synchronized boolean save(SentinelState state) {
    applyLogLevel();
    if (config.save(state, server)) {
      log.notice("Sentinel new configuration saved on disk");
      return true;
    }
    log.warning(
        "WARNING: Sentinel was not able to save the new configuration on disk!!!: "
            + config.lastSaveError());
    return false;
  }

  /** Applies a changed {@code loglevel} to the log; it is written with the next save. */
  synchronized void applyLogLevel() {
    String level = logLevel.get();
    if (level != null && !level.equalsIgnoreCase(server.loglevel())) {
      try {
        log.setMinLevel(SentinelLog.parseLevel(level));
        server = server.withLoglevel(level.toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        log.warning("Ignoring invalid loglevel '" + level + "'");
      }
    }
  }
}
