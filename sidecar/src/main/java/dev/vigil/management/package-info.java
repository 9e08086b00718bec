/**
 * The management plane around the engine: MXBeans registered from the engine's immutable snapshot
 * (through the {@link dev.vigil.management.view} records), event notifications, the Jolokia HTTP
 * agent with two roles, the remote JMX connector, and Dropwizard metrics with the Prometheus and
 * health HTTP endpoint. Nothing here mutates engine state: reads use snapshots, writes are queued
 * through {@link dev.vigil.management.ManagementOperations}.
 */
package dev.vigil.management;
