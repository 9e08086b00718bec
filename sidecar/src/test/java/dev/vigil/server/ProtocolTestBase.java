package dev.vigil.server;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Builds a server context with a fake engine and opens EmbeddedChannel connections to it. */
abstract class ProtocolTestBase {
  final FakeSentinel fake = new FakeSentinel();
  ServerContext server;
  CommandDispatcher dispatcher;
  private final List<Wire> wires = new ArrayList<>();

  void start(ServerSettings settings) {
    server = new ServerContext(settings, fake.hooks(), System::currentTimeMillis);
    dispatcher = new CommandDispatcher(server);
  }

  static ServerSettings settings() {
    return ServerSettings.defaults("9a109eebd85ae0e4b58c56af7993d8fb285b0d16").withPort(0);
  }

  Wire connect() {
    if (server == null) {
      start(settings());
    }
    Wire w = Wire.connect(server, dispatcher);
    wires.add(w);
    return w;
  }

  @AfterEach
  void closeWires() {
    wires.forEach(Wire::close);
  }
}
