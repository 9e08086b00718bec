package dev.vigil.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** What every command handler can reach: settings, users, clients, pub/sub, stats, hooks. */
final class ServerContext {
  final ServerSettings settings;
  final CommandTable table;
  final AclStore acl;
  final ClientRegistry clients = new ClientRegistry();
  final PubSubHub pubSub = new PubSubHub();
  final ServerStats stats = new ServerStats();
  final AclLog aclLog = new AclLog();
  final ServerHooks hooks;
  final LongSupplier clockMillis;
  final long startMillis;

  /** Addresses actually bound (for INFO listener lines and tcp_port). */
  final List<InetSocketAddress> listeners = new CopyOnWriteArrayList<>();

  ServerContext(ServerSettings settings, ServerHooks hooks, LongSupplier clockMillis) {
    this.settings = settings;
    this.table = CommandTable.sentinel();
    this.acl = new AclStore(table, settings.requirePass(), settings.aclUserLines());
    this.hooks = hooks;
    this.clockMillis = clockMillis;
    this.startMillis = clockMillis.getAsLong();
  }

  long now() {
    return clockMillis.getAsLong();
  }

  int tcpPort() {
    return listeners.isEmpty() ? settings.port() : listeners.get(0).getPort();
  }
}
