package dev.vigil.jconsole;

import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Window;
import java.lang.reflect.InvocationTargetException;
import javax.swing.AbstractButton;

/**
 * A {@code -javaagent} for unattended runs of the real {@code jconsole}: answers its "Secure
 * connection failed. Retry insecurely?" question the way an operator does, by clicking the dialog's
 * "Insecure connection" button.
 *
 * <p>Why the question comes up at all: JConsole's first attempt at every connection (process id,
 * {@code host:port} or {@code service:jmx:} URL) sets {@code jmx.remote.x.check.stub=true}
 * (jdk.jconsole {@code VMPanel.shouldUseSSL}, {@code ProxyClient.tryConnect}), so the RMI connector
 * rejects any server stub without {@code SslRMIClientSocketFactory} ("Expecting a
 * javax.rmi.ssl.SslRMIClientSocketFactory RMI client socket factory in stub!"). JConsole has no
 * option to skip that attempt; only the dialog's button sets {@code shouldUseSSL = false}. The
 * sidecar's loopback connector and the local attach connector are plain RMI, so a human clicks
 * once; this agent clicks for the test and for {@code scripts/jconsole-demo-screenshot}.
 *
 * <p>Needs jconsole's English messages ({@code -J-Duser.language=en}). Stops watching after the
 * number of seconds given as the agent argument (default 60). Only the JDK, in one class, so the
 * script can compile this file alone with {@code javac}.
 */
public final class InsecureRetryAgent {
  /** jdk.jconsole's {@code Messages.INSECURE} in the English bundle. */
  static final String INSECURE_BUTTON = "Insecure connection";

  private InsecureRetryAgent() {}

  public static void premain(String args) {
    long seconds = args == null || args.isEmpty() ? 60 : Long.parseLong(args.trim());
    Thread watcher = new Thread(() -> watch(seconds), "vigil-insecure-retry");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch(long seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    try {
      while (System.nanoTime() < deadline) {
        // Touch the event queue only once JConsole has opened a window of its own.
        if (Window.getWindows().length > 0) {
          EventQueue.invokeAndWait(InsecureRetryAgent::clickIfShown);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException e) {
      System.err.println("vigil-insecure-retry: " + e.getCause());
    }
  }

  /** Event thread only. */
  private static void clickIfShown() {
    for (Window w : Window.getWindows()) {
      AbstractButton button = find(w);
      if (button != null) {
        System.err.println("vigil-insecure-retry: clicking '" + INSECURE_BUTTON + "'");
        button.doClick();
      }
    }
  }

  private static AbstractButton find(Component c) {
    if (c instanceof AbstractButton b && b.isShowing() && INSECURE_BUTTON.equals(b.getText())) {
      return b;
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        AbstractButton found = find(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
