package dev.vigil.server;

/**
 * Receives the payload of {@code PUBLISH __sentinel__:hello <payload>} sent by another sentinel
 * (the hello protocol). Called on a network thread; hand the work over, don't block.
 */
@FunctionalInterface
public interface HelloMessageHandler {
  void onHello(String payload);
}
