package dev.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCI image tar the build writes (sidecar/src/image/build-image): its config is what
 * docs/installing.md promises, its blobs are what its manifests say, and, as root, its layers
 * unpacked into a root file system start a sidecar when the entrypoint runs there as the image's
 * user, in its own mount and PID namespaces (what a container engine does, minus the engine).
 *
 * <p>Skipped, with the build's reason, when the build skipped the image (no jmods, not Linux).
 */
class OciImageIT {
  private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

  private Path dir;
  private Path oci;
  private Map<String, Object> config;
  private List<Path> layers;

  @BeforeEach
  void openImage() throws Exception {
    Path image = Distribution.image();
    assumeTrue(image != null, "no image tar: " + Distribution.imageSkipReason() + "; skipped");
    dir = TempDirs.create("vigil-image");
    oci = Files.createDirectories(dir.resolve("oci"));
    Distribution.run(oci, "tar", "-xf", image.toString());
    assertEquals("1.0.0", json("oci-layout").get("imageLayoutVersion"));
    List<Map<String, Object>> manifests = list(json("index.json").get("manifests"));
    assertEquals(1, manifests.size(), "one image in the index");
    Map<String, Object> manifest = blobJson(manifests.get(0));
    Map<String, Object> configRef = map(manifest.get("config"));
    assertEquals(CONFIG_TYPE, configRef.get("mediaType"));
    config = blobJson(configRef);
    layers = new ArrayList<>();
    List<Map<String, Object>> layerRefs = list(manifest.get("layers"));
    for (Map<String, Object> layer : layerRefs) {
      assertEquals(LAYER_TYPE, layer.get("mediaType"));
      layers.add(blob(layer));
    }
    List<Object> diffIds = list(map(config.get("rootfs")).get("diff_ids"));
    assertEquals(layers.size(), diffIds.size(), "a diff_id per layer");
    for (int i = 0; i < layers.size(); i++) {
      assertEquals(diffIds.get(i), "sha256:" + sha256OfGunzipped(layers.get(i)), "diff_id " + i);
    }
  }

  @AfterEach
  void deleteUnpacked() {
    TempDirs.delete(dir);
  }

  @Test
  void configRunsTheSidecarAsAnUnprivilegedUserOnTheSentinelPort() {
    Map<String, Object> c = map(config.get("config"));
    assertEquals("linux", config.get("os"));
    assertEquals(
        List.of(
            "/opt/vigil/runtime/bin/java",
            "@/opt/vigil/conf/jvm.options",
            "-XX:MaxRAMPercentage=50",
            "-jar",
            "/opt/vigil/lib/vigil-sidecar.jar"),
        c.get("Entrypoint"));
    assertEquals(List.of("/etc/vigil/sentinel.conf"), c.get("Cmd"));
    assertTrue(
        map(c.get("ExposedPorts")).keySet().containsAll(List.of("26379/tcp", "8778/tcp")),
        "exposed ports " + c.get("ExposedPorts"));
    assertNotEquals(0, uid(c), "runs as a non-root user: " + c.get("User"));
    assertTrue(list(c.get("Env")).contains("JAVA_HOME=/opt/vigil/runtime"), "Env " + c.get("Env"));
    assertEquals("/var/lib/vigil", c.get("WorkingDir"));
    assertTrue(map(c.get("Volumes")).containsKey("/etc/vigil"), "the config directory a volume");
  }

  /** Docker's manifest.json (for {@code docker load}) names the same config and layers. */
  @Test
  void dockerManifestMatchesTheOciManifest() throws Exception {
    Map<String, Object> docker =
        map(list(new JSONParser().parse(Files.readString(oci.resolve("manifest.json")))).get(0));
    assertTrue(list(docker.get("RepoTags")).get(0).toString().startsWith("vigil:"), "tag");
    List<String> dockerLayers = new ArrayList<>();
    for (Object layer : list(docker.get("Layers"))) {
      dockerLayers.add(oci.resolve(layer.toString()).normalize().toString());
    }
    assertEquals(layers.stream().map(Path::toString).toList(), dockerLayers);
    assertEquals(
        sha256(Files.readAllBytes(oci.resolve(docker.get("Config").toString()))),
        oci.resolve(docker.get("Config").toString()).getFileName().toString());
  }

  /** The entrypoint's files are in the layers, and the config directory belongs to the user. */
  @Test
  void layersHoldTheEntrypointAndAConfigTheUserMayRewrite() throws Exception {
    Path rootfs = unpackLayers();
    Map<String, Object> c = map(config.get("config"));
    Path java = rootfs.resolve(list(c.get("Entrypoint")).get(0).toString().substring(1));
    assertTrue(Files.isExecutable(java), java + " executable");
    assertTrue(Files.isRegularFile(rootfs.resolve("opt/vigil/conf/jvm.options")));
    assertTrue(Files.isRegularFile(rootfs.resolve("opt/vigil/lib/vigil-sidecar.jar")));
    assertTrue(Files.isRegularFile(rootfs.resolve("etc/vigil/sentinel.conf")));
    // No shell, no package manager: the runtime, its libraries, the distribution.
    assertTrue(!Files.exists(rootfs.resolve("bin/sh")), "no /bin/sh in the image");
    String listing =
        Distribution.run(
            dir, "tar", "-tzvf", layers.get(layers.size() - 1).toString(), "--numeric-owner");
    int uid = uid(c);
    assertTrue(
        listing
            .lines()
            .anyMatch(
                l -> l.startsWith("d") && l.contains(" " + uid + "/") && l.endsWith(" etc/vigil/")),
        "etc/vigil owned by uid " + uid + ":\n" + listing);
  }

  /**
   * As root: the unpacked image runs its entrypoint and command as its user in its working
   * directory, with only the image's files ({@code unshare --root}), and the sidecar answers {@code
   * SENTINEL MASTERS} for a real valkey-server and rewrites /etc/vigil/sentinel.conf.
   */
  @Test
  void entrypointStartsTheSidecarInsideTheImage() throws Exception {
    Path unshare = Paths.get("/usr/bin/unshare");
    assumeTrue(
        "root".equals(System.getProperty("user.name")) && Files.isExecutable(unshare),
        "running the image needs root and util-linux unshare; skipped");
    Path rootfs = unpackLayers();
    Map<String, Object> c = map(config.get("config"));
    int sentinelPort = FreePorts.allocate();
    try (ValkeyNode valkey = ValkeyNode.start()) {
      Path conf = rootfs.resolve("etc/vigil/sentinel.conf");
      Distribution.pointExampleConfigAt(
          conf, sentinelPort, valkey.port(), "vigil jolokia-port " + FreePorts.allocate());
      List<String> command = new ArrayList<>();
      command.add("env");
      command.add("-i");
      list(c.get("Env")).forEach(e -> command.add(e.toString()));
      String[] user = c.get("User").toString().split(":");
      command.addAll(
          List.of(
              unshare.toString(),
              "--root=" + rootfs,
              "--wd=" + c.get("WorkingDir"),
              "--setgid=" + user[1],
              "--setuid=" + user[0]));
      list(c.get("Entrypoint")).forEach(a -> command.add(a.toString()));
      list(c.get("Cmd")).forEach(a -> command.add(a.toString()));
      // A mount namespace for /proc and the few devices a container engine provides, a PID
      // namespace in which the JVM is PID 1; the network is the host's, like --network host.
      String mounts =
          "mount -t proc proc \"$0/proc\" && for d in null zero random urandom; do"
              + " touch \"$0/dev/$d\" && mount --bind /dev/$d \"$0/dev/$d\"; done && exec \"$@\"";
      List<String> full =
          new ArrayList<>(
              List.of(
                  unshare.toString(),
                  "--mount",
                  "--pid",
                  "--fork",
                  "sh",
                  "-c",
                  mounts,
                  rootfs.toString()));
      full.addAll(command);
      ManagedProcess container =
          ManagedProcess.start("image-vigil", full, dir, dir.resolve("image.log"), Map.of());
      try {
        SentinelClient sentinel = new SentinelClient(HostPort.loopback(sentinelPort));
        List<?> masters =
            Await.value(
                "SENTINEL MASTERS from the sidecar in the image",
                Duration.ofSeconds(30),
                () -> (List<?>) sentinel.call("SENTINEL", "MASTERS"),
                l -> l.size() == 1,
                () -> container.outputTail(30));
        Map<String, String> master = RespClient.pairsToMap((List<?>) masters.get(0));
        assertEquals("mymaster", master.get("name"));
        assertEquals(String.valueOf(valkey.port()), master.get("port"));
        Await.until(
            "the sidecar's run id in the image's /etc/vigil/sentinel.conf",
            Duration.ofSeconds(30),
            () -> Distribution.read(conf).contains("sentinel myid "));
        assertEquals(
            Integer.parseInt(user[0]),
            Files.getAttribute(conf, "unix:uid"),
            "rewritten by the image's user, not root");
      } finally {
        // The JVM (PID 1 of its namespace, our grandchild) takes SIGTERM; unshare waits for it.
        container.process().descendants().forEach(ProcessHandle::destroy);
        container.terminate(Duration.ofSeconds(10));
      }
    }
  }

  /** The layers, in order, into {@code dir/rootfs} (as root, with their owners). */
  private Path unpackLayers() throws Exception {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    for (Path layer : layers) {
      Distribution.run(rootfs, "tar", "-xzpf", layer.toString(), "--numeric-owner");
    }
    return rootfs;
  }

  private static int uid(Map<String, Object> c) {
    return Integer.parseInt(c.get("User").toString().split(":")[0]);
  }

  private Map<String, Object> json(String file) throws Exception {
    return map(new JSONParser().parse(Files.readString(oci.resolve(file))));
  }

  /** The blob a descriptor names, checked against the descriptor's digest and size. */
  private Path blob(Map<String, Object> descriptor) throws Exception {
    String digest = descriptor.get("digest").toString();
    assertTrue(digest.startsWith("sha256:"), digest);
    Path blob = oci.resolve("blobs/sha256").resolve(digest.substring(7));
    byte[] bytes = Files.readAllBytes(blob);
    assertEquals(digest.substring(7), sha256(bytes), "content of " + blob);
    assertEquals(((Number) descriptor.get("size")).longValue(), bytes.length, "size of " + blob);
    return blob;
  }

  private Map<String, Object> blobJson(Map<String, Object> descriptor) throws Exception {
    return map(new JSONParser().parse(Files.readString(blob(descriptor))));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String sha256OfGunzipped(Path gz) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new AssertionError("layer " + gz + " is not gzip", e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o) {
    return (List<T>) o;
  }
}
