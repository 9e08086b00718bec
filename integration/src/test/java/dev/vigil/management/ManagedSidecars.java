package dev.vigil.management;

import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.ServerBinaries.SentinelLauncher;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.ValkeyNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A primary, two replicas and three sidecar JVMs with their management plane on: sidecar {@code i}
 * sits next to node {@code i} ({@code vigil node}), has its own Jolokia and HTTP ports, users
 * {@value #ADMIN}/{@value #VIEWER}; the first one also has the remote JMX connector with password
 * and access files.
 */
public final class ManagedSidecars implements AutoCloseable {
  public static final String MASTER = "mymaster";
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "s3cret";
  public static final String VIEWER = "viewer";
  public static final String VIEWER_PASSWORD = "look";
  static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(40);

  /** One sidecar and where to reach its management plane. */
  public record Sidecar(
      SentinelNode node, ValkeyNode neighbour, int jolokiaPort, int httpPort, int jmxPort) {
    Jolokia jolokia() {
      return new Jolokia("http://127.0.0.1:" + jolokiaPort + "/jolokia", ADMIN, ADMIN_PASSWORD);
    }

    String http(String path) {
      return "http://127.0.0.1:" + httpPort + path;
    }
  }

  public final ReplicationGroup group;
  public final List<Sidecar> sidecars;

  private ManagedSidecars(ReplicationGroup group, List<Sidecar> sidecars) {
    this.group = group;
    this.sidecars = List.copyOf(sidecars);
  }

  public static ManagedSidecars start() {
    ReplicationGroup group = ReplicationGroup.start(2);
    List<Sidecar> started = new ArrayList<>();
    try {
      Path dir = TempDirs.create("vigil-jmx-files");
      Path passwords =
          ownerOnly(
              dir.resolve("jmx.password"),
              ADMIN + " " + ADMIN_PASSWORD + "\n" + VIEWER + " " + VIEWER_PASSWORD + "\n");
      Path access =
          ownerOnly(dir.resolve("jmx.access"), ADMIN + " readwrite\n" + VIEWER + " readonly\n");
      List<ValkeyNode> nodes = group.nodes();
      for (int i = 0; i < nodes.size(); i++) {
        int jolokia = FreePorts.allocate();
        int http = FreePorts.allocate();
        int jmx = i == 0 ? FreePorts.allocate() : 0;
        SentinelNode.Builder b =
            SentinelNode.builder()
                .name("mgmt-sidecar" + (i + 1))
                .launcher(launcher())
                .monitor(
                    MASTER,
                    group.primary().address(),
                    2,
                    Duration.ofMillis(1000),
                    Duration.ofSeconds(5))
                .startTimeout(Duration.ofSeconds(40))
                .config("vigil jolokia-port " + jolokia)
                .config("vigil jolokia-user " + ADMIN)
                .config("vigil jolokia-password " + ADMIN_PASSWORD)
                .config("vigil jolokia-readonly-user " + VIEWER)
                .config("vigil jolokia-readonly-password " + VIEWER_PASSWORD)
                .config("vigil http-port " + http)
                .config(
                    "vigil node "
                        + nodes.get(i).address().host()
                        + ":"
                        + nodes.get(i).address().port());
        if (jmx != 0) {
          b.config("vigil jmx-port " + jmx)
              .config("vigil jmx-password-file " + passwords)
              .config("vigil jmx-access-file " + access);
        }
        started.add(new Sidecar(b.start(), nodes.get(i), jolokia, http, jmx));
      }
      ManagedSidecars cluster = new ManagedSidecars(group, started);
      // Discovery seen through the management plane itself (works before SENTINEL REPLICAS does).
      for (Sidecar s : started) {
        Await.until(
            s.node().name() + " knows 2 replicas and 2 other sidecars",
            DISCOVERY_TIMEOUT,
            () -> {
              Jolokia.Reply r = s.jolokia().read(VigilObjectNames.master(MASTER).toString());
              if (r.http() != 200 || r.status() != 200) {
                return false;
              }
              Map<String, Object> m = r.map();
              return ((Number) m.get("NumReplicas")).intValue() == 2
                  && ((Number) m.get("NumOtherSentinels")).intValue() == 2;
            },
            () -> s.node().logTail(30));
      }
      return cluster;
    } catch (RuntimeException | Error e) {
      started.forEach(s -> s.node().close());
      group.close();
      throw e;
    }
  }

  private static Path ownerOnly(Path file, String content) {
    try {
      Files.writeString(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every sidecar agrees on the primary, has no failover in progress and sees both
   * replicas linked and rankable; returns the primary's address. Tests sharing these sidecars start
   * with it, so none depends on what another left behind.
   */
  public String awaitSettled() {
    return Await.value(
        "all sidecars settled on one primary with two linked replicas",
        Duration.ofSeconds(40),
        () -> {
          TreeSet<String> primaries = new TreeSet<>();
          for (Sidecar s : sidecars) {
            Map<String, Object> m =
                s.jolokia().read(VigilObjectNames.master(MASTER).toString()).map();
            if (!"none".equals(m.get("FailoverState"))
                || ((Number) m.get("NumReplicas")).intValue() != 2) {
              return null;
            }
            primaries.add((String) m.get("Address"));
            for (Object name : s.jolokia().search(VigilObjectNames.REPLICA_PATTERN).list()) {
              Jolokia.Reply reply = s.jolokia().read((String) name);
              if (reply.status() != 200) {
                return null; // the replica left between search and read: look again
              }
              Map<String, Object> r = reply.map();
              if (!"ok".equals(r.get("MasterLinkStatus"))
                  || ((Number) r.get("PromotionRank")).intValue() < 1) {
                return null;
              }
            }
          }
          return primaries.size() == 1 ? primaries.first() : null;
        },
        p -> p != null,
        this::describe);
  }

  /** What each sidecar reports about the master and its replicas, for a failed wait. */
  private String describe() {
    StringBuilder out = new StringBuilder();
    for (Sidecar s : sidecars) {
      try {
        Map<String, Object> m = s.jolokia().read(VigilObjectNames.master(MASTER).toString()).map();
        out.append(s.node().name())
            .append(": ")
            .append(m.get("Address"))
            .append(' ')
            .append(m.get("Flags"))
            .append(" failover ")
            .append(m.get("FailoverState"))
            .append(", replicas:");
        for (Object name : s.jolokia().search(VigilObjectNames.REPLICA_PATTERN).list()) {
          Map<String, Object> r = s.jolokia().read((String) name).map();
          out.append(' ')
              .append(r.get("Address"))
              .append(' ')
              .append(r.get("Flags"))
              .append(" link ")
              .append(r.get("MasterLinkStatus"))
              .append(" rank ")
              .append(r.get("PromotionRank"))
              .append(" (")
              .append(r.get("ExclusionReason"))
              .append(");");
        }
      } catch (RuntimeException e) {
        out.append(s.node().name()).append(": ").append(e);
      }
      out.append('\n').append(s.node().logTail(8)).append('\n');
    }
    return out.toString();
  }

  public ValkeyNode nodeAt(String address) {
    for (ValkeyNode n : group.nodes()) {
      if ((n.address().host() + ":" + n.address().port()).equals(address)) {
        return n;
      }
    }
    throw new IllegalArgumentException("no node at " + address);
  }

  Sidecar nextTo(ValkeyNode node) {
    for (Sidecar s : sidecars) {
      if (s.neighbour() == node) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sidecar next to " + node);
  }

  @Override
  public void close() {
    sidecars.forEach(s -> s.node().close());
    group.close();
  }

  private static SentinelLauncher launcher;

  /**
   * The sidecar as the kit's sentinel launcher (as the sidecar ITs run it): the shaded jar when
   * built, else the main class on the test class path.
   */
  static synchronized SentinelLauncher launcher() {
    if (launcher != null) {
      return launcher;
    }
    launcher = dev.vigil.sidecar.VigilLauncher.script("96m");
    return launcher;
  }
}
