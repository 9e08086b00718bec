package dev.vigil.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ACL user with Valkey's rule language ({@code ACL SETUSER} / {@code user} lines): on/off,
 * passwords (kept as SHA-256 hex), key patterns (kept only to be shown: a sentinel has no keys),
 * channel patterns, and command permissions per command and subcommand.
 *
 * <p>Instances are mutated only while being built (a copy per SETUSER, so a failing rule leaves the
 * user unchanged); the {@link AclStore} publishes finished copies.
 */
final class AclUser {
  private final String name;
  private boolean enabled;
  private boolean noPass;
  private final Set<String> passwordHashes = new LinkedHashSet<>();
  private boolean allKeys;
  private final List<String> keyPatterns = new ArrayList<>();
  private boolean allChannels;
  private final List<String> channelPatterns = new ArrayList<>();

  /** Full names ({@code ping}, {@code client|kill}) this user may run. */
  private final Set<String> allowedCommands = new HashSet<>();

  /** Set by +@all only: the user may also run commands added in the future (shown as +@all). */
  private boolean futureCommands;

  /** Allowed first arguments of commands without subcommands ({@code +select|0}). */
  private final Map<String, Set<String>> allowedFirstArgs = new HashMap<>();

  /** The command rules as the user wrote them, compacted the way Valkey does. */
  private final List<String> commandRules = new ArrayList<>();

  private AclUser(String name) {
    this.name = name;
  }

  /** A new user as ACL SETUSER creates it: {@code off sanitize-payload resetchannels -@all}. */
  static AclUser created(String name) {
    return new AclUser(name);
  }

  /** Sentinel's fresh default user: {@code on nopass sanitize-payload ~* &* +@all}. */
  static AclUser defaultUser(CommandTable table) {
    AclUser u = new AclUser("default");
    u.enabled = true;
    u.noPass = true;
    u.allKeys = true;
    u.allChannels = true;
    u.setAllCommands(true, table);
    return u;
  }

  AclUser copy() {
    AclUser c = new AclUser(name);
    c.enabled = enabled;
    c.noPass = noPass;
    c.passwordHashes.addAll(passwordHashes);
    c.allKeys = allKeys;
    c.keyPatterns.addAll(keyPatterns);
    c.allChannels = allChannels;
    c.channelPatterns.addAll(channelPatterns);
    c.allowedCommands.addAll(allowedCommands);
    c.futureCommands = futureCommands;
    allowedFirstArgs.forEach((k, v) -> c.allowedFirstArgs.put(k, new HashSet<>(v)));
    c.commandRules.addAll(commandRules);
    return c;
  }

  String name() {
    return name;
  }

  boolean enabled() {
    return enabled;
  }

  boolean noPass() {
    return noPass;
  }

  /** Valkey's ACLCheckUserCredentials, without the enabled check. */
  boolean passwordMatches(String password) {
    return noPass || passwordHashes.contains(sha256Hex(password));
  }

  /** Commands flagged no_auth (AUTH, HELLO) are allowed to everybody, as in Valkey. */
  boolean canRun(CommandSpec spec, List<byte[]> args) {
    if (spec.hasFlag("no_auth") || allowedCommands.contains(spec.fullName())) {
      return true;
    }
    Set<String> firstArgs = allowedFirstArgs.get(spec.fullName());
    return firstArgs != null
        && args.size() > 1
        && firstArgs.contains(
            new String(args.get(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
  }

  /**
   * Valkey's ACLCheckChannelAgainstList: a channel is matched against the patterns as a glob; a
   * pattern (PSUBSCRIBE) must equal one of the patterns literally.
   */
  boolean canAccessChannel(String channel, boolean isPattern) {
    if (allChannels) {
      return true;
    }
    for (String p : channelPatterns) {
      if (isPattern ? p.equals(channel) : GlobMatcher.matches(p, channel, false)) {
        return true;
      }
    }
    return false;
  }

  /** Applies one rule; throws with Valkey's reason if it is not valid. */
  void apply(String op, CommandTable table) throws AclRuleException {
    if (op.isEmpty()) {
      throw new AclRuleException(AclRuleException.SYNTAX);
    }
    switch (op.toLowerCase(Locale.ROOT)) {
      case "on" -> enabled = true;
      case "off" -> enabled = false;
      case "nopass" -> {
        noPass = true;
        passwordHashes.clear();
      }
      case "resetpass" -> {
        noPass = false;
        passwordHashes.clear();
      }
      case "allkeys", "~*" -> {
        allKeys = true;
        keyPatterns.clear();
      }
      case "resetkeys" -> {
        allKeys = false;
        keyPatterns.clear();
      }
      case "allchannels", "&*" -> {
        allChannels = true;
        channelPatterns.clear();
      }
      case "resetchannels" -> {
        allChannels = false;
        channelPatterns.clear();
      }
      case "allcommands", "+@all" -> setAllCommands(true, table);
      case "nocommands", "-@all" -> setAllCommands(false, table);
      case "sanitize-payload", "skip-sanitize-payload", "clearselectors" -> {
        // Payload sanitizing concerns RESTORE; a sentinel has no keys and no selectors.
      }
      case "reset" -> {
        noPass = false;
        passwordHashes.clear();
        allKeys = false;
        keyPatterns.clear();
        allChannels = false;
        channelPatterns.clear();
        enabled = false;
        setAllCommands(false, table);
      }
      default -> applyPrefixed(op, table);
    }
  }

  private void applyPrefixed(String op, CommandTable table) throws AclRuleException {
    char c = op.charAt(0);
    String rest = op.substring(1);
    switch (c) {
      case '>' -> {
        passwordHashes.add(sha256Hex(rest));
        noPass = false;
      }
      case '#' -> {
        passwordHashes.add(validHash(rest));
        noPass = false;
      }
      case '<' -> {
        if (!passwordHashes.remove(sha256Hex(rest))) {
          throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
        }
      }
      case '!' -> {
        if (!passwordHashes.remove(validHash(rest))) {
          throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
        }
      }
      case '~', '%' -> addKeyPattern(op);
      case '&' -> {
        if (allChannels) {
          throw new AclRuleException(AclRuleException.CHANNELS_AFTER_ALL);
        }
        if (!channelPatterns.contains(rest)) {
          channelPatterns.add(rest);
        }
      }
      case '+', '-' -> {
        if (rest.startsWith("@")) {
          applyCategory(rest.substring(1).toLowerCase(Locale.ROOT), c == '+', table);
        } else {
          applyCommand(rest.toLowerCase(Locale.ROOT), c == '+', table);
        }
      }
      default -> throw new AclRuleException(AclRuleException.SYNTAX);
    }
  }

  private void addKeyPattern(String op) throws AclRuleException {
    if (allKeys) {
      throw new AclRuleException(AclRuleException.KEYS_AFTER_ALL);
    }
    String shown = op;
    if (op.charAt(0) == '%') {
      int tilde = op.indexOf('~');
      String perms = tilde < 0 ? "" : op.substring(1, tilde).toUpperCase(Locale.ROOT);
      if (tilde < 0 || perms.isEmpty() || !perms.matches("[RW]+")) {
        throw new AclRuleException(AclRuleException.SYNTAX);
      }
      // Read+write is plain ~pattern, as Valkey prints it.
      shown =
          perms.contains("R") && perms.contains("W")
              ? op.substring(tilde)
              : "%" + perms + op.substring(tilde);
    }
    if (!keyPatterns.contains(shown)) {
      keyPatterns.add(shown);
    }
  }

  private void applyCategory(String category, boolean allow, CommandTable table)
      throws AclRuleException {
    if (category.equals("all")) {
      setAllCommands(allow, table);
      return;
    }
    if (!CommandTable.ACL_CATEGORIES.contains(category)) {
      throw new AclRuleException(AclRuleException.UNKNOWN_NAME);
    }
    for (CommandSpec spec : table.allWithSubcommands()) {
      if (spec.aclCategories().contains(category)) {
        setAllowed(spec, allow);
      }
    }
    updateRules("@" + category, allow);
  }

  private void applyCommand(String name, boolean allow, CommandTable table)
      throws AclRuleException {
    int bar = name.indexOf('|');
    CommandSpec cmd = table.command(bar < 0 ? name : name.substring(0, bar));
    if (cmd == null) {
      throw new AclRuleException(AclRuleException.UNKNOWN_NAME);
    }
    if (bar < 0) {
      setAllowed(cmd, allow);
      for (CommandSpec sub : cmd.subcommands().values()) {
        setAllowed(sub, allow);
      }
      updateRules(name, allow);
      return;
    }
    String sub = name.substring(bar + 1);
    if (cmd.isContainer()) {
      CommandSpec subSpec = cmd.subcommand(sub);
      if (subSpec == null) {
        throw new AclRuleException(AclRuleException.UNKNOWN_NAME);
      }
      setAllowed(subSpec, allow);
      updateRules(name, allow);
    } else {
      // A first-argument rule (+select|0): it can only add, as in Valkey.
      if (!allow || sub.isEmpty() || sub.indexOf('|') >= 0) {
        throw new AclRuleException(AclRuleException.UNKNOWN_NAME);
      }
      if (!allowedCommands.contains(cmd.fullName())) {
        allowedFirstArgs.computeIfAbsent(cmd.fullName(), k -> new HashSet<>()).add(sub);
      }
      updateRules(name, true);
    }
  }

  private void setAllowed(CommandSpec spec, boolean allow) {
    allowedFirstArgs.remove(spec.fullName());
    if (allow) {
      allowedCommands.add(spec.fullName());
    } else {
      allowedCommands.remove(spec.fullName());
    }
  }

  private void setAllCommands(boolean allow, CommandTable table) {
    allowedCommands.clear();
    allowedFirstArgs.clear();
    commandRules.clear();
    futureCommands = allow;
    if (allow) {
      for (CommandSpec spec : table.allWithSubcommands()) {
        allowedCommands.add(spec.fullName());
      }
    }
  }

  /**
   * Valkey's ACLUpdateCommandRules: an earlier rule for the same command (and, for a container, for
   * its subcommands) is dropped before the new rule is appended, so the description stays short and
   * replays to the same permissions.
   */
  private void updateRules(String name, boolean allow) {
    commandRules.removeIf(
        r -> {
          String n = r.substring(1);
          return n.equals(name) || (name.indexOf('|') < 0 && n.startsWith(name + "|"));
        });
    commandRules.add((allow ? "+" : "-") + name);
  }

  /** The command part of ACL LIST / GETUSER: {@code +@all -client|kill}. */
  String describeCommands() {
    StringBuilder sb = new StringBuilder(futureCommands ? "+@all" : "-@all");
    for (String r : commandRules) {
      sb.append(' ').append(r);
    }
    return sb.toString();
  }

  String describeKeys() {
    return allKeys ? "~*" : String.join(" ", keyPatterns);
  }

  String describeChannels() {
    if (allChannels) {
      return "&*";
    }
    List<String> out = new ArrayList<>();
    for (String p : channelPatterns) {
      out.add("&" + p);
    }
    return String.join(" ", out);
  }

  List<String> flags() {
    List<String> flags = new ArrayList<>();
    flags.add(enabled ? "on" : "off");
    if (noPass) {
      flags.add("nopass");
    }
    flags.add("sanitize-payload");
    return flags;
  }

  List<String> passwordHashes() {
    return List.copyOf(passwordHashes);
  }

  /** One ACL LIST line, in Valkey's order. */
  String describe() {
    StringBuilder sb = new StringBuilder("user ").append(name);
    for (String f : flags()) {
      sb.append(' ').append(f);
    }
    for (String h : passwordHashes) {
      sb.append(" #").append(h);
    }
    String keys = describeKeys();
    if (!keys.isEmpty()) {
      sb.append(' ').append(keys);
    }
    if (allChannels) {
      sb.append(" &*");
    } else {
      sb.append(" resetchannels");
      for (String p : channelPatterns) {
        sb.append(" &").append(p);
      }
    }
    return sb.append(' ').append(describeCommands()).toString();
  }

  private static String validHash(String hash) throws AclRuleException {
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new AclRuleException(AclRuleException.BAD_HASH);
    }
    return hash;
  }

  static String sha256Hex(String password) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
