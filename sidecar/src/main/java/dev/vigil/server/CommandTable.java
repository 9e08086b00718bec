package dev.vigil.server;

import dev.vigil.resp.RespReader;
import dev.vigil.resp.RespValue;
import dev.vigil.resp.RespValue.ArrayReply;
import dev.vigil.resp.RespValue.BulkString;
import dev.vigil.resp.RespValue.Entry;
import dev.vigil.resp.RespValue.IntegerReply;
import dev.vigil.resp.RespValue.MapReply;
import dev.vigil.resp.RespValue.SetReply;
import dev.vigil.resp.RespValue.SimpleString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The commands a sentinel serves, with arity, flags, ACL categories and subcommands.
 *
 * <p>Loaded from two resources captured from a real {@code valkey-sentinel} 8.0.1 with {@code HELLO
 * 3} then {@code COMMAND INFO} and {@code COMMAND DOCS}: they are Valkey's own command metadata
 * (src/commands/*.json, filtered to sentinel mode), so arities, flags and categories are exactly
 * Valkey's and COMMAND INFO/DOCS can answer byte for byte. To regenerate, run a sentinel and save
 * the raw RESP3 replies to those two commands.
 */
public final class CommandTable {
  static final String INFO_RESOURCE = "sentinel-command-info.resp3";
  static final String DOCS_RESOURCE = "sentinel-command-docs.resp3";

  /** ACL categories in Valkey's order (ACL CAT without arguments). */
  public static final List<String> ACL_CATEGORIES =
      List.of(
          "keyspace",
          "read",
          "write",
          "set",
          "sortedset",
          "list",
          "hash",
          "string",
          "bitmap",
          "hyperloglog",
          "geo",
          "stream",
          "pubsub",
          "admin",
          "fast",
          "slow",
          "blocking",
          "dangerous",
          "connection",
          "transaction",
          "scripting");

  private final Map<String, CommandSpec> commands;
  private final Map<String, RespValue> docs;

  private CommandTable(Map<String, CommandSpec> commands, Map<String, RespValue> docs) {
    this.commands = commands;
    this.docs = docs;
  }

  /** The table of Valkey 8.0.1 in sentinel mode. */
  public static CommandTable sentinel() {
    return Holder.SENTINEL;
  }

  private static final class Holder {
    static final CommandTable SENTINEL = load(read(INFO_RESOURCE), read(DOCS_RESOURCE));
  }

  private static byte[] read(String resource) {
    try (InputStream in = CommandTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CommandTable load(byte[] infoReply, byte[] docsReply) {
    Map<String, CommandSpec> commands = new LinkedHashMap<>();
    for (RespValue entry : ((ArrayReply) new RespReader(infoReply).read()).elements()) {
      CommandSpec spec = parseInfo(entry, null);
      commands.put(spec.fullName(), spec);
    }
    Map<String, RespValue> docs = new LinkedHashMap<>();
    for (Entry e : ((MapReply) new RespReader(docsReply).read()).entries()) {
      docs.put(text(e.key()), e.value());
    }
    return new CommandTable(Collections.unmodifiableMap(commands), docs);
  }

  private static CommandSpec parseInfo(RespValue value, CommandSpec parent) {
    List<RespValue> f = ((ArrayReply) value).elements();
    String name = text(f.get(0)).toLowerCase(Locale.ROOT);
    int arity = (int) ((IntegerReply) f.get(1)).value();
    Set<String> flags = new LinkedHashSet<>();
    for (RespValue v : elements(f.get(2))) {
      flags.add(text(v));
    }
    Set<String> categories = new LinkedHashSet<>();
    for (RespValue v : elements(f.get(6))) {
      categories.add(text(v).substring(1));
    }
    CommandSpec spec = new CommandSpec(name, arity, flags, categories, value, parent);
    for (RespValue sub : elements(f.get(9))) {
      spec.addSubcommand(parseInfo(sub, spec));
    }
    return spec;
  }

  private static List<RespValue> elements(RespValue v) {
    if (v instanceof ArrayReply a) {
      return a.elements();
    }
    if (v instanceof SetReply s) {
      return s.elements();
    }
    throw new IllegalArgumentException("not an array or set: " + v);
  }

  static String text(RespValue v) {
    if (v instanceof BulkString b) {
      return b.utf8();
    }
    if (v instanceof SimpleString s) {
      return s.text();
    }
    throw new IllegalArgumentException("not a string: " + v);
  }

  /** A top-level command by lower-case name, or null. */
  public CommandSpec command(String lowerName) {
    return commands.get(lowerName);
  }

  /**
   * A command or subcommand by full name ({@code ping}, {@code client|list}), case-insensitive, or
   * null.
   */
  public CommandSpec byFullName(String fullName) {
    String lower = fullName.toLowerCase(Locale.ROOT);
    int bar = lower.indexOf('|');
    if (bar < 0) {
      return commands.get(lower);
    }
    CommandSpec container = commands.get(lower.substring(0, bar));
    return container == null ? null : container.subcommand(lower.substring(bar + 1));
  }

  /** Top-level commands in table order. */
  public List<CommandSpec> commands() {
    return List.copyOf(commands.values());
  }

  /** Every command, each container followed by its subcommands (COMMAND LIST order). */
  public List<CommandSpec> allWithSubcommands() {
    List<CommandSpec> out = new ArrayList<>();
    for (CommandSpec c : commands.values()) {
      out.add(c);
      out.addAll(c.subcommands().values());
    }
    return out;
  }

  /** The COMMAND DOCS entry of a top-level command, or null. */
  public RespValue docs(String lowerName) {
    return docs.get(lowerName);
  }
}
