package dev.vigil.server;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shown in INFO stats; updated from every event loop. */
final class ServerStats {
  final AtomicLong connectionsReceived = new AtomicLong();
  final AtomicLong rejectedConnections = new AtomicLong();
  final AtomicLong commandsProcessed = new AtomicLong();
  final AtomicLong netInputBytes = new AtomicLong();
  final AtomicLong netOutputBytes = new AtomicLong();
  final AtomicLong readsProcessed = new AtomicLong();
  final AtomicLong writesProcessed = new AtomicLong();
  final AtomicLong errorReplies = new AtomicLong();
  final AtomicLong aclDeniedAuth = new AtomicLong();
  final AtomicLong aclDeniedCmd = new AtomicLong();
  final AtomicLong aclDeniedChannel = new AtomicLong();
}
