package dev.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the README's first command works: runs {@code ./demo --check} exactly as a user would (the
 * script, the shaded jar, real servers and three sidecar JVMs), which forces a failover and must
 * print OK, exit 0 and leave none of the processes it started running.
 */
class DemoIT {
  private static final Pattern PID = Pattern.compile("\\(pid (\\d+)\\)");

  @Test
  @Timeout(value = 200, unit = TimeUnit.SECONDS)
  void demoCheckForcesAFailoverAndStopsEverything() throws Exception {
    Path root = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    Path script = root.resolve("demo");
    assertTrue(Files.isExecutable(script), script + " must be executable");
    Path log = Files.createTempFile("vigil-demo-it-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(script.toString(), "--check")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The reactor has just built the jars this script would otherwise build.
    pb.environment().put("VIGIL_DEMO_SKIP_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process demo = pb.start();
    boolean finished = demo.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      demo.destroy(); // SIGTERM: the demo's shutdown hook stops what it started
      if (!demo.waitFor(20, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "./demo --check did not finish:\n" + output);
    assertEquals(0, demo.exitValue(), "./demo --check failed:\n" + output);
    assertTrue(
        output.lines().anyMatch(l -> l.startsWith("OK: failover ")), "no OK line:\n" + output);
    assertTrue(output.contains("SENTINEL FAILOVER mymaster"), output);
    assertTrue(output.contains("/jolokia/exec/vigil:type=Master,name=mymaster/failover"), output);
    assertTrue(output.contains("jconsole "), output);

    List<Long> pids = new ArrayList<>();
    Matcher m = PID.matcher(output);
    while (m.find()) {
      pids.add(Long.parseLong(m.group(1)));
    }
    assertEquals(6, pids.size(), "3 servers and 3 sidecars reported:\n" + output);
    for (long pid : pids) {
      assertTrue(
          ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
          "process " + pid + " the demo started is still running");
    }
    Files.deleteIfExists(log);
  }
}
