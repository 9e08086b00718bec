package dev.vigil.jconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.jmx.MasterMXBean;
import dev.vigil.jmx.PeerMXBean;
import dev.vigil.jmx.ReplicaMXBean;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.sidecar.VigilLauncher;
import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TempDirs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.imageio.ImageIO;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Vigil plugin inside the real {@code jconsole} of the running JDK, under Xvfb, connected to a
 * sidecar's remote JMX connector by a {@code service:jmx:} URL (explicitly unauthenticated, {@code
 * vigil jmx-authenticate no}): the {@link ScreenshotAgent} must produce a real picture of the Vigil
 * tab, and what the tab displayed (written beside the PNG) must match the sidecar's MBeans. The PNG
 * is copied to {@code integration/target/jconsole-vigil-tab.png} for CI to keep.
 *
 * <p>Skipped when there is no {@code Xvfb} on PATH or no {@code jconsole} in this JDK.
 */
class JConsoleXvfbIT {
  private static final String MASTER = "mymaster";
  private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration SCREENSHOT_TIMEOUT = Duration.ofSeconds(45);

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void vigilTabInRealJConsoleShowsTheSidecarsTopology() throws Exception {
    Path xvfbBinary = XvfbDisplay.binary();
    assumeTrue(xvfbBinary != null, "no Xvfb on PATH (Debian: apt-get install xvfb); skipped");
    Path jconsole = Paths.get(System.getProperty("java.home"), "bin", "jconsole");
    assumeTrue(Files.isExecutable(jconsole), "this JDK has no " + jconsole + "; skipped");
    assumeTrue(
        VigilLauncher.get().origin().startsWith("vigil"), "runs against Vigil sidecars only");
    Path plugin = shadedPluginJar();

    Path dir = TempDirs.create("vigil-jconsole-xvfb");
    Path png = dir.resolve("jconsole-vigil-tab.png");
    int jmxPort = FreePorts.allocate();
    List<SentinelNode> sidecars = new ArrayList<>();
    try (ReplicationGroup group = ReplicationGroup.start(2)) {
      try {
        for (int i = 1; i <= 3; i++) {
          sidecars.add(sidecar(i, group, i == 1 ? jmxPort : 0));
        }
        String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
          MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
          MasterMXBean master =
              JMX.newMXBeanProxy(mbeans, VigilObjectNames.master(MASTER), MasterMXBean.class);
          Await.until(
              "sidecar 1 knows 2 replicas and 2 other sidecars",
              DISCOVERY_TIMEOUT,
              () -> master.getNumReplicas() == 2 && master.getNumOtherSentinels() == 2,
              () -> sidecars.get(0).logTail(30));

          try (XvfbDisplay display = XvfbDisplay.start(xvfbBinary, dir, "1280x900x24")) {
            ManagedProcess console =
                ManagedProcess.start(
                    "jconsole",
                    List.of(
                        jconsole.toString(),
                        "-J-Duser.language=en",
                        "-J-Duser.country=US",
                        "-J-javaagent:" + agentJar(InsecureRetryAgent.class, dir) + "=60",
                        "-J-javaagent:" + agentJar(ScreenshotAgent.class, dir) + "=" + png,
                        "-pluginpath",
                        plugin.toString(),
                        url),
                    dir,
                    dir.resolve("jconsole.log"),
                    Map.of("DISPLAY", display.display()));
            try {
              Await.until(
                  "jconsole's Vigil tab writes " + png,
                  SCREENSHOT_TIMEOUT,
                  () -> {
                    if (!console.isAlive()) {
                      throw new Await.Abort("jconsole exited with " + console.exitCode());
                    }
                    return Files.isRegularFile(png);
                  },
                  () -> console.outputTail(40));
            } finally {
              console.terminate(Duration.ofSeconds(5));
            }
          }
          Path kept = Paths.get(System.getProperty("basedir", ".")).resolve("target");
          Files.createDirectories(kept);
          Files.copy(png, kept.resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);

          assertRealPicture(png);
          assertShowsTheMBeans(load(dir.resolve("jconsole-vigil-tab.properties")), mbeans, master);
        }
      } finally {
        sidecars.forEach(SentinelNode::close);
      }
    }
  }

  private static void assertRealPicture(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null, png + " is a PNG");
    assertTrue(
        image.getWidth() >= 800 && image.getHeight() >= 600,
        "window-sized picture, was " + image.getWidth() + "x" + image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    // Text, borders, table grid and the selection: a blank or uniform window has a handful.
    assertTrue(colours.size() >= 16, "picture has " + colours.size() + " colours");
  }

  private static void assertShowsTheMBeans(
      Properties shown, MBeanServerConnection mbeans, MasterMXBean master) throws Exception {
    assertEquals("Vigil", shown.getProperty("jconsole.selectedTab"), shown.toString());
    assertEquals(MASTER, shown.getProperty("master"));
    assertEquals(master.getAddress(), shown.getProperty("master.address"));
    assertEquals(String.valueOf(master.getQuorum()), shown.getProperty("master.quorum"));

    Set<String> replicas = new TreeSet<>();
    for (ObjectName on : mbeans.queryNames(VigilObjectNames.replicasOf(MASTER), null)) {
      replicas.add(JMX.newMXBeanProxy(mbeans, on, ReplicaMXBean.class).getAddress());
    }
    assertEquals("2", shown.getProperty("replicas.count"));
    Set<String> shownReplicas = new TreeSet<>();
    Set<String> shownRanks = new TreeSet<>();
    for (int row = 1; row <= 2; row++) {
      String[] cell = shown.getProperty("replica." + row).split(" rank ");
      shownReplicas.add(cell[0]);
      shownRanks.add(cell[1]);
    }
    assertEquals(replicas, shownReplicas);
    assertEquals(Set.of("1", "2"), shownRanks, "both healthy replicas ranked");

    Set<String> peers = new TreeSet<>();
    for (ObjectName on : mbeans.queryNames(VigilObjectNames.peersOf(MASTER), null)) {
      peers.add(JMX.newMXBeanProxy(mbeans, on, PeerMXBean.class).getAddress());
    }
    Set<String> shownPeers = new TreeSet<>();
    for (int row = 1; row <= Integer.parseInt(shown.getProperty("peers.count")); row++) {
      shownPeers.add(shown.getProperty("peer." + row));
    }
    assertEquals(2, peers.size());
    assertEquals(peers, shownPeers);
  }

  /** Sidecar {@code i} next to the group; only the one with a JMX port opens remote JMX. */
  private static SentinelNode sidecar(int i, ReplicationGroup group, int jmxPort) {
    SentinelNode.Builder b =
        SentinelNode.builder()
            .name("jconsole-sidecar" + i)
            .launcher(VigilLauncher.get())
            .monitor(
                MASTER,
                group.primary().address(),
                2,
                Duration.ofMillis(1000),
                Duration.ofSeconds(10))
            .startTimeout(Duration.ofSeconds(30))
            .config("vigil jolokia-port 0");
    if (jmxPort != 0) {
      // Loopback without password files, explicitly: real jconsole takes a login only in its
      // dialog, and this test is about the tab (JConsolePluginIT covers the login).
      b.config("vigil jmx-port " + jmxPort)
          .config("vigil jmx-host 127.0.0.1")
          .config("vigil jmx-authenticate no");
    }
    return b.start();
  }

  /** The shaded {@code -pluginpath} jar the reactor built before the integration tests. */
  private static Path shadedPluginJar() throws IOException {
    Path target =
        Paths.get(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolveSibling("jconsole-plugins")
            .resolve("target");
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> jars =
          Files.newDirectoryStream(target, "vigil-jconsole-plugin-*-jconsole.jar")) {
        for (Path jar : jars) {
          return jar;
        }
      }
    }
    throw new AssertionError(
        "no shaded plugin jar in " + target + ": mvn -pl jconsole-plugins -am package first");
  }

  /**
   * A one-class agent ({@link InsecureRetryAgent}, {@link ScreenshotAgent}) as an agent jar, from
   * this test's own class files (each agent is a single class without nested ones).
   */
  private static Path agentJar(Class<?> agent, Path dir) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", agent.getName());
    String entry = agent.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve(agent.getSimpleName() + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = agent.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }
}
