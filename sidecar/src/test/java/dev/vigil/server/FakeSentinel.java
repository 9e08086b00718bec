package dev.vigil.server;

import dev.vigil.resp.Resp;
import dev.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the engine in protocol tests: answers a few SENTINEL subcommands, records hello
 * payloads, SHUTDOWN requests and every SENTINEL call it receives.
 */
final class FakeSentinel {
  final List<String> hellos = new CopyOnWriteArrayList<>();
  final List<String> sentinelCalls = new CopyOnWriteArrayList<>();
  final AtomicInteger shutdowns = new AtomicInteger();
  volatile String infoSection =
      "sentinel_masters:1\r\nsentinel_tilt:0\r\nsentinel_tilt_since_seconds:-1\r\n"
          + "sentinel_running_scripts:0\r\nsentinel_scripts_queue_length:0\r\n"
          + "sentinel_simulate_failure_flags:0\r\n"
          + "master0:name=mymaster,status=ok,address=127.0.0.1:6379,slaves=0,sentinels=1\r\n";
  volatile List<String> primaries = List.of("mymaster");

  /** When set, SENTINEL replies are completed later by this executor (like an engine thread). */
  volatile java.util.concurrent.Executor asyncReplies;

  ServerHooks hooks() {
    return new ServerHooks(
        this::sentinel,
        new SentinelStatus() {
          @Override
          public String infoSection() {
            return infoSection;
          }

          @Override
          public List<String> primaryNames() {
            return primaries;
          }
        },
        hellos::add,
        shutdowns::incrementAndGet);
  }

  private CompletionStage<RespValue> sentinel(
      String subcommand, List<byte[]> args, ClientView client) {
    StringBuilder sb = new StringBuilder(subcommand);
    for (byte[] a : args.subList(2, args.size())) {
      sb.append(' ').append(new String(a, StandardCharsets.UTF_8));
    }
    sentinelCalls.add(sb.toString());
    RespValue reply =
        switch (subcommand) {
          case "myid" -> Resp.bulk("0123456789012345678901234567890123456789");
          case "get-master-addr-by-name", "get-primary-addr-by-name" ->
              new String(args.get(2), StandardCharsets.UTF_8).equals("mymaster")
                  ? Resp.array(Resp.bulk("127.0.0.1"), Resp.bulk("6379"))
                  : Resp.NULL_ARRAY;
          case "failover" -> throw new IllegalStateException("engine exploded");
          default -> Resp.error("-FAKE " + subcommand + " from client " + client.id());
        };
    java.util.concurrent.Executor async = asyncReplies;
    return async == null
        ? CompletableFuture.completedFuture(reply)
        : CompletableFuture.supplyAsync(() -> reply, async);
  }
}
