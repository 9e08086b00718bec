/**
 * The outbound transport: Netty links from the sidecar to Valkey nodes and peer sentinels,
 * implementing the engine's {@link dev.vigil.engine.Outbox}. A small RESP2 client codec ({@link
 * dev.vigil.link.RespReplyDecoder}, {@link dev.vigil.link.RespCommandEncoder}), the exact command
 * lines Sentinel sends ({@link dev.vigil.link.WireCommands}), Sentinel's reply acceptance rules
 * ({@link dev.vigil.link.ReplyMapper}) and one connection per link ({@link
 * dev.vigil.link.NodeLink}) on a single event loop ({@link dev.vigil.link.NettyTransport}). Answers
 * go to an {@link dev.vigil.link.InboundSink}, never to the engine directly.
 */
package dev.vigil.link;
