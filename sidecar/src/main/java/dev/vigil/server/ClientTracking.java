package dev.vigil.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO state of one connection. A sentinel has no
 * keys, so no invalidation is ever sent; the modes, their validation and their reporting follow
 * Valkey so clients that switch tracking on (e.g. for client-side caching) get the answers they
 * expect. Touched only on the connection's event loop.
 */
final class ClientTracking {
  private volatile boolean on;
  private boolean bcast;
  private boolean optIn;
  private boolean optOut;
  private boolean noLoop;
  private long redirect;
  private final List<String> prefixes = new ArrayList<>();
  private String caching; // "caching-yes" / "caching-no" for the next command, or null

  /** Returns null on success or Valkey's error text. */
  String configure(List<String> args, ClientRegistry clients) {
    String mode = args.get(0).toLowerCase(Locale.ROOT);
    boolean wantBcast = false;
    boolean wantOptIn = false;
    boolean wantOptOut = false;
    boolean wantNoLoop = false;
    long wantRedirect = 0;
    List<String> wantPrefixes = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String opt = args.get(i).toLowerCase(Locale.ROOT);
      boolean more = i + 1 < args.size();
      switch (opt) {
        case "redirect" -> {
          if (!more) {
            return "syntax error";
          }
          if (wantRedirect != 0) {
            return "A client can only redirect to a single other client";
          }
          try {
            wantRedirect = Long.parseLong(args.get(++i));
          } catch (NumberFormatException e) {
            return "value is not an integer or out of range";
          }
          if (clients.byId(wantRedirect) == null) {
            return "The client ID you want redirect to does not exist";
          }
        }
        case "bcast" -> wantBcast = true;
        case "optin" -> wantOptIn = true;
        case "optout" -> wantOptOut = true;
        case "noloop" -> wantNoLoop = true;
        case "prefix" -> {
          if (!more) {
            return "syntax error";
          }
          wantPrefixes.add(args.get(++i));
        }
        default -> {
          return "syntax error";
        }
      }
    }
    if (mode.equals("on")) {
      if (!wantBcast && !wantPrefixes.isEmpty()) {
        return "PREFIX option requires BCAST mode to be enabled";
      }
      if (on && bcast != wantBcast) {
        return "You can't switch BCAST mode on/off before disabling tracking for this client, and"
            + " then re-enabling it with a different mode.";
      }
      if (wantOptIn && wantBcast) {
        return "OPTIN and OPTOUT are not compatible with BCAST";
      }
      if (wantOptIn && wantOptOut) {
        return "You can't specify both OPTIN mode and OPTOUT mode";
      }
      if (on && ((wantOptIn && optOut) || (wantOptOut && optIn))) {
        return "You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and"
            + " then re-enabling it with a different mode.";
      }
      if (wantOptOut && wantBcast) {
        return "OPTIN and OPTOUT are not compatible with BCAST";
      }
      on = true;
      bcast = wantBcast;
      optIn = wantOptIn;
      optOut = wantOptOut;
      noLoop = wantNoLoop;
      redirect = wantRedirect;
      prefixes.clear();
      prefixes.addAll(wantPrefixes);
    } else if (mode.equals("off")) {
      on = false;
      bcast = optIn = optOut = noLoop = false;
      redirect = 0;
      prefixes.clear();
      caching = null;
    } else {
      return "syntax error";
    }
    return null;
  }

  /** CLIENT CACHING YES|NO; returns null or Valkey's error text. */
  String caching(String value) {
    if (!on) {
      return "CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or"
          + " OPTOUT mode enabled";
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (v.equals("yes")) {
      if (!optIn) {
        return "CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
      }
      caching = "caching-yes";
    } else if (v.equals("no")) {
      if (!optOut) {
        return "CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";
      }
      caching = "caching-no";
    } else {
      return "syntax error";
    }
    return null;
  }

  /** The CACHING choice applies to the next command that is not a CLIENT command (Valkey). */
  void commandDone(String fullName) {
    if (!fullName.equals("client") && !fullName.startsWith("client|")) {
      caching = null;
    }
  }

  boolean on() {
    return on;
  }

  long redirect() {
    return on ? redirect : -1;
  }

  List<String> flags() {
    List<String> flags = new ArrayList<>();
    if (!on) {
      flags.add("off");
      return flags;
    }
    flags.add("on");
    if (bcast) {
      flags.add("bcast");
    }
    if (optIn) {
      flags.add("optin");
    }
    if (optOut) {
      flags.add("optout");
    }
    if (caching != null) {
      flags.add(caching);
    }
    if (noLoop) {
      flags.add("noloop");
    }
    return flags;
  }

  List<String> prefixes() {
    return List.copyOf(prefixes);
  }
}
