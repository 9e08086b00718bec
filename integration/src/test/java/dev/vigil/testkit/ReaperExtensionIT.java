package dev.vigil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a deliberately careless test class through the JUnit launcher and checks that the extension
 * cleaned up after it: the failing test's server and the class-level server are both dead, and the
 * failure report printed the tracked processes' log tails.
 */
class ReaperExtensionIT {
  static volatile long classLevelPid;
  static volatile long testLevelPid;
  static volatile boolean classLevelAliveDuringTest;
  static final List<Path> dirs = new CopyOnWriteArrayList<>();

  /**
   * Never closes what it starts, and fails. Not run by failsafe itself (a nested class): a scripted
   * sequence that {@link #failingCarelessTestsLeaveNothingRunning} runs, where the second method
   * looks at what the first one's cleanup left, so their order is fixed rather than left to JUnit's
   * default (with the other order the survival check would prove nothing).
   */
  @ExtendWith(TestKitExtension.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class CarelessTests {
    @BeforeAll
    static void startShared() {
      ValkeyNode shared = ValkeyNode.builder().name("shared").start();
      dirs.add(shared.dir());
      classLevelPid = shared.pid();
    }

    @Test
    @Order(1)
    void startsANodeAndFails() {
      ValkeyNode leaked = ValkeyNode.builder().name("leaked").start();
      dirs.add(leaked.dir());
      testLevelPid = leaked.pid();
      throw new AssertionError("deliberate failure");
    }

    @Test
    @Order(2)
    void classLevelNodeSurvivesTheOtherTestsCleanup() {
      classLevelAliveDuringTest = isAlive(classLevelPid);
    }
  }

  @Test
  void failingCarelessTestsLeaveNothingRunning() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    try {
      LauncherFactory.create()
          .execute(request().selectors(selectClass(CarelessTests.class)).build(), listener);
    } finally {
      System.setErr(original);
      dirs.forEach(TempDirs::delete); // the reaper keeps dirs of leftovers for post-mortems
    }
    TestExecutionSummary summary = listener.getSummary();

    assertEquals(2, summary.getTestsStartedCount());
    assertEquals(1, summary.getTestsFailedCount(), "only the deliberate failure");
    assertTrue(classLevelAliveDuringTest, "afterEach reaps only what the test itself started");
    assertFalse(isAlive(testLevelPid), "afterEach killed the failing test's server");
    assertFalse(isAlive(classLevelPid), "afterAll killed the @BeforeAll server");
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("failed; processes still tracked"), log);
    assertTrue(log.contains("leaked:"), "the report names the live processes: " + log);
  }

  @BeforeAll
  static void noLeftoversFromEarlierClasses() {
    ProcessReaper.reapAll();
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
