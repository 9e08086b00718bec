package dev.vigil.sim;

import dev.vigil.engine.Inbound;
import dev.vigil.engine.SentinelEngine;
import dev.vigil.engine.StateStore;
import dev.vigil.engine.state.SentinelState;

/**
 * Deliberately broken engine variants that the simulation must catch.
 *
 * <p>{@link #votePersistedAfterReply()} is built around the real engine: saves requested while it
 * answers is-master-down-by-addr are held back and written at its next poll, i.e. the vote reply
 * leaves before the vote reaches the disk. A crash in between loses the vote.
 */
final class BrokenEngines {
  private BrokenEngines() {}

  /** The real engine whose sidecar never fences its node (as with {@code vigil fencing no}). */
  static EngineFactory fencingSwitchedOff() {
    return (initial, options, clock, random, outbox, events, store) -> {
      EngineProcess real =
          EngineFactory.REAL.create(initial, options, clock, random, outbox, events, store);
      return new EngineProcess() {
        @Override
        public void start() {
          real.start();
        }

        @Override
        public long poll(long nowMs) {
          return real.poll(nowMs);
        }

        @Override
        public void handle(Inbound message) {
          real.handle(message);
        }

        @Override
        public SentinelEngine.IsDownAnswer isMasterDownByAddr(
            String ip, int port, long epoch, String runid) {
          return real.isMasterDownByAddr(ip, port, epoch, runid);
        }

        @Override
        public void processHello(String payload) {
          real.processHello(payload);
        }

        @Override
        public String failover(String masterName) {
          return real.failover(masterName);
        }

        @Override
        public SentinelState state() {
          return real.state();
        }
        // setFencing: the default, which ignores the settings
      };
    };
  }

  static EngineFactory votePersistedAfterReply() {
    return (initial, options, clock, random, outbox, events, store) -> {
      DeferringStore deferring = new DeferringStore(store);
      EngineProcess real =
          EngineFactory.REAL.create(initial, options, clock, random, outbox, events, deferring);
      return new EngineProcess() {
        @Override
        public void start() {
          real.start();
        }

        @Override
        public long poll(long nowMs) {
          deferring.flush();
          return real.poll(nowMs);
        }

        @Override
        public void handle(Inbound message) {
          deferring.flush();
          real.handle(message);
        }

        @Override
        public SentinelEngine.IsDownAnswer isMasterDownByAddr(
            String ip, int port, long epoch, String runid) {
          deferring.holding = true;
          try {
            return real.isMasterDownByAddr(ip, port, epoch, runid);
          } finally {
            deferring.holding = false;
          }
        }

        @Override
        public void processHello(String payload) {
          deferring.flush();
          real.processHello(payload);
        }

        @Override
        public String failover(String masterName) {
          deferring.flush();
          return real.failover(masterName);
        }

        @Override
        public SentinelState state() {
          return real.state();
        }
      };
    };
  }

  /** Holds saves while {@code holding}; writes the latest held state on {@link #flush()}. */
  private static final class DeferringStore implements StateStore {
    private final StateStore target;
    boolean holding;
    private SentinelState held;

    DeferringStore(StateStore target) {
      this.target = target;
    }

    @Override
    public boolean save(SentinelState state) {
      if (holding) {
        held = state;
        return true;
      }
      held = null;
      return target.save(state);
    }

    void flush() {
      if (held != null) {
        SentinelState s = held;
        held = null;
        target.save(s);
      }
    }
  }
}
