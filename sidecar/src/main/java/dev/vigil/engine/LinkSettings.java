package dev.vigil.engine;

import java.util.Map;

/**
 * How a link authenticates and names commands: {@code AUTH [user] pass} right after connecting
 * (reply ignored, as Sentinel does) and {@code rename-command} mappings applied to every command
 * sent on it (keys upper-case original names, values the renamed names).
 */
public record LinkSettings(
    String authUser, String authPass, Map<String, String> renamedCommands, String clientName) {
  public LinkSettings {
    renamedCommands = Map.copyOf(renamedCommands);
  }

  public static final LinkSettings NONE = new LinkSettings(null, null, Map.of(), null);
}
