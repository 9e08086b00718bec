package dev.vigil.engine;

/**
 * Address checks without name resolution (the engine does no I/O): what {@code anetResolve} with
 * {@code ANET_IP_ONLY} accepts, and a syntactic hostname check for {@code resolve-hostnames yes}.
 */
final class Addresses {
  private Addresses() {}

  static boolean isIpLiteral(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3) {
        return false;
      }
      for (int i = 0; i < part.length(); i++) {
        if (!Character.isDigit(part.charAt(i))) {
          return false;
        }
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0 || s.length() > 45) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        continue;
      }
      if (i == groups.length - 1 && g.indexOf('.') >= 0) {
        if (!isIpv4(g)) {
          return false;
        }
        count += 2;
        continue;
      }
      if (g.length() > 4) {
        return false;
      }
      for (int k = 0; k < g.length(); k++) {
        if (Character.digit(g.charAt(k), 16) < 0) {
          return false;
        }
      }
      count++;
    }
    return doubleColon >= 0 ? count < 8 : count == 8;
  }

  static boolean isHostname(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
