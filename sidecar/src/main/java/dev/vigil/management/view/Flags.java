package dev.vigil.management.view;

/** Reads Sentinel's comma-separated flags strings ({@code master,s_down,o_down}). */
public final class Flags {
  private Flags() {}

  public static boolean has(String flags, String flag) {
    if (flags == null) {
      return false;
    }
    for (String f : flags.split(",")) {
      if (f.equals(flag)) {
        return true;
      }
    }
    return false;
  }
}
