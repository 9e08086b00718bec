package dev.vigil.server;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every connected client, by id. Ids start at 1 and are never reused, as in Valkey. */
final class ClientRegistry {
  private final AtomicLong nextId = new AtomicLong(1);
  private final ConcurrentHashMap<Long, ClientSession> clients = new ConcurrentHashMap<>();

  ClientSession register(Channel channel, long nowMillis, AclStore acl) {
    ClientSession s = new ClientSession(nextId.getAndIncrement(), channel, nowMillis, acl);
    clients.put(s.id(), s);
    return s;
  }

  void unregister(ClientSession session) {
    clients.remove(session.id());
  }

  int count() {
    return clients.size();
  }

  /** Snapshot ordered by id (CLIENT LIST order). */
  List<ClientSession> all() {
    List<ClientSession> out = new ArrayList<>(clients.values());
    out.sort(Comparator.comparingLong(ClientSession::id));
    return out;
  }

  ClientSession byId(long id) {
    return clients.get(id);
  }
}
