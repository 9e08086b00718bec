package dev.vigil.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-{@code sentinel} directives of the file that the sidecar itself uses (the RESP listener,
 * ACL, logging), with Sentinel's defaults ({@code initSentinelConfig}: port 26379, protected-mode
 * no).
 *
 * @param port listening port (default 26379)
 * @param bind addresses to listen on (default {@code * -::*}: every IPv4 address, and every IPv6
 *     address if available)
 * @param dir absolute working directory; relative paths in the file are relative to it
 * @param logfile "" logs to standard output
 * @param loglevel debug, verbose, notice, warning or nothing
 * @param requirepass password of the {@code default} user, null when unset
 * @param aclfile "" when unset
 * @param userDirectives the arguments (after {@code user}) of every {@code user} line, in order
 * @param renameCommands the arguments (after {@code rename-command}) of every server-level {@code
 *     rename-command} line, in order
 * @param otherDirectives every other accepted server directive (lower-case name to the arguments of
 *     its last occurrence), for adapters that need one (for example {@code tls-port})
 */
public record ServerOptions(
    int port,
    List<String> bind,
    String dir,
    String logfile,
    String loglevel,
    String requirepass,
    boolean protectedMode,
    boolean daemonize,
    String pidfile,
    String aclfile,
    List<List<String>> userDirectives,
    List<List<String>> renameCommands,
    Map<String, List<String>> otherDirectives) {

  public static final int DEFAULT_PORT = 26379;
  public static final List<String> DEFAULT_BIND = List.of("*", "-::*");
  public static final List<String> LOG_LEVELS =
      List.of("debug", "verbose", "notice", "warning", "nothing");

  public ServerOptions {
    bind = List.copyOf(bind);
    userDirectives = userDirectives.stream().map(List::copyOf).toList();
    renameCommands = renameCommands.stream().map(List::copyOf).toList();
    otherDirectives = Collections.unmodifiableMap(new LinkedHashMap<>(otherDirectives));
  }

  /** Sentinel's defaults, with {@code dir} the given absolute directory. */
  public static ServerOptions defaults(String dir) {
    return new ServerOptions(
        DEFAULT_PORT,
        DEFAULT_BIND,
        dir,
        "",
        "notice",
        null,
        false,
        false,
        null,
        "",
        List.of(),
        List.of(),
        Map.of());
  }

  /** A copy with another log level ({@code SENTINEL CONFIG SET loglevel}). */
  public ServerOptions withLoglevel(String level) {
    return new ServerOptions(
        port,
        bind,
        dir,
        logfile,
        level,
        requirepass,
        protectedMode,
        daemonize,
        pidfile,
        aclfile,
        userDirectives,
        renameCommands,
        otherDirectives);
  }
}
