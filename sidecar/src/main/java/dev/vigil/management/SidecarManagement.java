package dev.vigil.management;

import dev.vigil.config.VigilOptions;
import dev.vigil.engine.Clock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one call the runtime makes to run the management plane next to a started engine:
 *
 * <pre>{@code
 * management = SidecarManagement.start(configFile, vigil, server.port(), loop::submit, clock,
 *     log::notice, log::warning);
 * events.add(management.events());
 * ...
 * management.close();   // in Sidecar.close(), before the loop stops
 * }</pre>
 *
 * MBeans go to the platform MBeanServer, so local attach ({@code jconsole <pid>}) always works.
 * Throws {@link IllegalStateException} when a configured endpoint cannot start (see {@link
 * ManagementPlane#start}).
 */
public final class SidecarManagement {
  private SidecarManagement() {}

  /**
   * @param configFile the sidecar's config file: the generated Jolokia login is kept beside it
   * @param sentinelPort the port the Sentinel protocol listens on: the default Jolokia port derives
   *     from it
   */
  public static ManagementPlane start(
      Path configFile,
      VigilOptions vigil,
      int sentinelPort,
      EngineTasks tasks,
      Clock clock,
      Consumer<String> notices,
      Consumer<String> warnings) {
    SnapshotViewSource views =
        new SnapshotViewSource(tasks, sentinelPort, clock.wallMs(), clock::monotonicMs);
    ManagementPlane plane =
        ManagementPlane.start(
            ManagementSettings.from(vigil, sentinelPort, configFile),
            views,
            new EngineOperations(tasks),
            ManagementFactory.getPlatformMBeanServer(),
            clock::wallMs,
            notices,
            warnings);
    plane.alsoNotify(views.promotionRecorder());
    return plane;
  }
}
