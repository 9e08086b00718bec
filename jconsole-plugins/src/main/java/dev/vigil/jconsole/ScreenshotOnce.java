package dev.vigil.jconsole;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.beans.PropertyVetoException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Properties;
import javax.imageio.ImageIO;
import javax.swing.JInternalFrame;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Off unless {@code -J-Dvigil.jconsole.screenshot=<file.png>} is given to jconsole: once the tab
 * shows a master with replicas, selects the Vigil tab and writes the JConsole window, as painted,
 * to that PNG. Lets a script document the tab from a real jconsole under Xvfb without X tools.
 *
 * <p>Beside the PNG it writes {@code <file>.properties}: what the tab displayed at that moment
 * (selected JConsole tab, master, its address, the replica and peer rows), read from the widgets
 * themselves, so a test can compare the picture's content with the sidecar's MBeans without OCR.
 * The properties file is written first and the PNG last, by rename: once the PNG exists both are
 * complete.
 */
final class ScreenshotOnce {
  private final File target;
  private boolean done;

  private ScreenshotOnce(File target) {
    this.target = target;
  }

  static ScreenshotOnce fromSystemProperty() {
    String path = System.getProperty("vigil.jconsole.screenshot");
    return new ScreenshotOnce(path == null || path.isEmpty() ? null : new File(path));
  }

  /** {@code shot.png} -> {@code shot.properties}. */
  static File factsFile(File png) {
    String name = png.getName();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    return new File(png.getAbsoluteFile().getParentFile(), base + ".properties");
  }

  /** Event thread only. */
  void takeWhenReady(VigilTab tab, TopologyView view) {
    if (target == null || done || view.selected() == null || view.replicas().isEmpty()) {
      return;
    }
    done = true;
    JTabbedPane tabs = (JTabbedPane) SwingUtilities.getAncestorOfClass(JTabbedPane.class, tab);
    if (tabs != null) {
      tabs.setSelectedComponent(tab);
    }
    enlarge(tab);
    // Let the selection lay out and paint before capturing.
    Timer later = new Timer(1500, e -> write(tab, tabs));
    later.setRepeats(false);
    later.start();
  }

  /**
   * JConsole opens at 900x750, too narrow for the tables' columns: grow the window (within the
   * screen) and maximise the connection's internal frame so it follows.
   */
  private static void enlarge(VigilTab tab) {
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

  private void write(VigilTab tab, JTabbedPane tabs) {
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
      System.err.println("vigil: screenshot written to " + target);
    } catch (IOException e) {
      System.err.println("vigil: cannot write screenshot " + target + ": " + e);
    }
  }

  private static Properties displayed(VigilTab tab, JTabbedPane tabs) {
    Properties p = new Properties();
    if (tabs != null && tabs.getSelectedIndex() >= 0) {
      p.setProperty("jconsole.selectedTab", tabs.getTitleAt(tabs.getSelectedIndex()));
    }
    p.setProperty("status", tab.status.getText());
    p.setProperty("master", String.valueOf(tab.selectedMaster()));
    for (String key : new String[] {"Address", "Flags", "Quorum", "Config epoch"}) {
      p.setProperty("master." + key.toLowerCase().replace(' ', '.'), tab.detail(key));
    }
    p.setProperty("replicas.count", String.valueOf(tab.replicas.getRowCount()));
    for (int row = 0; row < tab.replicas.getRowCount(); row++) {
      // Columns 0 and 1: rank and address, as the table shows them.
      p.setProperty(
          "replica." + (row + 1),
          tab.replicas.getValueAt(row, 1) + " rank " + tab.replicas.getValueAt(row, 0));
    }
    p.setProperty("peers.count", String.valueOf(tab.peers.getRowCount()));
    for (int row = 0; row < tab.peers.getRowCount(); row++) {
      p.setProperty("peer." + (row + 1), String.valueOf(tab.peers.getValueAt(row, 0)));
    }
    return p;
  }

  private static void rename(File from, File to) throws IOException {
    if (!from.renameTo(to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
