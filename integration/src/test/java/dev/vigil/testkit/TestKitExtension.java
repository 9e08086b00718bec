package dev.vigil.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 extension that guarantees cleanup: processes started during a test method are killed (by
 * PID) after it, processes started in {@code @BeforeAll} after the class. On a test failure it
 * first prints the output tails of the kit's processes still running, which is usually what
 * explains the failure. Use with {@code @ExtendWith(TestKitExtension.class)}; {@link
 * ProcessReaper}'s shutdown hook remains the last line of defence.
 */
public final class TestKitExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(TestKitExtension.class);
  private static final String MARK = "mark";

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put(MARK, ProcessReaper.mark());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put(MARK, ProcessReaper.mark());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    reap(context, "test " + context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    reap(context, "class " + context.getDisplayName());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    // Everything still tracked, including processes from @BeforeAll the test may have used.
    StringBuilder report = new StringBuilder();
    for (ManagedProcess p : ProcessReaper.liveSince(0)) {
      report.append("\n--- ").append(p).append(" output tail ---\n").append(p.outputTail(15));
    }
    if (report.length() > 0) {
      KitLog.info(context.getDisplayName() + " failed; processes still tracked:" + report);
    }
    throw throwable;
  }

  private static void reap(ExtensionContext context, String scope) {
    Long mark = context.getStore(NS).get(MARK, Long.class);
    if (mark == null) {
      return;
    }
    List<ManagedProcess> leftovers = ProcessReaper.reapSince(mark);
    if (!leftovers.isEmpty()) {
      KitLog.info(
          scope + " left " + leftovers.size() + " process(es) running; killed " + leftovers);
    }
  }
}
