package dev.vigil.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyStartupTest {
  @Test
  void runIdsAreFortyLowercaseHexDigitsAndDiffer() {
    String a = Sidecar.randomRunId();
    String b = Sidecar.randomRunId();
    assertTrue(a.matches("[0-9a-f]{40}"), a);
    assertTrue(b.matches("[0-9a-f]{40}"), b);
    assertNotEquals(a, b);
  }

  @Test
  void handsOverLiveGroups() throws Exception {
    NettyStartup.Parts parts = NettyStartup.begin().parts();
    try {
      assertFalse(parts.linkLoop().isShuttingDown());
      assertFalse(parts.serverLoops().isShuttingDown());
      // The groups work: a task runs on them.
      assertTrue(parts.linkLoop().submit(() -> true).get(5, TimeUnit.SECONDS));
    } finally {
      parts.linkLoop().shutdownGracefully(0, 0, TimeUnit.SECONDS);
      parts.serverLoops().shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  @Test
  void discardStopsTheGroupsOfAnAbandonedStartUp() throws Exception {
    NettyStartup startup = NettyStartup.begin();
    startup.discard();
    NettyStartup.Parts parts = startup.parts();
    assertTrue(parts.linkLoop().terminationFuture().await(5, TimeUnit.SECONDS));
    assertTrue(parts.serverLoops().terminationFuture().await(5, TimeUnit.SECONDS));
  }

  /**
   * NettyStartup's deadlock-freedom rests on the main thread initialising no Netty class before it
   * joins the start-up thread. What Main and Sidecar.start run before that join must stay
   * Netty-free; Sidecar itself, Main and NettyStartup are read by review (they reference Netty
   * types, used after the join only).
   */
  @Test
  void whatTheMainThreadRunsBeforeTheJoinUsesNoNetty() {
    JavaClasses classes =
        new ClassFileImporter()
            .importPath(
                Paths.get(
                    Main.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                    "dev",
                    "vigil"));
    noClasses()
        .that()
        .resideInAnyPackage("dev.vigil.config..", "dev.vigil.engine..")
        .or()
        .belongToAnyOf(
            SentinelLog.class,
            EngineLoop.class,
            EventFanout.class,
            Persistence.class,
            ScriptExecutor.class,
            ScriptQueue.class,
            ProcessLauncher.class,
            StatusBoard.class,
            SystemClock.class,
            DnsResolver.class,
            Version.class,
            dev.vigil.management.metrics.PingTimer.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netty..")
        .because("NettyStartup initialises Netty on its own thread until Sidecar.start joins it")
        .check(classes);
  }
}
