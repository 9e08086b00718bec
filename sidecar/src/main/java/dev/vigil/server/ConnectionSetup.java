package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespEncoder;
import dev.vigil.resp.RespRequestDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Builds a new connection's pipeline: byte counting, the reply encoder, the request decoder and the
 * command runner. Shared by the real server and the EmbeddedChannel tests.
 */
final class ConnectionSetup {
  private final ServerContext server;
  private final CommandDispatcher dispatcher;
  private final RespEncoder encoder = new RespEncoder();

  ConnectionSetup(ServerContext server, CommandDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  void setUp(Channel ch) {
    server.stats.connectionsReceived.incrementAndGet();
    if (server.clients.count() >= server.settings.maxClients()) {
      server.stats.rejectedConnections.incrementAndGet();
      ch.pipeline().addLast(encoder);
      ch.writeAndFlush(Resp.error("max number of clients reached"))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ClientSession session = server.clients.register(ch, server.now(), server.acl);
    ch.pipeline()
        .addLast(new TrafficCounter(server.stats, session))
        .addLast(encoder)
        .addLast(new RespRequestDecoder(server.settings.limits(), session::authRequired))
        .addLast(new ConnectionHandler(server, dispatcher, session));
  }
}
