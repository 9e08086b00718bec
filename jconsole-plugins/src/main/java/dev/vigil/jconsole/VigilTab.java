package dev.vigil.jconsole;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;

/**
 * The Vigil tab: masters list, the selected master's status, its replicas in promotion order, its
 * peers, recent elections, live events, and the Force failover / Check quorum buttons. Pure Swing:
 * it only shows a {@link TopologyView} it is given and reports what the operator asks for.
 */
final class VigilTab extends JPanel {
  static final String READ_ONLY_HINT =
      "Read-only connection: this JMX user may not run operations (Force failover, Check quorum).";

  private final JList<String> masters = new JList<>();
  private final Map<String, JLabel> details = new LinkedHashMap<>();
  final RowTableModel<TopologyView.ReplicaRow> replicas =
      new RowTableModel<>(
          List.of(
              new RowTableModel.Column<>("Rank", r -> r.rank() == 0 ? "-" : r.rank()),
              new RowTableModel.Column<>("Address", TopologyView.ReplicaRow::address),
              new RowTableModel.Column<>("Flags", TopologyView.ReplicaRow::flags),
              new RowTableModel.Column<>("Link", TopologyView.ReplicaRow::link),
              new RowTableModel.Column<>("Offset", TopologyView.ReplicaRow::offset),
              new RowTableModel.Column<>("Lag (bytes)", r -> r.lagBytes() < 0 ? "?" : r.lagBytes()),
              new RowTableModel.Column<>("Priority", TopologyView.ReplicaRow::priority),
              new RowTableModel.Column<>(
                  "Excluded because", TopologyView.ReplicaRow::exclusionReason)));
  final RowTableModel<TopologyView.PeerRow> peers =
      new RowTableModel<>(
          List.of(
              new RowTableModel.Column<>("Address", TopologyView.PeerRow::address),
              new RowTableModel.Column<>("Run id", TopologyView.PeerRow::runId),
              new RowTableModel.Column<>(
                  "Last hello (ms ago)", TopologyView.PeerRow::lastHelloAgeMs),
              new RowTableModel.Column<>("Thinks down", p -> p.thinksDown() ? "yes" : "no"),
              new RowTableModel.Column<>("Voted for", p -> p.vote() == null ? "?" : p.vote()),
              new RowTableModel.Column<>("Vote epoch", TopologyView.PeerRow::voteEpoch)));
  final RowTableModel<TopologyView.TallyRow> tallies =
      new RowTableModel<>(
          List.of(
              new RowTableModel.Column<>("Epoch", TopologyView.TallyRow::epoch),
              new RowTableModel.Column<>("Candidate", TopologyView.TallyRow::candidate),
              new RowTableModel.Column<>("Votes", TopologyView.TallyRow::votes),
              new RowTableModel.Column<>("Winner", t -> t.winner() ? "yes" : "")));
  final EventLog events = new EventLog();
  final JButton forceFailover = new JButton("Force failover");
  final JButton checkQuorum = new JButton("Check quorum");
  final JLabel result = new JLabel(" ");
  final JLabel status = new JLabel("Connecting...");
  private TopologyView view = TopologyView.EMPTY;
  private boolean updatingMasters;

  VigilTab(Consumer<String> onSelect, Runnable onFailover, Runnable onCheckQuorum) {
    super(new BorderLayout(6, 6));
    setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
    // Names for tools that read the tab from outside (accessibility, UI robots, the screenshot
    // agent of the integration tests); the detail labels are named after their keys below.
    masters.setName("masters");
    status.setName("status");
    masters.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    masters.addListSelectionListener(
        e -> {
          if (!e.getValueIsAdjusting() && !updatingMasters && masters.getSelectedValue() != null) {
            onSelect.accept(masters.getSelectedValue());
          }
        });
    forceFailover.addActionListener(e -> onFailover.run());
    checkQuorum.addActionListener(e -> onCheckQuorum.run());

    JScrollPane masterList = titled(new JScrollPane(masters), "Masters");
    masterList.setPreferredSize(new Dimension(160, 200));

    JPanel detailGrid = new JPanel(new GridLayout(0, 4, 8, 2));
    for (String key :
        List.of(
            "Address",
            "Flags",
            "Quorum",
            "Current epoch",
            "Config epoch",
            "Failover state",
            "Leader",
            "Leader epoch")) {
      JLabel value = new JLabel("-");
      value.setName(key);
      details.put(key, value);
      detailGrid.add(new JLabel(key + ":"));
      detailGrid.add(value);
    }
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
    buttons.add(forceFailover);
    buttons.add(checkQuorum);
    buttons.add(result);
    JPanel master = new JPanel(new BorderLayout());
    master.add(titled(detailGrid, "Selected master"), BorderLayout.CENTER);
    master.add(buttons, BorderLayout.SOUTH);

    JPanel tables = new JPanel(new GridLayout(0, 1, 4, 4));
    tables.add(
        titled(
            new JScrollPane(named(new JTable(replicas), "replicas")),
            "Replicas in promotion order"));
    tables.add(titled(new JScrollPane(named(new JTable(peers), "peers")), "Peer sentinels"));
    JSplitPane lower =
        new JSplitPane(
            JSplitPane.HORIZONTAL_SPLIT,
            titled(new JScrollPane(new JTable(tallies)), "Elections (votes per candidate)"),
            titled(new JScrollPane(new JList<>(events.model())), "Recent events"));
    lower.setResizeWeight(0.4);
    tables.add(lower);

    JPanel right = new JPanel(new BorderLayout(4, 4));
    right.add(master, BorderLayout.NORTH);
    right.add(tables, BorderLayout.CENTER);

    add(status, BorderLayout.NORTH);
    add(masterList, BorderLayout.WEST);
    add(right, BorderLayout.CENTER);
    setPreferredSize(new Dimension(1000, 700));
    apply(TopologyView.EMPTY, false, System.currentTimeMillis());
  }

  /** Shows a freshly loaded view; event thread only. */
  void apply(TopologyView newView, boolean readOnly, long nowEpochMs) {
    view = newView;
    updatingMasters = true;
    try {
      if (!newView.masters().equals(currentMasters())) {
        masters.setListData(newView.masters().toArray(new String[0]));
      }
      if (newView.selected() != null) {
        masters.setSelectedValue(newView.selected().name(), true);
      }
    } finally {
      updatingMasters = false;
    }
    TopologyView.MasterDetails m = newView.selected();
    set("Address", m == null ? "-" : m.address());
    set("Flags", m == null ? "-" : m.flags());
    set("Quorum", m == null ? "-" : String.valueOf(m.quorum()));
    set("Current epoch", String.valueOf(newView.currentEpoch()));
    set("Config epoch", m == null ? "-" : String.valueOf(m.configEpoch()));
    set("Failover state", m == null ? "-" : failoverState(m, nowEpochMs));
    set("Leader", m == null || m.leader() == null ? "-" : m.leader());
    set("Leader epoch", m == null ? "-" : String.valueOf(m.leaderEpoch()));
    replicas.setRows(newView.replicas());
    peers.setRows(newView.peers());
    tallies.setRows(newView.tallies());
    boolean canAct = m != null && !readOnly;
    forceFailover.setEnabled(canAct);
    checkQuorum.setEnabled(canAct);
    String hint = readOnly ? READ_ONLY_HINT : m == null ? "No master monitored." : null;
    forceFailover.setToolTipText(hint);
    checkQuorum.setToolTipText(hint);
    if (readOnly) {
      result.setText(READ_ONLY_HINT);
    }
    status.setText(
        newView.myId().isEmpty()
            ? "Not a Vigil sidecar (no vigil:type=Sentinel MBean on this connection)."
            : "Vigil sidecar " + newView.myId() + " — " + newView.masters().size() + " master(s)");
  }

  static String failoverState(TopologyView.MasterDetails m, long nowEpochMs) {
    if ("none".equals(m.failoverState()) || m.failoverStateSinceEpochMs() <= 0) {
      return m.failoverState();
    }
    return m.failoverState() + " (" + (nowEpochMs - m.failoverStateSinceEpochMs()) + " ms)";
  }

  TopologyView view() {
    return view;
  }

  String selectedMaster() {
    return masters.getSelectedValue();
  }

  String detail(String key) {
    return details.get(key).getText();
  }

  void showResult(String text) {
    result.setText(text);
  }

  void showStatus(String text) {
    status.setText(text);
  }

  private List<String> currentMasters() {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < masters.getModel().getSize(); i++) {
      names.add(masters.getModel().getElementAt(i));
    }
    return names;
  }

  private void set(String key, String value) {
    details.get(key).setText(value);
  }

  private static <C extends JComponent> C named(C c, String name) {
    c.setName(name);
    return c;
  }

  private static <C extends JComponent> C titled(C c, String title) {
    c.setBorder(BorderFactory.createTitledBorder(title));
    return c;
  }
}
