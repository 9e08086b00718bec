package dev.vigil.server;

import static dev.vigil.resp.Resp.bulk;
import static dev.vigil.resp.Resp.entry;
import static dev.vigil.resp.Resp.integer;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespProtocol;
import dev.vigil.resp.RespValue;
import java.util.List;

/** PING, AUTH and HELLO, as Valkey implements them. */
final class ConnectionCommands {
  static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.";

  /** PING [message]; in RESP2 subscribed mode the reply is {@code ["pong", message or ""]}. */
  void ping(CommandCall call) {
    if (call.argc() > 2) {
      call.error("wrong number of arguments for 'ping' command");
      return;
    }
    boolean subscribedResp2 =
        call.session.inPubSubMode() && call.session.protocol() == RespProtocol.RESP2;
    if (subscribedResp2) {
      call.reply(Resp.array(bulk("pong"), call.argc() == 1 ? bulk("") : bulk(call.args.get(1))));
    } else if (call.argc() == 1) {
      call.reply(Resp.PONG);
    } else {
      call.reply(bulk(call.args.get(1)));
    }
  }

  /** AUTH [username] password. */
  void auth(CommandCall call) {
    if (call.argc() > 3) {
      call.error("syntax error");
      return;
    }
    String user;
    String password;
    if (call.argc() == 2) {
      if (call.server.acl.defaultUser().noPass()) {
        call.error(
            "AUTH <password> called without any password configured for the default user. Are"
                + " you sure your configuration is correct?");
        return;
      }
      user = AclStore.DEFAULT_USER;
      password = call.arg(1);
    } else {
      user = call.arg(1);
      password = call.arg(2);
    }
    if (authenticate(call, user, password)) {
      call.reply(Resp.OK);
    } else {
      call.error(WRONGPASS);
    }
  }

  private static boolean authenticate(CommandCall call, String user, String password) {
    AclUser u = call.server.acl.authenticate(user, password);
    if (u == null) {
      call.server.stats.aclDeniedAuth.incrementAndGet();
      long now = call.server.now();
      call.server.aclLog.add("auth", "AUTH", user, ClientCommand.describe(call.session, now), now);
      return false;
    }
    call.session.authenticatedAs(u.name());
    return true;
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]]. */
  void hello(CommandCall call) {
    long version = 0;
    int next = 1;
    if (call.argc() >= 2) {
      try {
        version = Long.parseLong(call.arg(next++));
      } catch (NumberFormatException e) {
        call.error("Protocol version is not an integer or out of range");
        return;
      }
      if (version < 2 || version > 3) {
        // Valkey 8's text; Redis 7 says "-NOPROTO sorry, this protocol version is not supported."
        call.error("-NOPROTO unsupported protocol version");
        return;
      }
    }
    String user = null;
    String password = null;
    String clientName = null;
    for (int j = next; j < call.argc(); j++) {
      int more = call.argc() - 1 - j;
      String opt = call.arg(j);
      if (opt.equalsIgnoreCase("AUTH") && more >= 2) {
        user = call.arg(j + 1);
        password = call.arg(j + 2);
        j += 2;
      } else if (opt.equalsIgnoreCase("SETNAME") && more >= 1) {
        clientName = call.arg(j + 1);
        j++;
      } else {
        call.error("Syntax error in HELLO option '" + opt + "'");
        return;
      }
    }
    if (user != null && !authenticate(call, user, password)) {
      call.error(WRONGPASS);
      return;
    }
    if (call.session.authRequired()) {
      call.error(
          "-NOAUTH HELLO must be called with the client already authenticated, otherwise the"
              + " HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client"
              + " and select the RESP protocol version at the same time");
      return;
    }
    if (clientName != null) {
      String invalid = ClientCommand.validateName(clientName, "Client names");
      if (invalid != null) {
        call.error(invalid);
        return;
      }
      call.session.setName(clientName);
    }
    if (version != 0) {
      call.session.setProtocol(RespProtocol.ofVersion((int) version));
    }
    call.reply(helloMap(call));
  }

  /** Sentinel mode: six fields, no {@code role}. */
  private static RespValue helloMap(CommandCall call) {
    ServerSettings s = call.server.settings;
    boolean redis = s.extendedRedisCompatibility();
    return Resp.map(
        List.of(
            entry("server", bulk(redis ? "redis" : "valkey")),
            entry("version", bulk(redis ? s.redisVersion() : s.valkeyVersion())),
            entry("proto", integer(call.session.protocolVersion())),
            entry("id", integer(call.session.id())),
            entry("mode", bulk("sentinel")),
            entry("modules", Resp.EMPTY_ARRAY)));
  }
}
