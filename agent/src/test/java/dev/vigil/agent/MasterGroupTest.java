package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.agent.sentinel.MasterAnswer;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MasterGroupTest {
  private static final HostPort S1 = new HostPort("s", 1);
  private static final HostPort S2 = new HostPort("s", 2);
  private static final HostPort S3 = new HostPort("s", 3);
  private static final HostPort A = new HostPort("10.0.0.1", 6379);
  private static final HostPort B = new HostPort("10.0.0.2", 6379);
  private static final HostPort R = new HostPort("10.0.0.3", 6379);

  private static MasterAnswer answer(HostPort sentinel, HostPort primary, long epoch) {
    return new MasterAnswer(sentinel, "m", primary, epoch, Arrays.asList(R));
  }

  @Test
  void firstAnswerSetsThePrimaryWithoutCountingASwitch() {
    MasterGroup group = new MasterGroup("m");
    MasterGroup.Change change = group.consider(Arrays.asList(answer(S1, A, 0)), 10);
    assertNull(change.previous);
    assertEquals(A, change.current);
    assertEquals(0, group.switchCount());
    assertTrue(group.knows(R), "replicas are known addresses");
  }

  @Test
  void newerEpochWinsOverALaggingSentinel() {
    MasterGroup group = new MasterGroup("m");
    group.consider(Arrays.asList(answer(S1, A, 1)), 10);
    MasterGroup.Change change =
        group.consider(Arrays.asList(answer(S1, A, 1), answer(S2, B, 2)), 20);
    assertEquals(A, change.previous);
    assertEquals(B, change.current);
    assertEquals(1, group.switchCount());
    assertEquals(20, group.lastSwitchMillis());
    assertTrue(group.knows(A), "the former primary stays known");
  }

  @Test
  void anIsolatedLaggingSentinelCannotSwitchBack() {
    MasterGroup group = new MasterGroup("m");
    group.consider(Arrays.asList(answer(S1, B, 2)), 10);
    assertNull(group.consider(Arrays.asList(answer(S3, A, 1)), 20));
    assertEquals(B, group.primary());
  }

  @Test
  void switchMessageRaisesTheEpochFloor() {
    MasterGroup group = new MasterGroup("m");
    group.consider(Arrays.asList(answer(S1, A, 1)), 10);
    MasterGroup.Change change = group.switchMessage(A, B, 20);
    assertEquals(B, change.current);
    // A sentinel that has not heard of the failover still says A under epoch 1: ignored.
    assertNull(group.consider(Arrays.asList(answer(S2, A, 1)), 30));
    assertEquals(B, group.primary());
    // The same message from another sentinel changes nothing.
    assertNull(group.switchMessage(A, B, 40));
    assertEquals(1, group.switchCount());
  }

  @Test
  void withoutEpochsTheMajorityWinsAndATieKeepsThePrimary() {
    MasterGroup group = new MasterGroup("m");
    group.consider(Arrays.asList(answer(S1, A, -1)), 10);
    assertNull(group.consider(Arrays.asList(answer(S1, A, -1), answer(S2, B, -1)), 20));
    assertEquals(
        B,
        group.consider(Arrays.asList(answer(S1, A, -1), answer(S2, B, -1), answer(S3, B, -1)), 30)
            .current);
  }

  @Test
  void noAnswersChangeNothing() {
    MasterGroup group = new MasterGroup("m");
    assertNull(group.consider(Collections.<MasterAnswer>emptyList(), 10));
    assertNull(group.primary());
  }
}
