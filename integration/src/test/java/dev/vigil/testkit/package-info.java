/**
 * The real-server test kit: real {@code valkey-server}/{@code redis-server} and {@code
 * valkey-sentinel}/{@code redis-sentinel} processes and separate JVMs for integration tests, all on
 * loopback, free ports and temp dirs, all stopped by PID.
 *
 * <p>Reuse it from another module's tests through the {@code vigil-integration} test-jar. It needs
 * only the JDK and JUnit 5 (Testcontainers only for {@link dev.vigil.testkit.DockerBackend}); it
 * talks RESP through its own {@link dev.vigil.testkit.RespClient}, so it pins no client library.
 *
 * <pre>{@code
 * @ExtendWith(TestKitExtension.class)          // kills leftovers after each test/class
 * class FailoverIT {
 *   @Test
 *   void clientFollowsFailover() {
 *     try (Topology t = Topology.builder().replicas(2).sentinels(3).start();
 *          SentinelEvents events = t.sentinels().get(0).subscribe("+switch-master")) {
 *       ValkeyNode next = t.killPrimaryAndAwaitFailover(Duration.ofSeconds(30));
 *       events.awaitMessage("+switch-master", m -> m.endsWith(" " + next.port()), Duration.ofSeconds(5));
 *       try (JavaProcess app = JavaProcess.builder("com.example.App")
 *              .jvmArgs("-javaagent:" + agentJar).args(t.sentinels().get(0).address().toString())
 *              .start()) {
 *         app.waitForLine("connected to " + next.address(), Duration.ofSeconds(20));
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.vigil.testkit.ServerBinaries}: which executables run ({@code VIGIL_SERVER_BIN},
 *       {@code valkey-server}, {@code redis-server}, the embedded-redis jar; {@code
 *       VIGIL_SENTINEL_BIN}, {@code valkey-sentinel}, {@code redis-sentinel}, server {@code
 *       --sentinel}); also settable as {@code -Dvigil.server.bin} / {@code -Dvigil.sentinel.bin}.
 *   <li>{@link dev.vigil.testkit.ValkeyNode}, {@link dev.vigil.testkit.SentinelNode}, {@link
 *       dev.vigil.testkit.JavaProcess}: start, wait-until-ready, SIGKILL, SIGSTOP/SIGCONT, restart
 *       on the same port and dir, log tails.
 *   <li>{@link dev.vigil.testkit.ReplicationGroup}, {@link dev.vigil.testkit.Topology}: a primary
 *       with replicas, optionally watched by sentinels, returned once fully linked/discovered.
 *   <li>{@link dev.vigil.testkit.SentinelClient}, {@link dev.vigil.testkit.SentinelEvents}: the
 *       Sentinel protocol against a real sentinel or a Vigil sidecar.
 *   <li>{@link dev.vigil.testkit.ProcessReaper}, {@link dev.vigil.testkit.TestKitExtension}:
 *       nothing outlives the tests.
 *   <li>{@link dev.vigil.testkit.Await}: deadline polling instead of sleeps.
 * </ul>
 */
package dev.vigil.testkit;
