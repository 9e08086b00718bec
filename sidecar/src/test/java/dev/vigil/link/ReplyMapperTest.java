package dev.vigil.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.Endpoint;
import dev.vigil.engine.Inbound;
import dev.vigil.engine.Outbound;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyMapperTest {
  private static final Endpoint EP = Endpoint.sentinel("127.0.0.1", 26379);

  @Test
  void pingPassesStatusAndErrorTextAndFlagsOtherTypes() {
    assertEquals(
        new Inbound.PingReply(EP, 1, "PONG", false),
        ReplyMapper.answer(new Outbound.Ping(EP, 1), new RespReply.Status("PONG")));
    assertEquals(
        new Inbound.PingReply(EP, 1, "LOADING Valkey is loading", true),
        ReplyMapper.answer(
            new Outbound.Ping(EP, 1), new RespReply.Error("LOADING Valkey is loading")));
    assertEquals(
        new Inbound.PingReply(EP, 1, "unexpected bulk string", true),
        ReplyMapper.answer(new Outbound.Ping(EP, 1), new RespReply.Bulk("PONG")));
  }

  @Test
  void fenceReadingNeedsBothLimits() {
    Outbound.FenceQuery q = new Outbound.FenceQuery(EP, 3);
    assertEquals(
        new Inbound.FenceConfig(EP, 3, 1_000_000_002L, 10),
        ReplyMapper.answer(
            q,
            new RespReply.Array(
                List.of(
                    new RespReply.Bulk("min-replicas-to-write"),
                    new RespReply.Bulk("1000000002"),
                    new RespReply.Bulk("min-replicas-max-lag"),
                    new RespReply.Bulk("10")))));
    assertEquals(
        new Inbound.CommandFailed(EP, 3, "unexpected reply: array of 2"),
        ReplyMapper.answer(
            q,
            new RespReply.Array(
                List.of(new RespReply.Bulk("min-replicas-to-write"), new RespReply.Bulk("1")))));
    assertEquals(
        new Inbound.CommandFailed(EP, 4, "NOPERM no permission"),
        ReplyMapper.answer(
            new Outbound.SetFence(EP, 4, 1, 1), new RespReply.Error("NOPERM no permission")));
    assertEquals(
        new Inbound.FenceApplied(EP, 4),
        ReplyMapper.answer(new Outbound.SetFence(EP, 4, 1, 1), new RespReply.Status("OK")));
  }

  @Test
  void infoNeedsABulkString() {
    assertEquals(
        new Inbound.InfoReply(EP, 2, "role:master\r\n"),
        ReplyMapper.answer(new Outbound.Info(EP, 2), new RespReply.Bulk("role:master\r\n")));
    assertEquals(
        new Inbound.CommandFailed(EP, 2, "BUSY script"),
        ReplyMapper.answer(new Outbound.Info(EP, 2), new RespReply.Error("BUSY script")));
    assertEquals(
        new Inbound.CommandFailed(EP, 2, "unexpected reply: null bulk"),
        ReplyMapper.answer(new Outbound.Info(EP, 2), new RespReply.Bulk(null)));
  }

  @Test
  void publishIsOkUnlessAnError() {
    Outbound hello = new Outbound.PublishHello(EP, 3, "x");
    assertEquals(
        new Inbound.PublishReply(EP, 3, true), ReplyMapper.answer(hello, new RespReply.Int(0)));
    assertEquals(
        new Inbound.PublishReply(EP, 3, false),
        ReplyMapper.answer(hello, new RespReply.Error("NOPERM")));
  }

  @Test
  void askAcceptsExactlyIntegerBulkInteger() {
    Outbound ask = new Outbound.AskMasterDown(EP, 4, "10.0.0.1", 6379, 5, "*");
    assertEquals(
        new Inbound.AskReply(EP, 4, 1, "abc", 5),
        ReplyMapper.answer(
            ask,
            new RespReply.Array(
                List.of(new RespReply.Int(1), new RespReply.Bulk("abc"), new RespReply.Int(5)))));
    assertEquals(
        new Inbound.CommandFailed(EP, 4, "unexpected reply: array of 3"),
        ReplyMapper.answer(
            ask,
            new RespReply.Array(
                List.of(new RespReply.Int(1), new RespReply.Status("abc"), new RespReply.Int(5)))));
    assertEquals(
        new Inbound.CommandFailed(EP, 4, "unexpected reply: array of 2"),
        ReplyMapper.answer(
            ask, new RespReply.Array(List.of(new RespReply.Int(1), new RespReply.Bulk("a")))));
    assertEquals(
        new Inbound.CommandFailed(EP, 4, "ERR unknown command"),
        ReplyMapper.answer(ask, new RespReply.Error("ERR unknown command")));
  }
}
