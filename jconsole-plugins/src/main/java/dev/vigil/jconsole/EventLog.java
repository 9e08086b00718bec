package dev.vigil.jconsole;

import java.text.SimpleDateFormat;
import java.util.Date;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.swing.DefaultListModel;
import javax.swing.SwingUtilities;

/**
 * The recent Sentinel events, newest first, fed by the sidecar's JMX notifications (type = event
 * name, message = payload). Notifications arrive on JMX threads; the list changes on the event
 * thread only.
 */
final class EventLog implements NotificationListener {
  static final int CAPACITY = 200;

  private final DefaultListModel<String> model = new DefaultListModel<>();

  DefaultListModel<String> model() {
    return model;
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    String line =
        new SimpleDateFormat("HH:mm:ss.SSS").format(new Date(n.getTimeStamp()))
            + "  "
            + n.getType()
            + " "
            + n.getMessage();
    SwingUtilities.invokeLater(() -> add(line));
  }

  void add(String line) {
    model.add(0, line);
    while (model.size() > CAPACITY) {
      model.remove(model.size() - 1);
    }
  }
}
