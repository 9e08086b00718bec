package dev.vigil.sidecar;

import static dev.vigil.sidecar.SidecarCluster.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testkit.Await;
import dev.vigil.testkit.ReplicationGroup;
import dev.vigil.testkit.SentinelEvents;
import dev.vigil.testkit.SentinelNode;
import dev.vigil.testkit.TestKitExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dead primary stays S_DOWN: valkey-sentinel logs one {@code +sdown} and no {@code -sdown} while
 * its reconnects to the dead port are refused.
 */
@ExtendWith(TestKitExtension.class)
class SidecarDownDetectionIT {
  @Test
  void deadPrimaryStaysSubjectivelyDownWithoutFlapping() {
    try (ReplicationGroup group = ReplicationGroup.start(0)) {
      SentinelNode sidecar = SidecarCluster.sidecar("sidecar", group.primary());
      try (SentinelEvents events = sidecar.subscribe("+sdown", "-sdown")) {
        group.primary().kill9();
        events.awaitMessage(
            "+sdown", m -> m.startsWith("master " + MASTER), Duration.ofSeconds(10));
        // Several reconnect attempts (one per second) to the refused port.
        Await.until(
            "5 s of S_DOWN",
            Duration.ofSeconds(10),
            () ->
                sidecar.master(MASTER).get("flags").contains("s_down")
                    && Long.parseLong(sidecar.master(MASTER).get("last-ok-ping-reply")) > 5000);
        assertEquals(
            List.of("+sdown"),
            events.events().stream().map(SentinelEvents.Event::channel).toList(),
            "events while the primary is dead");
      } finally {
        sidecar.close();
      }
    }
  }
}
