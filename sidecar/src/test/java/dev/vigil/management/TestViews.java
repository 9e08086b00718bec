package dev.vigil.management;

import dev.vigil.jmx.ElectionVote;
import dev.vigil.jmx.FailoverRecord;
import dev.vigil.management.view.ElectionView;
import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.PeerView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-built views and a recording operations fake for the management-plane tests. */
public final class TestViews {
  public static final String MY_ID = "a".repeat(40);
  public static final String PEER_ID = "b".repeat(40);

  private TestViews() {}

  public static ReplicaView replica(int port, int rank, String exclusion) {
    return new ReplicaView(
        "127.0.0.1", port, "slave", "ok", 1000, 10, 100, 120, 900, rank, exclusion);
  }

  public static MasterView master(String name, int port, List<ReplicaView> replicas) {
    return master(name, "127.0.0.1", port, "master", replicas);
  }

  public static MasterView master(
      String name, String ip, int port, String flags, List<ReplicaView> replicas) {
    return new MasterView(
        name,
        ip,
        port,
        2,
        flags,
        0,
        0,
        5000,
        60000,
        1,
        3,
        "none",
        0,
        MY_ID,
        3,
        1010,
        700,
        replicas,
        List.of(new PeerView(PEER_ID, "127.0.0.1", 26380, 300, true, MY_ID, 3)),
        new ElectionView(
            List.of(
                new ElectionVote(3, MY_ID, MY_ID, MY_ID, 1_000),
                new ElectionVote(3, MY_ID, PEER_ID, MY_ID, 1_010)),
            MY_ID),
        new FailoverRecord(2_000, 3, "127.0.0.1:6379", "127.0.0.1:6380", 900, 100, 200, 300, 300));
  }

  public static SentinelView sentinel(MasterView... masters) {
    return new SentinelView(MY_ID, 3, false, 0, 0, null, 0, 26379, 1_000, List.of(masters));
  }

  /** Records every call; answers OK, or fails with {@code error} when set. */
  public static final class RecordingOperations implements ManagementOperations {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile String error;

    private <T> CompletableFuture<T> answer(String call, T ok) {
      calls.add(call);
      return error == null
          ? CompletableFuture.completedFuture(ok)
          : CompletableFuture.failedFuture(new SentinelCommandException(error));
    }

    @Override
    public CompletableFuture<String> failover(String master) {
      return answer("failover " + master, "OK");
    }

    @Override
    public CompletableFuture<String> checkQuorum(String master) {
      return answer(
          "ckquorum " + master,
          "OK 2 usable Sentinels. Quorum and failover authorization can be reached");
    }

    @Override
    public CompletableFuture<String> set(String master, String option, String value) {
      return answer("set " + master + " " + option + " " + value, "OK");
    }

    @Override
    public CompletableFuture<Long> reset(String pattern) {
      return answer("reset " + pattern, 1L);
    }

    @Override
    public CompletableFuture<String> flushConfig() {
      return answer("flushconfig", "OK");
    }

    @Override
    public CompletableFuture<String> monitor(String name, String ip, int port, int quorum) {
      return answer("monitor " + name + " " + ip + " " + port + " " + quorum, "OK");
    }

    @Override
    public CompletableFuture<String> remove(String name) {
      return answer("remove " + name, "OK");
    }
  }
}
