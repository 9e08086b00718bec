package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orphans of a dead test JVM are killed; processes of a live owner, or recycled PIDs, are not. */
class OrphanSweeperIT {
  private Path base;
  private Process sleeper;

  @BeforeEach
  void setUp() throws Exception {
    base = TempDirs.create("vigil-sweep");
    Files.createDirectories(base.resolve("node"));
    sleeper = new ProcessBuilder("sleep", "60").start();
  }

  @AfterEach
  void tearDown() throws Exception {
    sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    TempDirs.delete(base);
  }

  @Test
  void killsAProcessWhoseOwnerJvmIsGone() throws Exception {
    OrphanSweeper.mark(base.resolve("node"), deadProcess(), sleeper.toHandle());

    assertEquals(1, OrphanSweeper.sweep(base));

    assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the orphan was killed");
  }

  @Test
  void leavesProcessesOfALiveOwnerAlone() {
    OrphanSweeper.mark(base.resolve("node"), sleeper.toHandle());

    assertEquals(0, OrphanSweeper.sweep(base));

    assertTrue(sleeper.isAlive());
  }

  @Test
  void neverSignalsARecycledPid() throws Exception {
    Path marker = base.resolve("node").resolve(OrphanSweeper.MARKER_PREFIX + sleeper.pid());
    ProcessHandle dead = deadProcess();
    // The recorded start time differs from the live process's: the PID was reused.
    Files.writeString(marker, dead.pid() + " 1\n" + sleeper.pid() + " 12345\n");

    assertEquals(0, OrphanSweeper.sweep(base));

    assertTrue(sleeper.isAlive());
    assertFalse(Files.exists(marker), "the stale marker is removed");
  }

  @Test
  void serverOfASigkilledTestJvmIsSweptByTheNextRun() {
    try (JavaProcess owner =
        JavaProcess.builder(StartNodeMain.class.getName())
            .jvmArgs("-Dvigil.testkit.dir=" + base)
            .start()) {
      long serverPid =
          Long.parseLong(owner.waitForLine("node pid=(\\d+)", Duration.ofSeconds(30)).group(1));
      owner.kill9(); // no shutdown hook runs: the server is orphaned
      ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
      assertTrue(server.isAlive(), "a SIGKILLed JVM's children survive it");

      assertEquals(1, OrphanSweeper.sweep(base));

      Await.until("orphaned server exits", Duration.ofSeconds(5), () -> !server.isAlive());
    }
  }

  /** A handle of a process that has exited (it stands for a SIGKILLed test JVM). */
  private static ProcessHandle deadProcess() throws Exception {
    Process p = new ProcessBuilder("true").start();
    ProcessHandle handle = p.toHandle();
    p.waitFor(5, TimeUnit.SECONDS);
    Await.until("true exits", Duration.ofSeconds(5), () -> !handle.isAlive());
    return handle;
  }
}
