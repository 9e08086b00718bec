package dev.vigil.jconsole;

import java.awt.Component;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Off unless {@code -J-Dvigil.jconsole.screenshot=<file.png>} is given to jconsole: once the tab
 * shows a master with replicas, selects the Vigil tab and writes the JConsole window, as painted,
 * to that PNG. Lets a script document the tab from a real jconsole under Xvfb without X tools.
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
    // Let the selection lay out and paint before capturing.
    Timer later = new Timer(1500, e -> write(tab));
    later.setRepeats(false);
    later.start();
  }

  private void write(VigilTab tab) {
    Window window = SwingUtilities.getWindowAncestor(tab);
    Component what = window != null ? window : tab;
    BufferedImage image =
        new BufferedImage(
            Math.max(1, what.getWidth()),
            Math.max(1, what.getHeight()),
            BufferedImage.TYPE_INT_RGB);
    what.paintAll(image.getGraphics());
    try {
      File tmp = new File(target.getPath() + ".tmp");
      ImageIO.write(image, "png", tmp);
      if (!tmp.renameTo(target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
      System.err.println("vigil: screenshot written to " + target);
    } catch (IOException e) {
      System.err.println("vigil: cannot write screenshot " + target + ": " + e);
    }
  }
}
