package dev.vigil.management.mbeans;

import dev.vigil.jmx.FailoverRecord;
import dev.vigil.jmx.MasterMXBean;
import dev.vigil.management.ManagementOperations;
import dev.vigil.management.view.MasterView;

/** {@code vigil:type=Master,name=<master>}: reads the latest view, queues operations. */
final class MasterBean implements MasterMXBean {
  private final String name;
  private final ViewLookup views;
  private final ManagementOperations ops;

  MasterBean(String name, ViewLookup views, ManagementOperations ops) {
    this.name = name;
    this.views = views;
    this.ops = ops;
  }

  private MasterView view() {
    return views.master(name);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getAddress() {
    return view().address();
  }

  @Override
  public String getIp() {
    return view().ip();
  }

  @Override
  public int getPort() {
    return view().port();
  }

  @Override
  public int getQuorum() {
    return view().quorum();
  }

  @Override
  public String getFlags() {
    return view().flags();
  }

  @Override
  public long getSdownSinceEpochMs() {
    return view().sdownSinceEpochMs();
  }

  @Override
  public long getOdownSinceEpochMs() {
    return view().odownSinceEpochMs();
  }

  @Override
  public long getDownAfterMs() {
    return view().downAfterMs();
  }

  @Override
  public long getFailoverTimeoutMs() {
    return view().failoverTimeoutMs();
  }

  @Override
  public int getParallelSyncs() {
    return view().parallelSyncs();
  }

  @Override
  public long getConfigEpoch() {
    return view().configEpoch();
  }

  @Override
  public String getFailoverState() {
    return view().failoverState();
  }

  @Override
  public long getFailoverStateSinceEpochMs() {
    return view().failoverStateSinceEpochMs();
  }

  @Override
  public String getLeader() {
    return view().leader();
  }

  @Override
  public long getLeaderEpoch() {
    return view().leaderEpoch();
  }

  @Override
  public int getNumReplicas() {
    return view().replicas().size();
  }

  @Override
  public int getNumOtherSentinels() {
    return view().peers().size();
  }

  @Override
  public FailoverRecord getLastFailover() {
    return view().lastFailover();
  }

  @Override
  public String failover() {
    return OperationCall.await("failover " + name, ops.failover(name));
  }

  @Override
  public String checkQuorum() {
    return OperationCall.await("checkQuorum " + name, ops.checkQuorum(name));
  }

  @Override
  public String set(String option, String value) {
    return OperationCall.await("set " + name + " " + option, ops.set(name, option, value));
  }

  @Override
  public long reset() {
    return OperationCall.await(
        "reset " + name, ops.reset(dev.vigil.management.EngineOperations.literalPattern(name)));
  }
}
