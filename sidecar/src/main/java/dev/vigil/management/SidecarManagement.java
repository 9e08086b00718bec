package dev.vigil.management;

import dev.vigil.config.VigilOptions;
import dev.vigil.engine.Clock;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

/**
 * The one call the runtime makes to run the management plane next to a started engine:
 *
 * <pre>{@code
 * management = SidecarManagement.start(config.loaded().vigil(), server.port(), loop::submit, clock, log::warning);
 * events.add(management.events());
 * ...
 * management.close();   // in Sidecar.close(), before the loop stops
 * }</pre>
 *
 * MBeans go to the platform MBeanServer, so local attach ({@code jconsole <pid>}) always works.
 */
public final class SidecarManagement {
  private SidecarManagement() {}

  public static ManagementPlane start(
      VigilOptions vigil,
      int sentinelPort,
      EngineTasks tasks,
      Clock clock,
      Consumer<String> warnings) {
    SnapshotViewSource views =
        new SnapshotViewSource(tasks, sentinelPort, clock.wallMs(), clock::monotonicMs);
    ManagementPlane plane =
        ManagementPlane.start(
            ManagementSettings.from(vigil),
            views,
            new EngineOperations(tasks),
            ManagementFactory.getPlatformMBeanServer(),
            clock::wallMs,
            warnings);
    plane.alsoNotify(views.promotionRecorder());
    return plane;
  }
}
