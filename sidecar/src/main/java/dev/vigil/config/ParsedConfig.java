package dev.vigil.config;

import dev.vigil.engine.state.SentinelState;
import java.util.List;

/**
 * A configuration file as read: its original lines (split on {@code \n}, so a file ending with a
 * newline has a last empty line, exactly as Sentinel's rewriter sees it) and what they mean.
 */
public record ParsedConfig(
    List<String> lines, SentinelState state, ServerOptions server, VigilOptions vigil) {
  public ParsedConfig {
    lines = List.copyOf(lines);
  }
}
