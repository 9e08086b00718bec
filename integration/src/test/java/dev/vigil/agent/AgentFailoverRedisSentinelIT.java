package dev.vigil.agent;

/** The matrix again with real {@code redis-sentinel} failing the primary over. */
class AgentFailoverRedisSentinelIT extends AgentFailoverMatrix {
  @Override
  SentinelBackend backend() {
    return SentinelBackend.redisSentinel();
  }
}
