package dev.vigil.jconsole;

import com.sun.tools.jconsole.JConsoleContext;
import com.sun.tools.jconsole.JConsoleContext.ConnectionState;
import com.sun.tools.jconsole.JConsolePlugin;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.management.MBeanException;
import javax.swing.JPanel;
import javax.swing.SwingWorker;

/**
 * The Vigil tab for JConsole ({@code jconsole -pluginpath vigil-jconsole-plugin.jar}).
 *
 * <p>Lifecycle as JConsole drives it: one instance per connection window; {@link #setContext}
 * first, then {@link #getTabs()} once, then {@link #newSwingWorker()} on every update tick
 * (JConsole's {@code -interval}, 4 s by default). All JMX calls happen in workers, never on the
 * event thread. After a disconnect and reconnect JConsole hands out a new {@code
 * MBeanServerConnection}; the plugin notices through the connection-state property and starts over
 * with it, re-subscribing to the event notifications.
 */
public final class VigilJConsolePlugin extends JConsolePlugin implements PropertyChangeListener {
  private VigilTab tab;
  private volatile VigilConnection connection;
  private volatile String selected;
  private volatile boolean subscribed;
  private volatile boolean readOnly;
  Confirmation confirmation = Confirmation.DIALOG;

  public VigilJConsolePlugin() {
    addContextPropertyChangeListener(this);
  }

  @Override
  public synchronized Map<String, JPanel> getTabs() {
    if (tab == null) {
      tab = new VigilTab(this::select, this::forceFailover, this::checkQuorum);
    }
    return Map.of("Vigil", tab);
  }

  @Override
  public SwingWorker<?, ?> newSwingWorker() {
    getTabs();
    return new RefreshWorker();
  }

  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (!JConsoleContext.CONNECTION_STATE_PROPERTY.equals(event.getPropertyName())) {
      return;
    }
    ConnectionState state = (ConnectionState) event.getNewValue();
    if (state == ConnectionState.CONNECTED) {
      resetConnection();
    } else if (state == ConnectionState.DISCONNECTED && tab != null) {
      tab.showStatus("Disconnected from the sidecar; waiting for JConsole to reconnect...");
    }
  }

  @Override
  public void dispose() {
    VigilConnection c = connection;
    if (c != null && tab != null && subscribed) {
      new SwingWorker<Void, Void>() {
        @Override
        protected Void doInBackground() {
          c.removeEventListener(tab.events);
          return null;
        }
      }.execute();
    }
  }

  /** Drops the old connection's state; the next refresh builds everything from the new one. */
  private void resetConnection() {
    connection = null;
    subscribed = false;
  }

  private VigilConnection connection() {
    VigilConnection c = connection;
    if (c == null) {
      c = new VigilConnection(getContext().getMBeanServerConnection());
      connection = c;
    }
    return c;
  }

  private void select(String master) {
    selected = master;
    newSwingWorker().execute();
  }

  /** Reads everything off the event thread, then shows it. */
  final class RefreshWorker extends SwingWorker<TopologyView, Void> {
    private boolean workerReadOnly;

    @Override
    protected TopologyView doInBackground() throws Exception {
      VigilConnection c = connection();
      if (!subscribed && c.isVigil()) {
        c.addEventListener(tab.events);
        subscribed = true;
      }
      TopologyView view = c.load(selected);
      String probe = view.selected() == null ? null : view.selected().name();
      workerReadOnly = c.isReadOnly(probe);
      return view;
    }

    @Override
    protected void done() {
      try {
        TopologyView view = get();
        readOnly = workerReadOnly;
        if (view.selected() != null) {
          selected = view.selected().name();
        }
        tab.apply(view, readOnly, System.currentTimeMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        tab.showStatus("Cannot read Vigil MBeans: " + describe(e.getCause()));
        resetConnection();
      }
    }
  }

  private void forceFailover() {
    TopologyView view = tab.view();
    if (view.selected() == null || readOnly) {
      return;
    }
    String master = view.selected().name();
    TopologyView.ReplicaRow best = view.bestReplica();
    String question =
        "Force a failover of master '"
            + master
            + "' ("
            + view.selected().address()
            + ")?\n"
            + (best == null
                ? "No replica can be promoted right now; Sentinel will refuse (NOGOODSLAVE)."
                : "Replica " + best.address() + " (rank 1) would be promoted.");
    if (!confirmation.confirm(tab, "Vigil: force failover", question)) {
      tab.showResult("Failover of " + master + " cancelled.");
      return;
    }
    runOperation("FAILOVER " + master, c -> c.failover(master));
  }

  private void checkQuorum() {
    TopologyView view = tab.view();
    if (view.selected() == null || readOnly) {
      return;
    }
    String master = view.selected().name();
    runOperation("CKQUORUM " + master, c -> c.checkQuorum(master));
  }

  private interface Operation {
    String run(VigilConnection c);
  }

  private void runOperation(String what, Operation op) {
    tab.showResult(what + " ...");
    new SwingWorker<String, Void>() {
      @Override
      protected String doInBackground() {
        return op.run(connection());
      }

      @Override
      protected void done() {
        try {
          tab.showResult(what + ": " + get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          tab.showResult(what + " failed: " + describe(e.getCause()));
        }
        newSwingWorker().execute();
      }
    }.execute();
  }

  /** Sentinel's error text when the sidecar answered with one, else the exception's message. */
  static String describe(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null
        && (cause instanceof MBeanException
            || cause instanceof java.lang.reflect.UndeclaredThrowableException
            || cause.getMessage() == null)) {
      cause = cause.getCause();
    }
    if (cause instanceof SecurityException) {
      return "refused: " + cause.getMessage() + " (read-only connection)";
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
