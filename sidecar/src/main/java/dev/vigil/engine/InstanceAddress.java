package dev.vigil.engine;

/**
 * How an instance given by {@code given} is kept (spec §12, {@code createSentinelAddr}).
 *
 * @param host the address it is kept and compared under ({@link Instance#host})
 * @param hostname the name it was given by, or null when given by IP or without {@code
 *     resolve-hostnames}
 * @param unresolved the name did not resolve and is shown as {@code ""}
 */
record InstanceAddress(String host, String hostname, boolean unresolved) {}
