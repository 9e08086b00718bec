package dev.vigil.agent;

/**
 * The Jedis version matrix with Vigil sidecars failing the primary over: the agent follows them
 * exactly as it follows real sentinels.
 */
class AgentFailoverVigilIT extends AgentFailoverMatrix {
  @Override
  SentinelBackend backend() {
    return SentinelBackend.vigilSidecars();
  }
}
