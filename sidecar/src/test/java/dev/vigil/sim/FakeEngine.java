package dev.vigil.sim;

import dev.vigil.engine.Inbound;
import dev.vigil.engine.Outbound;
import dev.vigil.engine.Outbox;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.state.SentinelState;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted stand-in for the engine, for testing the harness itself: it records what the transport
 * delivers and lets the test send requests through the real outbox.
 */
final class FakeEngine implements EngineProcess {
  /** One delivered message and when. */
  record Received(long atMs, Inbound message) {}

  final Outbox outbox;
  final SimScheduler scheduler;
  final List<Received> received = new ArrayList<>();
  final List<String> hellos = new ArrayList<>();
  private final SentinelState state;
  private long nextId = 1;

  FakeEngine(SentinelState state, Outbox outbox, SimScheduler scheduler) {
    this.state = state;
    this.outbox = outbox;
    this.scheduler = scheduler;
  }

  static EngineFactory factory(SimScheduler[] schedulerHolder, List<FakeEngine> created) {
    return (initial, options, clock, random, outbox, events, store) -> {
      FakeEngine f = new FakeEngine(initial, outbox, schedulerHolder[0]);
      created.add(f);
      return f;
    };
  }

  long nextId() {
    return nextId++;
  }

  void send(Outbound request) {
    outbox.send(request);
  }

  <T extends Inbound> List<T> received(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Received r : received) {
      if (type.isInstance(r.message())) {
        out.add(type.cast(r.message()));
      }
    }
    return out;
  }

  @Override
  public void start() {}

  @Override
  public long poll(long nowMs) {
    return nowMs + 100_000;
  }

  @Override
  public void handle(Inbound message) {
    received.add(new Received(scheduler == null ? -1 : scheduler.nowMs(), message));
  }

  @Override
  public SentinelEngine.IsDownAnswer isMasterDownByAddr(
      String ip, int port, long epoch, String runid) {
    return new SentinelEngine.IsDownAnswer(false, "*", 0);
  }

  @Override
  public void processHello(String payload) {
    hellos.add(payload);
  }

  @Override
  public String failover(String masterName) {
    return null;
  }

  @Override
  public SentinelState state() {
    return state;
  }
}
