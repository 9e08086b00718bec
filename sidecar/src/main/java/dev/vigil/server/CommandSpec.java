package dev.vigil.server;

import dev.vigil.resp.RespValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the command table: a command or a container's subcommand.
 *
 * <p>{@code arity} follows Valkey: positive means exactly that many arguments (including the name,
 * and for a subcommand including the container name), negative means at least that many.
 */
public final class CommandSpec {
  private final String fullName;
  private final int arity;
  private final Set<String> flags;
  private final Set<String> aclCategories;
  private final RespValue info;
  private final CommandSpec parent;
  private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

  CommandSpec(
      String fullName,
      int arity,
      Set<String> flags,
      Set<String> aclCategories,
      RespValue info,
      CommandSpec parent) {
    this.fullName = fullName;
    this.arity = arity;
    this.flags = Set.copyOf(flags);
    this.aclCategories = Set.copyOf(aclCategories);
    this.info = info;
    this.parent = parent;
  }

  /** {@code ping}, or {@code client|list} for a subcommand; always lower case. */
  public String fullName() {
    return fullName;
  }

  /** The name within its container ({@code list} for {@code client|list}). */
  public String name() {
    int bar = fullName.indexOf('|');
    return bar < 0 ? fullName : fullName.substring(bar + 1);
  }

  public int arity() {
    return arity;
  }

  public boolean hasFlag(String flag) {
    return flags.contains(flag);
  }

  /** ACL categories without the {@code @}, e.g. {@code pubsub}. */
  public Set<String> aclCategories() {
    return aclCategories;
  }

  /** This command's COMMAND INFO entry, as Valkey 8 reports it in sentinel mode. */
  public RespValue info() {
    return info;
  }

  public CommandSpec parent() {
    return parent;
  }

  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  public Map<String, CommandSpec> subcommands() {
    return Collections.unmodifiableMap(subcommands);
  }

  public CommandSpec subcommand(String lowerName) {
    return subcommands.get(lowerName);
  }

  void addSubcommand(CommandSpec sub) {
    subcommands.put(sub.name(), sub);
  }

  /** Valkey's commandCheckArity. */
  public boolean acceptsArgc(int argc) {
    return arity > 0 ? argc == arity : argc >= -arity;
  }

  @Override
  public String toString() {
    return fullName + "/" + arity;
  }
}
