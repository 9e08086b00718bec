package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.HostPort;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.RespClient;
import dev.vigil.testkit.SentinelClient;
import dev.vigil.testkit.TempDirs;
import dev.vigil.testkit.ValkeyNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The distribution tarball as an operator uses it (docs/installing.md): unpacked, the example
 * config pointed at a real valkey-server, started with {@code bin/vigil conf/sentinel.conf}.
 */
class DistributionIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void binVigilStartsASidecarFromTheExampleConfig() throws Exception {
    Path dir = TempDirs.create("vigil-dist");
    Path home = unpack(dir);
    Path conf = home.resolve("conf/sentinel.conf");
    int sentinelPort = FreePorts.allocate();
    try (ValkeyNode valkey = ValkeyNode.start()) {
      // Jolokia on a free port: several test JVMs share this machine.
      Distribution.pointExampleConfigAt(
          conf, sentinelPort, valkey.port(), "vigil jolokia-port " + FreePorts.allocate());
      ManagedProcess vigil =
          ManagedProcess.start(
              "dist-vigil",
              List.of(home.resolve("bin/vigil").toString(), "conf/sentinel.conf"),
              home,
              dir.resolve("vigil.log"),
              Map.of("JAVA_HOME", System.getProperty("java.home")));
      try {
        SentinelClient sentinel = new SentinelClient(HostPort.loopback(sentinelPort));
        List<?> masters =
            Await.value(
                "SENTINEL MASTERS from the tarball's sidecar",
                START_TIMEOUT,
                () -> (List<?>) sentinel.call("SENTINEL", "MASTERS"),
                list -> list.size() == 1,
                () -> vigil.outputTail(30));
        Map<String, String> master = RespClient.pairsToMap((List<?>) masters.get(0));
        assertEquals("mymaster", master.get("name"));
        assertEquals("master", master.get("flags"));
        assertEquals("127.0.0.1", master.get("ip"));
        assertEquals(String.valueOf(valkey.port()), master.get("port"));
        assertEquals("2", master.get("quorum"));
        assertEquals("5000", master.get("down-after-milliseconds"));

        // The launcher's flags reached the JVM: jvm.options, and the heap for one master.
        String cmdline =
            Files.readString(Paths.get("/proc/" + vigil.pid() + "/cmdline")).replace('\0', ' ');
        assertTrue(cmdline.contains("@" + home.resolve("conf/jvm.options")), cmdline);
        assertTrue(cmdline.contains("-Xmx97m"), cmdline);
        assertTrue(cmdline.contains("-jar " + home.resolve("lib/vigil-sidecar.jar")), cmdline);
        // It rewrote its config as Sentinel does (the file and directory are writable for it).
        Await.until(
            "the sidecar's run id in conf/sentinel.conf",
            START_TIMEOUT,
            () -> Distribution.read(conf).contains("sentinel myid "));
      } finally {
        vigil.terminate(Duration.ofSeconds(10));
      }
      assertEquals(0, vigil.exitCode(), "exit code after SIGTERM:\n" + vigil.outputTail(20));
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Test
  void tarballHoldsWhatDocsInstallingMdDescribes() throws Exception {
    Path dir = TempDirs.create("vigil-dist");
    try {
      Path home = unpack(dir);
      assertTrue(Files.isExecutable(home.resolve("bin/vigil")), "bin/vigil is executable");
      for (String file :
          List.of(
              "conf/sentinel.conf",
              "conf/jvm.options",
              "lib/vigil-sidecar.jar",
              "agent/vigil-agent.jar",
              "jconsole/vigil-jconsole-plugin.jar",
              "systemd/vigil.service",
              "INSTALL.md")) {
        assertTrue(Files.isRegularFile(home.resolve(file)), file + " in the tarball");
      }
      String version =
          Distribution.run(home, home.resolve("bin/vigil").toString(), "--version").trim();
      assertTrue(
          version.contains(home.getFileName().toString().substring("vigil-".length())), version);
    } finally {
      TempDirs.delete(dir);
    }
  }

  /**
   * The unit as shipped, with /opt/vigil replaced by the unpacked directory: {@code systemd-analyze
   * verify} finds no unknown or invalid setting and an executable ExecStart.
   */
  @Test
  void systemdUnitVerifies() throws Exception {
    Path analyze = Paths.get("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "no systemd-analyze on this machine; skipped");
    Path dir = TempDirs.create("vigil-dist");
    try {
      Path home = unpack(dir);
      String unit = Files.readString(home.resolve("systemd/vigil.service"));
      for (String hardening :
          List.of(
              "User=vigil",
              "NoNewPrivileges=yes",
              "ProtectSystem=strict",
              "ReadWritePaths=/etc/vigil",
              "Restart=on-failure",
              "ExecStart=/opt/vigil/bin/vigil /etc/vigil/sentinel.conf")) {
        assertTrue(unit.lines().anyMatch(hardening::equals), hardening + " in the unit");
      }
      Path copy = dir.resolve("vigil.service");
      Files.writeString(copy, unit.replace("/opt/vigil", home.toString()));
      String output = Distribution.run(dir, analyze.toString(), "verify", copy.toString());
      assertEquals("", output.trim(), "systemd-analyze verify reports problems");
    } finally {
      TempDirs.delete(dir);
    }
  }

  /** Unpacks the tarball into {@code dir}; returns its single top directory, vigil-VERSION. */
  private static Path unpack(Path dir) throws Exception {
    Distribution.run(dir, "tar", "-xzf", Distribution.tarball().toString());
    try (var entries = Files.list(dir)) {
      List<Path> tops = entries.filter(Files::isDirectory).toList();
      assertEquals(1, tops.size(), "one top directory in the tarball: " + tops);
      assertTrue(tops.get(0).getFileName().toString().startsWith("vigil-"), tops.toString());
      return tops.get(0);
    }
  }
}
