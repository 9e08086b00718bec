package dev.vigil.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * All ACL users, sorted by name as Valkey lists them. Thread-safe: SETUSER builds a modified copy
 * and replaces the user in one step, so a command checked on another thread sees either the old or
 * the new permissions, never a half-applied rule list.
 */
final class AclStore {
  static final String DEFAULT_USER = "default";

  private final CommandTable table;
  private final ConcurrentSkipListMap<String, AclUser> users = new ConcurrentSkipListMap<>();

  /**
   * @param requirePass password of the default user (Sentinel's {@code requirepass}), or null
   * @param userLines {@code user} directives (without {@code user}): name then rules
   * @throws IllegalArgumentException if a line is invalid, with Valkey's reason
   */
  AclStore(CommandTable table, String requirePass, List<String> userLines) {
    this.table = table;
    AclUser def = AclUser.defaultUser(table);
    if (requirePass != null && !requirePass.isEmpty()) {
      try {
        def.apply("resetpass", table);
        def.apply(">" + requirePass, table);
      } catch (AclRuleException e) {
        throw new AssertionError(e);
      }
    }
    users.put(DEFAULT_USER, def);
    for (String line : userLines) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 0 || parts[0].isEmpty()) {
        throw new IllegalArgumentException("user line without a name: '" + line + "'");
      }
      List<String> rules = new ArrayList<>(List.of(parts).subList(1, parts.length));
      String error = setUser(parts[0], rules);
      if (error != null) {
        throw new IllegalArgumentException(
            "Error in user declaration '" + parts[0] + "': " + error);
      }
    }
  }

  AclUser user(String name) {
    return users.get(name);
  }

  AclUser defaultUser() {
    return users.get(DEFAULT_USER);
  }

  List<AclUser> users() {
    return List.copyOf(users.values());
  }

  /** Creates or modifies a user atomically; returns null, or the error text of ACL SETUSER. */
  synchronized String setUser(String name, List<String> rules) {
    AclUser existing = users.get(name);
    AclUser updated = existing == null ? AclUser.created(name) : existing.copy();
    for (String rule : rules) {
      try {
        updated.apply(rule, table);
      } catch (AclRuleException e) {
        return "Error in ACL SETUSER modifier '" + rule + "': " + e.getMessage();
      }
    }
    users.put(name, updated);
    return null;
  }

  synchronized boolean deleteUser(String name) {
    return users.remove(name) != null;
  }

  /** Valkey's ACLCheckUserCredentials: the user exists, is on, and the password matches. */
  AclUser authenticate(String name, String password) {
    AclUser u = users.get(name);
    return u != null && u.enabled() && u.passwordMatches(password) ? u : null;
  }

  /** True while a fresh connection must authenticate: the default user is off or has a password. */
  boolean authRequiredForNewConnections() {
    AclUser def = defaultUser();
    return !def.noPass() || !def.enabled();
  }
}
