package dev.vigil.sim;

import dev.vigil.engine.FencingSettings;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.state.SentinelState;

/**
 * The engine entry points the simulation drives. {@link #of(SentinelEngine)} adapts the real
 * engine; harness tests use scripted fakes.
 */
interface EngineProcess {
  void start();

  long poll(long nowMs);

  void handle(Inbound message);

  SentinelEngine.IsDownAnswer isMasterDownByAddr(String ip, int port, long epoch, String runid);

  void processHello(String payload);

  String failover(String masterName);

  SentinelState state();

  /** Vigil's self-fencing settings, before {@link #start()}; ignored by harness fakes. */
  default void setFencing(FencingSettings settings) {}

  static EngineProcess of(SentinelEngine engine) {
    return new EngineProcess() {
      @Override
      public void start() {
        engine.start();
      }

      @Override
      public long poll(long nowMs) {
        return engine.poll(nowMs);
      }

      @Override
      public void handle(Inbound message) {
        engine.handle(message);
      }

      @Override
      public SentinelEngine.IsDownAnswer isMasterDownByAddr(
          String ip, int port, long epoch, String runid) {
        return engine.isMasterDownByAddr(ip, port, epoch, runid);
      }

      @Override
      public void processHello(String payload) {
        engine.processHello(payload);
      }

      @Override
      public String failover(String masterName) {
        return engine.failover(masterName);
      }

      @Override
      public SentinelState state() {
        return engine.state();
      }

      @Override
      public void setFencing(FencingSettings settings) {
        engine.setFencing(settings);
      }
    };
  }
}
