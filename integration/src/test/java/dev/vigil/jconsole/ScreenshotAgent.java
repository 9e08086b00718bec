package dev.vigil.jconsole;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.beans.PropertyVetoException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Properties;
import javax.imageio.ImageIO;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;

/**
 * A {@code -javaagent} for the real {@code jconsole} ({@code -J-javaagent:agent.jar=<file.png>}):
 * once the Vigil tab shows a master with replicas, selects that tab and writes the JConsole window,
 * as painted, to the PNG. Lets {@code scripts/jconsole-demo-screenshot} and {@code JConsoleXvfbIT}
 * document the tab from a real jconsole under Xvfb without X tools, and keeps that code out of the
 * plugin jar: the agent finds the tab's widgets by their component names ({@code VigilTab} names
 * them), as a UI test robot would.
 *
 * <p>Beside the PNG it writes {@code <file>.properties}: what the tab displayed at that moment
 * (selected JConsole tab, master, its address, the replica and peer rows), read from the widgets
 * themselves, so a test can compare the picture's content with the sidecar's MBeans without OCR.
 * The properties file is written first and the PNG last, by rename: once the PNG exists both are
 * complete. Only the JDK, in one class, so the script can compile this file alone with {@code
 * javac}.
 */
public final class ScreenshotAgent {
  private static volatile boolean taken;

  private ScreenshotAgent() {}

  public static void premain(String args) {
    if (args == null || args.isEmpty()) {
      System.err.println("vigil-screenshot: no output file given (-javaagent:jar=<file.png>)");
      return;
    }
    File target = new File(args).getAbsoluteFile();
    Thread watcher = new Thread(() -> watch(target), "vigil-screenshot");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch(File target) {
    try {
      while (!taken) {
        // Touch the event queue only once JConsole has opened a window of its own.
        if (Window.getWindows().length > 0) {
          EventQueue.invokeAndWait(() -> takeWhenReady(target));
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException e) {
      System.err.println("vigil-screenshot: " + e.getCause());
    }
  }

  /** Event thread only. */
  private static void takeWhenReady(File target) {
    for (Window w : Window.getWindows()) {
      JTabbedPane tabs = vigilTabs(w);
      if (tabs == null) {
        continue;
      }
      int index = tabs.indexOfTab("Vigil");
      Container tab = (Container) tabs.getComponentAt(index);
      JList<?> masters = find(tab, JList.class, "masters");
      JTable replicas = find(tab, JTable.class, "replicas");
      if (masters == null
          || masters.getSelectedValue() == null
          || replicas == null
          || replicas.getRowCount() == 0) {
        return;
      }
      taken = true;
      tabs.setSelectedIndex(index);
      enlarge(tab);
      // Let the selection lay out and paint before capturing.
      javax.swing.Timer later = new javax.swing.Timer(1500, e -> write(target, tab, tabs));
      later.setRepeats(false);
      later.start();
      return;
    }
  }

  /**
   * JConsole opens at 900x750, too narrow for the tables' columns: grow the window (within the
   * screen) and maximise the connection's internal frame so it follows.
   */
  private static void enlarge(Component tab) {
    Window window = SwingUtilities.getWindowAncestor(tab);
    if (window != null) {
      Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
      window.setBounds(
          0,
          0,
          Math.min(screen.width, Math.max(window.getWidth(), 1240)),
          Math.min(screen.height, Math.max(window.getHeight(), 860)));
    }
    JInternalFrame frame =
        (JInternalFrame) SwingUtilities.getAncestorOfClass(JInternalFrame.class, tab);
    if (frame != null && frame.isMaximizable()) {
      try {
        frame.setMaximum(true);
      } catch (PropertyVetoException e) {
        // Keep JConsole's own layout; the picture is merely narrower.
      }
    }
    if (window != null) {
      window.validate();
    }
  }

  private static void write(File target, Container tab, JTabbedPane tabs) {
    Window window = SwingUtilities.getWindowAncestor(tab);
    Component what = window != null ? window : tab;
    BufferedImage image =
        new BufferedImage(
            Math.max(1, what.getWidth()),
            Math.max(1, what.getHeight()),
            BufferedImage.TYPE_INT_RGB);
    what.paintAll(image.getGraphics());
    // Read on the event thread right after painting: the facts describe this very picture.
    Properties facts = displayed(tab, tabs);
    facts.setProperty("image.size", image.getWidth() + "x" + image.getHeight());
    try {
      File factsTmp = new File(factsFile(target).getPath() + ".tmp");
      try (OutputStream out = new FileOutputStream(factsTmp)) {
        facts.store(out, "What the Vigil tab displayed in " + target.getName());
      }
      rename(factsTmp, factsFile(target));
      File tmp = new File(target.getPath() + ".tmp");
      ImageIO.write(image, "png", tmp);
      rename(tmp, target);
      System.err.println("vigil-screenshot: written to " + target);
    } catch (IOException e) {
      System.err.println("vigil-screenshot: cannot write " + target + ": " + e);
    }
  }

  private static Properties displayed(Container tab, JTabbedPane tabs) {
    Properties p = new Properties();
    if (tabs.getSelectedIndex() >= 0) {
      p.setProperty("jconsole.selectedTab", tabs.getTitleAt(tabs.getSelectedIndex()));
    }
    p.setProperty("status", text(tab, "status"));
    p.setProperty("master", String.valueOf(find(tab, JList.class, "masters").getSelectedValue()));
    for (String key : new String[] {"Address", "Flags", "Quorum", "Config epoch"}) {
      p.setProperty("master." + key.toLowerCase().replace(' ', '.'), text(tab, key));
    }
    JTable replicas = find(tab, JTable.class, "replicas");
    p.setProperty("replicas.count", String.valueOf(replicas.getRowCount()));
    for (int row = 0; row < replicas.getRowCount(); row++) {
      // Columns 0 and 1: rank and address, as the table shows them.
      p.setProperty(
          "replica." + (row + 1),
          replicas.getValueAt(row, 1) + " rank " + replicas.getValueAt(row, 0));
    }
    JTable peers = find(tab, JTable.class, "peers");
    p.setProperty("peers.count", String.valueOf(peers.getRowCount()));
    for (int row = 0; row < peers.getRowCount(); row++) {
      p.setProperty("peer." + (row + 1), String.valueOf(peers.getValueAt(row, 0)));
    }
    return p;
  }

  private static String text(Container tab, String name) {
    JLabel label = find(tab, JLabel.class, name);
    return label == null ? "?" : label.getText();
  }

  /** JConsole's tabbed pane that holds a "Vigil" tab, if {@code c} contains one. */
  private static JTabbedPane vigilTabs(Component c) {
    if (c instanceof JTabbedPane tabs && tabs.indexOfTab("Vigil") >= 0) {
      return tabs;
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        JTabbedPane found = vigilTabs(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The first component of {@code type} (named {@code name}, unless null) under {@code c}. */
  private static <T extends Component> T find(Component c, Class<T> type, String name) {
    if (type.isInstance(c) && (name == null || name.equals(c.getName()))) {
      return type.cast(c);
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        T found = find(child, type, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** {@code shot.png} -> {@code shot.properties}. */
  static File factsFile(File png) {
    String name = png.getName();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    return new File(png.getAbsoluteFile().getParentFile(), base + ".properties");
  }

  private static void rename(File from, File to) throws IOException {
    if (!from.renameTo(to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
