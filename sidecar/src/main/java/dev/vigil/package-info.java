/** Vigil: a Sentinel-compatible high-availability sidecar for Valkey. */
package dev.vigil;
